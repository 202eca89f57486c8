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

import atexit
import contextlib
import errno
import os
import shutil
import tempfile
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
    ForeignDatabaseError,
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
def saved(paths: DataPaths) -> list[str]:
    """A closed data dir with three notes; returns their texts. Made (migrated) once per process and
    copied: creating the schema is most of a test's time otherwise. The template lives outside
    pytest's temporary folders, which a later session in the same process (`make mutate` runs many)
    may already have removed."""
    if not _TEMPLATE or not _TEMPLATE[0].is_dir():
        template = DataPaths(Path(tempfile.mkdtemp(prefix="opvoed-template-")) / "data")
        with open_database(template) as db:
            _fill(db)
        if not _TEMPLATE:
            atexit.register(lambda: shutil.rmtree(_TEMPLATE[0].parent, ignore_errors=True))
        _TEMPLATE[:] = [template.root]
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
    with pytest.raises(DatabaseInUseError) as info:
        open_database(paths)
    assert info.value.path == paths.database and str(paths.database) in str(info.value)
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
    with pytest.raises(DataDirUnusableError) as info:
        open_database(DataPaths(root))
    assert info.value.path == root and str(root) in str(info.value)
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
        assert db.wal_damage is None and db.recovered is None  # nothing else to say
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
    assert type(info.value) is error and info.value.__cause__ is None and info.value.path == paths.root


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


# What the first run of `make mutate` asked for ------------------------------------------------------
def _killed_app(paths: DataPaths, titles: list[str]) -> DataPaths:
    """A copy of the data dir as a killed app leaves it: the last meetings only in the log."""
    conn = sqlite3.connect(paths.database)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for title in titles:
        conn.execute(
            "INSERT INTO meeting (id, title, venue, municipality, facilitator, languages, is_sample, created_at,"
            " updated_at, shared) VALUES (lower(hex(randomblob(18))), ?, '', '', '', '[]', 0, '2026-01-01',"
            " '2026-01-01', 0)",
            (title,),
        )
        conn.commit()
    crashed = DataPaths(paths.root.parent / "crashed")
    crashed.root.mkdir()
    for name in ("opvoed.sqlite3", "opvoed.sqlite3-wal"):
        shutil.copyfile(paths.root / name, crashed.root / name)
    conn.close()
    return crashed


def _titles(path: Path) -> set[str]:
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        return {r[0] for r in conn.execute("SELECT title FROM meeting")}


def test_a_killed_apps_log_is_folded_into_the_file_at_the_next_start(paths: DataPaths, saved: list[str]) -> None:
    crashed = _killed_app(paths, ["Na de laatste checkpoint"])
    wal = crashed.database.with_name("opvoed.sqlite3-wal")
    assert wal.stat().st_size > 0
    with open_database(crashed) as db:
        assert db.wal_damage is None
        assert wal.stat().st_size == 0  # folded in at once, not at some later close
        assert "Na de laatste checkpoint" in _titles(crashed.database)


def test_reading_a_killed_apps_data_changes_no_file(paths: DataPaths, saved: list[str]) -> None:
    crashed = _killed_app(paths, ["Alleen in het log"])
    files = {p.name: p.read_bytes() for p in crashed.root.iterdir()}
    with open_database(crashed, read_only=True) as db, db.session() as session:
        assert "Alleen in het log" in set(session.scalars(select(m.Meeting.title)))
    assert {p.name: p.read_bytes() for p in crashed.root.iterdir() if not p.name.endswith("-shm")} == files


def test_a_damaged_log_is_kept_aside_at_open_and_what_came_before_stays(paths: DataPaths, saved: list[str]) -> None:
    crashed = _killed_app(paths, ["Een", "Twee", "Drie"])
    log = crashed.database.with_name("opvoed.sqlite3-wal")
    data = bytearray(log.read_bytes())
    data[-100] ^= 0xFF  # one flipped byte in the last commit's page
    log.write_bytes(bytes(data))
    with open_database(crashed) as db:
        assert db.wal_damage is not None and db.wal_damage.kept_as is not None
        assert db.wal_damage.kept_as.read_bytes() == bytes(data)
        assert {"Ouderavond", "Een", "Twee"} <= _titles(crashed.database)
    assert _whole(crashed.database)


def test_damage_set_aside_while_running_is_said_again_at_the_next_start(paths: DataPaths, saved: list[str]) -> None:
    with open_database(paths) as db:
        _fill(db, 40, size=200)
    damage_table(paths.database, "note")
    db = open_database(paths, check=False)
    try:
        recovered = db.set_aside_damaged()
    finally:
        db.close()
    assert recovered.moved_to.name.startswith("opvoed.sqlite3.corrupt-")
    with open_database(paths) as again:  # nothing typed since: the window says it once more
        assert again.recovered is not None and again.recovered.moved_to == recovered.moved_to


def test_the_log_says_where_a_damaged_file_went(
    paths: DataPaths, saved: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("WARNING", logger="opvoed_desktop.storage.database")
    paths.database.write_bytes(b"kapot" * 1000)
    with open_database(paths) as db:
        assert db.recovered is not None
        at_start = db.recovered.moved_to.name
        _fill(db, 40, size=200)
    damage_table(paths.database, "note")
    db = open_database(paths, check=False)
    try:
        later = db.set_aside_damaged().moved_to.name
    finally:
        db.close()
    moved = [r.getMessage() for r in caplog.records if r.name == "opvoed_desktop.storage.database"]
    assert moved == [f"damaged database moved aside to {at_start}", f"damaged database moved aside to {later}"]


def test_a_backup_keeps_the_reason_it_was_made_for(paths: DataPaths, saved: list[str]) -> None:
    with open_database(paths) as db:
        made = db.backup("closed-meeting")
    assert made.name.endswith("-closed-meeting.sqlite3")


def test_refusals_name_the_file(paths: DataPaths, saved: list[str]) -> None:
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    for read_only in (False, True):
        with pytest.raises(NewerDatabaseError) as info:
            open_database(paths, read_only=read_only)
        assert info.value.path == paths.database and str(paths.database) in str(info.value)
        assert info.value.revision == "9999_future"
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute("DROP TABLE alembic_version")  # tables, but not this app's
    with pytest.raises(ForeignDatabaseError) as foreign:
        open_database(paths)
    assert foreign.value.path == paths.database and str(paths.database) in str(foreign.value)
    paths.database.unlink()
    paths.database.mkdir()
    for read_only in (False, True):
        with pytest.raises(DatabaseIsFolderError) as folder:
            open_database(paths, read_only=read_only)
        assert folder.value.path == paths.database and str(paths.database) in str(folder.value)


def test_a_restore_refused_in_a_read_only_window_names_the_folder(paths: DataPaths, saved: list[str]) -> None:
    with open_database(paths, read_only=True) as db, pytest.raises(ReadOnlyError) as info:
        db.restore(REV0001)
    assert str(info.value) == _read_only(paths.root)


def test_reading_a_file_damaged_in_its_header_says_damaged_even_unchecked(paths: DataPaths, saved: list[str]) -> None:
    data = paths.database.read_bytes()
    paths.database.write_bytes(data[:1000])
    with pytest.raises(CorruptDatabaseError):
        open_database(paths, read_only=True, check=False)
    assert paths.database.read_bytes() == data[:1000]


def test_a_failed_checkpoint_is_logged_and_tried_again_in_the_background(
    paths: DataPaths, saved: list[str], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("WARNING", logger="opvoed_desktop.storage.database")
    real = sqlite_files.checkpoint
    calls: list[int] = []

    def once_full(engine: object, **kw: int) -> bool:
        calls.append(1)
        if len(calls) == 1:
            raise DiskFullError(paths.root)  # the disk was full for a moment
        return real(engine, **kw)  # type: ignore[arg-type]

    db = open_database(paths)
    try:
        _fill(db, 1)
        monkeypatch.setattr(sqlite_files, "checkpoint", once_full)
        assert not db.checkpoint()  # said nothing to the person, tried again behind
        wal = paths.database.with_name("opvoed.sqlite3-wal")
        deadline = time.monotonic() + 10
        while wal.stat().st_size and time.monotonic() < deadline:
            time.sleep(0.05)
        assert wal.stat().st_size == 0
    finally:
        db.close()
    assert "checkpoint failed: DiskFullError" in [r.getMessage() for r in caplog.records]
    assert len(_notes(paths.database)) == 4


def test_a_reader_that_never_lets_go_is_logged_and_the_window_still_closes(
    paths: DataPaths, saved: list[str], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("WARNING", logger="opvoed_desktop.storage.database")
    monkeypatch.setattr(database_module, "CHECKPOINT_RETRY_S", 1.0)
    db = open_database(paths)
    reader = sqlite3.connect(paths.database, isolation_level=None, check_same_thread=False)
    try:
        mid = _fill(db, 1)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM note").fetchone()
        with db.write() as session:
            session.add(m.Note(meeting_id=mid, text="na de lezer"))
        assert not db.checkpoint()
        message = "checkpoint still blocked by a reader; the next start finishes it"
        deadline = time.monotonic() + 10
        while message not in caplog.messages and time.monotonic() < deadline:
            time.sleep(0.05)
        assert message in caplog.messages  # gave up after its time, said so in the log
    finally:
        reader.close()
        started = time.monotonic()
        db.close()
    assert time.monotonic() - started < 5
    assert len(_notes(paths.database)) == 5 and _whole(paths.database)
    _quits_at_once(paths.root.parent / "another")


def _quits_at_once(root: Path) -> None:
    """A process that leaves a checkpoint waiting for its own reader ends at once: the background
    retry never keeps the app alive after its window closed."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from opvoed_desktop.paths import DataPaths\n"
        "from opvoed_desktop.storage import open_database\n"
        "from opvoed_desktop.storage.driver import dbapi\n"
        "from opvoed_desktop.storage import models as m\n"
        "paths = DataPaths(Path(sys.argv[1]))\n"
        "db = open_database(paths)\n"
        "with db.write() as s: s.add(m.Meeting(title='x'))\n"
        "reader = dbapi.connect(paths.database, isolation_level=None, check_same_thread=False)\n"
        "reader.execute('BEGIN'); reader.execute('SELECT count(*) FROM meeting').fetchone()\n"
        "with db.write() as s: s.add(m.Meeting(title='y'))\n"
        "print(db.checkpoint())\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script, str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(database_module.__file__).parents[2],
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False" and time.monotonic() - started < 30


def test_opening_and_closing_without_typing_changes_no_byte(paths: DataPaths, saved: list[str]) -> None:
    """A backup is made at start when something changed: an untouched file must stay untouched."""
    before = paths.database.read_bytes()
    with open_database(paths) as db, db.session() as session:
        assert sorted(session.scalars(select(m.Note.text))) == saved
    assert paths.database.read_bytes() == before


def test_a_full_disk_at_close_loses_nothing_and_is_logged(
    paths: DataPaths, saved: list[str], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from opvoed_desktop.storage import fts

    caplog.set_level("WARNING", logger="opvoed_desktop.storage.database")
    db = open_database(paths)
    _fill(db, 1)

    def full(_conn: object) -> None:
        raise DiskFullError(paths.root)

    monkeypatch.setattr(fts, "purge_deleted", full)
    db.close()
    assert "could not merge the search index at close" in caplog.messages
    assert len(_notes(paths.database)) == 4 and _whole(paths.database)
    with open_database(paths):  # and the lock was let go
        pass


def test_closing_stops_the_background_checkpoint(paths: DataPaths, saved: list[str]) -> None:
    """After close nothing of the app touches the file any more (a restore or a move may follow)."""
    from sqlalchemy import event

    db = open_database(paths)
    reader = sqlite3.connect(paths.database, isolation_level=None, check_same_thread=False)
    try:
        _fill(db, 1)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM note").fetchone()
        _fill(db, 1)
        assert not db.checkpoint()
    finally:
        reader.close()
    db.close()
    connects: list[object] = []
    event.listen(db.engine, "connect", lambda *_a: connects.append(1))
    time.sleep(1.5)
    assert connects == []


@pytest.mark.parametrize(
    "fault", ["no room for the lock", "lock unusable", "no room for the pid", "full at first write"]
)
def test_falling_back_to_reading_still_checks_when_asked(
    paths: DataPaths, saved: list[str], monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    with open_database(paths) as db:
        _fill(db, 40, size=200)
    damage_table(paths.database, "note")
    if fault in ("no room for the lock", "lock unusable"):
        _no_room_for(
            monkeypatch, lock.DataDirLock, "acquire", errno.ENOSPC if fault == "no room for the lock" else errno.EIO
        )
    elif fault == "no room for the pid":
        real_write = os.write
        pid = str(os.getpid()).encode()

        def no_space(fd: int, data: bytes) -> int:
            if bytes(data) == pid:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(fd, data)

        monkeypatch.setattr(lock.os, "write", no_space)
    else:

        def full(*_a: object) -> None:
            raise DiskFullError(paths.root)

        monkeypatch.setattr(database_module, "_mark", full)
    if fault != "full at first write":  # (there the check ran, and set the damage aside, before the write)
        with pytest.raises(CorruptDatabaseError):
            open_database(paths, check=True)
    with open_database(paths, check=False) as db:  # the window checks after its first paint
        assert db.read_only and not db.check()


def test_a_database_sqlite_will_not_write_at_open_says_so_and_lets_go(
    paths: DataPaths, saved: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import event

    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.execute("PRAGMA user_version = 0")  # the first start of a new version marks it
    real = sqlite_files.make_engine

    def refusing(path: Path, **kw: bool) -> object:
        engine = real(path, **kw)
        event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA query_only = ON"))
        return engine

    monkeypatch.setattr(sqlite_files, "make_engine", refusing)
    with pytest.raises(ReadOnlyError) as info:
        open_database(paths)
    assert str(info.value) == _read_only(paths.root)
    monkeypatch.undo()
    with open_database(paths) as db:  # the lock was let go, nothing was lost
        assert not db.read_only
    assert _notes(paths.database) == saved
