"""Rotating backups with the backup API, and restore that checks before it replaces."""

from __future__ import annotations

from contextlib import closing

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import (
    Database,
    InvalidBackupError,
    NewerDatabaseError,
    backup,
    open_database,
)
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite: one library per process

from .conftest import REV0001


def _titles(path) -> list[str]:  # type: ignore[no-untyped-def]
    with closing(sqlite_files.open_read_only(path)) as conn:
        return sorted(r[0] for r in conn.execute("SELECT title FROM meeting"))


def test_backup_contains_uncheckpointed_writes_as_one_file(db: Database, paths: DataPaths) -> None:
    MeetingService(db).create_meeting("Nog in de WAL")
    copy = db.backup("manual")
    assert _titles(copy) == ["Nog in de WAL"]
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sqlite_files.quick_check(copy)


def test_start_backup_skipped_when_nothing_changed(db: Database, paths: DataPaths) -> None:
    service = MeetingService(db)
    service.create_meeting("Een")
    assert backup.backup_if_changed(paths) is not None
    assert backup.backup_if_changed(paths) is None
    service.create_meeting("Twee")
    assert backup.backup_if_changed(paths) is not None


def test_restore_replaces_and_keeps_the_replaced(paths: DataPaths) -> None:
    with open_database(paths) as db:
        service = MeetingService(db)
        service.create_meeting("Voor de kopie")
        saved = db.backup("manual")
        service.create_meeting("Na de kopie")
        previous = db.restore(saved)
        assert [m.title for m in service.list_meetings()] == ["Voor de kopie"]
        service.create_meeting("Na het terugzetten")  # the engine works after the swap
    assert previous is not None and _titles(previous) == ["Na de kopie", "Voor de kopie"]
    with open_database(paths) as db:
        assert {m.title for m in MeetingService(db).list_meetings()} == {"Voor de kopie", "Na het terugzetten"}


@pytest.mark.parametrize("kind", ["text", "truncated", "newer", "foreign"])
def test_restore_refuses_bad_files_and_keeps_current(paths: DataPaths, tmp_path, kind) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "text":
        bad.write_text("geen database")
    elif kind == "truncated":
        bad.write_bytes(REV0001.read_bytes()[:8192])
    else:
        bad.write_bytes(REV0001.read_bytes())
        with closing(sqlite3.connect(bad)) as conn:
            if kind == "newer":
                conn.execute("UPDATE alembic_version SET version_num = '9999'")
            else:
                conn.execute("DROP TABLE alembic_version")
            conn.commit()
    with open_database(paths) as db:
        MeetingService(db).create_meeting("Huidig")
        before = backup.list_backups(paths)
        expected = NewerDatabaseError if kind == "newer" else InvalidBackupError
        with pytest.raises(expected):
            db.restore(bad)
        assert [m.title for m in MeetingService(db).list_meetings()] == ["Huidig"]
        assert backup.list_backups(paths) == before


def test_restore_older_revision_backup_is_accepted(paths: DataPaths) -> None:
    with open_database(paths) as db:
        db.restore(REV0001)
        assert [m.title for m in MeetingService(db).list_meetings()] == ["Fixturebijeenkomst Schiedam"]
