"""The Z key's break over any slide, and the welcome slide before the first item (no Qt)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from opvoed_desktop.content import Library
from opvoed_desktop.i18n.catalogs import clear_cache
from opvoed_desktop.services.presenting import AgendaItem, ManualClock, Presentation, build_show, load_room_language
from opvoed_desktop.services.presenting import keys as k
from opvoed_desktop.services.presenting.session import DEFAULT_PAUSE_MINUTES
from opvoed_desktop.services.presenting.show import holding_slide
from tests.presenting.test_presenting_core import AGENDA, Recorder
from tests.presenting.test_room_language import CATALOG, UI_CATALOG


def test_z_shows_the_break_over_the_slide_and_back(small_library: Library) -> None:
    clock = ManualClock()
    p = Presentation(build_show(AGENDA, small_library), clock)
    p.start(1)  # the exercise's first step
    clock.advance(30)  # 19:00:30
    p.toggle_blank("black")
    p.toggle_pause()
    assert p.blank == "none" and p.pause is not None  # the break replaces the black screen
    slide = p.audience()
    assert slide is not None and slide.style == "pause"
    # The agenda's next break lasts 15 minutes; the room is told a whole minute, counted to exactly.
    assert slide.lines[0].text == "We gaan om 19:16 verder"
    assert p.audience_timer().text == "15:30"  # type: ignore[union-attr]
    assert p.pause.resume_at == clock.now().replace(second=0) + timedelta(minutes=16)
    assert p.slide is not None and p.slide.step == 1  # the place in the show is kept
    p.toggle_pause()
    assert p.pause is None and p.audience().title == "Welkom"  # type: ignore[union-attr]
    p.toggle_pause()
    p.next()  # moving on ends the break, as it ends a black screen
    assert p.pause is None and p.index == 2 and p.audience().style == "content"  # type: ignore[union-attr]


def test_break_length_comes_from_the_agenda(small_library: Library) -> None:
    agenda = [*AGENDA[:2], AgendaItem("pause", "Koffie", 10, id="p1"), *AGENDA[3:]]
    p = Presentation(build_show(agenda, small_library), ManualClock())
    p.start(0)
    assert p.pause_minutes() == 10
    p.last()  # after the last break: the usual quarter of an hour
    assert p.pause_minutes() == DEFAULT_PAUSE_MINUTES


def test_break_in_a_translated_room(small_library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "content.po").write_text(CATALOG, encoding="utf-8")
    (folder / "ui.po").write_text(UI_CATALOG, encoding="utf-8")
    clear_cache()
    p = Presentation(build_show(AGENDA, small_library), ManualClock())
    p.set_room(load_room_language("ar", tmp_path))
    p.start(1)
    p.toggle_pause()
    slide = p.audience()
    # Without a translation of the sentence the room sees the time alone, never a Dutch sentence.
    assert slide is not None and (slide.title, slide.lines[0].text) == ("استراحة", "19:15")
    (folder / "ui.po").write_text(UI_CATALOG + '\nmsgid "We gaan om {time} verder"\nmsgstr "نعود في {time}"\n')
    clear_cache()
    p.set_room(load_room_language("ar", tmp_path))
    assert p.audience().lines[0].text == "نعود في 19:15"  # type: ignore[union-attr]


def test_welcome_slide_comes_first_and_starts_no_item(small_library: Library) -> None:
    clock = ManualClock()
    recorder = Recorder()
    welcome = holding_slide("Samen opvoeden in de wijk", "Buurthuis De Brug", "19:00 – 19:46")
    show = build_show(AGENDA, small_library, welcome)
    assert [s.number for s in show.slides] == list(range(1, 8))
    first = show.slides[0]
    assert first.is_holding and first.audience.title == "Samen opvoeden in de wijk"
    assert [line.text for line in first.audience.lines] == ["Buurthuis De Brug", "19:00 – 19:46"]
    assert show.first_slide_of(0) == 1  # "from this item" skips the welcome
    p = Presentation(show, clock, recorder)
    p.start()  # F5: the welcome, while people come in
    assert p.slide is first and p.audience() == welcome
    clock.advance(20 * 60)
    assert recorder.events == [] and p.meeting_clock().meeting_elapsed == 0
    p.next()
    assert [(kind, index) for kind, index, _at in recorder.events] == [("start", 0)]
    assert recorder.events[0][2] == clock.now()  # the first item starts when it is shown
    assert p.meeting_clock().schedule_delta == 0  # waiting for latecomers is not "behind"


@pytest.mark.parametrize(("title", "venue", "when"), [("", "Buurthuis", "19:00"), ("  ", "", "")])
def test_no_welcome_slide_without_a_title(title: str, venue: str, when: str, small_library: Library) -> None:
    assert holding_slide(title, venue, when) is None
    assert not build_show(AGENDA, small_library, holding_slide(title, venue, when)).slides[0].is_holding


def test_z_is_the_pause_key() -> None:
    assert k.KeyInterpreter().feed("Z") == k.Action(k.PAUSE)
    assert any(keys == "Z" for keys, _what in k.help_rows())
