"""SQLite's own file handling under the app (storage/engine.py): what the connections promise (a
deleted note leaves no text behind, a child row cannot outlive its meeting, note text never in an
error, a second writer waits), how a file is judged before it is opened (missing, a folder, damaged
in its header or inside, locked, encrypted), copies that stand alone, and the WAL folded back.

SQLite itself is the oracle: `PRAGMA integrity_check`, the bytes of the file, what another
connection reads. Fast on purpose: `make mutate` runs these once per mutant of engine.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage import keys
from opvoed_desktop.storage.driver import dbapi as sqlite3

SECRET = "Vader vertelde over zijn schulden"


def _schema(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE meeting (id TEXT PRIMARY KEY)")
        conn.exec_driver_sql(
            "CREATE TABLE note (id INTEGER PRIMARY KEY, meeting_id TEXT NOT NULL "
            "REFERENCES meeting(id) ON DELETE CASCADE, text TEXT NOT NULL)"
        )
        conn.exec_driver_sql("INSERT INTO meeting VALUES ('m1')")


@pytest.fixture
def db_file(tmp_path: Path) -> Iterator[tuple[Path, Engine]]:
    path = tmp_path / "data" / "opvoed.sqlite3"
    path.parent.mkdir()
    engine = sqlite_files.make_engine(path)
    _schema(engine)
    yield path, engine
    engine.dispose()


@pytest.fixture
def key(tmp_path: Path) -> Iterator[bytes]:
    """The data dir tmp_path/data is encrypted with this key for the test."""
    secret = os.urandom(keys.KEY_BYTES)
    keys.register(tmp_path / "data", secret)
    yield secret
    keys.forget(tmp_path / "data")


def _plain_copy(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.executemany("INSERT INTO t VALUES (?)", [(SECRET * 20,)] * 50)


def _integrity(path: Path) -> list[tuple[str]]:
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall()


# What every connection promises ------------------------------------------------------------------
def test_a_note_deleted_and_checkpointed_leaves_no_text_in_any_file(db_file: tuple[Path, Engine]) -> None:
    path, engine = db_file
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', ?)", (SECRET,))
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM note")
    assert sqlite_files.checkpoint(engine)
    for file in [path, *sqlite_files.side_files(path)]:
        assert SECRET.encode() not in file.read_bytes(), file.name
    assert _integrity(path) == [("ok",)]


def test_notes_go_with_their_meeting_and_cannot_point_at_none(db_file: tuple[Path, Engine]) -> None:
    _path, engine = db_file
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', 'a')")
    with pytest.raises(IntegrityError) as info, engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('gone', ?)", (SECRET,))
    # The error a developer sees never carries the note's text.
    assert SECRET not in str(info.value)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM meeting")
        assert conn.exec_driver_sql("SELECT count(*) FROM note").scalar() == 0


def test_the_durability_settings_hold_on_every_write_connection(db_file: tuple[Path, Engine]) -> None:
    path, engine = db_file
    with engine.connect() as conn:
        got = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys", "secure_delete")
        }
    # WAL (a reader never blocks the autosave), FULL (a committed note survives a power cut).
    assert got == {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 5000, "foreign_keys": 1, "secure_delete": 1}
    assert (path.parent / (path.name + "-wal")).exists()


def test_a_second_writer_waits_for_the_first_instead_of_failing(db_file: tuple[Path, Engine]) -> None:
    path, engine = db_file
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO note (meeting_id, text) VALUES ('m1', 'first')")
    threading.Timer(0.4, lambda: holder.execute("COMMIT")).start()
    started = time.monotonic()
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', 'second')")
    assert time.monotonic() - started >= 0.3
    holder.close()
    with engine.connect() as conn:
        assert sorted(conn.exec_driver_sql("SELECT text FROM note").scalars()) == ["first", "second"]


def test_a_read_only_engine_reads_and_never_writes(db_file: tuple[Path, Engine]) -> None:
    path, engine = db_file
    engine.dispose()
    before = path.read_bytes()
    reader = sqlite_files.make_engine(path, read_only=True)
    try:
        with reader.connect() as conn:
            assert conn.exec_driver_sql("SELECT id FROM meeting").scalars().all() == ["m1"]
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            with pytest.raises(Exception, match="readonly"):
                conn.exec_driver_sql("INSERT INTO meeting VALUES ('m2')")
    finally:
        reader.dispose()
    assert path.read_bytes() == before


def test_a_wal_database_whose_shm_cannot_be_made_is_still_read(db_file: tuple[Path, Engine]) -> None:
    """A read-only folder leaves no room for the -shm file; a folder in its place does the same."""
    path, engine = db_file
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', ?)", (SECRET,))
    sqlite_files.checkpoint(engine)
    engine.dispose()
    shm = path.with_name(path.name + "-shm")
    shm.unlink(missing_ok=True)
    shm.mkdir()
    reader = sqlite_files.make_engine(path, read_only=True)
    try:
        with reader.connect() as conn:
            assert conn.exec_driver_sql("SELECT text FROM note").scalars().all() == [SECRET]
    finally:
        reader.dispose()
    state = sqlite_files.inspect_file(path)
    assert (state.kind, state.has_tables) == ("sqlite", True)
    assert sqlite_files.check_file(path) and sqlite_files.quick_check(path)


def test_a_folder_with_odd_characters_in_its_name_opens(tmp_path: Path) -> None:
    path = tmp_path / "Ouders & kinderen #2 ?50% af" / "opvoed.sqlite3"
    path.parent.mkdir()
    _plain_copy(path)
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (50,)
    assert sqlite_files.inspect_file(path).kind == "sqlite"
    assert not (tmp_path / "Ouders & kinderen ").exists()


# Files readable by the user alone ----------------------------------------------------------------
def test_the_database_and_its_side_files_are_private(db_file: tuple[Path, Engine]) -> None:
    path, engine = db_file
    with engine.connect():  # -wal and -shm exist while a connection is open
        for file in [path, *sqlite_files.side_files(path)]:
            os.chmod(file, 0o644)
        sqlite_files.secure_files(path)
        found = {file.name: file.stat().st_mode & 0o777 for file in [path, *sqlite_files.side_files(path)]}
    assert found == {"opvoed.sqlite3": 0o600, "opvoed.sqlite3-wal": 0o600, "opvoed.sqlite3-shm": 0o600}
    journal = path.with_name(path.name + "-journal")
    journal.write_bytes(b"")
    os.chmod(journal, 0o666)
    sqlite_files.secure_files(path)
    assert journal.stat().st_mode & 0o777 == 0o600
    sqlite_files.secure_files(path.with_name("never-made.sqlite3"))  # nothing there: no error


# Judging a file before opening it ----------------------------------------------------------------
def test_a_missing_file_and_a_folder_are_told_apart_from_damage(tmp_path: Path) -> None:
    assert sqlite_files.inspect_file(tmp_path / "none.sqlite3") == sqlite_files.FileState("missing")
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    assert sqlite_files.inspect_file(folder) == sqlite_files.FileState("folder")


def test_the_schema_version_is_read_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "opvoed.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('0007_x')")
    before = path.read_bytes()
    assert sqlite_files.inspect_file(path) == sqlite_files.FileState("sqlite", "0007_x", True)
    assert path.read_bytes() == before and list(sqlite_files.side_files(path)) == []
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DELETE FROM alembic_version")
    assert sqlite_files.inspect_file(path) == sqlite_files.FileState("sqlite", None, True)
    empty = tmp_path / "empty.sqlite3"
    with contextlib.closing(sqlite3.connect(empty)) as conn:
        conn.execute("PRAGMA user_version = 1")
    assert sqlite_files.inspect_file(empty) == sqlite_files.FileState("sqlite", None, False)


def _header(path: Path, offset: int, fmt: str, *values: int) -> None:
    with path.open("r+b") as fh:
        fh.seek(offset)
        fh.write(struct.pack(fmt, *values))


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "opvoed.sqlite3"
    _plain_copy(path)
    assert sqlite_files.header_ok(path)
    return path


def test_a_truncated_file_is_damaged(plain: Path) -> None:
    data = plain.read_bytes()
    plain.write_bytes(data[: len(data) - 1024])
    assert not sqlite_files.header_ok(plain)
    assert sqlite_files.inspect_file(plain).kind == "corrupt"
    plain.write_bytes(data[:99])
    assert not sqlite_files.header_ok(plain)


def test_a_page_count_from_an_older_change_is_not_trusted(plain: Path) -> None:
    data = plain.read_bytes()
    plain.write_bytes(data[: len(data) - 1024])
    change_counter = struct.unpack(">I", data[24:28])[0]
    _header(plain, 92, ">I", change_counter + 1)  # the count was written by another change
    assert sqlite_files.header_ok(plain)


def test_a_file_exactly_as_long_as_its_pages_is_whole(plain: Path) -> None:
    (page_size,) = struct.unpack(">H", plain.read_bytes()[16:18])
    (pages,) = struct.unpack(">I", plain.read_bytes()[28:32])
    assert plain.stat().st_size == pages * page_size and sqlite_files.header_ok(plain)
    with plain.open("ab") as fh:
        fh.write(b"\0" * page_size)  # longer than the header says: SQLite reads it fine
    assert sqlite_files.header_ok(plain)


@pytest.mark.parametrize("page_size", [0, 256, 1000, 4097])
def test_an_impossible_page_size_is_damage(plain: Path, page_size: int) -> None:
    _header(plain, 16, ">H", page_size)
    assert not sqlite_files.header_ok(plain)
    assert sqlite_files.inspect_file(plain).kind == "corrupt"


def test_page_size_one_means_64_kib(tmp_path: Path) -> None:
    path = tmp_path / "big-pages.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA page_size = 65536")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    assert path.read_bytes()[16:18] == b"\x00\x01"
    assert sqlite_files.header_ok(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 512])
    assert not sqlite_files.header_ok(path)
    path.write_bytes(data[:512] + data[512:])
    assert sqlite_files.header_ok(path)


@pytest.mark.parametrize("size", [512, 8192])
def test_a_512_byte_page_size_is_whole(tmp_path: Path, size: int) -> None:
    path = tmp_path / "p.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA page_size = {size}")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    assert sqlite_files.header_ok(path) and sqlite_files.inspect_file(path).kind == "sqlite"


def test_a_foreign_file_and_random_bytes_are_damage(tmp_path: Path) -> None:
    photo = tmp_path / "foto.sqlite3"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(4000))
    assert sqlite_files.inspect_file(photo).kind == "corrupt"
    assert not sqlite_files.quick_check(photo)
    assert sqlite_files.inspect_file(tmp_path / "x").kind == "missing"


def test_damage_inside_is_found_by_the_full_check(plain: Path) -> None:
    with contextlib.closing(sqlite3.connect(plain)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 't'").fetchone()[0]
    with plain.open("r+b") as fh:
        fh.seek((root - 1) * 4096)
        fh.write(os.urandom(4096))
    assert sqlite_files.header_ok(plain)
    assert not sqlite_files.check_file(plain) and not sqlite_files.quick_check(plain)


def test_damage_in_the_schema_is_damage_not_a_crash(plain: Path) -> None:
    with plain.open("r+b") as fh:
        fh.seek(100)
        fh.write(os.urandom(4096 - 100))  # the schema page after the header
    assert sqlite_files.header_ok(plain)
    assert sqlite_files.inspect_file(plain).kind == "corrupt"
    assert not sqlite_files.check_file(plain)


def test_an_encrypted_file_is_judged_by_whole_pages(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "data" / "opvoed.sqlite3"
    path.parent.mkdir()
    engine = sqlite_files.make_engine(path)
    _schema(engine)
    engine.dispose()
    assert not keys.is_plain(path)
    assert sqlite_files.header_ok(path) and sqlite_files.inspect_file(path).kind == "sqlite"
    assert sqlite_files.check_file(path)
    data = path.read_bytes()
    path.write_bytes(data[:-1])
    assert not sqlite_files.header_ok(path)
    path.write_bytes(data[: sqlite_files.ENCRYPTED_PAGE - 16])
    assert not sqlite_files.header_ok(path)
    path.write_bytes(b"")
    assert not sqlite_files.header_ok(path)
    path.write_bytes(data[: sqlite_files.ENCRYPTED_PAGE])
    assert sqlite_files.header_ok(path)


# Copies -------------------------------------------------------------------------------------------
def test_a_copy_stands_alone_and_is_private(db_file: tuple[Path, Engine], tmp_path: Path) -> None:
    path, engine = db_file
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', ?)", (SECRET,))
    target = tmp_path / "copy.sqlite3"
    sqlite_files.copy_database(path, target)  # the WAL still holds the note
    assert list(sqlite_files.side_files(target)) == []
    assert target.stat().st_mode & 0o777 == 0o600
    assert keys.is_plain(target) and _integrity(target) == [("ok",)]
    with contextlib.closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT text FROM note").fetchall() == [(SECRET,)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_a_copy_from_an_open_connection_leaves_it_open(db_file: tuple[Path, Engine], tmp_path: Path) -> None:
    path, _engine = db_file
    source = sqlite3.connect(path)
    try:
        sqlite_files.copy_database(source, tmp_path / "copy.sqlite3")
        assert source.execute("SELECT id FROM meeting").fetchall() == [("m1",)]
    finally:
        source.close()
    with contextlib.closing(sqlite3.connect(tmp_path / "copy.sqlite3")) as conn:
        assert conn.execute("SELECT id FROM meeting").fetchall() == [("m1",)]


def test_an_encrypted_database_copies_encrypted_or_plain_as_asked(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "data" / "opvoed.sqlite3"
    path.parent.mkdir()
    engine = sqlite_files.make_engine(path)
    _schema(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', ?)", (SECRET,))
        conn.exec_driver_sql("PRAGMA user_version = 4242")
    engine.dispose()
    (tmp_path / "data" / "backups").mkdir()
    same = tmp_path / "data" / "backups" / "same.sqlite3"
    sqlite_files.copy_database(path, same)
    assert not keys.is_plain(same) and SECRET.encode() not in same.read_bytes()
    assert sqlite_files.check_file(same) and list(sqlite_files.side_files(same)) == []
    plain = tmp_path / "plain.sqlite3"
    sqlite_files.copy_database(path, plain, key=None)
    assert keys.is_plain(plain) and plain.stat().st_mode & 0o777 == 0o600
    with contextlib.closing(sqlite3.connect(plain)) as conn:
        assert conn.execute("SELECT text FROM note").fetchall() == [(SECRET,)]
        assert conn.execute("PRAGMA user_version").fetchone() == (4242,)
    other = os.urandom(keys.KEY_BYTES)
    rekeyed = tmp_path / "data" / "backups" / "rekeyed.sqlite3"
    sqlite_files.copy_database(plain, rekeyed, key=other)
    assert not keys.is_plain(rekeyed) and SECRET.encode() not in rekeyed.read_bytes()
    with contextlib.closing(sqlite3.connect(rekeyed)) as conn:
        conn.execute(keys.key_pragma(other))
        assert conn.execute("SELECT text FROM note").fetchall() == [(SECRET,)]


# Folding the WAL back -----------------------------------------------------------------------------
def test_a_checkpoint_empties_the_log_unless_a_reader_holds_it(db_file: tuple[Path, Engine]) -> None:
    path, engine = db_file
    wal = path.with_name(path.name + "-wal")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', 'a')")
    assert wal.stat().st_size > 0
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM note").fetchone()  # a snapshot: the log must stay
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', 'b')")
    started = time.monotonic()
    assert not sqlite_files.checkpoint(engine, wait_ms=200)
    assert time.monotonic() - started < 3
    with engine.connect() as conn:  # the connection's own wait is back to five seconds
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    assert wal.stat().st_size > 0
    reader.execute("COMMIT")
    reader.close()
    assert sqlite_files.checkpoint(engine)
    assert wal.stat().st_size == 0 and _integrity(path) == [("ok",)]
    with engine.connect() as conn:
        assert sorted(conn.exec_driver_sql("SELECT text FROM note").scalars()) == ["a", "b"]


# Telling SQLite's faults apart -------------------------------------------------------------------
def test_a_nearly_full_disk_counts_as_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not sqlite_files.no_space_left(tmp_path)
    assert not sqlite_files.no_space_left(tmp_path / "unplugged")  # cannot tell: not full
    usage = shutil.disk_usage(tmp_path)
    for free, full in ((1024 * 1024 - 1, True), (1024 * 1024, False), (0, True)):
        monkeypatch.setattr(sqlite_files.shutil, "disk_usage", lambda _p, f=free: usage._replace(free=f))
        assert sqlite_files.no_space_left(tmp_path) is full
    monkeypatch.setattr(sqlite_files.shutil, "disk_usage", lambda _p: usage._replace(free=10))
    assert not sqlite_files.no_space_left(tmp_path, margin=10)


def _error(message: str, code: str | None = None) -> Exception:
    exc = sqlite3.OperationalError(message)
    if code is not None:
        exc.sqlite_errorname = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (_error("database or disk is full", "SQLITE_FULL"), "full"),
        (_error("database or disk is full"), "full"),
        (_error("attempt to write a readonly database", "SQLITE_READONLY"), "read-only"),
        (_error("x", "SQLITE_READONLY_DIRECTORY"), "read-only"),
        (_error("attempt to write a readonly database"), "read-only"),
        (_error("x", "SQLITE_IOERR"), "io"),
        (_error("x", "SQLITE_IOERR_SHORT_READ"), "io"),
        (_error("disk I/O error"), "io"),
        (_error("x", "SQLITE_CORRUPT"), "corrupt"),
        (_error("x", "SQLITE_NOTADB"), "corrupt"),
        (_error("database disk image is malformed"), "corrupt"),
        (_error("database is locked", "SQLITE_BUSY"), "other"),
        (_error("x", "SQLITE_CORRUPT_VTAB"), "other"),
        (ValueError("no code at all"), "other"),
    ],
)
def test_each_fault_is_told_apart(exc: Exception, kind: str) -> None:
    found = {
        "full": sqlite_files.is_disk_full(exc),
        "read-only": sqlite_files.is_read_only(exc),
        "io": sqlite_files.is_io_error(exc),
        "corrupt": sqlite_files.is_corrupt(exc),
    }
    assert [k for k, v in found.items() if v] == ([] if kind == "other" else [kind])


def test_real_faults_are_told_apart(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "f.sqlite3")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as full:
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 10)
    conn.close()
    assert sqlite_files.is_disk_full(full.value) and not sqlite_files.is_corrupt(full.value)
    with (
        contextlib.closing(sqlite_files.open_read_only(tmp_path / "f.sqlite3")) as reader,
        pytest.raises(sqlite3.OperationalError) as read_only,
    ):
        reader.execute("INSERT INTO t VALUES (1)")
    assert sqlite_files.is_read_only(read_only.value) and not sqlite_files.is_disk_full(read_only.value)
    (tmp_path / "n.sqlite3").write_bytes(b"not a database at all, just text" * 200)
    with (
        contextlib.closing(sqlite3.connect(tmp_path / "n.sqlite3")) as bad,
        pytest.raises(sqlite3.DatabaseError) as notadb,
    ):
        bad.execute("SELECT * FROM sqlite_master")
    assert sqlite_files.is_corrupt(notadb.value) and not sqlite_files.is_io_error(notadb.value)


# What the first run of `make mutate` asked for ------------------------------------------------------
def _crash_copy(path: Path, engine: Engine, target: Path) -> None:
    """The database and its log as a killed app leaves them: copied while the engine still holds the
    log open, so the last changes are in the -wal file only."""
    with engine.connect():
        shutil.copyfile(path, target)
        shutil.copyfile(path.with_name(path.name + "-wal"), target.with_name(target.name + "-wal"))


def test_a_schema_change_still_in_the_log_is_read(db_file: tuple[Path, Engine], tmp_path: Path) -> None:
    """An app killed right after a migration: the new revision is in the log, not yet in the file."""
    path, engine = db_file
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num TEXT)")
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('0001')")
    assert sqlite_files.checkpoint(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0002'")
        conn.commit()
    crashed = tmp_path / "crashed.sqlite3"
    _crash_copy(path, engine, crashed)
    assert sqlite_files.inspect_file(crashed) == sqlite_files.FileState("sqlite", "0002", True)


def test_a_crash_while_folding_the_log_is_not_damage(db_file: tuple[Path, Engine], tmp_path: Path) -> None:
    """Killed half-way through a checkpoint: pages of the file are half written, but the log still
    holds every one of them, so SQLite reads a whole database and it must not be set aside."""
    path, engine = db_file
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', ?)", (SECRET * 100,))
    assert sqlite_files.checkpoint(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
        conn.exec_driver_sql("UPDATE note SET text = 'nieuw'")
        root = conn.exec_driver_sql("SELECT rootpage FROM sqlite_master WHERE name = 'note'").scalar()
        conn.commit()
    crashed = tmp_path / "crashed.sqlite3"
    _crash_copy(path, engine, crashed)
    with crashed.open("r+b") as fh:  # the torn write: that page of the file is garbage now
        fh.seek((int(root) - 1) * 4096)
        fh.write(os.urandom(4096))
    assert sqlite_files.check_file(crashed) and sqlite_files.quick_check(crashed)
    with contextlib.closing(sqlite3.connect(crashed)) as conn:
        assert conn.execute("SELECT text FROM note").fetchall() == [("nieuw",)]


def test_a_locked_database_is_read_as_it_lies_never_called_damaged(tmp_path: Path) -> None:
    """Another program holds the file (a backup being written by another window): after the wait
    the app reads it as it lies, and a healthy file is never judged damaged."""
    path = tmp_path / "opvoed.sqlite3"
    _plain_copy(path)
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('0007')")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert sqlite_files.inspect_file(path) == sqlite_files.FileState("sqlite", "0007", True)
        reader = sqlite_files.make_engine(path, read_only=True)  # the CLI reading while it is held
        try:
            with reader.connect() as conn:
                assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 50
        finally:
            reader.dispose()
    finally:
        holder.close()


def test_a_locked_database_passes_its_check(tmp_path: Path) -> None:
    path = tmp_path / "opvoed.sqlite3"
    _plain_copy(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert sqlite_files.check_file(path)
    finally:
        holder.close()


def test_a_backup_that_vanished_is_not_usable(tmp_path: Path) -> None:
    """A USB stick pulled between the list and the check."""
    assert not sqlite_files.quick_check(tmp_path / "weg.sqlite3")


def _in_a_thread(engine: Engine) -> list[object]:
    found: list[object] = []

    def work() -> None:
        try:
            with engine.connect() as conn:
                found.append(conn.exec_driver_sql("SELECT id FROM meeting").scalar())
        except Exception as exc:  # reported to the test, not lost in the thread
            found.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(10)
    return found


def test_the_engine_serves_the_background_threads(db_file: tuple[Path, Engine]) -> None:
    """The window saves on its own thread and folds the log on another: one engine serves all."""
    path, _engine = db_file
    for read_only in (False, True):
        used = sqlite_files.make_engine(path, read_only=read_only)
        with used.connect() as conn:  # made on this thread, then handed to another by the pool
            conn.exec_driver_sql("SELECT 1")
        found = _in_a_thread(used)
        used.dispose()
        assert found == ["m1"], read_only


def test_a_copy_in_rollback_mode_opens_for_reading(db_file: tuple[Path, Engine], tmp_path: Path) -> None:
    """A backup (or a restored one not yet opened for writing) is a single file without a log; the
    read-only window reads it as it is, and leaves it so."""
    path, _engine = db_file
    copy = tmp_path / "backup.sqlite3"
    sqlite_files.copy_database(path, copy)
    before = copy.read_bytes()
    reader = sqlite_files.make_engine(copy, read_only=True)
    try:
        with reader.connect() as conn:
            assert conn.exec_driver_sql("SELECT id FROM meeting").scalars().all() == ["m1"]
    finally:
        reader.dispose()
    assert copy.read_bytes() == before and list(sqlite_files.side_files(copy)) == []


def test_reading_what_a_killed_app_left_changes_no_file(db_file: tuple[Path, Engine], tmp_path: Path) -> None:
    path, engine = db_file
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
        conn.exec_driver_sql("INSERT INTO note (meeting_id, text) VALUES ('m1', 'in het log')")
        conn.commit()
    crashed = tmp_path / "crashed.sqlite3"
    _crash_copy(path, engine, crashed)
    wal = crashed.with_name(crashed.name + "-wal")
    before = (crashed.read_bytes(), wal.read_bytes())
    reader = sqlite_files.make_engine(crashed, read_only=True)
    try:
        with reader.connect() as conn:
            assert conn.exec_driver_sql("SELECT text FROM note").scalars().all() == ["in het log"]
    finally:
        reader.dispose()
    assert (crashed.read_bytes(), wal.read_bytes()) == before


def test_odd_headers(plain: Path, tmp_path: Path) -> None:
    data = plain.read_bytes()
    short = tmp_path / "short.sqlite3"
    short.write_bytes(data[:50])  # the magic, and then the file ends
    assert not sqlite_files.header_ok(short) and sqlite_files.inspect_file(short).kind == "corrupt"
    plain.write_bytes(b"SQLite format 2\x00" + data[16:])  # damaged magic, the rest intact
    assert not sqlite_files.header_ok(plain)
    # A page count of three billion written by the last change: nothing here is that long.
    plain.write_bytes(data)
    _header(plain, 24, ">I", 7)
    _header(plain, 28, ">I", 3_000_000_000)
    _header(plain, 92, ">I", 7)
    assert not sqlite_files.header_ok(plain)
    # A change counter past two billion (it only ever grows) still vouches for the page count.
    plain.write_bytes(data[: len(data) - 4096])
    _header(plain, 24, ">I", 2**31 + 5)
    _header(plain, 92, ">I", 2**31 + 5)
    assert not sqlite_files.header_ok(plain)


def test_a_database_with_32_kib_pages_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA page_size = 32768")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    assert sqlite_files.header_ok(path) and sqlite_files.inspect_file(path).kind == "sqlite"


def test_a_full_disk_is_known_by_its_code_alone() -> None:
    assert sqlite_files.is_disk_full(_error("x", "SQLITE_FULL"))
    assert not sqlite_files.is_disk_full(_error("x", "SQLITE_IOERR"))
