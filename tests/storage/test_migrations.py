"""Alembic inside the package: scripts match the code, the 0001 fixture upgrades, a newer or
foreign database is refused and left byte-identical, and a backup precedes every migration."""

from __future__ import annotations

import json
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
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite: one library per process
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


def _search_index(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'search%' OR name LIKE 'fts_%' ORDER BY name"
    ).fetchall()


def test_the_migrated_search_index_is_the_one_fts_installs_today(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Revision 0001 keeps its own frozen copy of the search index's DDL; when fts.py changes what it
    installs, a new revision must bring existing databases along, or this fails."""
    import sqlalchemy as sa

    from opvoed_desktop.storage import fts

    fresh = sa.create_engine(f"sqlite:///{tmp_path / 'today.sqlite'}")
    Base.metadata.create_all(fresh)
    with fresh.begin() as conn:
        fts.install(conn)
    fresh.dispose()
    with sqlite3.connect(tmp_path / "today.sqlite") as today, sqlite3.connect(db.paths.database) as migrated:
        expected = _search_index(today)
        assert sum(kind == "trigger" for kind, _name, _sql in expected) == 3 * 5  # insert, delete, update × 5
        assert _search_index(migrated) == expected


REVISION_FILES = sorted(p.name for p in (Path(migrate.__file__).parent / "migrations" / "versions").glob("0*.py"))


@pytest.mark.parametrize("revision", REVISION_FILES)
def test_schema_revisions_run_no_live_code(revision: str) -> None:
    """What a revision does is fixed when it is written: the search index (0001) and the hub's
    guards (0005) are spelled out in the revision, and the readers that convert stored text (the
    room's languages in 0003, opening hours in 0004) are frozen copies in it (test_frozen_migrations),
    never imported from code that changes later. Every revision, the next one too."""
    assert len(REVISION_FILES) >= 5
    text = (Path(migrate.__file__).parent / "migrations" / "versions" / revision).read_text(encoding="utf-8")
    assert "import opvoed_desktop" not in text and "from opvoed_desktop" not in text


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


def test_typed_opening_hours_become_days_and_times_and_the_rest_is_kept(rev0001_paths: DataPaths) -> None:
    """Migration 0004: text that reads wholly as days and times becomes slots (the text emptied);
    anything else stays exactly as typed; no change time moves (every laptop reads the same)."""
    from opvoed_desktop.i18n.hours import read_typed_hours

    typed = {
        "CJG Schiedam": "ma–vr 9.00–17.00, za 10.00-12.00",
        "Wijkteam": "maandag t/m vrijdag van 9 tot 17 uur",
        "Moskee": "na het vrijdaggebed, of bel",
        "Buurthuis": "ma 20.00–24.00",
        "Leeg": "",
    }
    with sqlite3.connect(rev0001_paths.database) as conn:
        (municipality, created, updated) = conn.execute(
            "SELECT municipality, created_at, updated_at FROM contact"
        ).fetchone()
        conn.execute("DELETE FROM contact")
        for number, (name, hours) in enumerate(typed.items()):
            conn.execute(
                "INSERT INTO contact (id, municipality, organisation, kind, address, phone, website, opening_hours,"
                " languages, created_at, updated_at) VALUES (?, ?, ?, 'other', '', '', '', ?, '[]', ?, ?)",
                (f"00000000-0000-4000-8000-00000000000{number}", municipality, name, hours, created, updated),
            )
    conn.close()
    with open_database(rev0001_paths) as db:
        found = {c.organisation: c for c in MeetingService(db).contacts(municipality)}
    for name, hours in typed.items():
        slots, kept = read_typed_hours(hours)
        assert (found[name].opening_slots, found[name].opening_hours) == (slots, kept), name
    assert found["CJG Schiedam"].opening_slots and found["Wijkteam"].opening_slots
    assert found["Moskee"].opening_hours == "na het vrijdaggebed, of bel" and not found["Moskee"].opening_slots
    assert found["Buurthuis"].opening_hours == "ma 20.00–24.00"  # no time 24.00: kept, not made 23.59
    with sqlite3.connect(rev0001_paths.database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert {row[0] for row in conn.execute("SELECT updated_at FROM contact")} == {updated}
    conn.close()


def test_opening_hours_go_back_to_text_on_a_downgrade(rev0001_paths: DataPaths) -> None:
    """Downgrading 0004 writes the slots back as Dutch text that reads as the same slots (plus what
    was kept as typed), so going back a version loses nothing."""
    from opvoed_desktop.i18n.hours import parse_hours
    from opvoed_desktop.storage import engine as storage_engine

    with open_database(rev0001_paths) as db:
        service = MeetingService(db)
        service.add_contact("Schiedam", "Open", "cjg", opening_hours="ma, wo en vr 9.00–12.30; za 10–12")
        service.add_contact("Schiedam", "Vrij", "other", opening_hours="op afspraak")
        before = {c.organisation: c.opening_slots for c in service.contacts("Schiedam")}
    engine = storage_engine.make_engine(rev0001_paths.database)
    try:
        from alembic import command

        config = migrate.alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0003")
    finally:
        engine.dispose()
    with sqlite3.connect(rev0001_paths.database) as conn:
        rows = dict(conn.execute("SELECT organisation, opening_hours FROM contact WHERE municipality = 'Schiedam'"))
    conn.close()
    assert parse_hours(rows["Open"]) == before["Open"]
    assert rows["Vrij"] == "op afspraak"
