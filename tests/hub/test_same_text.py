"""The same text typed on two laptops is no conflict (hub/push.py): only the time may differ.

In hub.push's mutation selection (tools/mutate.py) beside test_sync.py; the helpers are the few
lines of test_conflicts.py they need, so the selection stays two files.
"""

from __future__ import annotations

from sqlalchemy import Engine

from opvoed_desktop.hub import conflicts
from opvoed_desktop.hub.sync import sync
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import Database
from opvoed_desktop.storage import models as m
from tests.hub.helpers import content, laptop_content


def _shared(db: Database) -> str:
    meeting_id = MeetingService(db).create_meeting("Gedeeld", municipality="Schiedam")
    set_shared(db, [meeting_id], True)
    return meeting_id


def _both(hub: Engine, a: Database, b: Database) -> None:
    sync(a, hub, device_name="laptop-a")
    sync(b, hub, device_name="laptop-b")


def _converged(hub: Engine, *laptops: Database) -> None:
    with hub.connect() as conn:
        on_hub = content(conn)
    for db in laptops:
        assert laptop_content(db) == on_hub


def _row(db: Database, model: type, row_id: str) -> object | None:
    with db.session() as s:
        return s.get(model, row_id)


def test_the_same_text_typed_on_both_laptops_is_no_conflict(hub: Engine, laptops: tuple[Database, Database]) -> None:
    """Two facilitators correct a note the same way a minute apart: nothing to choose between, so no
    conflict copy on either laptop, and both laptops and the hub end with the same row, time included."""
    a, b = laptops
    meeting = _shared(a)
    note = MeetingService(a).add_note(meeting, "begin")
    _both(hub, a, b)
    MeetingService(a).update_note(note, "Volgende keer met tolk")
    MeetingService(b).update_note(note, "Volgende keer met tolk")  # later, the same words
    _both(hub, a, b)
    sync(a, hub, device_name="laptop-a")
    assert conflicts.list_conflicts(a) == [] and conflicts.list_conflicts(b) == []
    _converged(hub, a, b)
    for db in (a, b):
        assert _row(db, m.Note, note).text == "Volgende keer met tolk"  # type: ignore[union-attr]
    assert sync(a, hub).as_dict() == sync(b, hub).as_dict()  # nothing left to send or fetch


def test_the_same_text_with_another_field_changed_is_still_a_conflict(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """Only the time may differ: the same words put under an agenda item on one laptop are two
    versions, and the copy keeps both."""
    a, b = laptops
    meeting = _shared(a)
    item = MeetingService(a).add_agenda_item(meeting, "own", "Welkom", 10)
    note = MeetingService(a).add_note(meeting, "begin")
    _both(hub, a, b)
    MeetingService(a).update_note(note, "zelfde woorden")
    MeetingService(b).update_note(note, "zelfde woorden")
    with b.write() as s:
        s.get(m.Note, note).agenda_item_id = item  # type: ignore[union-attr]
    _both(hub, a, b)
    (view,) = conflicts.list_conflicts(b)
    assert view.local_text == view.hub_text == "zelfde woorden"
    assert view.kept == conflicts.LOCAL  # B's change is the later one
    assert _row(b, m.Note, note).agenda_item_id == item  # type: ignore[union-attr]


def test_a_note_typed_the_same_on_both_laptops_holds_back_nothing_after_it(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """B sends the same words A already sent and, after them in the same sync, a note of its own
    change: that change reaches the hub and A in this round, not a sync later."""
    a, b = laptops
    meeting = _shared(a)
    same = MeetingService(a).add_note(meeting, "begin")  # made first: first in what B sends
    other = MeetingService(a).add_note(meeting, "tweede")
    _both(hub, a, b)
    MeetingService(a).update_note(same, "Volgende keer met tolk")
    MeetingService(b).update_note(same, "Volgende keer met tolk")
    MeetingService(b).update_note(other, "Alleen op B aangevuld")
    _both(hub, a, b)
    sync(a, hub, device_name="laptop-a")
    assert _row(a, m.Note, other).text == "Alleen op B aangevuld"  # type: ignore[union-attr]
    assert conflicts.list_conflicts(a) == [] and conflicts.list_conflicts(b) == []
    _converged(hub, a, b)
