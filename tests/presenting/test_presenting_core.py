"""The presenting core without Qt: agenda, show, navigation, timer, clocks, keys, timings."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time

from opvoed_desktop.content import Library
from opvoed_desktop.content.agenda import agenda_html, fit_text
from opvoed_desktop.services.presenting import (
    AgendaItem,
    AgendaPlan,
    AgendaTimingWriter,
    AudienceSlide,
    Countdown,
    ManualClock,
    MemoryNoteSink,
    Presentation,
    build_show,
    items_from_programme,
)
from opvoed_desktop.services.presenting import keys as k
from opvoed_desktop.services.presenting.timer import format_seconds
from tests.presenting.conftest import MARKER

AGENDA = [
    AgendaItem("own", "Welkom", 10, id="a1"),
    AgendaItem("exercise", "X. Een proef", 15, "oefening-x", id="a2"),
    AgendaItem("pause", "Pauze", 15, id="a3"),
    AgendaItem("background", "Waarom", 6, "achtergrond-x", id="a4"),
]


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, int, datetime]] = []

    def item_started(self, index: int, item: AgendaItem, at: datetime) -> None:
        self.events.append(("start", index, at))

    def item_ended(self, index: int, item: AgendaItem, at: datetime) -> None:
        self.events.append(("end", index, at))


def presentation(library: Library, clock: ManualClock | None = None, recorder: Recorder | None = None) -> Presentation:
    p = Presentation(build_show(AGENDA, library), clock or ManualClock(), recorder)
    p.start()
    return p


# Agenda -----------------------------------------------------------------------------------
def test_schedule_clock_times_and_sessions() -> None:
    plan = AgendaPlan(
        [
            AgendaItem("own", "a", 10),
            AgendaItem("pause", "p", 15),
            AgendaItem("session", "Dag 2"),
            AgendaItem("own", "b", 5),
        ],
        start=time(19, 30),
        minutes_available=30,
    )
    rows = plan.schedule()
    assert [(r.start, r.end) for r in rows] == [
        (time(19, 30), time(19, 40)),
        (time(19, 40), time(19, 55)),
        (time(19, 30), time(19, 30)),
        (time(19, 30), time(19, 35)),
    ]
    assert plan.fit().planned == 30 and plan.fit().fits


def test_fit_and_text() -> None:
    plan = AgendaPlan([AgendaItem("own", "a", 40)], minutes_available=30)
    assert not plan.fit().fits and plan.fit().difference == 10
    assert "Past niet" in fit_text(plan.fit())
    plan.set_minutes(0, 20)
    assert plan.fit().fits and "10 over" in fit_text(plan.fit())


def test_move_insert_remove_are_safe() -> None:
    plan = AgendaPlan([AgendaItem("own", n, 1) for n in "abc"])
    assert plan.move(0, 2) == 2
    assert [i.title for i in plan.items] == ["b", "c", "a"]
    assert plan.move(2, 99) == 2 and plan.move(7, 0) == 7
    plan.remove(9)
    plan.insert(99, AgendaItem("own", "d", 1))
    assert [i.title for i in plan.items] == ["b", "c", "a", "d"]


def test_programme_templates_become_agendas(library: Library) -> None:
    for programme in library.programmes():
        items = items_from_programme(programme, library)
        assert sum(i.minutes for i in items) == programme.minutes_planned
        show = build_show(items, library)
        assert show.slides and all(s.audience.title for s in show.slides)
    plan = AgendaPlan.from_programme(library.get("programma-dagdeel"), library)  # type: ignore[arg-type]
    assert "<table" in agenda_html(plan) and plan.title in agenda_html(plan)


# Show -------------------------------------------------------------------------------------
def test_show_slides_per_kind(small_library: Library) -> None:
    show = build_show(AGENDA, small_library)
    styles = [(s.item_index, s.audience.style, s.audience.title) for s in show.slides]
    assert styles == [
        (0, "title", "Welkom"),
        (1, "content", "Welkom"),
        (1, "content", "In tweetallen"),
        (2, "pause", "Pauze"),
        (3, "content", "Eerste scherm"),
        (3, "content", "Tweede scherm"),
    ]
    assert show.slides[1].step == 1 and show.slides[1].minutes == 5
    assert show.slides[1].audience.question == "Wat wil je vandaag leren?"
    assert show.slides[3].minutes == 15
    assert [n.number for n in show.slides] == [1, 2, 3, 4, 5, 6]


def test_audience_slide_cannot_carry_private_text(small_library: Library) -> None:
    # Structural: the public type has no field for instructions, tips or notes (a picture is a path).
    assert [f.name for f in dataclasses.fields(AudienceSlide)] == ["title", "lines", "question", "style", "image"]
    show = build_show(AGENDA, small_library)
    private = [s for s in show.slides if any(MARKER in repr(b) for b in (*s.instructions, *s.tips))]
    assert private, "the test content must contain the marker in private text"
    assert all(MARKER not in repr(s.audience) for s in show.slides)


# Navigation -------------------------------------------------------------------------------
def test_navigation_and_jump(small_library: Library) -> None:
    p = presentation(small_library)
    p.previous()
    assert p.index == 0
    p.next()
    p.next()
    assert p.index == 2 and p.slide.step == 2  # type: ignore[union-attr]
    p.last()
    p.next()
    assert p.index == 5 and p.at_end
    p.first()
    assert p.index == 0
    assert p.jump(4) and p.index == 3
    assert not p.jump(0) and not p.jump(99) and p.index == 3
    p.start_at_item(3)
    assert p.index == 4


def test_black_and_white_toggle_and_clear_on_move(small_library: Library) -> None:
    p = presentation(small_library)
    p.toggle_blank("black")
    assert p.audience() is None and p.blank == "black"
    p.toggle_blank("white")
    assert p.blank == "white"
    p.toggle_blank("white")
    assert p.blank == "none" and p.audience() is not None
    p.toggle_blank("black")
    p.next()
    assert p.blank == "none"


def test_end_shows_closing_slide(small_library: Library) -> None:
    p = presentation(small_library)
    p.end()
    assert p.ended and p.audience() is not None and p.audience().style == "end"  # type: ignore[union-attr]


# Timer ------------------------------------------------------------------------------------
def test_countdown_levels_and_overrun() -> None:
    clock = ManualClock()
    timer = Countdown(clock, 100)
    assert timer.view().text == "01:40" and timer.level == "normal"
    timer.start()
    clock.advance(79)
    assert timer.level == "normal"
    clock.advance(1)
    assert timer.level == "amber" and timer.view().text == "00:20"
    timer.pause()
    clock.advance(500)
    assert timer.remaining == 20
    timer.start()
    clock.advance(20)
    assert timer.level == "red" and timer.view().text == "+00:00"
    clock.advance(65)
    assert timer.view().text == "+01:05" and timer.level == "red"
    timer.add(120)
    assert timer.view().text == "00:55" and timer.level == "normal"
    timer.reset()
    assert timer.remaining == 220 and not timer.running


def test_format_seconds() -> None:
    assert format_seconds(0.2) == "00:01"
    assert format_seconds(3725) == "1:02:05"
    assert format_seconds(-90, signed=True) == "-01:30"


def test_timer_follows_slides_and_keeps_running(small_library: Library) -> None:
    clock = ManualClock()
    p = presentation(small_library, clock)
    p.next()
    assert p.countdown.total == 5 * 60 and not p.countdown.running
    p.timer_toggle()
    clock.advance(30)
    p.timer_add_minute()
    assert p.countdown.remaining == 330
    p.next()
    assert p.countdown.total == 600 and p.countdown.running and p.countdown.remaining == 600
    p.timer_reset()
    assert not p.countdown.running
    assert p.audience_timer() is None
    p.toggle_timer_on_screen()
    assert p.audience_timer() is not None and p.audience_timer().text == "10:00"  # type: ignore[union-attr]


def test_pause_slide_counts_down_to_the_time_we_go_on(small_library: Library) -> None:
    clock = ManualClock()  # 19:00
    p = presentation(small_library, clock)
    p.jump(4)  # the agenda's 15-minute pause, entered at 19:00 sharp
    slide = p.audience()
    assert slide is not None and slide.style == "pause"
    assert (slide.title, slide.lines[0].text) == ("Pauze", "We gaan om 19:15 verder")
    assert p.audience_timer() == p.timer_view() and p.audience_timer().text == "15:00"  # type: ignore[union-attr]
    clock.advance(14 * 60)
    assert p.audience_timer().level == "amber"  # type: ignore[union-attr]
    p.timer_add_minute()  # "+": one minute later back, and the room is told so
    assert p.audience().lines[0].text == "We gaan om 19:16 verder"  # type: ignore[union-attr]
    assert p.audience_timer().text == "02:00"  # type: ignore[union-attr]
    p.next()
    p.previous()  # back to the pause: the announced time stays
    assert p.audience().lines[0].text == "We gaan om 19:16 verder"  # type: ignore[union-attr]
    clock.advance(3 * 60)
    view = p.audience_timer()
    assert view is not None and view.text == "+01:00" and view.level == "red"


# Clocks and timings -----------------------------------------------------------------------
def test_meeting_clock_ahead_and_behind(small_library: Library) -> None:
    clock = ManualClock()
    p = presentation(small_library, clock)
    clock.advance(5 * 60)  # welcome took 5 of its 10 minutes
    p.next()
    c = p.meeting_clock()
    assert c.meeting_elapsed == 300 and c.item_elapsed == 0
    assert c.schedule_delta == -300  # five minutes ahead
    clock.advance(25 * 60)  # exercise planned 15, takes 25 so far
    c = p.meeting_clock()
    assert c.item_remaining == -600
    assert c.schedule_delta == 300  # five minutes behind
    assert c.meeting_remaining == (46 - 30) * 60


def test_starting_mid_agenda_is_not_ahead(small_library: Library) -> None:
    clock = ManualClock()
    p = Presentation(build_show(AGENDA, small_library), clock)
    p.start_at_item(2)
    assert p.meeting_clock().schedule_delta == 0


def test_timings_recorded_once_per_start_and_last_end(small_library: Library) -> None:
    clock = ManualClock()
    rec = Recorder()
    p = presentation(small_library, clock, rec)
    clock.advance(60)
    p.next()  # into the exercise
    p.next()
    clock.advance(60)
    p.previous()
    p.first()  # back to welcome: no second start
    p.jump(4)
    p.end()
    kinds = [(kind, index) for kind, index, _at in rec.events]
    assert kinds == [
        ("start", 0),
        ("end", 0),
        ("start", 1),
        ("end", 1),
        ("end", 0),
        ("start", 2),
        ("end", 2),
    ]
    assert rec.events[2][2] > rec.events[0][2]


def test_timing_writer_uses_storage_ids_and_naive_utc() -> None:
    calls: list[tuple[str, dict[str, object]]] = []
    writer = AgendaTimingWriter(lambda item_id, **fields: calls.append((item_id, fields)))
    at = ManualClock().now()
    writer.item_started(0, AgendaItem("own", "a", 1, id="id-1"), at)
    writer.item_ended(0, AgendaItem("own", "a", 1), at)  # no id: a programme, nothing stored
    assert len(calls) == 1 and calls[0][0] == "id-1"
    stored = calls[0][1]["actual_start"]
    assert isinstance(stored, datetime) and stored.tzinfo is None


def test_memory_note_sink() -> None:
    sink = MemoryNoteSink()
    item = AgendaItem("own", "a", 1)
    sink.save(0, item, "hallo")
    assert sink.load(0, item) == "hallo" and sink.load(1, item) == ""


# Keys -------------------------------------------------------------------------------------
def test_clicker_and_powerpoint_keys() -> None:
    keys = k.KeyInterpreter()
    for name in ("Right", "Down", "PgDown", "Space", "Return", "Enter"):
        assert keys.feed(name) == k.Action(k.NEXT)
    for name in ("Left", "Up", "PgUp", "Backspace"):
        assert keys.feed(name) == k.Action(k.PREVIOUS)
    assert keys.feed("B") == keys.feed(".") == k.Action(k.BLACK)
    assert keys.feed("W") == keys.feed(",") == k.Action(k.WHITE)
    assert keys.feed("F5") == k.Action(k.START)
    assert keys.feed("Shift+F5") == k.Action(k.START_CURRENT)
    assert keys.feed("Esc") == k.Action(k.END)
    assert keys.feed("Home") == k.Action(k.FIRST) and keys.feed("End") == k.Action(k.LAST)
    assert keys.feed("F1") == keys.feed("?") == k.Action(k.HELP)
    assert keys.feed("Q") is None


def test_number_then_enter_jumps() -> None:
    keys = k.KeyInterpreter()
    assert keys.feed("1") is None and keys.feed("2") is None
    assert keys.feed("Return") == k.Action(k.JUMP, 12)
    assert keys.feed("Return") == k.Action(k.NEXT)
    keys.feed("4")
    keys.feed("7")
    assert keys.feed("Backspace") is None  # corrects the typed number, does not go back
    assert keys.feed("Enter") == k.Action(k.JUMP, 4)
    keys.feed("3")
    assert keys.feed("Right") == k.Action(k.NEXT) and keys.digits == ""


def test_help_lists_every_key_group() -> None:
    text = " ".join(f"{a} {b}" for a, b in k.help_rows())
    for needle in ("PgDn", "Backspace", "F5", "Esc", "Ctrl+N", "B of .", "W of ,", "Enter"):
        assert needle in text


def test_cli_present_unknown_programme_is_one_sentence(tmp_path: object) -> None:
    import io

    from opvoed_desktop.app import main as run

    out, err = io.StringIO(), io.StringIO()
    code = run(["--data-dir", str(tmp_path), "present", "--programme", "bestaat-niet"], out, err)
    assert code == 1
    assert "bestaat-niet" in err.getvalue() and "programma-dagdeel" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_cli_present_needs_programme_or_meeting(capsys: object) -> None:
    import pytest

    from opvoed_desktop.app import main as run

    with pytest.raises(SystemExit) as exc:
        run(["present"])
    assert exc.value.code == 2
