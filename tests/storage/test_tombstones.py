"""Every deletion for good through the services leaves a tombstone (table, id, time; no text) in the
same transaction; trashing does not; a failed deletion leaves none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, select

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, migrate, open_database, tombstones
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


def test_removing_an_agenda_item_leaves_no_tombstone_for_the_note_under_it(
    service: MeetingService, db: Database
) -> None:
    """The note outlives its item (it becomes a general note): a tombstone for it would delete it on
    every other laptop that imports or syncs."""
    meeting = service.create_meeting("B")
    item = service.add_agenda_item(meeting, "own", "punt")
    note = service.save_item_note(meeting, item, "blijft staan")
    service.remove_agenda_item(item)
    assert stones(db) == [("agenda_item", item)]
    assert [n.text for n in service.get_meeting(meeting).notes] == ["blijft staan"]
    assert ("note", note) not in stones(db)


def _bulk_trash(db: Database, meetings: int, notes: int) -> set[tuple[str, str]]:
    """`meetings` meetings in the trash with `notes` notes each, written in one go (fast)."""
    rows: set[tuple[str, str]] = set()
    with db.write() as s:
        for n in range(meetings):
            meeting = m.Meeting(title=f"Avond {n}", deleted_at=utcnow())
            s.add(meeting)
            s.flush()
            rows.add(("meeting", meeting.id))
            for k in range(notes):
                note = m.Note(meeting_id=meeting.id, text=f"notitie {k}")
                s.add(note)
                s.flush()
                rows.add(("note", note.id))
    return rows


def test_emptying_a_large_trash_leaves_a_tombstone_for_every_row(service: MeetingService, db: Database) -> None:
    """More meetings, and more rows, than one statement asks about at a time (500)."""
    rows = _bulk_trash(db, meetings=620, notes=2)
    kept = service.create_meeting("Niet in de prullenbak")
    service.add_note(kept, "blijft")
    assert service.empty_trash() == 620
    assert set(stones(db)) == rows
    assert len(stones(db)) == 620 * 3


def test_a_meeting_with_many_notes_deleted_for_good_leaves_each_one(service: MeetingService, db: Database) -> None:
    rows = _bulk_trash(db, meetings=1, notes=1100)
    (meeting,) = [key for name, key in rows if name == "meeting"]
    service.delete_meeting_permanently(meeting)
    assert set(stones(db)) == rows


def test_a_deletion_learnt_later_with_an_older_time_keeps_the_newer_one(db: Database) -> None:
    """An import can bring a tombstone older than the one here: the newest time wins either way."""
    service = MeetingService(db)
    meeting = service.create_meeting("B")
    note = service.add_note(meeting, "x")
    service.delete_note(note)
    with db.session() as s:
        (here,) = s.scalars(select(m.Tombstone.deleted_at))
    with db.write() as s:
        tombstones.record(s.connection(), [("note", note)], here - timedelta(days=3))
    with db.session() as s:
        assert list(s.scalars(select(m.Tombstone.deleted_at))) == [here]
    later = here + timedelta(days=2)
    with db.write() as s:
        tombstones.record(s.connection(), [("note", note), ("note", note)], later)
    with db.session() as s:
        assert [(t.row_id, t.deleted_at) for t in s.scalars(select(m.Tombstone))] == [(note, later)]


def test_the_tombstones_are_listed_oldest_first_and_looked_up_by_table(db: Database) -> None:
    """A bundle carries the deletions oldest first (the same deletions always in the same order), and
    an import looks up exactly the rows it brings, however many."""
    t0 = datetime(2026, 2, 1, 10, 0)
    notes = [("note", f"n{k:04d}") for k in range(1200)]
    with db.write() as s:
        tombstones.record(s.connection(), [("wish", "w1")], t0 - timedelta(hours=1))  # oldest, last by name
        tombstones.record(s.connection(), [("note", "a1"), ("meeting", "z9")], t0)  # a tie: by table, then id
        tombstones.record(s.connection(), notes, t0 + timedelta(hours=1))
        tombstones.record(s.connection(), [("agenda_item", "a0")], t0 + timedelta(hours=2))  # newest, first by name
    with db.session() as s:
        listed = tombstones.all_tombstones(s)
        asked = [*notes[1:], ("meeting", "z9"), ("note", "bestaat-niet"), ("agreement", "z9")]
        found = tombstones.local(s, asked)
    assert listed[:3] == [("wish", "w1", t0 - timedelta(hours=1)), ("meeting", "z9", t0), ("note", "a1", t0)]
    assert listed[3:] == [(*pair, t0 + timedelta(hours=1)) for pair in notes] + [
        ("agenda_item", "a0", t0 + timedelta(hours=2))
    ]
    # Exactly the pairs asked about that have a tombstone (not n0000, a1, w1 or a0), each with its time.
    assert found == {pair: t0 + timedelta(hours=1) for pair in notes[1:]} | {("meeting", "z9"): t0}


def test_recording_nothing_writes_nothing(db: Database) -> None:
    with db.write() as s:
        assert tombstones.record(s.connection(), []) == 0
        assert tombstones.record_many(s.connection(), []) == 0
    assert stones(db) == []


def test_a_meeting_deleted_through_the_session_leaves_tombstones_for_its_rows(
    service: MeetingService, db: Database
) -> None:
    """The other way to delete (the ORM's `session.delete`) records what the database cascades to as
    well: without them the notes would come back from the next bundle."""
    meeting = service.create_meeting("B")
    rows = {
        ("meeting", meeting),
        ("note", service.add_note(meeting, "x")),
        ("wish", service.add_wish(meeting, "y")),
        ("agreement", service.add_agreement(meeting, "z")),
    }
    with db.write() as s:
        s.delete(s.get(m.Meeting, meeting))
    assert set(stones(db)) == rows
