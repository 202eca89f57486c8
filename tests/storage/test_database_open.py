"""Opening the database at start and what an open database does (storage/database.py), on small
databases: the order (lock, inspect, set damage aside, refuse a newer schema, back up before a
migration, migrate), the fall-back to reading when writing cannot work, the change mark that tells
backups something changed, damage found later, a backup restored while the app runs, the WAL
folded back with a reader in the way, and closing.

Every case ends with what a person cares about: the notes are there (or kept aside byte for byte),
the file is whole by `PRAGMA integrity_check`, and the sentence is the right one. Fast on purpose:
`make mutate` runs these once per mutant of database.py.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import (
    CorruptDatabaseError,
    Database,
    DatabaseInUseError,
    DatabaseIsFolderError,
    DataDirUnusableError,
    DiskFullAtStartError,
    DiskFullError,
    NewerDatabaseError,
    ReadOnlyError,
    lock,
    migrate,
    open_database,
)
from opvoed_desktop.storage import database as database_module
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.driver import dbapi as sqlite3

from .conftest import REV0001
from .faults import damage_table

SECRET = "Moeder vertelde over de scheiding"
FULL_AT_START = (
    "De schijf is vol, dus de app kan niets bewaren; u kunt de aantekeningen lezen, "
    "en na het vrijmaken van ruimte en opnieuw starten weer schrijven."
)


def _read_only(folder: Path) -> str:
    return (
        f"De map {folder} is alleen-lezen, dus wijzigingen kunnen niet worden bewaard; "
        "kies een map waarin u mag schrijven."
    )


def _fill(db: Database, notes: int = 3, *, size: int = 1) -> str:
    with db.write() as session:
        meeting = m.Meeting(title="Ouderavond")
        session.add(meeting)
        session.flush()
        session.add_all(m.Note(meeting_id=meeting.id, text=f"{SECRET} {i} " * size) for i in range(notes))
    return meeting.id


def _notes(path: Path) -> list[str]:
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        return sorted(r[0] for r in conn.execute("SELECT text FROM note"))


def _mark(path: Path) -> int:
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _whole(path: Path) -> bool:
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


_TEMPLATE: list[Path] = []


@pytest.fixture
def saved(paths: DataPaths, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A closed data dir with three notes; returns their texts. Made (migrated) once per run and
    copied: creating the schema is most of a test's time otherwise."""
    if not _TEMPLATE:
        template = DataPaths(tmp_path_factory.mktemp("template") / "data")
        with open_database(template) as db:
            _fill(db)
        _TEMPLATE.append(template.root)
    shutil.copytree(_TEMPLATE[0], paths.root)
    return _notes(paths.database)


# A fresh start and the change mark ----------------------------------------------------------------
def test_a_fresh_data_dir_gets_a_private_database_at_the_latest_schema(paths: DataPaths) -> None:
    with open_database(paths) as db:
        assert not db.read_only and db.read_only_message is None
        assert db.recovered is None and db.wal_damage is None and db.migrated_backup is None
        _fill(db)
        state = sqlite_files.inspect_file(paths.database)
        assert state.kind == "sqlite" and not migrate.needs_upgrade(state.revision)
        assert paths.database.stat().st_mode & 0o777 == 0o600
        assert _mark(paths.database) != 0
    assert len(_notes(paths.database)) == 3 and _whole(paths.database)


def test_a_change_gives_a_new_mark_and_opening_or_reading_never_does(paths: DataPaths, saved: list[str]) -> None:
    """Backups compare marks: a changed database must look changed, an opened one must not."""
    before = _mark(paths.database)
    with open_database(paths) as db:
        with db.session() as session:
            assert sorted(session.scalars(select(m.Note.text))) == saved
        with db.write() as session:  # a transaction that changes nothing
            session.scalars(select(m.Note)).all()
    assert _mark(paths.database) == before
    with open_database(paths) as db:
        _fill(db, 1)
    assert _mark(paths.database) not in (before, 0)


def test_an_older_database_without_a_mark_gets_one(paths: DataPaths, saved: list[str]) -> None:
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.execute("PRAGMA user_version = 0")
    with open_database(paths):
        pass
    assert _mark(paths.database) != 0 and _notes(paths.database) == saved


def test_a_failed_transaction_keeps_nothing_of_itself(paths: DataPaths, saved: list[str]) -> None:
    mark = _mark(paths.database)
    with open_database(paths) as db:
        with pytest.raises(RuntimeError), db.write() as session:
            session.add(m.Meeting(title="Half"))
            session.flush()
            raise RuntimeError("the window closed mid-way")
        with db.session() as session:
            assert session.scalars(select(m.Meeting.title)).all() == ["Ouderavond"]
    assert _mark(paths.database) == mark and _notes(paths.database) == saved


def test_a_full_disk_in_a_transaction_is_a_sentence_and_keeps_the_notes(paths: DataPaths, saved: list[str]) -> None:
    from sqlalchemy import event

    with open_database(paths) as db:
        db.engine.dispose()
        event.listen(
            db.engine,
            "connect",
            lambda c, _r: c.execute(f"PRAGMA max_page_count = {c.execute('PRAGMA page_count').fetchone()[0]}"),
        )
        with pytest.raises(DiskFullError) as info:
            _fill(db, 1, size=20_000)
        assert info.value.__cause__ is None and info.value.__suppress_context__
    assert _notes(paths.database) == saved and _whole(paths.database)


# One writer ---------------------------------------------------------------------------------------
def test_one_window_at_a_time_and_the_next_one_after_close(paths: DataPaths, saved: list[str]) -> None:
    db = open_database(paths)
    with pytest.raises(DatabaseInUseError):
        open_database(paths)
    db.close()
    db.close()  # twice is harmless
    with open_database(paths) as again:
        assert not again.read_only


def test_a_refused_newer_database_leaves_the_data_dir_free(paths: DataPaths, saved: list[str]) -> None:
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = paths.database.read_bytes()
    for read_only in (False, False, True):  # the lock of a refused start is let go
        with pytest.raises(NewerDatabaseError):
            open_database(paths, read_only=read_only)
    assert paths.database.read_bytes() == before


# Damage -------------------------------------------------------------------------------------------
def test_damage_found_at_open_is_set_aside_and_the_good_backup_offered(paths: DataPaths, saved: list[str]) -> None:
    with open_database(paths) as db:
        good = db.backup("manual")
        _fill(db, 40, size=200)
    damage_table(paths.database, "note")
    damaged = paths.database.read_bytes()
    with open_database(paths, check=False) as db:  # the window checks after its first paint
        assert db.recovered is None
        assert not db.check()
    with open_database(paths) as db:
        assert db.recovered is not None and db.recovered.newest_backup == good
        assert db.recovered.moved_to.read_bytes() == damaged
        assert _notes(paths.database) == [] and _whole(paths.database)
        db.restore(good)
        assert _notes(paths.database) == saved


def test_a_damaged_header_is_set_aside_without_a_check(paths: DataPaths, saved: list[str]) -> None:
    data = paths.database.read_bytes()
    paths.database.write_bytes(data[: len(data) // 2])
    with open_database(paths, check=False) as db:
        assert db.recovered is not None and db.recovered.newest_backup is None
        assert db.recovered.moved_to.read_bytes() == data[: len(data) // 2]
        _fill(db, 1)
    # The next start does not say it again: something took the damaged file's place.
    with open_database(paths) as db:
        assert db.recovered is None


def test_an_earlier_damage_is_said_again_until_something_replaces_it(paths: DataPaths, saved: list[str]) -> None:
    paths.database.write_bytes(b"kapot" * 1000)
    with open_database(paths) as db:
        first = db.recovered
    with open_database(paths) as db:
        assert db.recovered is not None and first is not None
        assert db.recovered.moved_to == first.moved_to


def test_damage_met_while_running_is_set_aside_and_a_fresh_database_works(paths: DataPaths, saved: list[str]) -> None:
    with open_database(paths) as db:
        good = db.backup("manual")
        _fill(db, 40, size=200)
    damage_table(paths.database, "note")
    damaged = paths.database.read_bytes()
    db = open_database(paths, check=False)
    try:
        seen: list[CorruptDatabaseError] = []
        db.on_damage(seen.append)
        db.on_damage(seen.append)
        with pytest.raises(CorruptDatabaseError), db.session() as session:
            session.scalars(select(m.Note.text)).all()
        assert len(seen) == 2  # every listener hears it
        recovered = db.set_aside_damaged()
        assert db.recovered is recovered and recovered.newest_backup == good
        assert recovered.moved_to.read_bytes() == damaged and recovered.moved_to.parent == paths.root
        _fill(db, 1)  # the fresh database takes notes at once
        state = sqlite_files.inspect_file(paths.database)
        assert not migrate.needs_upgrade(state.revision) and _mark(paths.database) != 0
        assert paths.database.stat().st_mode & 0o777 == 0o600
    finally:
        db.close()
    assert len(_notes(paths.database)) == 1 and _whole(paths.database)


def test_a_folder_where_the_database_belongs_is_left_alone(paths: DataPaths) -> None:
    paths.database.mkdir(parents=True)
    (paths.database / "brief.txt").write_text("van mij", encoding="utf-8")
    for read_only in (False, True):
        with pytest.raises(DatabaseIsFolderError):
            open_database(paths, read_only=read_only)
    assert (paths.database / "brief.txt").read_text(encoding="utf-8") == "van mij"
    with open_database(DataPaths(paths.root / "other")):  # the lock was let go: nothing else held
        pass


def test_a_file_where_the_data_folder_belongs(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.write_text("brief", encoding="utf-8")
    with pytest.raises(DataDirUnusableError):
        open_database(DataPaths(root))
    assert root.read_text(encoding="utf-8") == "brief"


# Migration ----------------------------------------------------------------------------------------
def test_an_older_schema_is_backed_up_then_migrated(rev0001_paths: DataPaths) -> None:
    paths = rev0001_paths
    old = sqlite_files.inspect_file(paths.database).revision
    before = _notes(paths.database)
    with open_database(paths) as db:
        assert db.migrated_backup is not None and db.migrated_backup.name.endswith("-before-migration.sqlite3")
        assert sqlite_files.inspect_file(db.migrated_backup).revision == old
        assert _notes(db.migrated_backup) == before
        assert not migrate.needs_upgrade(sqlite_files.inspect_file(paths.database).revision)
    assert _notes(paths.database) == before and _whole(paths.database)
    with open_database(paths) as db:  # once is enough
        assert db.migrated_backup is None


def test_an_older_schema_cannot_be_read_without_migrating(rev0001_paths: DataPaths) -> None:
    before = rev0001_paths.database.read_bytes()
    with pytest.raises(ReadOnlyError) as info:
        open_database(rev0001_paths, read_only=True)
    assert str(info.value) == _read_only(rev0001_paths.root)
    assert rev0001_paths.database.read_bytes() == before


def test_restoring_an_older_backup_migrates_it(paths: DataPaths, saved: list[str]) -> None:
    with open_database(paths) as db:
        previous = db.restore(REV0001)
        assert previous is not None and _notes(previous) == saved
        assert previous.name.endswith("-before-restore.sqlite3")
        assert not migrate.needs_upgrade(sqlite_files.inspect_file(paths.database).revision)
        _fill(db, 1)  # the migrated schema takes notes
    assert _whole(paths.database)


# Reading only -------------------------------------------------------------------------------------
def test_read_only_reads_and_refuses_every_write_with_the_folder_sentence(paths: DataPaths, saved: list[str]) -> None:
    before = paths.database.read_bytes()
    with open_database(paths, read_only=True) as db:
        assert db.read_only and db.read_only_message == _read_only(paths.root)
        with db.session() as session:
            assert sorted(session.scalars(select(m.Note.text))) == saved
        for attempt in (lambda: db.write().__enter__(), lambda: db.restore(REV0001)):
            with pytest.raises(ReadOnlyError):
                attempt()
        with pytest.raises(CorruptDatabaseError):
            db.set_aside_damaged()
        assert not db.checkpoint()
    assert paths.database.read_bytes() == before
    assert open_database(paths).close() is None  # no lock was taken


def test_read_only_has_nothing_to_read_in_an_empty_data_dir(paths: DataPaths) -> None:
    with pytest.raises(ReadOnlyError):
        open_database(paths, read_only=True)
    assert not paths.database.exists()


def test_read_only_refuses_a_damaged_file_and_leaves_it_where_it_is(paths: DataPaths, saved: list[str]) -> None:
    data = paths.database.read_bytes()
    paths.database.write_bytes(data[:1000])
    with pytest.raises(CorruptDatabaseError):
        open_database(paths, read_only=True)
    assert paths.database.read_bytes() == data[:1000]


def test_read_only_checks_the_whole_file_only_when_asked(paths: DataPaths, saved: list[str]) -> None:
    with open_database(paths) as db:
        _fill(db, 40, size=200)
    damage_table(paths.database, "note")
    with pytest.raises(CorruptDatabaseError):
        open_database(paths, read_only=True)
    with open_database(paths, read_only=True, check=False) as db:
        assert db.read_only


# A full disk at start -----------------------------------------------------------------------------
def _no_room_for(monkeypatch: pytest.MonkeyPatch, module: object, name: str, code: int) -> None:
    def fail(*_a: object, **_k: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(module, name, fail)


def test_no_room_for_the_pid_opens_for_reading_and_says_the_disk_is_full(
    paths: DataPaths, saved: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    pid = str(os.getpid()).encode()

    def no_space(fd: int, data: bytes) -> int:
        if bytes(data) == pid:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(lock.os, "write", no_space)
    with open_database(paths) as db:
        assert db.read_only and db.read_only_message == FULL_AT_START
        with pytest.raises(DiskFullAtStartError):
            db.write().__enter__()
        with db.session() as session:
            assert sorted(session.scalars(select(m.Note.text))) == saved
        # The lock is held all the same: a second window is refused, not a second reader-writer.
        with pytest.raises(DatabaseInUseError):
            open_database(paths)
    monkeypatch.undo()
    with open_database(paths) as db:  # and let go at close
        assert not db.read_only


@pytest.mark.parametrize(
    ("code", "sentence"), [(errno.ENOSPC, FULL_AT_START), (errno.EDQUOT, FULL_AT_START), (errno.EIO, None)]
)
def test_a_lock_file_that_cannot_be_made(
    paths: DataPaths, saved: list[str], monkeypatch: pytest.MonkeyPatch, code: int, sentence: str | None
) -> None:
    _no_room_for(monkeypatch, lock.DataDirLock, "acquire", code)
    with open_database(paths) as db:
        assert db.read_only
        assert db.read_only_message == (sentence or _read_only(paths.root))
        with db.session() as session:
            assert sorted(session.scalars(select(m.Note.text))) == saved


@pytest.mark.parametrize(
    ("code", "error"),
    [(errno.ENOSPC, DiskFullAtStartError), (errno.EDQUOT, DiskFullAtStartError), (errno.ENOTDIR, DataDirUnusableError)],
)
def test_a_data_folder_that_cannot_be_made(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch, code: int, error: type
) -> None:
    _no_room_for(monkeypatch, DataPaths, "ensure", code)
    with pytest.raises(error) as info:
        open_database(paths)
    assert type(info.value) is error and info.value.__cause__ is None


def test_a_disk_full_while_opening_opens_for_reading(
    paths: DataPaths, saved: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_a: object) -> None:
        raise DiskFullError(paths.root)

    monkeypatch.setattr(database_module, "_mark", full)
    with open_database(paths) as db:
        assert db.read_only and db.read_only_message == FULL_AT_START
    monkeypatch.undo()
    with open_database(paths) as db:  # the lock went with the read-only window
        assert not db.read_only


# Folding the WAL back and closing -----------------------------------------------------------------
def test_a_checkpoint_waits_for_a_reader_in_the_background(paths: DataPaths, saved: list[str]) -> None:
    wal = paths.database.with_name(paths.database.name + "-wal")
    db = open_database(paths)
    try:
        mid = _fill(db, 1)
        assert db.checkpoint() and wal.stat().st_size == 0
        reader = sqlite3.connect(paths.database, isolation_level=None, check_same_thread=False)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM note").fetchone()
        with db.write() as session:
            session.add(m.Note(meeting_id=mid, text="na de lezer"))
        started = time.monotonic()
        assert not db.checkpoint()  # the user does not wait for the reader
        assert time.monotonic() - started < 3
        assert not db.checkpoint()  # one background retry, not two
        assert wal.stat().st_size > 0
        reader.execute("COMMIT")
        reader.close()
        deadline = time.monotonic() + 10
        while wal.stat().st_size and time.monotonic() < deadline:
            time.sleep(0.05)
        assert wal.stat().st_size == 0
    finally:
        db.close()
    assert len(_notes(paths.database)) == 5 and _whole(paths.database)


def test_closing_takes_edited_out_words_out_of_the_file(paths: DataPaths) -> None:
    word = "Schuldsanering"
    db = open_database(paths)
    with db.write() as session:
        meeting = m.Meeting(title="Avond")
        session.add(meeting)
        session.flush()
        note = m.Note(meeting_id=meeting.id, text=f"{word} besproken " * 50)
        session.add(note)
    with db.write() as session:
        session.get(m.Note, note.id).text = "niets bijzonders"  # type: ignore[union-attr]
    db.close()
    for file in [paths.database, *sqlite_files.side_files(paths.database)]:
        assert word.encode() not in file.read_bytes() and word.lower().encode() not in file.read_bytes(), file.name
    assert _whole(paths.database)


def test_a_restore_swaps_in_the_backup_and_keeps_what_it_replaced(paths: DataPaths, saved: list[str]) -> None:
    with open_database(paths) as db:
        good = db.backup()  # the backups list names it as made by hand
        assert good.parent == paths.backups and good.name.endswith("-manual.sqlite3")
        _fill(db, 2)
        replaced = db.restore(good)
        assert replaced is not None and len(_notes(replaced)) == 5
        with db.session() as session:
            assert sorted(session.scalars(select(m.Note.text))) == saved
        _fill(db, 1)
    assert len(_notes(paths.database)) == 4 and _whole(paths.database)


def test_a_data_dir_on_a_missing_drive_is_only_read(tmp_path: Path) -> None:
    """A path under a file (a drive letter that is a file now) cannot be written."""
    blocker = tmp_path / "usb"
    blocker.write_text("", encoding="utf-8")
    os.chmod(blocker, 0o644)
    with pytest.raises(ReadOnlyError):
        open_database(DataPaths(blocker / "opvoed"))
    assert blocker.read_text(encoding="utf-8") == ""
