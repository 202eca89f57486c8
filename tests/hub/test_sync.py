"""Two laptops and a real PostgreSQL hub: offline edits, sync, conflicts, deletions, interruptions."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from opvoed_desktop.hub.identity import device_id
from opvoed_desktop.hub.results import Progress, SyncResult
from opvoed_desktop.hub.rows import TOMBSTONE
from opvoed_desktop.hub.sync import sync
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import Database
from opvoed_desktop.storage import models as m
from tests.hub.helpers import content, laptop_content

ZERO = {"added": 0, "changed": 0, "deleted": 0, "conflicts": 0, "refused": 0}


def _shared_meeting(db: Database, title: str, notes: list[str]) -> tuple[str, list[str]]:
    service = MeetingService(db)
    meeting_id = service.create_meeting(title, municipality="Schiedam")
    ids = [service.add_note(meeting_id, text) for text in notes]
    set_shared(db, [meeting_id], True)
    return meeting_id, ids


def _notes(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {n.id: n.text for n in s.scalars(select(m.Note))}


def _conflicts(db: Database) -> list[m.SyncConflict]:
    with db.session() as s:
        return list(s.scalars(select(m.SyncConflict)))


def _note_time(db: Database, note_id: str) -> datetime:
    with db.session() as s:
        note = s.get(m.Note, note_id)
        assert note is not None
        return note.updated_at


def _converged(hub: Engine, *laptops: Database) -> None:
    with hub.connect() as conn:
        on_hub = content(conn)
    for db in laptops:
        assert laptop_content(db) == on_hub


def test_only_shared_meetings_go_up_and_come_down_on_the_other_laptop(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    meeting_id, _ = _shared_meeting(a, "Gedeeld", ["eerste", "tweede"])
    private = MeetingService(a).create_meeting("Alleen hier")
    MeetingService(a).add_note(private, "privé")
    MeetingService(a).create_meeting("Voorbeeld", is_sample=True)
    set_shared(a, None, True)  # --all: still never the sample
    set_shared(a, [private], False)

    up = sync(a, hub)
    assert up.up.added == 3  # the meeting and its two notes
    down = sync(b, hub)
    assert down.down.added == 3
    assert sorted(_notes(b).values()) == ["eerste", "tweede"]
    with b.session() as s:
        (meeting,) = s.scalars(select(m.Meeting))
        assert meeting.id == meeting_id and meeting.shared
        assert meeting.origin_device is not None
        assert s.get(m.SyncDevice, meeting.origin_device) is not None  # "which laptop it came from"
    _converged(hub, b)


def test_syncing_twice_changes_nothing(hub: Engine, laptops: tuple[Database, Database]) -> None:
    a, b = laptops
    _shared_meeting(a, "Gedeeld", ["een"])
    sync(a, hub)
    sync(b, hub)
    for db in (a, b):
        work: list[tuple[str, int]] = []
        again = sync(db, hub, progress=lambda phase, _done, total, work=work: work.append((phase, total)))
        assert again.as_dict() == {"up": ZERO, "down": ZERO}
        assert work == [("up", 0)]  # nothing read again from the hub either


def test_offline_edits_on_both_laptops_meet_without_conflict(hub: Engine, laptops: tuple[Database, Database]) -> None:
    a, b = laptops
    _meeting_id, (n1, n2) = _shared_meeting(a, "Gedeeld", ["een", "twee"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).update_note(n1, "een, bewerkt op A")
    MeetingService(b).update_note(n2, "twee, bewerkt op B")
    result_a, result_b = sync(a, hub), sync(b, hub)
    sync(a, hub)
    assert result_a.up.changed == 1 and result_b.up.changed == 1
    assert result_b.up.conflicts == result_b.down.conflicts == 0
    assert _notes(a) == _notes(b) == {n1: "een, bewerkt op A", n2: "twee, bewerkt op B"}
    assert _conflicts(a) == _conflicts(b) == []
    _converged(hub, a, b)


def test_the_same_note_edited_on_two_laptops_is_a_conflict_with_both_texts_kept(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    _meeting_id, (n1,) = _shared_meeting(a, "Gedeeld", ["begin"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).update_note(n1, "tekst van A")
    MeetingService(b).update_note(n1, "tekst van B")  # later: the newest edit wins
    sync(a, hub)
    result = sync(b, hub)
    sync(a, hub)
    assert result.up.conflicts == 1
    assert _notes(a)[n1] == _notes(b)[n1] == "tekst van B"
    (conflict,) = _conflicts(b)
    assert conflict.row_id == n1 and conflict.kept == "local"
    assert conflict.hub_row is not None and conflict.hub_row["text"] == "tekst van A"  # nothing lost
    assert conflict.local_row is not None and conflict.local_row["text"] == "tekst van B"
    _converged(hub, a, b)


def test_the_older_edit_loses_but_is_kept_as_a_conflict_copy(hub: Engine, laptops: tuple[Database, Database]) -> None:
    a, b = laptops
    _meeting_id, (n1,) = _shared_meeting(a, "Gedeeld", ["begin"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(b).update_note(n1, "tekst van B (eerder)")
    MeetingService(a).update_note(n1, "tekst van A (later)")
    sync(a, hub)
    result = sync(b, hub)
    assert result.up.conflicts == 1
    assert _notes(b)[n1] == "tekst van A (later)"
    (conflict,) = _conflicts(b)
    assert conflict.kept == "hub"
    assert conflict.local_row is not None and conflict.local_row["text"] == "tekst van B (eerder)"
    _converged(hub, a, b)


def test_a_deletion_reaches_the_other_laptop(hub: Engine, laptops: tuple[Database, Database]) -> None:
    a, b = laptops
    meeting_id, (n1, n2) = _shared_meeting(a, "Gedeeld", ["weg", "blijft"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(b).delete_note(n1)
    assert sync(b, hub).up.deleted == 1
    assert sync(a, hub).down.deleted == 1
    assert _notes(a) == _notes(b) == {n2: "blijft"}
    assert _conflicts(a) == []  # nothing was changed here: nothing to keep a copy of
    MeetingService(a).delete_meeting_permanently(meeting_id)
    sync(a, hub)
    sync(b, hub)
    assert _notes(b) == {}
    with b.session() as s:
        assert list(s.scalars(select(m.Meeting))) == []
    _converged(hub, a, b)


def test_a_deletion_never_removes_a_row_changed_after_it(hub: Engine, laptops: tuple[Database, Database]) -> None:
    a, b = laptops
    _meeting_id, (n1,) = _shared_meeting(a, "Gedeeld", ["begin"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).delete_note(n1)
    MeetingService(b).update_note(n1, "later nog aangevuld")  # after the deletion on A
    sync(a, hub)
    sync(b, hub)
    sync(a, hub)
    assert _notes(a) == _notes(b) == {n1: "later nog aangevuld"}
    _converged(hub, a, b)


def test_a_sync_killed_mid_push_completes_on_the_next_sync(
    hub: Engine, hub_url: str, laptops: tuple[Database, Database], tmp_path: Path
) -> None:
    a, b = laptops
    meeting_id, _ = _shared_meeting(a, "Gedeeld", [f"notitie {i}" for i in range(30)])
    root = a.paths.root
    a.close()  # the other process takes the data dir's lock
    script = textwrap.dedent(
        f"""
        import os, signal
        from opvoed_desktop.hub import connection
        from opvoed_desktop.hub.sync import Sync
        from opvoed_desktop.paths import DataPaths
        from opvoed_desktop.storage import open_database

        calls = 0
        original = Sync._mark_many
        def mark(self, *args, **kwargs):
            # Batches: the meeting, then notes 1-10, 11-20: the hub committed notes 11-20, and
            # the process is killed before this laptop records that.
            global calls
            calls += 1
            if calls == 3:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(self, *args, **kwargs)
        Sync._mark_many = mark
        from pathlib import Path
        db = open_database(DataPaths(Path({str(root)!r})))
        address, _ = connection.parse({hub_url!r})
        Sync(db, connection.engine(address), batch_size=10).run()
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    from opvoed_desktop.paths import DataPaths
    from opvoed_desktop.storage import open_database

    again = open_database(DataPaths(root))
    try:
        with hub.connect() as conn:
            halfway = set(conn.scalars(select(m.Note.text)))
        # The kill really came in the middle, after the hub's commit; the oldest went first.
        assert halfway == {f"notitie {i}" for i in range(20)}
        result: SyncResult = sync(again, hub)
        assert result.up.conflicts == 0 and result.up.refused == 0
        assert sync(again, hub).as_dict() == {"up": ZERO, "down": ZERO}
        sync(b, hub)
        assert len(_notes(b)) == 30
        _converged(hub, again, b)
        del meeting_id
    finally:
        again.close()
    assert os.path.exists(root)


def test_choosing_a_conflict_version_reaches_every_laptop(hub: Engine, laptops: tuple[Database, Database]) -> None:
    from opvoed_desktop.hub import conflicts

    a, b = laptops
    _meeting_id, (n1,) = _shared_meeting(a, "Gedeeld", ["begin"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).update_note(n1, "tekst van A")
    MeetingService(b).update_note(n1, "tekst van B")
    sync(a, hub)
    sync(b, hub)
    (view,) = conflicts.list_conflicts(b)
    assert (view.local_text, view.hub_text, view.kept) == ("tekst van B", "tekst van A", "local")
    assert view.meeting_title == "Gedeeld"
    conflicts.resolve(b, view.id, conflicts.HUB)  # the colleague's text after all
    assert conflicts.list_conflicts(b) == []
    sync(b, hub)
    sync(a, hub)
    assert _notes(a)[n1] == _notes(b)[n1] == "tekst van A"
    _converged(hub, a, b)


def test_a_row_with_a_time_in_the_future_is_refused_and_the_rest_goes_up(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from opvoed_desktop.storage.base import utcnow

    a, b = laptops
    _meeting_id, (n1, n2) = _shared_meeting(a, "Gedeeld", ["klok loopt voor", "gewoon"])
    with a.write() as s:  # a laptop whose clock ran a day ahead when this was typed
        s.execute(update(m.Note).where(m.Note.id == n1).values(updated_at=utcnow() + timedelta(days=1)))
    result = sync(a, hub)
    assert result.up.refused == 1 and result.up.added == 2  # the meeting and the other note
    sync(b, hub)
    assert _notes(b) == {n2: "gewoon"}
    assert _notes(a)[n1] == "klok loopt voor"  # kept here, still waiting to go up


def test_a_row_moved_to_another_meeting_is_refused(hub: Engine, laptops: tuple[Database, Database]) -> None:
    from sqlalchemy import update

    a, _b = laptops
    first, (n1,) = _shared_meeting(a, "Eerste", ["verhuist"])
    second, _ = _shared_meeting(a, "Tweede", [])
    sync(a, hub)
    with a.write() as s:  # by hand: ids are random, the app never does this
        s.execute(update(m.Note).where(m.Note.id == n1).values(meeting_id=second))
    assert sync(a, hub).up.refused == 1
    with hub.connect() as conn:
        assert conn.execute(select(m.Note.meeting_id).where(m.Note.id == n1)).scalar_one() == first


def test_a_pull_stopped_halfway_completes_on_the_next_sync(hub: Engine, laptops: tuple[Database, Database]) -> None:
    from opvoed_desktop.hub.results import Cancelled
    from opvoed_desktop.hub.sync import Sync

    a, b = laptops
    _shared_meeting(a, "Gedeeld", [f"notitie {i}" for i in range(25)])
    sync(a, hub)
    seen: list[int] = []

    def stop_after_first_batch() -> bool:
        return len(seen) > 1

    def progress(phase: str, done: int, _total: int) -> None:
        if phase == "down" and done:
            seen.append(done)

    stopped = Sync(b, hub, batch_size=10, progress=progress, cancelled=stop_after_first_batch)
    try:
        stopped.run()
        raise AssertionError("the sync should have stopped")
    except Cancelled:
        pass
    assert 0 < len(_notes(b)) < 25
    sync(b, hub)
    assert len(_notes(b)) == 25
    assert sync(b, hub).as_dict() == {"up": ZERO, "down": ZERO}
    _converged(hub, a, b)


def test_a_note_under_an_agenda_item_deleted_elsewhere_survives_as_a_general_note(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    meeting_id, _ = _shared_meeting(a, "Gedeeld", [])
    item = MeetingService(a).add_agenda_item(meeting_id, "own", "Kennismaken", 10)
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).remove_agenda_item(item)
    note = MeetingService(b).add_note(meeting_id, "geschreven onder het punt", agenda_item_id=item)
    sync(a, hub)
    result = sync(b, hub)
    sync(a, hub)
    assert result.up.added == 1
    for db in (a, b):
        with db.session() as s:
            row = s.get(m.Note, note)
            assert row is not None and row.text == "geschreven onder het punt" and row.agenda_item_id is None
            assert s.get(m.AgendaItem, item) is None
    _converged(hub, a, b)


def test_what_was_typed_in_a_meeting_deleted_elsewhere_is_kept_as_a_copy(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    from opvoed_desktop.hub import conflicts

    a, b = laptops
    meeting_id, (n1,) = _shared_meeting(a, "Gedeeld", ["begin"])
    sync(a, hub)
    sync(b, hub)
    # A note B wrote and sent before the deletion, which A never saw: it goes with the meeting, and
    # as nothing of it was left unsent, there is no copy of it.
    MeetingService(b).add_note(meeting_id, "al gesynchroniseerd")
    sync(b, hub)
    private = MeetingService(b).create_meeting("Alleen op B")
    MeetingService(b).add_note(private, "privé, blijft hier")
    MeetingService(b).add_note(meeting_id, "nieuw op B, nog niet gesynchroniseerd")
    MeetingService(b).update_note(n1, "begin, aangevuld op B")
    MeetingService(a).delete_meeting_permanently(meeting_id)  # later than B's typing
    sync(a, hub)
    result = sync(b, hub)
    with b.session() as s:
        assert s.get(m.Meeting, meeting_id) is None  # the deletion is newer: it wins
    # Nothing typed is lost: a copy of each row typed in the deleted meeting, and only of those.
    assert result.down.conflicts == 2
    kept = {(view.local_text, view.hub_deleted, view.kept) for view in conflicts.list_conflicts(b)}
    assert kept == {
        ("nieuw op B, nog niet gesynchroniseerd", True, conflicts.HUB),
        ("begin, aangevuld op B", True, conflicts.HUB),
    }
    assert sorted(_notes(b).values()) == ["privé, blijft hier"]
    # Keeping the text of a note whose meeting is gone cannot put it back: the copy stays.
    view = next(v for v in conflicts.list_conflicts(b) if v.local_text == "nieuw op B, nog niet gesynchroniseerd")
    assert conflicts.resolve(b, view.id, conflicts.LOCAL) is False
    assert any(v.id == view.id for v in conflicts.list_conflicts(b))


def test_a_note_in_a_meeting_deleted_elsewhere_does_not_hold_back_the_notes_after_it(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """B typed in two meetings; A then deleted the first. B's note in the deleted meeting cannot go
    up, but the note B typed after it, in a meeting that is still there, must reach A at the next
    sync of each, not one sync later."""
    a, b = laptops
    gone, _ = _shared_meeting(a, "Verdwijnt", ["begin"])
    stays, _ = _shared_meeting(a, "Blijft", ["begin"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(b).add_note(gone, "op B, in de bijeenkomst die verdwijnt")
    MeetingService(b).add_note(stays, "op B, in de bijeenkomst die blijft")
    MeetingService(a).delete_meeting_permanently(gone)  # later than B's typing: the deletion wins
    sync(a, hub)
    sync(b, hub)
    sync(a, hub)
    assert "op B, in de bijeenkomst die blijft" in _notes(a).values()
    assert "op B, in de bijeenkomst die verdwijnt" not in _notes(a).values()
    _converged(hub, a)


# A deletion on its way up: recorded once on the hub, with who deleted it and when, and marked as
# sent on the laptop so the next sync sends nothing again. The oracle is the tombstone rows themselves.
KEYS = ("id", "table_name", "row_id", "deleted_at", "server_seq", "base_seq", "updated_by")


def _hub_tombstones(hub: Engine) -> list[dict[str, Any]]:
    with hub.connect() as conn:
        return [dict(r) for r in conn.execute(select(TOMBSTONE).order_by(TOMBSTONE.c.server_seq)).mappings()]


def _local_tombstones(db: Database) -> list[dict[str, Any]]:
    with db.session() as s:
        return [dict(r) for r in s.connection().execute(select(TOMBSTONE)).mappings()]


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row[k] for k in KEYS}
    out["deleted_at"] = out["deleted_at"].replace(tzinfo=None)  # the hub keeps time zones, SQLite not
    return out


def test_a_deletion_is_recorded_once_on_the_hub_by_the_laptop_that_made_it(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    service = MeetingService(a)
    meeting = service.create_meeting("Gedeeld", municipality="Schiedam")
    gone, kept = service.add_note(meeting, "weg"), service.add_note(meeting, "blijft")
    set_shared(a, [meeting], True)
    sync(a, hub)
    sync(b, hub)
    MeetingService(b).delete_note(gone)
    result = sync(b, hub)
    assert result.up.deleted == 1

    (on_hub,) = _hub_tombstones(hub)
    (local,) = _local_tombstones(b)
    assert on_hub["table_name"] == "note" and on_hub["row_id"] == gone
    assert on_hub["updated_by"] == device_id(b) != device_id(a)  # "deleted on which laptop"
    assert on_hub["server_seq"] is not None and on_hub["base_seq"] == on_hub["server_seq"]
    # The laptop's own record now says it was sent, with the hub's number: the same row as the hub's.
    assert _plain(local) == _plain(on_hub)

    again = sync(b, hub)  # nothing left to send: the same tombstone does not go up twice
    assert again.up.deleted == 0 and len(_hub_tombstones(hub)) == 1
    down = sync(a, hub)
    assert down.down.deleted == 1
    # The other laptop keeps the deletion under the hub's number, so it never sends it back up.
    (came_down,) = _local_tombstones(a)
    assert (came_down["row_id"], came_down["server_seq"]) == (gone, on_hub["server_seq"])
    assert came_down["deleted_at"].replace(tzinfo=None) == _plain(on_hub)["deleted_at"]
    assert sync(a, hub).up.deleted == 0 and len(_hub_tombstones(hub)) == 1
    assert kept in {n.id for n in MeetingService(a).get_meeting(meeting).notes}


def test_two_deletions_in_one_sync_get_their_own_numbers(hub: Engine, laptops: tuple[Database, Database]) -> None:
    a, b = laptops
    service = MeetingService(a)
    meeting = service.create_meeting("Gedeeld", municipality="Schiedam")
    notes = [service.add_note(meeting, f"notitie {n}") for n in range(3)]
    set_shared(a, [meeting], True)
    sync(a, hub)
    for note in notes[:2]:
        service.delete_note(note)
    assert sync(a, hub).up.deleted == 2
    on_hub = _hub_tombstones(hub)
    assert sorted(t["row_id"] for t in on_hub) == sorted(notes[:2])
    numbers = [t["server_seq"] for t in on_hub]
    assert len(set(numbers)) == 2 and all(t["updated_by"] == device_id(a) for t in on_hub)
    assert sorted(map(_plain, _local_tombstones(a)), key=repr) == sorted(map(_plain, on_hub), key=repr)
    sync(b, hub)
    assert {n.id for n in MeetingService(b).get_meeting(meeting).notes} == {notes[2]}


def test_a_note_deleted_here_and_changed_later_elsewhere_comes_back_as_the_colleagues_text(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """The copy says who did what: on the laptop that deleted it, "deleted here, changed on B";
    on the laptop that changed it, "deleted elsewhere, the text here"."""
    from opvoed_desktop.hub import conflicts

    a, b = laptops
    _meeting_id, notes = _shared_meeting(a, "Gedeeld", ["begin", "ook begin"])
    sync(a, hub, device_name="laptop A")
    sync(b, hub, device_name="laptop B")
    later = {note: f"later nog aangevuld op B ({i})" for i, note in enumerate(notes)}
    for note in notes:
        MeetingService(a).delete_note(note)
    for note, text in later.items():
        MeetingService(b).update_note(note, text)  # after the deletions on A
    sync(b, hub, device_name="laptop B")  # B's texts reach the hub before A's older deletions
    result = sync(a, hub, device_name="laptop A")
    assert result.down.conflicts == 2
    assert _notes(a) == later  # the newer changes win, on A too
    views = {v.row_id: v for v in conflicts.list_conflicts(a)}
    assert views.keys() == later.keys()
    for note, view in views.items():
        assert (view.local_deleted, view.local_text) == (True, "")
        assert (view.hub_deleted, view.hub_text) == (False, later[note])
        assert view.kept == conflicts.HUB and view.hub_device == "laptop B"

    result = sync(b, hub, device_name="laptop B")
    assert result.down.conflicts == 2
    views = {v.row_id: v for v in conflicts.list_conflicts(b)}
    assert views.keys() == later.keys()
    for note, view in views.items():
        assert (view.local_deleted, view.local_text) == (False, later[note])
        assert (view.hub_deleted, view.hub_text) == (True, "")
        assert view.kept == conflicts.LOCAL and view.hub_device == "laptop A"  # who deleted it
    assert _notes(b) == later
    assert sync(a, hub).as_dict() == sync(b, hub).as_dict() == {"up": ZERO, "down": ZERO}

    # A keeps its deletion of one after all: that note goes, on B as well.
    gone = notes[0]
    assert conflicts.resolve(a, views_of(a)[gone], conflicts.LOCAL)
    sync(a, hub)
    sync(b, hub)
    assert _notes(a) == _notes(b) == {notes[1]: later[notes[1]]}
    _converged(hub, a, b)


def views_of(db: Database) -> dict[str, str]:
    """The conflict copies here: row id -> copy id."""
    from opvoed_desktop.hub import conflicts

    return {view.row_id: view.id for view in conflicts.list_conflicts(db)}


def test_a_meeting_deleted_on_one_laptop_stays_when_a_colleague_typed_in_it_later(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """A meeting's last change is that of anything inside it: a note changed after the meeting was
    deleted elsewhere keeps the meeting, on every laptop, whichever laptop syncs first."""
    from opvoed_desktop.hub import conflicts

    for first in ("deleting", "typing"):
        a, b = laptops
        meeting_id, (n1, n2) = _shared_meeting(a, f"Gedeeld ({first})", ["aangevuld", "niet aangeraakt"])
        sync(a, hub)
        sync(b, hub)
        MeetingService(a).delete_meeting_permanently(meeting_id)
        MeetingService(b).update_note(n1, "later aangevuld op B")  # after the deletion on A
        order = (a, b) if first == "deleting" else (b, a)
        for db in order:
            sync(db, hub)
        if first == "typing":  # the hub kept B's text against the older deletion: A has it back at once
            assert _notes(a).get(n1) == "later aangevuld op B"
        for db in order:
            sync(db, hub)
        for db in (a, b):
            with db.session() as s:
                assert s.get(m.Meeting, meeting_id) is not None, first
            assert _notes(db).get(n1) == "later aangevuld op B", first
        _converged(hub, a, b)
        del n2
    # Each copy says who did what: A deleted, B typed.
    assert all(v.local_deleted and not v.hub_deleted for v in conflicts.list_conflicts(a))
    assert all(v.hub_deleted and not v.local_deleted for v in conflicts.list_conflicts(b))
    assert {v.local_text for v in conflicts.list_conflicts(b)} >= {"later aangevuld op B"}


def test_the_progress_counts_every_row_and_deletion_up_and_down(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """What the sync dialog shows ("Naar de hub: 3 van 7"): from 0 to the whole, in batches."""
    a, b = laptops
    meeting_id, notes = _shared_meeting(a, "Gedeeld", [f"notitie {i}" for i in range(6)])
    sync(a, hub)
    sync(b, hub)
    service = MeetingService(a)
    for note in notes[:3]:
        service.delete_note(note)
    service.update_note(notes[3], "bewerkt")
    for i in range(3):
        service.add_note(meeting_id, f"nieuw {i}")
    on_a: list[tuple[str, int, int]] = []
    on_b: list[tuple[str, int, int]] = []
    up = sync(a, hub, batch_size=2, progress=lambda phase, done, total: on_a.append((phase, done, total)))
    down = sync(b, hub, batch_size=2, progress=lambda phase, done, total: on_b.append((phase, done, total)))
    # A's own changes coming back down are nothing new to A.
    assert up.as_dict() == {"up": {**ZERO, "added": 3, "changed": 1, "deleted": 3}, "down": ZERO}
    assert down.as_dict() == {"up": ZERO, "down": {**ZERO, "added": 3, "changed": 1, "deleted": 3}}
    # Four changed notes in two batches of two, then three deletions in a batch of two and one.
    steps = [(0, 7), (2, 7), (4, 7), (6, 7), (7, 7)]
    assert [(done, total) for phase, done, total in on_a if phase == "up"] == steps
    assert [(done, total) for phase, done, total in on_b if phase == "down"] == steps
    assert [(done, total) for phase, done, total in on_b if phase == "up"] == [(0, 0)]  # nothing to send


def test_refused_rows_are_counted_and_logged_and_the_rest_of_the_batch_goes_up(
    hub: Engine, laptops: tuple[Database, Database], caplog: Any
) -> None:
    import logging
    from datetime import timedelta

    from sqlalchemy import update

    from opvoed_desktop.storage.base import utcnow

    a, b = laptops
    meeting_id, notes = _shared_meeting(a, "Gedeeld", [f"notitie {i}" for i in range(5)])
    other, _ = _shared_meeting(a, "Andere", [])
    # A batch is met in id order (ids are random): the refused rows are those met first.
    ahead, moved, edited = sorted(notes)[:2], sorted(notes)[2:4], sorted(notes)[4]
    with a.write() as s:  # a laptop whose clock ran a day ahead when these were typed
        s.execute(update(m.Note).where(m.Note.id.in_(ahead)).values(updated_at=utcnow() + timedelta(days=1)))
    caplog.set_level(logging.WARNING, logger="opvoed_desktop.hub.push")
    first = sync(a, hub)
    assert first.up.refused == 2 and first.up.added == 2 + 3  # the meetings and the three others
    future = {(r.getMessage()) for r in caplog.records if "future" in r.getMessage()}
    assert future == {f"hub refused note {note}: a time in the future" for note in ahead}

    with a.write() as s:  # by hand: ids are random, the app never does this
        s.execute(update(m.Note).where(m.Note.id.in_(moved)).values(meeting_id=other))
    MeetingService(a).update_note(edited, "bewerkt")
    caplog.clear()
    second = sync(a, hub)
    assert second.up.refused == 2 + 2 and second.up.changed == 1  # the two ahead are still waiting
    moving = {(r.getMessage()) for r in caplog.records if "another meeting" in r.getMessage()}
    assert moving == {f"hub refused note {note}: it would move to another meeting" for note in moved}
    assert not any("notitie" in r.getMessage() for r in caplog.records)  # never what was typed
    sync(b, hub)
    with b.session() as s:
        on_b = {n.id: (n.meeting_id, n.text) for n in s.scalars(select(m.Note))}
    assert on_b == {
        **{note: (meeting_id, f"notitie {notes.index(note)}") for note in moved},
        edited: (meeting_id, "bewerkt"),
    }


def test_several_changes_and_conflicts_in_one_sync_each_reach_the_hub_once(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    _meeting_id, notes = _shared_meeting(a, "Gedeeld", [f"notitie {i}" for i in range(5)])
    sync(a, hub)
    sync(b, hub)
    # A batch is met in id order (ids are random): the conflict B loses is the first one met.
    older_on_b, *rest = sorted(notes)
    both, only_b = rest[:2], rest[2:]
    MeetingService(b).update_note(older_on_b, "B, eerder")
    for note in (older_on_b, *both):
        MeetingService(a).update_note(note, "A")
    for note in (*both, *only_b):
        MeetingService(b).update_note(note, "B")
    sync(a, hub)
    result = sync(b, hub)
    assert (result.up.conflicts, result.up.changed) == (3, 4)  # B's newer texts: two in conflict
    sync(a, hub)
    expected = {older_on_b: "A", **{note: "B" for note in (*both, *only_b)}}
    assert _notes(a) == _notes(b) == expected
    kept = {(c.row_id, c.kept, (c.local_row or {}).get("text"), (c.hub_row or {}).get("text")) for c in _conflicts(b)}
    assert kept == {(older_on_b, "hub", "B, eerder", "A"), *((note, "local", "B", "A") for note in both)}
    _converged(hub, a, b)


def test_an_offline_edit_of_a_note_deleted_later_elsewhere_is_kept_as_a_copy_and_the_note_is_gone(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    from opvoed_desktop.hub import conflicts

    a, b = laptops
    _meeting_id, notes = _shared_meeting(a, "Gedeeld", ["weg", "ook weg", "blijft"])
    sync(a, hub)
    sync(b, hub)
    *gone, kept = sorted(notes)  # the deleted ones are met first in B's batch (id order)
    for note in gone:
        MeetingService(b).update_note(note, f"offline aangevuld op B ({note})")
    MeetingService(b).update_note(kept, "ook aangevuld op B")
    for note in gone:
        MeetingService(a).delete_note(note)  # later than B's edits: the deletions win
    sync(a, hub)
    result = sync(b, hub)
    assert (result.up.added, result.up.changed) == (0, 1)
    assert (result.down.deleted, result.down.conflicts) == (2, 2)
    sync(a, hub)
    assert _notes(a) == _notes(b) == {kept: "ook aangevuld op B"}
    copies = {(v.row_id, v.local_text, v.hub_deleted, v.kept) for v in conflicts.list_conflicts(b)}
    assert copies == {(note, f"offline aangevuld op B ({note})", True, "hub") for note in gone}
    assert conflicts.list_conflicts(a) == []
    _converged(hub, a, b)


def test_a_sync_stopped_while_sending_deletions_sends_the_rest_next_time_and_nothing_twice(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    from opvoed_desktop.hub.results import Cancelled
    from opvoed_desktop.hub.sync import Sync

    a, b = laptops
    meeting_id, _ = _shared_meeting(a, "Gedeeld", ["een", "twee", "drie"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).delete_meeting_permanently(meeting_id)  # four deletions at one moment
    sent: list[int] = []
    stopped = Sync(
        a,
        hub,
        batch_size=1,
        progress=lambda phase, done, _total: sent.append(done) if phase == "up" and done else None,
        cancelled=lambda: bool(sent),
    )
    try:
        stopped.run()
        raise AssertionError("the sync should have stopped")
    except Cancelled:
        pass
    assert len(_hub_tombstones(hub)) == 1  # one deletion went up before the stop
    totals: list[int] = []
    sync(a, hub, progress=lambda phase, _done, total: totals.append(total) if phase == "up" else None)
    assert set(totals) == {3}  # the other three, and not the first again
    assert len(_hub_tombstones(hub)) == 4
    sync(b, hub)
    assert _notes(b) == {}
    with b.session() as s:
        assert s.get(m.Meeting, meeting_id) is None
    _converged(hub, a, b)


def test_only_what_is_shared_goes_up(hub: Engine, laptops: tuple[Database, Database]) -> None:
    from sqlalchemy import update

    a, b = laptops
    meeting_id, _ = _shared_meeting(a, "Gedeeld", ["gedeeld"])
    sample = MeetingService(a).create_meeting("Voorbeeld", is_sample=True)
    MeetingService(a).add_note(sample, "voorbeeldtekst")
    with a.write() as s:  # shared by hand (an old version, a damaged file): a sample still stays here
        s.execute(update(m.Meeting).where(m.Meeting.id == sample).values(shared=True))
    totals: list[int] = []
    sync(a, hub, progress=lambda phase, _done, total: totals.append(total) if phase == "up" else None)
    assert set(totals) == {2}  # the shared meeting and its note: nothing of the sample is counted
    set_shared(a, [meeting_id], False)  # no longer shared: what is typed in it now stays here
    MeetingService(a).add_note(meeting_id, "na het stoppen met delen")
    assert sync(a, hub).up.added == 0
    sync(b, hub)
    assert sorted(_notes(b).values()) == ["gedeeld"]
    with b.session() as s:
        assert [mt.id for mt in s.scalars(select(m.Meeting))] == [meeting_id]


def test_two_edits_at_the_same_moment_keep_the_version_the_hub_had_first(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    from sqlalchemy import update

    a, b = laptops
    _meeting_id, (n1,) = _shared_meeting(a, "Gedeeld", ["begin"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).update_note(n1, "tekst van A")
    MeetingService(b).update_note(n1, "tekst van B")
    with a.session() as s:
        moment = s.get(m.Note, n1).updated_at  # type: ignore[union-attr]
    with b.write() as s:  # the same time to the microsecond, by hand
        s.execute(update(m.Note).where(m.Note.id == n1).values(updated_at=moment, server_seq=None))
    sync(a, hub)
    sync(b, hub)
    assert _notes(a)[n1] == _notes(b)[n1] == "tekst van A"
    (conflict,) = _conflicts(b)
    assert conflict.kept == "hub" and conflict.local_row is not None and conflict.local_row["text"] == "tekst van B"
    _converged(hub, a, b)


def test_typing_during_a_sync_is_never_overwritten_unseen(hub: Engine, laptops: tuple[Database, Database]) -> None:
    """Edits made here while the pull runs meet the colleague's newer versions: the newest stays,
    the other is a copy."""
    from datetime import timedelta

    from sqlalchemy import update

    a, b = laptops
    _meeting_id, (newer_here, older_here, same_moment, untouched) = _shared_meeting(
        a, "Gedeeld", ["een", "twee", "drie", "vier"]
    )
    sync(a, hub)
    sync(b, hub)
    for note in (newer_here, older_here, same_moment, untouched):
        MeetingService(a).update_note(note, "A")
    sync(a, hub)
    with a.session() as s:
        moment = s.get(m.Note, same_moment).updated_at  # type: ignore[union-attr]

    typed_at: list[datetime] = []  # when B typed the edit that wins

    def type_on_b(phase: str, done: int, _total: int) -> None:
        if phase == "down" and done == 0:  # after B's push, before its pull
            service = MeetingService(b)
            service.update_note(newer_here, "B, tijdens de sync")
            typed_at.append(_note_time(b, newer_here))
            service.update_note(older_here, "B, met een klok die achterloopt")
            with b.write() as s:
                behind = s.get(m.Note, older_here).updated_at - timedelta(hours=1)  # type: ignore[union-attr]
                s.execute(update(m.Note).where(m.Note.id == older_here).values(updated_at=behind, server_seq=None))
            service.update_note(same_moment, "B, op hetzelfde moment als A")
            with b.write() as s:  # to the microsecond: the hub's version stays, as in a push
                s.execute(update(m.Note).where(m.Note.id == same_moment).values(updated_at=moment, server_seq=None))

    result = sync(b, hub, progress=type_on_b)
    assert (result.down.conflicts, result.down.changed) == (3, 3)  # the hub's version of three notes
    assert _notes(b) == {newer_here: "B, tijdens de sync", older_here: "A", same_moment: "A", untouched: "A"}
    kept = {(c.row_id, c.kept, (c.local_row or {}).get("text"), (c.hub_row or {}).get("text")) for c in _conflicts(b)}
    assert kept == {
        (newer_here, "local", "B, tijdens de sync", "A"),
        (older_here, "hub", "B, met een klok die achterloopt", "A"),
        (same_moment, "hub", "B, op hetzelfde moment als A", "A"),
    }
    again = sync(b, hub)  # the edit kept here goes up now, as a change of the hub's version
    assert (again.up.changed, again.up.conflicts) == (1, 0)
    sync(a, hub)
    assert _notes(a) == _notes(b)
    # It keeps the time it was typed, everywhere: a later edit elsewhere is compared with that.
    assert _note_time(b, newer_here) == _note_time(a, newer_here) == typed_at[0]
    assert sync(a, hub).as_dict() == sync(b, hub).as_dict() == {"up": ZERO, "down": ZERO}
    _converged(hub, a, b)


def test_stopping_sharing_here_is_not_undone_by_a_colleagues_edit(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    meeting_id, _ = _shared_meeting(a, "Gedeeld", [])
    sync(a, hub)
    sync(b, hub)
    set_shared(b, [meeting_id], False)
    MeetingService(a).update_meeting(meeting_id, title="Nieuwe titel")
    sync(a, hub)
    assert sync(b, hub).down.changed == 1
    with b.session() as s:
        meeting = s.get(m.Meeting, meeting_id)
        assert meeting is not None and meeting.title == "Nieuwe titel" and not meeting.shared


def test_a_sync_stopped_halfway_has_sent_the_oldest_work_first(hub: Engine, laptops: tuple[Database, Database]) -> None:
    from opvoed_desktop.hub.results import Cancelled
    from opvoed_desktop.hub.sync import Sync

    a, _b = laptops
    _shared_meeting(a, "Gedeeld", [f"notitie {i}" for i in range(8)])
    sent: list[int] = []
    stopped = Sync(
        a,
        hub,
        batch_size=3,
        progress=lambda phase, done, _total: sent.append(done) if phase == "up" else None,
        cancelled=lambda: len(sent) > 2,  # after the meeting and the first batch of notes
    )
    try:
        stopped.run()
        raise AssertionError("the sync should have stopped")
    except Cancelled:
        pass
    with hub.connect() as conn:
        assert set(conn.scalars(select(m.Note.text))) == {"notitie 0", "notitie 1", "notitie 2"}
    totals: list[int] = []
    sync(a, hub, progress=lambda phase, _done, total: totals.append(total) if phase == "up" else None)
    assert set(totals) == {5}  # the rest, and nothing that went up before the stop
    with hub.connect() as conn:
        assert len(set(conn.scalars(select(m.Note.text)))) == 8


def test_rows_moved_to_another_meeting_on_the_hub_are_refused_here_and_hold_back_nothing(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """Two notes moved on the hub (by a client that is not this app) come first in B's batch: both
    are refused and counted, and the colleague's edit numbered after them still comes down."""
    from sqlalchemy import delete, insert, update

    from opvoed_desktop.hub.identity import COUNTER
    from opvoed_desktop.hub.rows import BY_NAME, table_of

    a, b = laptops
    texts = ["een", "twee", "drie"]
    first, notes = _shared_meeting(a, "Eerste", texts)
    second, _ = _shared_meeting(a, "Tweede", [])
    sync(a, hub)
    sync(b, hub)
    *moved, stays = notes
    note, counter = BY_NAME["note"], table_of(m.SyncCounter)
    for row_id in moved:
        with hub.begin() as conn:  # by hand: the same id, another meeting, a new number
            row = dict(conn.execute(select(note).where(note.c.id == row_id)).mappings().one())
            number = conn.execute(
                update(counter)
                .where(counter.c.name == COUNTER)
                .values(value=counter.c.value + 1)
                .returning(counter.c.value)
            ).scalar_one()
            conn.execute(delete(note).where(note.c.id == row_id))
            conn.execute(insert(note).values({**row, "meeting_id": second, "server_seq": number, "text": "elders"}))
    MeetingService(a).update_note(stays, "bewerkt")
    sync(a, hub)  # numbered after the moved ones: last in B's batch
    result = sync(b, hub)
    assert (result.down.refused, result.down.changed) == (2, 1)
    with b.session() as s:
        here = {n.id: (n.meeting_id, n.text) for n in s.scalars(select(m.Note))}
    assert here == {
        **{row_id: (first, texts[notes.index(row_id)]) for row_id in moved},
        stays: (first, "bewerkt"),
    }


def test_a_deletion_at_the_same_moment_as_a_change_keeps_the_row_everywhere(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """The rule of sync.py and of a bundle import: a deletion removes only what it is newer than.
    A tie to the microsecond (set by hand) keeps the row, whichever laptop syncs first."""
    from sqlalchemy import update

    a, b = laptops
    for first in ("deleting", "changing"):
        _meeting_id, (note,) = _shared_meeting(a, f"Gedeeld ({first})", ["begin"])
        sync(a, hub)
        sync(b, hub)
        MeetingService(a).delete_note(note)
        (deletion,) = [t for t in _local_tombstones(a) if t["row_id"] == note]
        MeetingService(b).update_note(note, f"op hetzelfde moment ({first})")
        with b.write() as s:
            s.execute(
                update(m.Note).where(m.Note.id == note).values(updated_at=deletion["deleted_at"], server_seq=None)
            )
        order = (a, b) if first == "deleting" else (b, a)
        for db in order:
            sync(db, hub)
        if first == "changing":  # the hub kept the row: A has it back at once
            assert _notes(a)[note] == f"op hetzelfde moment ({first})"
        for db in order:
            sync(db, hub)
        assert _notes(a)[note] == _notes(b)[note] == f"op hetzelfde moment ({first})", first
        _converged(hub, a, b)


def _during_the_pull(action: Callable[[], None]) -> Progress:
    """A progress callback that does `action` once while the sync runs: after its push, before its
    pull applies anything (a person typing or deleting while the sync dialog is open)."""
    done: list[bool] = []

    def progress(phase: str, done_rows: int, _total: int) -> None:
        if phase == "down" and done_rows == 0 and not done:
            done.append(True)
            action()

    return progress


def test_a_note_deleted_here_during_a_sync_stays_deleted_and_holds_back_nothing(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """A changed three notes; B deletes the first one while its sync runs, later than A's change.
    B's deletion is the newer: A's change does not bring the note back, the deletion reaches A at
    the next syncs, and A's changes to the other two, after it in the same batch, all come down."""
    a, b = laptops
    _meeting_id, notes = _shared_meeting(a, "Gedeeld", ["een", "twee", "drie"])
    sync(a, hub)
    sync(b, hub)
    gone, *rest = notes
    for note in notes:  # one sync each: the hub numbers them in this order, the deleted one first
        MeetingService(a).update_note(note, f"bewerkt op A ({notes.index(note)})")
        sync(a, hub)
    result = sync(b, hub, progress=_during_the_pull(lambda: MeetingService(b).delete_note(gone)))
    assert result.down.as_dict() == {**ZERO, "changed": 2}
    assert _notes(b) == {note: f"bewerkt op A ({notes.index(note)})" for note in rest}
    assert sync(b, hub).up.deleted == 1
    assert sync(a, hub).down.deleted == 1
    assert _notes(a) == _notes(b)
    _converged(hub, a, b)


def test_a_note_in_a_meeting_deleted_here_during_a_sync_holds_back_nothing(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """B deletes a meeting while its sync runs, in which A had just written a note: that note does
    not come down without its meeting, and A's note in another meeting, after it in the same batch,
    does."""
    a, b = laptops
    gone, _ = _shared_meeting(a, "Verdwijnt", [])
    stays, _ = _shared_meeting(a, "Blijft", [])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).add_note(gone, "in de bijeenkomst die B verwijdert")
    sync(a, hub)  # numbered before the next one
    kept = MeetingService(a).add_note(stays, "in de bijeenkomst die blijft")
    sync(a, hub)
    result = sync(b, hub, progress=_during_the_pull(lambda: MeetingService(b).delete_meeting_permanently(gone)))
    assert result.down.as_dict() == {**ZERO, "added": 1}
    assert _notes(b) == {kept: "in de bijeenkomst die blijft"}
    sync(b, hub)
    sync(a, hub)  # B's deletion is newer than A's note: the meeting goes on A too
    assert _notes(a) == _notes(b)
    with a.session() as s:
        assert s.get(m.Meeting, gone) is None
    _converged(hub, a, b)


def test_the_version_a_colleagues_bundle_brought_here_comes_down_as_no_conflict_and_holds_back_nothing(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """B stopped sharing a meeting (what B types in it stays here; what colleagues change still comes
    down) and read in A's bundle of it, which holds the version A sent to the hub. When that version
    comes down it is the one B has: no conflict, and A's change to another note, after it in the same
    batch, comes down too. A's later changes of the note are plain changes, not conflicts."""
    from opvoed_desktop.storage import merge
    from opvoed_desktop.storage.bundle import collect, dumps
    from opvoed_desktop.storage.bundle_reading import parse_bundle

    a, b = laptops
    meeting_id, (same, other) = _shared_meeting(a, "Gedeeld", ["een", "twee"])
    sync(a, hub)
    sync(b, hub)
    set_shared(b, [meeting_id], False)
    MeetingService(a).update_note(same, "bewerkt op A, ook in de bundel")
    sync(a, hub)
    with a.session() as s:
        bundle = parse_bundle(dumps(collect(s, [meeting_id])))
    merge.merge(b, bundle)  # as "Bundel inlezen" does
    MeetingService(a).update_note(other, "later bewerkt op A")
    sync(a, hub)  # numbered after the version in the bundle
    result = sync(b, hub)
    assert result.down.as_dict() == {**ZERO, "changed": 1}
    assert _notes(b) == {same: "bewerkt op A, ook in de bundel", other: "later bewerkt op A"}
    MeetingService(a).update_note(same, "nog later bewerkt op A")
    sync(a, hub)
    assert sync(b, hub).down.as_dict() == {**ZERO, "changed": 1}
    assert _notes(b)[same] == "nog later bewerkt op A"
    assert _conflicts(b) == []


def test_a_laptop_that_synced_with_a_new_empty_hub_gets_the_first_meeting_a_colleague_shares(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    assert sync(b, hub).as_dict() == {"up": ZERO, "down": ZERO}  # nothing on the hub yet
    meeting_id, (note,) = _shared_meeting(a, "De eerste", ["de eerste notitie"])
    sync(a, hub)  # the hub's first numbers
    assert sync(b, hub).down.added == 2
    assert _notes(b) == {note: "de eerste notitie"}
    with b.session() as s:
        assert s.get(m.Meeting, meeting_id) is not None
    _converged(hub, a, b)


def test_the_progress_of_a_later_sync_ends_at_its_whole(hub: Engine, laptops: tuple[Database, Database]) -> None:
    """ "Van de hub: 1 van 1", not "1 van 2": what was pulled at the last sync is not counted again."""
    a, b = laptops
    meeting_id, (note, _) = _shared_meeting(a, "Gedeeld", ["een", "twee"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).add_note(meeting_id, "drie")  # the last number B pulls now, left as it is
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).update_note(note, "bewerkt")
    sync(a, hub)
    steps: list[tuple[int, int]] = []
    sync(b, hub, progress=lambda phase, done, total: steps.append((done, total)) if phase == "down" else None)
    assert steps == [(0, 1), (1, 1)]


def test_a_meeting_kept_against_an_older_deletion_goes_up_in_the_same_sync_whatever_deletions_follow(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """A deleted a meeting and, later, a note elsewhere; B typed in the meeting after both. B's sync
    keeps the meeting and sends it up again at once, even when the deletions come down one by one
    and the last one removes a note: A has the meeting back at its next sync."""
    a, b = laptops
    meeting_id, (typed, _untouched) = _shared_meeting(a, "Blijft bij B", ["begin", "niet aangeraakt"])
    _other, (gone,) = _shared_meeting(a, "Andere", ["weg"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).delete_meeting_permanently(meeting_id)
    sync(a, hub)
    MeetingService(a).delete_note(gone)
    sync(a, hub)  # numbered after the deletions of the meeting: the last to come down
    MeetingService(b).update_note(typed, "later aangevuld op B")  # after both deletions
    sync(b, hub, batch_size=1)
    sync(a, hub)
    assert _notes(a) == {typed: "later aangevuld op B"}
    with a.session() as s:
        assert s.get(m.Meeting, meeting_id) is not None
    _converged(hub, a, b)


def test_a_note_under_an_agenda_item_deleted_here_during_a_sync_comes_down_as_a_general_note(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    meeting_id, _ = _shared_meeting(a, "Gedeeld", [])
    item = MeetingService(a).add_agenda_item(meeting_id, "own", "Kennismaken", 10)
    sync(a, hub)
    sync(b, hub)
    note = MeetingService(a).add_note(meeting_id, "geschreven onder het punt", agenda_item_id=item)
    sync(a, hub)
    result = sync(b, hub, progress=_during_the_pull(lambda: MeetingService(b).remove_agenda_item(item)))
    assert result.down.added == 1
    sync(b, hub)
    sync(a, hub)
    for db in (a, b):
        with db.session() as s:
            row = s.get(m.Note, note)
            assert row is not None and row.text == "geschreven onder het punt" and row.agenda_item_id is None
            assert s.get(m.AgendaItem, item) is None
    _converged(hub, a, b)


def test_a_contact_reaches_the_other_laptop_and_its_change_comes_back(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """The social map: contacts go up always (they belong to no meeting) and come down on every laptop."""
    a, b = laptops
    contact = MeetingService(a).add_contact("Schiedam", "Buurthuis De Brug", phone="010 123 45 67")
    sync(a, hub)
    assert sync(b, hub).down.as_dict() == {**ZERO, "added": 1}
    assert [(c.id, c.organisation, c.phone) for c in MeetingService(b).contacts("Schiedam")] == [
        (contact, "Buurthuis De Brug", "010 123 45 67")
    ]
    MeetingService(b).update_contact(contact, phone="010 765 43 21")
    sync(b, hub)
    assert sync(a, hub).down.as_dict() == {**ZERO, "changed": 1}
    assert [c.phone for c in MeetingService(a).contacts("Schiedam")] == ["010 765 43 21"]
    _converged(hub, a, b)


def test_a_meeting_from_the_hub_is_shared_here_whatever_its_row_on_the_hub_says(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """A meeting another client wrote on the hub with its `shared` column false (this app always
    writes true) still comes down as shared: it came from the organisation, so what B types in it
    goes up and reaches A."""
    from sqlalchemy import update

    a, b = laptops
    meeting_id, _ = _shared_meeting(a, "Gedeeld", ["begin"])
    sync(a, hub)
    hub_row = m.Meeting.__table__.c
    with hub.begin() as conn:  # by hand, number and time kept (else the storage layer clears them)
        conn.execute(
            update(m.Meeting)
            .where(m.Meeting.id == meeting_id)
            .values(
                shared=False, server_seq=hub_row.server_seq, base_seq=hub_row.base_seq, updated_at=hub_row.updated_at
            )
        )
    sync(b, hub)
    note = MeetingService(b).add_note(meeting_id, "op B getypt")
    assert sync(b, hub).up.added == 1
    sync(a, hub)
    assert _notes(a)[note] == "op B getypt"


def test_a_new_laptop_gets_every_note_after_the_hubs_table_was_reorganised(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """PostgreSQL keeps rows in no particular order: a hub's administrator may reorganise a table
    (CLUSTER, pg_repack), and reused space does the same. Here the notes are stored in the opposite
    order of their numbers; a laptop pulling in batches of one still gets every one."""
    a, b = laptops
    _meeting_id, notes = _shared_meeting(a, "Gedeeld", [f"notitie {i}" for i in range(5)])
    sync(a, hub)
    for note in sorted(notes, reverse=True):  # one sync each: numbers descending in id order
        MeetingService(a).update_note(note, f"bewerkt ({notes.index(note)})")
        sync(a, hub)
    with hub.begin() as conn:
        conn.exec_driver_sql("CLUSTER note USING pk_note")  # stored in id order from now on
    sync(b, hub, batch_size=1)
    assert _notes(b) == {note: f"bewerkt ({notes.index(note)})" for note in notes}
    _converged(hub, a, b)


def test_typing_on_during_a_sync_in_a_note_it_just_sent_is_no_conflict(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """B's sync sends B's text; B goes on typing in the note before the sync is done, and A changes
    another note at that moment. B's own text coming back down is nothing new: no conflict copy of
    it; A's change, after it in the same batch, comes down; the text typed since goes up next."""
    a, b = laptops
    _meeting_id, (note, other) = _shared_meeting(a, "Gedeeld", ["begin", "ander"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(b).update_note(note, "eerste versie")
    meanwhile: list[bool] = []

    def after_the_push(phase: str, done: int, total: int) -> None:
        if phase == "up" and total and done == total and not meanwhile:
            meanwhile.append(True)
            MeetingService(b).update_note(note, "eerste versie, aangevuld")
            MeetingService(a).update_note(other, "bewerkt op A")
            sync(a, hub)  # numbered after B's text: met after it in B's pull

    result = sync(b, hub, progress=after_the_push)
    assert meanwhile
    assert result.as_dict() == {"up": {**ZERO, "changed": 1}, "down": {**ZERO, "changed": 1}}
    assert _conflicts(b) == []
    assert _notes(b) == {note: "eerste versie, aangevuld", other: "bewerkt op A"}
    assert sync(b, hub).up.as_dict() == {**ZERO, "changed": 1}
    sync(a, hub)
    assert _notes(a) == _notes(b)
    assert _conflicts(a) == []
    _converged(hub, a, b)


def test_the_same_text_typed_here_during_a_sync_is_no_conflict(hub: Engine, laptops: tuple[Database, Database]) -> None:
    """A corrected a note and sent it; B types the very same words while its sync runs. Nothing to
    choose between, as in a push (tests/hub/test_same_text.py): no conflict copy, B takes the hub's
    version, its time included, so both laptops hold the same row and nothing is left to send. A's
    change to another note, after it in the same batch, comes down too."""
    a, b = laptops
    _meeting_id, (same, other) = _shared_meeting(a, "Gedeeld", ["een", "twee"])
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).update_note(same, "Volgende keer met tolk")
    sync(a, hub)  # numbered before the next one
    MeetingService(a).update_note(other, "alleen op A")
    sync(a, hub)
    typing = _during_the_pull(lambda: MeetingService(b).update_note(same, "Volgende keer met tolk"))
    result = sync(b, hub, progress=typing)
    assert result.down.as_dict() == {**ZERO, "changed": 1}
    assert _conflicts(b) == []
    assert _notes(b) == {same: "Volgende keer met tolk", other: "alleen op A"}
    assert _note_time(b, same) == _note_time(a, same)
    work: list[tuple[str, int]] = []
    again = sync(b, hub, progress=lambda phase, _done, total: work.append((phase, total)))
    assert again.as_dict() == {"up": ZERO, "down": ZERO}
    assert work == [("up", 0)]  # the note holds the hub's version: nothing waits to go up
    _converged(hub, a, b)
