"""Alembic inside the package: scripts match the code, the 0001 fixture upgrades, a newer or
foreign database is refused and left byte-identical, and a backup precedes every migration."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import (
    ForeignDatabaseError,
    NewerDatabaseError,
    backup,
    migrate,
    open_database,
)
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.models import Base

from .conftest import REV0001


def _snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in directory.iterdir()
        if p.is_file() and p.name != "opvoed.lock"
    }


def test_known_revisions_match_scripts() -> None:
    assert migrate.script_revisions() == list(migrate.KNOWN_REVISIONS)


def test_migrated_schema_matches_models(db) -> None:  # type: ignore[no-untyped-def]
    def ours(name: str | None, type_: str, _parent: object) -> bool:
        return not (type_ == "table" and (name or "").startswith(("search_", "alembic_")))

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": ours, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_fixture_is_revision_0001() -> None:
    assert sqlite_files.inspect_file(REV0001).revision == "0001"


def test_upgrade_from_rev0001_keeps_data_and_search(rev0001_paths: DataPaths) -> None:
    with open_database(rev0001_paths) as db:
        assert sqlite_files.inspect_file(db.paths.database).revision == migrate.HEAD
        service = MeetingService(db)
        (summary,) = service.list_meetings()
        detail = service.get_meeting(summary.id)
        assert detail.title == "Fixturebijeenkomst Schiedam"
        assert detail.languages == ["nl", "tr"]
        assert [n.text for n in detail.notes] == ["Fixturenotitie over het wijkteam en de moskee."]
        assert [a.what for a in detail.agreements] == ["Folder vertalen"]
        assert [c.organisation for c in service.contacts("Schiedam")] == ["CJG Schiedam"]
        assert [h.row_id for h in service.search("fixturenotitie")] == [detail.notes[0].id]
        service.add_note(summary.id, "Na de upgrade geschreven")
        assert len(service.search("upgrade")) == 1


def test_backup_is_made_before_migrating(rev0001_paths: DataPaths, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The 0001 fixture needs a migration (to 0002 and whatever follows).
    assert migrate.HEAD != "0001"
    seen: list[list[backup.BackupInfo]] = []
    real_upgrade = migrate.upgrade

    def spy(engine, target="head"):  # type: ignore[no-untyped-def]
        seen.append(backup.list_backups(rev0001_paths))
        real_upgrade(engine, target)

    monkeypatch.setattr(migrate, "upgrade", spy)
    with open_database(rev0001_paths) as db:
        assert db.migrated_backup is not None
    assert len(seen) == 1 and [b.reason for b in seen[0]] == ["before-migration"]
    state = sqlite_files.inspect_file(seen[0][0].path)
    assert state.revision == "0001" and sqlite_files.quick_check(seen[0][0].path)


def test_new_database_gets_no_pointless_backup(paths: DataPaths) -> None:
    with open_database(paths) as db:
        assert db.migrated_backup is None
    assert backup.list_backups(paths) == []


def test_newer_database_is_refused_and_untouched(rev0001_paths: DataPaths) -> None:
    with sqlite3.connect(rev0001_paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = _snapshot(rev0001_paths.root)
    for _ in range(2):  # the lock is released: a second try gives the same answer
        with pytest.raises(NewerDatabaseError) as info:
            open_database(rev0001_paths)
        assert "nieuwere versie" in str(info.value)
    assert _snapshot(rev0001_paths.root) == before
    assert not rev0001_paths.backups.exists()


def test_foreign_sqlite_file_is_refused_and_untouched(paths: DataPaths) -> None:
    paths.ensure()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    before = _snapshot(paths.root)
    with pytest.raises(ForeignDatabaseError):
        open_database(paths)
    assert _snapshot(paths.root) == before


def test_empty_sqlite_file_is_initialised(paths: DataPaths) -> None:
    paths.ensure()
    sqlite3.connect(paths.database).execute("PRAGMA user_version = 0").connection.close()
    with open_database(paths) as db:
        MeetingService(db).create_meeting("Werkt")
    assert sqlite_files.inspect_file(paths.database).revision == migrate.HEAD


def test_free_text_room_languages_become_codes_and_the_rest_is_kept(rev0001_paths: DataPaths) -> None:
    with sqlite3.connect(rev0001_paths.database) as conn:
        typed = ["Nederlands, Arabisch, Tigrinya, Turks", "Türkçe / Klingon", "ar"]
        conn.execute("UPDATE meeting SET languages = ?", (json.dumps(typed),))
        (updated_before,) = conn.execute("SELECT updated_at FROM meeting").fetchone()
    conn.close()
    with open_database(rev0001_paths) as db:
        service = MeetingService(db)
        (summary,) = service.list_meetings()
        detail = service.get_meeting(summary.id)
        assert detail.languages == ["nl", "ar", "ti", "tr", "Klingon"]
        assert [a.due_text for a in detail.agreements] == [""]
        assert detail.minutes_available is None
    with sqlite3.connect(rev0001_paths.database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT updated_at FROM meeting").fetchone() == (updated_before,)
    conn.close()
