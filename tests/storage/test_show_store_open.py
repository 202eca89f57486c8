"""Opening and closing a show's notes without SQLAlchemy (storage/show_store.py): the same file
settings as the full way, the data dir held while open and free after, nothing changed when nothing
was typed, and every unusual start or failure left to the full way with the files as they were and
a line in the log that names the cause, never the notes.

The oracles are the full way itself (`open_database`, MeetingService) and SQLite read back
through a connection of its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import CorruptDatabaseError, NotFoundError, migrate, open_database
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite: one library per process
from opvoed_desktop.storage.lock import DataDirLock
from opvoed_desktop.storage.show_store import LOCK_NAME, ShowStore, open_show_store

from .faults import damage_table

LOGGER = "opvoed_desktop.storage.show_store"
PRAGMAS = ("journal_mode", "synchronous", "secure_delete", "foreign_keys", "busy_timeout")


@pytest.fixture(scope="module")
def empty_at_head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("head") / "data"
    with open_database(DataPaths(root)):
        pass
    return root


@pytest.fixture
def day(empty_at_head: Path, tmp_path: Path) -> DataPaths:
    root = tmp_path / "data"
    shutil.copytree(empty_at_head, root)
    return DataPaths(root)


def _opened(paths: DataPaths) -> ShowStore:
    store = open_show_store(paths)
    assert store is not None
    return store


def _hashes(paths: DataPaths) -> dict[str, str]:
    """Every file of the data dir by content, the log included, but the lock and SQLite's shared-memory
    index (a read makes that one, rebuilt from the log; the full way's inspection as well)."""
    return {
        str(p.relative_to(paths.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(paths.root.rglob("*"))
        if p.is_file() and p.name != LOCK_NAME and not p.name.endswith("-shm")
    }


def _free(paths: DataPaths) -> bool:
    """Whether another window could take the data dir now."""
    lock = DataDirLock(paths.root / LOCK_NAME)
    try:
        lock.acquire(paths.database)
    except Exception:
        return False
    lock.release()
    return True


def _show_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]


@contextlib.contextmanager
def _another_program_writing(paths: DataPaths) -> Iterator[None]:
    """A program that is not the app (a sync tool, the sqlite3 shell) in the middle of a write."""
    conn = sqlite3.connect(paths.database, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's wait for a busy file shortened so the test does not sit out five seconds."""
    monkeypatch.setattr(sqlite_files, "BUSY_TIMEOUT_MS", 50)


# Opening -------------------------------------------------------------------------------------------
def test_the_store_writes_with_the_settings_of_the_full_way(day: DataPaths) -> None:
    with open_database(day) as db:
        raw = db.engine.raw_connection()
        try:
            full = {name: raw.execute(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS}
        finally:
            raw.close()
    with _opened(day) as store:
        light = {name: store._conn.execute(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS}
    assert light == full
    assert (full["journal_mode"], full["synchronous"], full["secure_delete"], full["foreign_keys"]) == ("wal", 2, 1, 1)


def test_opening_and_closing_without_typing_changes_no_byte(day: DataPaths) -> None:
    """A show where nothing was typed leaves the notes as they were: the backups see no change."""
    before = _hashes(day)
    with _opened(day):
        pass
    assert _hashes(day) == before


def test_a_database_without_a_change_mark_gets_one_as_at_a_full_open(day: DataPaths, tmp_path: Path) -> None:
    other = DataPaths(tmp_path / "full")
    shutil.copytree(day.root, other.root)
    for paths in (day, other):
        with contextlib.closing(sqlite3.connect(paths.database)) as conn:
            conn.execute("PRAGMA user_version = 0")
    with _opened(day):
        pass
    with open_database(other):
        pass
    marks = []
    for paths in (day, other):
        with contextlib.closing(sqlite_files.open_read_only(paths.database)) as conn:
            marks.append(conn.execute("PRAGMA user_version").fetchone()[0])
    assert all(mark != 0 for mark in marks), marks


def test_a_schema_newer_than_the_file_goes_the_full_way(day: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app knows a later migration than the file has: the full way migrates, the store never
    writes a file that is due one."""
    monkeypatch.setattr(migrate, "HEAD", "9999")
    before = _hashes(day)
    assert open_show_store(day) is None
    assert _hashes(day) == before
    assert _free(day)


def test_a_damaged_log_goes_the_full_way_untouched(day: DataPaths) -> None:
    """A log with a damaged frame: the full way keeps a copy of it before SQLite drops the frame."""
    conn = sqlite3.connect(day.database)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    with open_database(day) as db:
        MeetingService(db).create_meeting("Al bewaard")
    log_file = day.database.with_name(day.database.name + "-wal")
    for title in ("Een", "Twee"):
        conn.execute(
            "INSERT INTO meeting (id, title, venue, municipality, facilitator, languages, is_sample, created_at,"
            " updated_at) VALUES (lower(hex(randomblob(18))), ?, '', '', '', '[]', 0, '2026-01-01', '2026-01-01')",
            (title,),
        )
        conn.commit()
    frozen = day.root.parent / "frozen"
    frozen.mkdir()
    shutil.copyfile(day.database, frozen / day.database.name)
    shutil.copyfile(log_file, frozen / log_file.name)
    conn.close()
    shutil.copyfile(frozen / day.database.name, day.database)
    data = bytearray((frozen / log_file.name).read_bytes())
    data[-100] ^= 0xFF  # one flipped byte in the last commit's page
    log_file.write_bytes(bytes(data))
    day.database.with_name(day.database.name + "-shm").unlink(missing_ok=True)
    before = _hashes(day)
    assert open_show_store(day) is None
    assert _hashes(day) == before
    with open_database(day):
        pass
    assert list(day.root.glob("*-wal.damaged-*"))  # the full way took over and kept the log


def test_a_program_writing_at_the_start_sends_the_show_the_full_way(
    day: DataPaths, short_wait: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    before = _hashes(day)
    with _another_program_writing(day):
        assert open_show_store(day) is None
        assert _free(day)  # the data dir is not left held
    assert _show_warnings(caplog) == ["a show's notes open the full way: SQLITE_BUSY"]
    assert _hashes(day) == before


def test_a_log_that_cannot_be_read_sends_the_show_the_full_way(
    day: DataPaths, caplog: pytest.LogCaptureFixture
) -> None:
    """A folder where SQLite's log should be (the error is the file system's, not SQLite's)."""
    caplog.set_level(logging.WARNING)
    day.database.with_name(day.database.name + "-wal").mkdir()
    before = _hashes(day)
    assert open_show_store(day) is None
    assert _free(day)
    assert _show_warnings(caplog) == ["a show's notes open the full way: IsADirectoryError"]
    assert _hashes(day) == before


# Writing ---------------------------------------------------------------------------------------------
def test_times_are_naive_utc_as_the_services_write_them(
    day: DataPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a laptop in a time zone far from UTC (and never at UTC+0) the rows' times stay UTC."""
    monkeypatch.setenv("TZ", "Asia/Kathmandu")  # +05:45
    time.tzset()
    try:
        other = DataPaths(tmp_path / "full")
        shutil.copytree(day.root, other.root)
        with _opened(day) as store:
            light_id = store.create_meeting("Bijeenkomst")
        with open_database(other) as db:
            full_id = MeetingService(db).create_meeting("Bijeenkomst")
        now = datetime.now(UTC).replace(tzinfo=None)
        for paths, meeting_id in ((day, light_id), (other, full_id)):
            with contextlib.closing(sqlite_files.open_read_only(paths.database)) as conn:
                (created,) = conn.execute("SELECT created_at FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
            assert abs(datetime.fromisoformat(created) - now) < timedelta(minutes=5), (paths.root.name, created)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_what_is_missing_is_said_as_the_service_says_it(day: DataPaths) -> None:
    with open_database(day) as db:
        service = MeetingService(db)
        meeting_id = service.create_meeting("Bijeenkomst")
        with pytest.raises(NotFoundError) as full_meeting:
            service.save_item_note("niet-bestaand", None, "tekst")
        with pytest.raises(NotFoundError) as full_item:
            service.save_item_note(meeting_id, "geen-agendapunt", "tekst")
    with _opened(day) as store:
        with pytest.raises(NotFoundError) as light_meeting:
            store.save_item_note("niet-bestaand", None, "tekst")
        with pytest.raises(NotFoundError) as light_item:
            store.save_item_note(meeting_id, "geen-agendapunt", "tekst")
    assert str(light_meeting.value) == str(full_meeting.value)
    assert str(light_item.value) == str(full_item.value)


def test_damage_found_while_saving_is_said_as_the_full_way_says_it(
    day: DataPaths, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    other = DataPaths(tmp_path / "full")
    shutil.copytree(day.root, other.root)
    with open_database(other) as db:
        service = MeetingService(db)
        meeting_id = service.create_meeting("Bijeenkomst")
        damage_table(other.database, "note")
        with pytest.raises(CorruptDatabaseError) as full:
            service.save_item_note(meeting_id, None, "geheime zin over thuis")
    with _opened(day) as store:
        meeting_id = store.create_meeting("Bijeenkomst")
        damage_table(day.database, "note")
        with pytest.raises(CorruptDatabaseError) as light:
            store.save_item_note(meeting_id, None, "geheime zin over thuis")
    assert str(light.value).replace(str(day.root), "<data>") == str(full.value).replace(str(other.root), "<data>")
    assert "geheime" not in caplog.text


# Closing ---------------------------------------------------------------------------------------------
def test_the_data_dir_is_held_while_open_and_free_after(day: DataPaths) -> None:
    store = _opened(day)
    assert not _free(day)
    assert open_show_store(day) is None  # a second show in another window goes the full way
    store.close()
    assert _free(day)
    store.close()
    assert _free(day)
    _opened(day).close()


def test_after_a_show_the_file_holds_everything_and_the_service_finds_it(day: DataPaths) -> None:
    with _opened(day) as store:
        meeting_id = store.create_meeting("Bijeenkomst")
        for k in range(5):
            store.save_item_note(meeting_id, None, f"vader vraagt naar zakgeld, versie {k}")
    log_file = day.database.with_name(day.database.name + "-wal")
    assert not log_file.exists() or log_file.stat().st_size == 0
    with contextlib.closing(sqlite_files.open_read_only(day.database, immutable=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with open_database(day) as db:
        hits = MeetingService(db).search("zakgeld")
    assert [(h.source, h.meeting_id) for h in hits] == [("note", meeting_id)]


def test_a_merge_that_fails_at_close_is_logged_and_the_data_dir_freed(
    day: DataPaths, short_wait: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    store = _opened(day)
    meeting_id = store.create_meeting("Bijeenkomst")
    store.save_item_note(meeting_id, None, "moeder vertelt over de scheiding")
    with _another_program_writing(day):
        store.close()
        assert _free(day)
    assert _show_warnings(caplog) == ["could not merge the search index at close: SQLITE_BUSY"]
    assert "scheiding" not in caplog.text
    with pytest.raises(sqlite3.ProgrammingError):
        store._conn.execute("SELECT 1")  # closed
    with open_database(day) as db:
        assert [n.text for n in MeetingService(db).get_meeting(meeting_id).notes] == [
            "moeder vertelt over de scheiding"
        ]
