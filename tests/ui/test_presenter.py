"""The presenter console and the audience window with pytest-qt (offscreen), time by hand."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from opvoed_desktop.content import Library
from opvoed_desktop.services.presenting import AudienceLine, AudienceSlide, ManualClock, MemoryNoteSink, build_show
from opvoed_desktop.ui.audience_canvas import AudienceCanvas
from opvoed_desktop.ui.presenter import PresenterController
from opvoed_desktop.ui.screens import ScreenInfo
from tests.presenting.conftest import MARKER, small_library  # noqa: F401 (fixture)
from tests.presenting.test_presenting_core import AGENDA, Recorder
from tests.presenting.test_room_language import translations  # noqa: F401 (fixture)


@pytest.fixture
def run(qtbot: QtBot, small_library: Library) -> Iterator[PresenterController]:  # noqa: F811
    controller = PresenterController(
        build_show(AGENDA, small_library), small_library, MemoryNoteSink(), Recorder(), ManualClock()
    )
    controller.start()
    qtbot.waitExposed(controller.console)
    yield controller
    if controller.console.isVisible() or controller.audience.isVisible():
        controller.stop()
    for window in (controller.console, controller.audience):
        window.deleteLater()
    controller.deleteLater()


def press(
    qtbot: QtBot, widget: QWidget, *keys: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    for key in keys:
        qtbot.keyClick(widget, key, modifier)
        QApplication.processEvents()  # the console updates one event-loop turn after the beamer


def test_keys_drive_the_show_from_either_window(qtbot: QtBot, run: PresenterController) -> None:
    p = run.presentation
    press(qtbot, run.console, Qt.Key.Key_Right, Qt.Key.Key_PageDown)
    assert p.index == 2
    press(qtbot, run.audience, Qt.Key.Key_Space)
    assert p.index == 3
    press(qtbot, run.console, Qt.Key.Key_Backspace, Qt.Key.Key_PageUp)
    assert p.index == 1
    press(qtbot, run.console, Qt.Key.Key_5, Qt.Key.Key_Return)
    assert p.index == 4
    press(qtbot, run.console, Qt.Key.Key_Home)
    assert p.index == 0
    press(qtbot, run.console, Qt.Key.Key_End)
    assert p.index == 5
    press(qtbot, run.console, Qt.Key.Key_B)
    assert p.blank == "black" and run.audience.canvas.blank == "black"
    press(qtbot, run.console, Qt.Key.Key_Period)
    assert p.blank == "none"
    press(qtbot, run.audience, Qt.Key.Key_Comma)
    assert p.blank == "white"
    press(qtbot, run.console, Qt.Key.Key_F5)
    assert p.index == 0 and p.blank == "none"
    press(qtbot, run.console, Qt.Key.Key_Down, Qt.Key.Key_Down)
    press(qtbot, run.console, Qt.Key.Key_F5, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert p.index == 1  # first slide of the current item (the exercise)


def test_timer_keys_and_display(qtbot: QtBot, run: PresenterController) -> None:
    p = run.presentation
    clock = p.clock
    assert isinstance(clock, ManualClock)
    press(qtbot, run.console, Qt.Key.Key_Right, Qt.Key.Key_S)
    assert p.countdown.running
    clock.advance(4 * 60 + 1)
    run._tick()
    assert run.console.timer_label.text() == "00:59"
    assert "ffb300" in run.console.timer_label.styleSheet()  # amber
    press(qtbot, run.console, Qt.Key.Key_Plus)
    press(qtbot, run.console, Qt.Key.Key_T)
    run._tick()
    assert run.audience.canvas.timer is not None and run.audience.canvas.timer.text == "01:59"
    clock.advance(180)
    run._tick()
    assert run.audience.canvas.timer.text == "+01:01" and run.audience.canvas.timer.level == "red"
    press(qtbot, run.console, Qt.Key.Key_R)
    assert not p.countdown.running and p.countdown.remaining == 300


def test_quick_note_autosaves_within_a_second_and_keys_stay_in_the_note(qtbot: QtBot, run: PresenterController) -> None:
    sink = run.console.notes
    assert isinstance(sink, MemoryNoteSink)
    press(qtbot, run.console, Qt.Key.Key_Right)
    press(qtbot, run.console, Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
    assert run.console.focusWidget() is run.console.note
    qtbot.keyClicks(run.console.note, "b. Wat ouders zeiden")
    assert run.presentation.blank == "none" and run.presentation.index == 1  # typing is not a command
    qtbot.waitUntil(lambda: sink.notes.get(1) == "b. Wat ouders zeiden", timeout=1000)
    press(qtbot, run.console.note, Qt.Key.Key_Escape)
    assert run.console.focusWidget() is not run.console.note and not run.presentation.ended
    press(qtbot, run.console, Qt.Key.Key_Right, Qt.Key.Key_Right)  # into the pause: another item
    assert run.console.note.toPlainText() == ""
    press(qtbot, run.console, Qt.Key.Key_Left)
    assert run.console.note.toPlainText() == "b. Wat ouders zeiden"


def test_console_shows_guidance_next_and_clocks(qtbot: QtBot, run: PresenterController) -> None:
    press(qtbot, run.console, Qt.Key.Key_Right)
    html = run.console.guidance.toPlainText()
    assert f"{MARKER}-instructie" in html and f"{MARKER}-tip" in html
    assert "stap 2: \u2068Gesprek\u2069" in run.console.next_label.text()  # the title isolated (bidi)
    assert run.console.next_view.slide is not None and run.console.next_view.slide.title == "In tweetallen"
    run.presentation.clock.advance(90)  # type: ignore[attr-defined]
    run._tick()
    assert "01:30" in run.console.item_clock.text()
    assert run.console.time_of_day.text() == "19:01"
    assert run.console.overview.count() > len(run.presentation.show.slides)  # with item headings


def test_overview_click_jumps(qtbot: QtBot, run: PresenterController) -> None:
    overview = run.console.overview
    row = next(i for i in range(overview.count()) if overview.item(i).data(Qt.ItemDataRole.UserRole) == 5)
    run.console._overview_clicked(overview.item(row))
    assert run.presentation.index == 4


def _texts(root: QObject) -> list[str]:
    found: list[str] = [root.objectName(), getattr(root, "windowTitle", lambda: "")()]
    for child in root.findChildren(QObject):
        for getter in ("text", "toPlainText", "toolTip", "windowTitle", "accessibleName", "placeholderText"):
            value = getattr(child, getter, None)
            if callable(value):
                try:
                    result = value()
                except TypeError:
                    continue
                if isinstance(result, str):
                    found.append(result)
    return found


@pytest.mark.parametrize("room", ["nl", "ar"])
def test_audience_never_receives_private_text(
    qtbot: QtBot,
    run: PresenterController,
    room: str,
    translations: Path,  # noqa: F811
) -> None:
    if room != "nl":
        # The translated path: the catalog even translates the private texts (with the marker).
        run.translations_dir = translations
        run.set_room_language(room)
        assert run.audience.canvas.rtl
    qtbot.keyClick(run.console, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(run.console.note, f"{MARKER}-notitie")
    run.console.note.flush()
    seen: list[str] = []
    console: list[str] = []
    for _ in run.presentation.show.slides:
        run.console.setFocus()
        seen += run.audience.canvas.visible_text() + _texts(run.audience)
        console += _texts(run.console)
        run.audience.grab()  # paint it for real
        press(qtbot, run.console, Qt.Key.Key_Right)
    assert any(("Welkom" if room == "nl" else "أهلاً") in t for t in seen)
    assert not [t for t in seen if MARKER in t]
    assert not [t for t in seen if "concept-vertaling" in t]
    assert not run.audience.findChildren(QLabel) and not run.audience.findChildren(QAbstractButton)
    # The check itself works: the console does show the same private texts.
    assert {f"{MARKER}-instructie", f"{MARKER}-tip", f"{MARKER}-notitie"} <= {
        word for t in console for word in t.split() if MARKER in word
    }


def test_help_overlay_and_end(qtbot: QtBot, run: PresenterController) -> None:
    press(qtbot, run.console, Qt.Key.Key_F1)
    assert run.console.help.isVisible() and "Ctrl+N" in run.console.help.text()
    press(qtbot, run.console, Qt.Key.Key_X)
    assert not run.console.help.isVisible()
    with qtbot.waitSignal(run.finished, timeout=2000):
        press(qtbot, run.console, Qt.Key.Key_Escape)
    assert not run.console.isVisible() and not run.audience.isVisible()


def test_font_size_control_and_fit(qtbot: QtBot, run: PresenterController) -> None:
    run.do("bigger")
    assert run.audience.canvas.scale == pytest.approx(1.1)
    for size in ((1024, 768), (3840, 2160), (640, 360)):
        run.audience.canvas.resize(*size)
        run.audience.canvas.grab()
    run.do("smaller")
    run.do("smaller")
    assert run.audience.canvas.scale == pytest.approx(0.9)


def test_room_language_is_chosen_in_the_console(qtbot: QtBot, run: PresenterController, translations: Path) -> None:  # noqa: F811
    run.translations_dir = translations
    controls = run.console.room_controls
    assert controls.language.count() == 1  # filled after the first slide, or when opened
    controls.language.showPopup()
    controls.language.hidePopup()
    assert controls.language.currentData() == "nl" and controls.language.count() == 2
    assert controls.language.itemText(1) == "العربية"  # named in its own language
    press(qtbot, run.console, Qt.Key.Key_Right)
    controls.language.activated.emit(1)
    QApplication.processEvents()
    assert run.presentation.room.code == "ar" and run.audience.canvas.slide.title == "أهلاً"  # type: ignore[union-attr]
    assert run.audience.canvas.rtl and run.console.current_view.rtl
    assert run.console.current_view.slide.title == "أهلاً"  # type: ignore[union-attr]
    # The next slide is rendered ahead in the room's language, so the key press only blits it.
    upcoming = run.presentation.public(run.presentation.next_slide.audience)  # type: ignore[union-attr]
    # (Offscreen is one screen: the console's preview is the room's view until Tab shows it full-screen.)
    assert upcoming.title == "في أزواج" and any(key[0] == upcoming for key in run.console.current_view._pixmaps)
    # The facilitator's side stays Dutch; the draft marker is for the console only.
    assert "Vertel wat we gaan doen" in run.console.guidance.toPlainText()
    assert run.console.room_state.text() == "concept-vertaling"
    assert "concept-vertaling" not in " ".join(run.audience.canvas.visible_text())
    assert run.console.layoutDirection() == Qt.LayoutDirection.LeftToRight
    press(qtbot, run.console, Qt.Key.Key_Right)
    assert run.console.room_state.text() == ""  # "In tweetallen": checked translation
    controls.language.activated.emit(0)
    QApplication.processEvents()
    assert run.audience.canvas.slide.title == "In tweetallen" and not run.audience.canvas.rtl  # type: ignore[union-attr]


def test_arrows_follow_the_layout_direction(run: PresenterController) -> None:
    console = run.console
    assert console.previous_button.text() == "◀ Vorige" and console.next_button.text() == "Volgende ▶"
    console.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert console.previous_button.text() == "▶ Vorige" and console.next_button.text() == "Volgende ◀"
    console.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    assert console.previous_button.text().startswith("◀")


def test_screen_choice_only_with_two_screens(run: PresenterController) -> None:
    controls = run.console.room_controls
    assert not controls.screen.isVisibleTo(run.console)  # offscreen: one screen
    two = [ScreenInfo("LAPTOP", QRect(0, 0, 1280, 800), True), ScreenInfo("HDMI-1", QRect(1280, 0, 1920, 1080), False)]
    controls.offer_screens(two, None)
    assert controls.screen.isVisibleTo(run.console) and controls.screen.count() == 3
    assert controls.screen.itemText(2) == "HDMI-1 (1920×1080)"
    chosen: list[str] = []
    controls.audience_screen_chosen.connect(chosen.append)
    controls.screen.activated.emit(2)
    controls.screen.activated.emit(0)
    assert chosen == ["HDMI-1", ""]
    run.choose_screen("HDMI-1")  # not present here: the app falls back to the screens it has
    assert run.preferred_screen == "HDMI-1" and run.console.isVisible() and run.single_screen


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768), (3840, 2160), (640, 360)])
@pytest.mark.parametrize("rtl", [False, True])
def test_picture_fits_beside_or_below_the_text(qtbot: QtBot, tmp_path: Path, size: tuple[int, int], rtl: bool) -> None:
    picture = QImage(800, 500, QImage.Format.Format_RGB32)
    picture.fill(QColor("#ff0000"))
    path = tmp_path / "rood.png"
    picture.save(str(path))
    canvas = AudienceCanvas()
    qtbot.addWidget(canvas)
    canvas.set_rtl(rtl)
    canvas.resize(*size)
    lines = (AudienceLine("Kennismaken en naar elkaar verwijzen", True), AudienceLine("Samen doen", True))
    slide = AudienceSlide("Van kennismaken tot partnerschap", lines, "Waar staan we?", image=path)
    canvas.show_slide(slide, "none", None)
    area = QRectF(canvas.rect()).adjusted(size[0] * 0.06, size[1] * 0.07, -size[0] * 0.06, -size[1] * 0.07)
    blocks, box = canvas._arrange(slide, area)
    assert box is not None and area.adjusted(-1, -1, 1, 1).contains(box)
    assert box.width() / box.height() == pytest.approx(1.6, rel=0.01)  # never stretched
    for block in blocks:
        assert area.adjusted(-1, -1, 1, 1).contains(block.rect)
        assert not block.rect.intersects(box.adjusted(1, 1, -1, -1))
    beside = box.top() < blocks[-1].rect.bottom()
    assert beside == (size[0] / size[1] > 1.5)  # wide screens beside, squarer ones below
    if beside:
        assert (box.center().x() < area.center().x()) == rtl  # mirrored in right-to-left rooms
    image = canvas.grab().toImage()
    centre = box.center().toPoint()
    assert image.pixelColor(centre) == QColor("#ff0000")
    assert image.pixelColor(1, 1) != QColor("#ff0000")


def test_only_the_slides_a_key_reaches_stay_rendered(qtbot: QtBot, run: PresenterController) -> None:
    """Memory: the room's canvas keeps the current, next and previous slides rendered (a key press
    only blits) and frees the others; stepping renders only the new neighbour."""
    from opvoed_desktop.ui import audience_canvas

    p = run.presentation
    canvas = run.console.current_view  # offscreen is one screen: the preview is the room's view
    steps = [Qt.Key.Key_Right] * (len(p.show.slides) - 1) + [Qt.Key.Key_Left] * (len(p.show.slides) - 1)
    assert len(steps) >= 6
    canvas.setFixedSize(320, 240)  # the console's layout may resize its preview between slides
    press(qtbot, run.console, Qt.Key.Key_Right, Qt.Key.Key_Home)  # first and second at that size
    left_live = False  # the slide just left showed a live text (a pause's "we go on at …")
    for key in steps:
        before = {key: pixmap.cacheKey() for key, pixmap in canvas._pixmaps.items()}
        press(qtbot, run.console, key)
        QApplication.processEvents()
        kept = {k[0] for k in canvas._pixmaps}
        reachable = [canvas.slide] + ([p.public(p.next_slide.audience)] if p.next_slide else [])
        if p.index > 0:
            reachable.append(p.public(p.show.slides[p.index - 1].audience))
        assert set(reachable) == kept, p.index  # and nothing a key cannot reach
        assert len(canvas._pixmaps) <= audience_canvas.KEPT_PIXMAPS
        upcoming = run.console.next_view  # not prepared ahead: it keeps only what it shows
        assert {k[0] for k in upcoming._pixmaps} <= {upcoming.slide}, p.index
        # Rendered during this step: new pictures (one dropped and made again is new too).
        rendered = {k[0] for k, pixmap in canvas._pixmaps.items() if before.get(k) != pixmap.cacheKey()}
        live = canvas.slide != p.public(p.slide.audience)
        if not live:
            assert canvas.slide not in rendered, p.index  # prepared ahead: the key only blitted
        # Only the new neighbour (and the one just left if the live text had taken its place).
        assert len(rendered - {canvas.slide}) <= (2 if left_live else 1), p.index
        left_live = live


def test_canvases_share_one_decoded_picture_and_keep_few(qtbot: QtBot, tmp_path: Path) -> None:
    """Memory: the room's canvas and the console's views decode a picture once between them, keep
    at most KEPT_IMAGES, and read a picture replaced on disk anew."""
    from opvoed_desktop.ui import audience_canvas

    canvases = [AudienceCanvas(), AudienceCanvas()]
    for canvas, size in zip(canvases, [(960, 540), (320, 180)], strict=True):
        qtbot.addWidget(canvas)
        canvas.resize(*size)
    slides = []
    for index, colour in enumerate(["#ff0000", "#00ff00", "#0000ff"]):
        picture = QImage(400 + index, 250, QImage.Format.Format_RGB32)
        picture.fill(QColor(colour))
        path = tmp_path / f"p{index}.png"
        picture.save(str(path))
        slides.append(AudienceSlide(f"Dia {index}", (AudienceLine("tekst", True),), None, image=path))
    audience_canvas._IMAGES.clear()
    for canvas in canvases:
        canvas._pixmap(slides[0], False)
    assert len(audience_canvas._IMAGES) == 1  # one decoded copy for both canvases
    for slide in slides:
        for canvas in canvases:
            canvas._pixmap(slide, False)
        assert len(audience_canvas._IMAGES) <= audience_canvas.KEPT_IMAGES
    assert {key[0] for key in audience_canvas._IMAGES} == {slides[1].image, slides[2].image}
    replaced = QImage(400, 250, QImage.Format.Format_RGB32)
    replaced.fill(QColor("#ffffff"))
    replaced.save(str(slides[2].image))
    os.utime(slides[2].image, ns=(1, 1))  # another modification time, whatever the clock's grain
    shown = canvases[0]._image(slides[2].image)
    assert shown is not None and shown.width() == 400 and shown.pixelColor(0, 0) == QColor("#ffffff")


def test_what_a_key_cannot_reach_is_freed_before_the_new_neighbour_is_rendered(
    qtbot: QtBot, run: PresenterController
) -> None:
    """Memory at its peak: never more than the current slide and its two neighbours rendered while
    the next neighbour is drawn (the old one used to be freed only after)."""
    canvas = run.console.current_view  # offscreen is one screen: the preview is the room's view
    canvas.setFixedSize(320, 240)
    press(qtbot, run.console, Qt.Key.Key_Right, Qt.Key.Key_Home)
    held: list[int] = []
    render = canvas._pixmap

    def counting(slide: AudienceSlide, with_timer: bool) -> QPixmap:
        pixmap = render(slide, with_timer)
        held.append(len(canvas._pixmaps))  # after a render: that one included
        return pixmap

    canvas._pixmap = counting  # type: ignore[method-assign]
    for _step in range(len(run.presentation.show.slides) - 1):
        press(qtbot, run.console, Qt.Key.Key_Right)
        QApplication.processEvents()
    assert held and max(held) <= 3, held
    canvas._pixmap = render  # type: ignore[method-assign]
    canvas.setFixedSize(300, 200)  # the preview resized: what was rendered at 320×240 is of no use
    press(qtbot, run.console, Qt.Key.Key_Left)
    QApplication.processEvents()
    assert canvas._pixmaps and {key[1:3] for key in canvas._pixmaps} == {(300, 200)}
