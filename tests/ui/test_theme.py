"""The theme: every text pair 4.5:1, a 2px focus ring 3:1 that is really drawn, and one text size
for the whole app that Ctrl+ / Ctrl− change and the laptop remembers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import build_services
from opvoed_desktop.settings import Settings
from opvoed_desktop.ui import text_size, theme
from opvoed_desktop.ui.meetings.list_model import SAMPLE_COLOUR
from opvoed_desktop.ui.translation_model import _COLOURS as TRANSLATION_STATUS


def wcag(a: str, b: str) -> float:
    """Contrast ratio computed here from the WCAG formula, not with the app's own helper."""

    def lum(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


SURFACES = ("window", "base", "alternate", "button", "tab", "button_hover")


@pytest.mark.parametrize("name", theme.THEMES)
def test_every_text_pair_reaches_4_5_to_1(name: str) -> None:
    c = theme.PALETTES[name]
    pairs = [("text", s) for s in (*SURFACES, "button_pressed", "inactive_highlight")]
    pairs += [("button_text", "button"), ("button_text", "button_hover"), ("button_text", "button_pressed")]
    pairs += [("placeholder", "base"), ("link", "base"), ("link", "window")]
    pairs += [("highlight_text", "highlight"), ("inactive_highlight_text", "inactive_highlight")]
    pairs += [(status, s) for status in ("note", "error", "success") for s in ("window", "base", "alternate")]
    pairs += [("disabled", "base"), ("disabled", "window")]
    low = [(f, b, round(wcag(getattr(c, f), getattr(c, b)), 2)) for f, b in pairs]
    assert [p for p in low if p[2] < 4.5] == []


@pytest.mark.parametrize("name", theme.THEMES)
def test_item_colours_of_the_models_stay_readable_on_rows_selected_elsewhere(name: str) -> None:
    c = theme.PALETTES[name]
    colours = [SAMPLE_COLOUR, *TRANSLATION_STATUS.values()]
    backgrounds = (c.base, c.alternate, c.inactive_highlight)
    assert [(f, b) for f in colours for b in backgrounds if wcag(f, b) < 4.5] == []


@pytest.mark.parametrize("name", theme.THEMES)
def test_focus_ring_stands_out_3_to_1_from_what_it_sits_on(name: str) -> None:
    c = theme.PALETTES[name]
    for surface in (*SURFACES, "inactive_highlight"):
        assert wcag(c.focus, getattr(c, surface)) >= 3.0, surface
    # ... and it is not the selection colour, so focused and selected look different.
    assert wcag(c.focus, c.highlight) >= 1.5 or c.focus != c.highlight


def test_the_console_room_status_is_no_longer_4_28_to_1() -> None:
    assert wcag("#8a6d00", "#efefef") < 4.5  # the colour the issue measured
    for name in theme.THEMES:
        c = theme.PALETTES[name]
        assert wcag(c.note, c.window) >= 4.5


@pytest.fixture
def themed_app(qapp: QApplication) -> Iterator[QApplication]:
    font, palette = QFont(qapp.font()), QPalette(qapp.palette())
    chosen = {name: qapp.property(name) for name in (theme.APP_PROPERTY, text_size.APP_PROPERTY)}
    yield qapp
    qapp.setStyleSheet("")
    qapp.setPalette(palette)
    qapp.setFont(font)
    for name, value in chosen.items():  # the theme and size are the app's, as its palette and font
        qapp.setProperty(name, value)


def ring_pixels(widget: QWidget, colour: str) -> int:
    image = widget.grab().toImage()
    target = QColor(colour)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - target.red())
                + abs(pixel.green() - target.green())
                + abs(pixel.blue() - target.blue())
                < 24
            ):
                count += 1
    return count


@pytest.mark.parametrize("name", theme.THEMES)
def test_a_2px_ring_is_drawn_on_every_kind_of_control_with_focus(
    qtbot: QtBot, themed_app: QApplication, name: str
) -> None:
    theme.apply(themed_app, name)
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    combo = QComboBox()
    combo.addItems(["een", "twee"])
    lst = QListWidget()
    lst.addItems(["een", "twee"])
    controls: list[QWidget] = [
        QPushButton("Opslaan"),
        QLineEdit("tekst"),
        combo,
        QSpinBox(),
        QCheckBox("Timer voor de zaal"),
        lst,
        QPlainTextEdit("notitie"),
    ]
    for control in controls:
        layout.addWidget(control)
    host.resize(300, 500)
    host.show()
    qtbot.waitExposed(host)
    focus = theme.PALETTES[name].focus
    for control in controls:
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(control.hasFocus)
        QApplication.processEvents()
        with_focus = ring_pixels(control, focus)
        # Two pixels all round, less what rounded corners take.
        around = 2 * (control.width() + control.height())
        assert with_focus >= 2 * around * 0.8, (type(control).__name__, with_focus, around)
    controls[0].setFocus()
    QApplication.processEvents()
    assert ring_pixels(controls[1], focus) < 10  # without focus: no ring


def test_text_size_has_five_steps_from_the_system_size(themed_app: QApplication) -> None:
    base = text_size.base_point_size(themed_app)
    sizes = []
    for step in range(len(text_size.STEPS)):
        text_size.apply(themed_app, step)
        sizes.append(themed_app.font().pointSizeF())
    assert len(sizes) >= 4 and sizes == sorted(set(sizes))
    assert sizes[0] == pytest.approx(base, abs=0.1) and sizes[-1] >= 1.5 * base
    assert text_size.apply(themed_app, 99) == text_size.LARGEST and text_size.apply(themed_app, -3) == 0


def test_ctrl_plus_makes_all_text_bigger_and_the_laptop_remembers(
    qtbot: QtBot, themed_app: QApplication, tmp_path: Path
) -> None:
    from opvoed_desktop.ui.application import configure
    from opvoed_desktop.ui.main_window import MainWindow

    services = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    configure(themed_app, services)
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)  # Ctrl+ is a shortcut of the active window
    base = text_size.base_point_size(themed_app)
    label_before = win.tabs.tabBar().font().pointSizeF()
    reader_before = win.library_view.reader.font().pointSizeF()
    for _ in range(2):
        qtbot.keyClick(win.library_view.tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert text_size.current() == 2
    assert win.tabs.tabBar().font().pointSizeF() > label_before  # the whole app, not only the reader
    assert win.library_view.reader.font().pointSizeF() > reader_before
    assert Settings.load(services.data).text_size == 2
    qtbot.keyClick(win.library_view.tree, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert Settings.load(services.data).text_size == 1
    win.view_options.set_theme(theme.HIGH_CONTRAST)
    assert Settings.load(services.data).theme == theme.HIGH_CONTRAST
    # Next start on this laptop: the same look.
    themed_app.setFont(QFont(themed_app.font().family(), int(base)))
    themed_app.setStyleSheet("")
    configure(themed_app, services)
    assert themed_app.font().pointSizeF() == pytest.approx(base * text_size.STEPS[1] / 100, abs=0.1)
    assert theme.PALETTES[theme.HIGH_CONTRAST].focus in themed_app.styleSheet()
    assert "Tekst &groter" in [a.text() for a in win.view_menu.actions()]
