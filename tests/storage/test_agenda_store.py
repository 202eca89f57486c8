"""Saving the agenda the editor shows: ids (and so notes and times) stay with their items."""

from __future__ import annotations

from datetime import datetime

import pytest

from opvoed_desktop.services.agenda_store import AgendaLine
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import InvalidInputError


def test_reorder_change_add_and_remove_keep_ids_notes_and_times(service: MeetingService) -> None:
    mid = service.create_meeting("Avond", starts_at=datetime(2027, 1, 12, 19, 0))
    a, b, c = service.plan_agenda(
        mid, [("own", None, "Welkom", 10), ("exercise", "oefening-a", "A. Beeld", 25), ("own", None, "Afsluiting", 5)]
    )
    service.save_item_note(mid, b, "Over het beeld")
    service.save_item_note(mid, c, "Tot slot")
    service.update_agenda_item(b, actual_start=datetime(2027, 1, 12, 19, 10))
    lines = [
        AgendaLine("exercise", "A. Beeld", 30, "oefening-a", b),
        AgendaLine("pause", "Pauze", 15),
        AgendaLine("own", "Welkom en koffie", 10, None, a),
    ]
    ids = service.save_agenda(mid, lines)
    assert ids[0] == b and ids[2] == a and ids[1] not in (a, b, c)
    detail = service.get_meeting(mid)
    assert [(i.position, i.title, i.planned_minutes) for i in detail.agenda] == [
        (1, "A. Beeld", 30),
        (2, "Pauze", 15),
        (3, "Welkom en koffie", 10),
    ]
    assert detail.agenda[0].actual_start == datetime(2027, 1, 12, 19, 10)
    assert [n.text for n in detail.notes_for(b)] == ["Over het beeld"]
    # The removed item's note is kept as a general note.
    assert [n.text for n in detail.notes_for(None)] == ["Tot slot"]


def test_bad_lines_are_refused_and_nothing_changes(service: MeetingService) -> None:
    mid = service.create_meeting("Avond")
    service.plan_agenda(mid, [("own", None, "Welkom", 10)])
    before = service.get_meeting(mid).agenda
    for bad in (AgendaLine("own", "  ", 5), AgendaLine("own", "X", -1), AgendaLine("party", "X", 5)):
        with pytest.raises(InvalidInputError):
            service.save_agenda(mid, [bad])
    assert service.get_meeting(mid).agenda == before


def test_past_agendas_and_copying_one(service: MeetingService) -> None:
    old = service.create_meeting("Vorige keer", starts_at=datetime(2026, 10, 1, 19, 0))
    service.plan_agenda(old, [("own", None, "Welkom", 10), ("pause", None, "Pauze", 15)])
    service.create_meeting("Zonder agenda", starts_at=datetime(2026, 11, 1, 19, 0))
    new = service.create_meeting("Nieuw", starts_at=datetime(2027, 1, 1, 19, 0))
    assert [p.title for p in service.past_agendas(exclude=new)] == ["Vorige keer"]
    service.save_agenda(new, service.agenda_lines(old))
    assert [(i.title, i.planned_minutes) for i in service.get_meeting(new).agenda] == [("Welkom", 10), ("Pauze", 15)]
    assert {i.id for i in service.get_meeting(new).agenda}.isdisjoint({i.id for i in service.get_meeting(old).agenda})
