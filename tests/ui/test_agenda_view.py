"""Planning an agenda: templates, clock times, fit, reorder by keyboard and drag, printing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt, QTime
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from opvoed_desktop.content import Library
from opvoed_desktop.services.presenting import AgendaItem
from opvoed_desktop.ui.agenda_model import MINUTES, TIME, TITLE
from opvoed_desktop.ui.agenda_view import AgendaView
from opvoed_desktop.ui.screens import ScreenInfo, choose_audience, console_screen


@pytest.fixture
def view(qtbot: QtBot, library: Library) -> Iterator[AgendaView]:
    widget = AgendaView(library)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    yield widget


def titles(view: AgendaView) -> list[str]:
    return [item.title for item in view.plan.items]


def test_template_gives_clock_times_and_fit(view: AgendaView) -> None:
    assert view.plan.title == "Eerste kennismaking in een uur"
    model = view.model
    assert model.data(model.index(0, TIME)) == "19:00–19:05"
    view.start_time.setTime(QTime(13, 30))
    assert model.data(model.index(0, TIME)) == "13:30–13:35"
    assert model.data(model.index(1, TIME)) == "13:35–14:10"
    assert view.available.value() == 60
    assert view.fit_label.property("fits") is True
    view.add_item(AgendaItem("pause", "Pauze", 15))
    assert view.fit_label.property("fits") is False
    assert "15" in view.fit_label.text() and "Past niet" in view.fit_label.text()


def test_minutes_editable_and_sessions_restart_the_clock(view: AgendaView) -> None:
    view.template.setCurrentIndex(view.template.findData("programma-twee-bijeenkomsten"))
    model = view.model
    assert model.data(model.index(0, TITLE)) == "Dagdeel 1"
    assert model.setData(model.index(1, MINUTES), "25")
    assert model.data(model.index(2, TIME)) == "19:25–19:30"
    second = titles(view).index("Dagdeel 2")
    assert model.data(model.index(second + 1, TIME)).startswith("19:00")


def test_keyboard_reorder(qtbot: QtBot, view: AgendaView) -> None:
    before = titles(view)
    view.table.setFocus()
    view.select_row(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(view) == [before[1], before[2], before[0], *before[3:]]
    assert view.selected_row() == 2
    qtbot.keyClick(view.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(view)[1] == before[0]
    assert view.model.data(view.model.index(0, TIME)) == "19:00–19:35"  # times follow the new order (A first)


def test_drag_reorder(view: AgendaView) -> None:
    model = view.model
    before = titles(view)
    data = model.mimeData([model.index(0, TITLE)])
    # Dropped between rows 3 and 4: the first item lands third… in the new order, index 2.
    handled = model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert handled is False  # the view must not delete the source row itself
    assert titles(view) == [before[1], before[2], before[0], *before[3:]]
    data = model.mimeData([model.index(3, TITLE)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert titles(view)[0] == before[3]


def test_add_remove_and_content_items(view: AgendaView) -> None:
    count = len(titles(view))
    view.select_row(0)
    view.add_content("oefening-c")
    assert view.plan.items[1].kind == "exercise" and view.plan.items[1].minutes == 30
    view.add_content("voorwaarden")
    assert view.plan.items[2].kind == "background"
    view.remove_selected()
    assert len(titles(view)) == count + 1


def test_print_to_pdf(view: AgendaView, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "agenda.pdf"
    printer.setOutputFileName(str(target))
    view.print_to(printer)
    text = " ".join(page.extract_text() for page in PdfReader(target).pages).replace("\t", " ")
    assert "Eerste kennismaking" in text and "19:00" in text and "Welkom en afspraken voor vandaag" in text


def test_present_button_asks_to_start(qtbot: QtBot, view: AgendaView) -> None:
    with qtbot.waitSignal(view.present_requested) as blocker:
        from PySide6.QtWidgets import QPushButton

        view.findChild(QPushButton, "presentButton").click()
    assert blocker.args == [0]


def _info(name: str, x: int, w: int, primary: bool = False) -> ScreenInfo:
    from PySide6.QtCore import QRect

    return ScreenInfo(name, QRect(x, 0, w, 1080), primary)


def test_choose_audience_screen() -> None:
    laptop, beamer = _info("eDP-1", 0, 1920, primary=True), _info("HDMI-1", 1920, 1280)
    assert choose_audience([laptop, beamer], "eDP-1") == "HDMI-1"
    assert choose_audience([laptop], "eDP-1") == "eDP-1"  # one screen: the room sees it too
    assert choose_audience([laptop, beamer], "eDP-1", preferred="eDP-1") == "eDP-1"
    assert choose_audience([laptop, beamer], "eDP-1", preferred="gone") == "HDMI-1"
    assert choose_audience([], None) is None
    assert console_screen([laptop, beamer], "gone") == "eDP-1"
    assert console_screen([laptop, beamer], "HDMI-1") == "HDMI-1"
