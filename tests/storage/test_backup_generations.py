"""Backups only when the content changed, kept as generations (last 5, a day for a week, a month
for a year), and the newest good backup is never deleted."""

from __future__ import annotations

import contextlib
import os
import time
from datetime import datetime
from pathlib import Path

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import backup, open_database
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite: one library per process

from .conftest import REV0001


def _touch_side_files_in_the_future(paths: DataPaths) -> None:
    later = time.time() + 3600
    for path in [paths.database, *sqlite_files.side_files(paths.database)]:
        os.utime(path, (later, later))


def test_opening_the_database_is_not_a_change(paths: DataPaths) -> None:
    with open_database(paths) as db:
        MeetingService(db).create_meeting("Eén bijeenkomst")
    first = backup.backup_if_changed(paths)
    assert first is not None
    for _start in range(10):
        with open_database(paths) as db:
            MeetingService(db).list_meetings()
            MeetingService(db).search("bijeenkomst")
        _touch_side_files_in_the_future(paths)  # what opening does to -shm, and more
        assert backup.backup_if_changed(paths) is None
    assert [b.path for b in backup.list_backups(paths)] == [first]


def test_every_change_is_backed_up_once(paths: DataPaths) -> None:
    with open_database(paths) as db:
        service = MeetingService(db)
        mid = service.create_meeting("Avond")
        made = [backup.backup_if_changed(paths)]
        service.add_note(mid, "Eerste notitie")
        made.append(backup.backup_if_changed(paths))
        made.append(backup.backup_if_changed(paths))
        service.trash_meeting(mid)
        made.append(backup.backup_if_changed(paths))
        service.empty_trash()
        made.append(backup.backup_if_changed(paths))
    assert made[0] is not None and made[1] is not None and made[2] is None
    assert made[3] is not None and made[4] is not None


def test_a_write_that_changes_nothing_is_not_a_change(paths: DataPaths) -> None:
    with open_database(paths) as db:
        service = MeetingService(db)
        mid = service.create_meeting("Avond")
        service.save_item_note(mid, None, "Zelfde tekst")
        assert backup.backup_if_changed(paths) is not None
        service.save_item_note(mid, None, "Zelfde tekst")  # an autosave of unchanged text
        assert backup.backup_if_changed(paths) is None


def test_a_database_of_an_older_version_is_backed_up(rev0001_paths: DataPaths) -> None:
    with open_database(rev0001_paths):
        pass  # migrates (with its own backup) and marks the database
    made = backup.backup_if_changed(rev0001_paths)
    assert made is not None and backup.backup_if_changed(rev0001_paths) is None


def test_an_empty_database_is_not_backed_up(paths: DataPaths) -> None:
    open_database(paths).close()
    assert backup.backup_if_changed(paths) is None
    assert backup.list_backups(paths) == []


def test_the_fingerprint_survives_in_the_copy(paths: DataPaths) -> None:
    with open_database(paths) as db:
        MeetingService(db).create_meeting("Avond")
        copy = db.backup("manual")
    assert backup.fingerprint(copy) == backup.fingerprint(paths.database) != 0


# Generations ------------------------------------------------------------------------------------
NOW = datetime(2026, 6, 15, 12, 0)
STAMPS = {
    # today: eight; the last five stay
    "t1": datetime(2026, 6, 15, 1),
    "t2": datetime(2026, 6, 15, 2),
    "t3": datetime(2026, 6, 15, 3),
    "t4": datetime(2026, 6, 15, 4),
    "t5": datetime(2026, 6, 15, 5),
    "t6": datetime(2026, 6, 15, 6),
    "t7": datetime(2026, 6, 15, 7),
    "t8": datetime(2026, 6, 15, 8),
    "y1": datetime(2026, 6, 14, 10),  # yesterday: only the newest of the day stays
    "y2": datetime(2026, 6, 14, 20),
    "d6": datetime(2026, 6, 9, 9),  # six days back: still within the week
    "d7": datetime(2026, 6, 8, 23),  # seven days back: outside the week, not June's newest
    "m1a": datetime(2026, 5, 1, 9),
    "m1b": datetime(2026, 5, 31, 22),  # May's newest
    "m11": datetime(2025, 7, 10, 12),  # the twelfth month counted back (this month is the first)
    "m12": datetime(2025, 6, 20, 12),  # the thirteenth: gone, though it is "June" too
}
KEPT = {"t4", "t5", "t6", "t7", "t8", "y2", "d6", "m1b", "m11"}


def _fake_backups(paths: DataPaths, good: set[str] | None = None) -> dict[str, Path]:
    paths.backups.mkdir(parents=True, exist_ok=True)
    made = {}
    for key, when in STAMPS.items():
        path = paths.backups / f"opvoed-{when.strftime('%Y%m%d-%H%M%S-%f')}-start.sqlite3"
        if good is None or key in good:
            path.write_bytes(REV0001.read_bytes())
        else:
            path.write_bytes(b"beschadigd" * 500)
        made[key] = path
    return made


def test_generations_keep_last_five_a_day_for_a_week_a_month_for_a_year(paths: DataPaths) -> None:
    made = _fake_backups(paths)
    removed = backup.prune(paths, now=NOW)
    left = {key for key, path in made.items() if path.exists()}
    assert left == KEPT
    assert sorted(removed) == sorted(made[key] for key in set(STAMPS) - KEPT)


def test_the_newest_good_backup_is_never_deleted(paths: DataPaths) -> None:
    # Everything kept by the generations is damaged; the only good one is old.
    made = _fake_backups(paths, good={"m12"})
    backup.prune(paths, now=NOW)
    assert made["m12"].exists()
    assert backup.newest_good_backup(paths) == made["m12"]


def test_prune_of_nothing_and_one(paths: DataPaths) -> None:
    assert backup.prune(paths, now=NOW) == []
    paths.backups.mkdir(parents=True)
    only = paths.backups / "opvoed-20200101-000000-000000-manual.sqlite3"
    only.write_bytes(REV0001.read_bytes())
    assert backup.prune(paths, now=NOW) == [] and only.exists()


def test_files_that_are_not_ours_are_never_touched(paths: DataPaths) -> None:
    _fake_backups(paths)
    mine = paths.backups / "mijn-eigen-kopie.sqlite3"
    mine.write_bytes(b"van de gebruiker")
    backup.prune(paths, now=NOW)
    assert mine.read_bytes() == b"van de gebruiker"


def test_create_backup_prunes_by_generations(paths: DataPaths) -> None:
    with open_database(paths) as db:
        service = MeetingService(db)
        for i in range(8):
            service.create_meeting(f"Avond {i}")
            db.backup("manual")
    # All made today: the last five, and today's newest is one of them.
    assert len(backup.list_backups(paths)) == 5
    newest = backup.list_backups(paths)[0].path
    with contextlib.closing(sqlite3.connect(newest)) as conn:
        assert conn.execute("SELECT count(*) FROM meeting").fetchone()[0] == 8
