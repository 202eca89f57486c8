"""Presenting always fills a meeting: a stored one read for the show, or one made and named for it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

import pytest
from babel.dates import format_date

from opvoed_desktop.content import Library
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.own_programmes import load_own, save_own
from opvoed_desktop.services.presenting import AgendaItem, AgendaPlan, ManualClock, Presentation, build_show
from opvoed_desktop.services.presenting.meeting_show import (
    meeting_show,
    new_meeting_for_show,
    new_meeting_from_programme,
    new_meeting_title,
    programme_for_new_meeting,
)
from opvoed_desktop.services.presenting.notes import PendingMeeting
from opvoed_desktop.storage import open_database
from tests.presenting.test_presenting_core import AGENDA

NOW = datetime(2026, 12, 9, 19, 4, 31)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[MeetingService]:
    database = open_database(DataPaths(tmp_path / "data"))
    yield MeetingService(database)
    database.close()


def test_a_stored_meeting_with_its_welcome_slide(service: MeetingService) -> None:
    meeting_id = service.create_meeting("Avond in de moskee", starts_at=datetime(2026, 12, 9, 19, 0), venue="Al Fath")
    service.plan_agenda(
        meeting_id,
        [
            ("own", None, "Welkom", 10),
            ("pause", None, "Pauze", 15),
            ("session", None, "Dag 2", 0),
            ("own", None, "b", 5),
        ],
    )
    shown = meeting_show(service, meeting_id)
    stored = service.get_meeting(meeting_id).agenda
    assert [i.id for i in shown.items] == [a.id for a in stored] and not shown.created
    assert shown.holding is not None and shown.holding.title == "Avond in de moskee"
    # The first session's end, not the whole agenda's: day 2 is another evening.
    assert [line.text for line in shown.holding.lines] == ["Al Fath", "19:00 – 19:25"]


def test_no_date_no_time_on_the_welcome(service: MeetingService) -> None:
    meeting_id = service.create_meeting("Zonder datum")
    service.plan_agenda(meeting_id, [("own", None, "Welkom", 10)])
    holding = meeting_show(service, meeting_id).holding
    assert holding is not None and holding.lines == ()


@pytest.mark.parametrize("locale", ["nl", "ar", "ti"])
def test_new_meeting_is_named_after_the_day(locale: str) -> None:
    title = new_meeting_title(NOW, locale)
    assert title == "Bijeenkomst " + format_date(NOW.date(), "long", locale=locale)  # CLDR is the oracle
    assert new_meeting_title(NOW, "xx-nonsense").endswith("09-12-2026")


def test_new_meeting_for_a_show_holds_the_planned_agenda(service: MeetingService, library: Library) -> None:
    plan = AgendaPlan.from_programme(library.get("programma-kennismaking"), library, time(19, 0))  # type: ignore[arg-type]
    shown = new_meeting_for_show(service, plan.items, now=NOW, locale="nl", programme_id="programma-kennismaking")
    detail = service.get_meeting(shown.meeting_id)
    assert shown.created and detail.title == "Bijeenkomst 9 december 2026"
    assert detail.starts_at == datetime(2026, 12, 9, 19, 4) and detail.programme_id == "programma-kennismaking"
    assert [(a.kind, a.ref, a.title, a.planned_minutes) for a in detail.agenda] == [
        (i.kind, i.ref, i.title, i.minutes) for i in plan.items
    ]


def test_the_programme_for_a_new_meeting(library: Library, tmp_path: Path) -> None:
    first = library.programmes()[0]
    assert programme_for_new_meeting(library, None) is first  # nothing chosen yet
    assert programme_for_new_meeting(library, "programma-deel-3") is library.get("programma-deel-3")
    assert programme_for_new_meeting(library, "oefening-b") is first  # not a programme
    assert programme_for_new_meeting(library, "weg-sinds-vorig-jaar") is first  # gone since
    items = [AgendaItem("own", "Kringgesprek", 40), AgendaItem("pause", "Pauze", 10)]
    save_own(tmp_path, "Ons eigen avondje", items, 90, library)
    own = load_own(tmp_path)
    assert programme_for_new_meeting(library, own[0].id, own) is own[0]
    assert programme_for_new_meeting(Library(root=tmp_path), None) is None


def test_a_new_meeting_from_a_programme_keeps_programme_and_dagdeel(service: MeetingService, library: Library) -> None:
    programme = library.get("programma-dagdeel")
    shown = new_meeting_from_programme(service, library, programme, now=NOW, locale="nl")  # type: ignore[arg-type]
    detail = service.get_meeting(shown.meeting_id)
    assert shown.created and shown.programme_id == "programma-dagdeel" == detail.programme_id
    assert detail.minutes_available == programme.minutes_available > 0  # type: ignore[union-attr]
    assert [a.ref for a in detail.agenda] == [e.ref for e in programme.entries]  # type: ignore[union-attr]


def test_pending_meeting_passes_on_what_came_before_it(service: MeetingService, small_library: Library) -> None:
    items = [AgendaItem(i.kind, i.title, i.minutes, i.ref) for i in AGENDA]  # a programme: no storage ids
    pending = PendingMeeting()
    clock = ManualClock()
    p = Presentation(build_show(items, small_library), clock, pending)
    p.start()
    pending.save(-1, AgendaItem("general", ""), "Algemeen: de zaal was te warm")
    pending.save(0, items[0], "Twee nieuwe vrijwilligers")
    clock.advance(120)
    p.next()  # item 0 ends, item 1 starts — all before the meeting exists
    shown = new_meeting_for_show(service, items, now=NOW, locale="nl")
    pending.attach(*shown.sinks(service), shown.items)
    assert pending.attached and pending.load(0, items[0]) == "Twee nieuwe vrijwilligers"
    clock.advance(60)
    pending.save(1, items[1], "Na het koppelen")
    p.end()
    detail = service.get_meeting(shown.meeting_id)
    ids = [a.id for a in detail.agenda]
    assert sorted((n.agenda_item_id or "", n.text) for n in detail.notes) == sorted(
        [("", "Algemeen: de zaal was te warm"), (ids[0], "Twee nieuwe vrijwilligers"), (ids[1], "Na het koppelen")]
    )
    first, second = detail.agenda[0], detail.agenda[1]
    assert first.actual_start is not None and first.actual_end is not None and second.actual_end is not None
    assert (first.actual_end - first.actual_start).total_seconds() == 120
    assert (second.actual_end - second.actual_start).total_seconds() == 60
    assert detail.agenda[2].actual_start is None
