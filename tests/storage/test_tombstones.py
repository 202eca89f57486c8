"""Every deletion for good through the services leaves a tombstone (table, id, time; no text) in the
same transaction; trashing does not; a failed deletion leaves none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, migrate, open_database
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import utcnow


def stones(db: Database) -> list[tuple[str, str]]:
    with db.session() as s:
        return sorted((t.table_name, t.row_id) for t in s.scalars(select(m.Tombstone)))


def test_tombstone_columns_are_ids_and_a_time_only() -> None:
    # Plus the hub's bookkeeping (sequence numbers and a device id): still nothing of the row's text.
    assert [c.name for c in m.Tombstone.__table__.columns] == [
        "id", "table_name", "row_id", "deleted_at", "server_seq", "base_seq", "updated_by"
    ]


DELETES: dict[str, tuple[Callable[[MeetingService, str], str], str]] = {
    "note": (lambda s, mid: s.add_note(mid, "tekst"), "delete_note"),
    "strength": (lambda s, mid: s.add_strength(mid, "formal", "tekst"), "delete_strength"),
    "agreement": (lambda s, mid: s.add_agreement(mid, "tekst"), "delete_agreement"),
    "wish": (lambda s, mid: s.add_wish(mid, "tekst"), "delete_wish"),
    "evaluation": (lambda s, mid: s.add_evaluation(mid, "ouders", 3), "delete_evaluation"),
    "agenda_item": (lambda s, mid: s.add_agenda_item(mid, "own", "punt"), "remove_agenda_item"),
    "contact": (lambda s, mid: s.add_contact("Gouda", "CJG"), "delete_contact"),
}


@pytest.mark.parametrize("table", sorted(DELETES))
def test_each_delete_leaves_a_tombstone(service: MeetingService, db: Database, table: str) -> None:
    meeting = service.create_meeting("B")
    make, method = DELETES[table]
    row = make(service, meeting)
    assert stones(db) == []
    before = utcnow()
    getattr(service, method)(row)
    assert stones(db) == [(table, row)]
    with db.session() as s:
        (stone,) = s.scalars(select(m.Tombstone))
        assert before <= stone.deleted_at <= utcnow()


def test_replacing_the_agenda_leaves_tombstones_for_the_old_items(service: MeetingService, db: Database) -> None:
    meeting = service.create_meeting("B")
    old = service.plan_agenda(meeting, [("own", None, "a", 5), ("pause", None, "b", 5)])
    service.plan_agenda(meeting, [("own", None, "c", 5)])
    assert stones(db) == sorted(("agenda_item", i) for i in old)


def test_a_meeting_deleted_for_good_leaves_tombstones_for_all_its_rows(service: MeetingService, db: Database) -> None:
    meeting = service.create_meeting("B")
    item = service.add_agenda_item(meeting, "own", "punt")
    rows = {
        ("agenda_item", item),
        ("note", service.save_item_note(meeting, item, "x")),
        ("participant_group", service.set_participants(meeting, "formal", 2)),
        ("strength", service.add_strength(meeting, "formal", "x")),
        ("agreement", service.add_agreement(meeting, "x")),
        ("wish", service.add_wish(meeting, "x")),
        ("evaluation", service.add_evaluation(meeting, "ouders", 4)),
        ("meeting", meeting),
    }
    other = service.create_meeting("Blijft")
    service.add_note(other, "blijft")
    service.trash_meeting(meeting)
    assert stones(db) == []  # the trash is not a deletion
    service.restore_meeting(meeting)
    service.delete_meeting_permanently(meeting)
    assert set(stones(db)) == rows


def test_deleting_twice_keeps_one_tombstone_with_the_newest_time(db: Database) -> None:
    service = MeetingService(db)
    meeting = service.create_meeting("B")
    note = service.add_note(meeting, "x")
    service.delete_note(note)
    with db.write() as s:  # the same id again (as an import could bring it back), deleted later
        s.add(m.Note(id=note, meeting_id=meeting, text="y"))
    later = utcnow() + timedelta(seconds=1)
    with db.write() as s:
        s.execute(delete(m.Note).where(m.Note.id == note), execution_options={"tombstone_time": later})
    with db.session() as s:
        assert [(t.row_id, t.deleted_at) for t in s.scalars(select(m.Tombstone))] == [(note, later)]


def test_a_failed_deletion_leaves_no_tombstone(service: MeetingService, db: Database) -> None:
    meeting = service.create_meeting("B")
    note = service.add_note(meeting, "x")
    with pytest.raises(RuntimeError), db.write() as s:
        s.delete(s.get(m.Note, note))
        s.flush()
        raise RuntimeError("power cut")
    assert stones(db) == []
    assert [n.id for n in service.get_meeting(meeting).notes] == [note]


def test_rev0001_upgrades_to_0002_with_an_empty_tombstone_table(rev0001_paths: DataPaths) -> None:
    assert sqlite_files.inspect_file(rev0001_paths.database).revision == "0001"
    with open_database(rev0001_paths) as db:
        assert "0002" in migrate.KNOWN_REVISIONS
        assert sqlite_files.inspect_file(db.paths.database).revision == migrate.HEAD
        assert stones(db) == []
        service = MeetingService(db)
        (summary,) = service.list_meetings()
        note = service.get_meeting(summary.id).notes[0].id
        service.delete_note(note)
        assert stones(db) == [("note", note)]
