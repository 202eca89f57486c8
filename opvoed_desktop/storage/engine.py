"""SQLite specifics: the engine with its pragmas, file permissions and file inspection.

Together with fts.py and show_store.py this is the only place that speaks SQLite-only SQL;
everything else uses portable SQLAlchemy so the models also run on PostgreSQL. SQLAlchemy is
imported only by `make_engine`: a show's notes (show_store.py) open their file through the pragmas
here without it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from opvoed_desktop.storage import keys
from opvoed_desktop.storage.driver import dbapi as sqlite3

if TYPE_CHECKING:
    from sqlalchemy import Engine

SQLITE_MAGIC = keys.SQLITE_MAGIC
BUSY_TIMEOUT_MS = 5000
SIDE_FILES = ("-wal", "-shm", "-journal")
SAME_KEY = object()  # copy_database: key the copy like its source
ENCRYPTED_PAGE = keys.ENCRYPTED_PAGE


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine for one SQLite file with the durability and privacy pragmas of `_connect` (WAL,
    synchronous=FULL, secure_delete; docs/architecture.md, "From a key press to disk")."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    def connect() -> sqlite3.Connection:
        return _connect(path, read_only=read_only)

    engine = create_engine(
        "sqlite+pysqlite://",
        creator=connect,
        # SQLCipher's driver (driver.py), so SQLAlchemy wraps its exceptions like sqlite3's.
        module=sqlite3,
        poolclass=QueuePool,
        # Parameters are note text: keep them out of logs and exception messages.
        hide_parameters=True,
    )
    event.listen(engine, "connect", _pragmas_read_only if read_only else _pragmas)
    return engine


def connect_for_writing(path: Path) -> sqlite3.Connection:
    """One connection as `make_engine` hands them out for writing: keyed when the file needs it,
    with the same pragmas; for the few writers that do without SQLAlchemy (show_store.py)."""
    conn = _connect(path, read_only=False)
    try:
        _pragmas(conn, None)
    except BaseException:
        conn.close()
        raise
    return conn


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        keys.apply_key(conn, path)
        return conn
    try:
        conn = open_read_only(path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL database in a read-only folder cannot create its -shm file; nobody can write
        # there either, so reading it as immutable is safe.
        return open_read_only(path, immutable=True)


def open_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """Open without any chance of changing the file (used to inspect before deciding)."""
    uri = f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    keys.apply_key(conn, path)
    return conn


def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    # FULL: a committed note survives a power cut, not only an app crash.
    cur.execute("PRAGMA synchronous = FULL")
    # Deleted text is overwritten with zeros, so "delete for good" means it.
    cur.execute("PRAGMA secure_delete = ON")
    cur.close()


def _pragmas_read_only(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only = ON")
    cur.close()


def secure_files(db_path: Path) -> None:
    """Database and its side files readable by the user alone (0600)."""
    if os.name != "posix":
        return
    for candidate in [db_path, *(db_path.with_name(db_path.name + s) for s in SIDE_FILES)]:
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chmod(candidate, 0o600)


def side_files(db_path: Path) -> Iterator[Path]:
    for suffix in SIDE_FILES:
        candidate = db_path.with_name(db_path.name + suffix)
        if candidate.exists():
            yield candidate


@dataclass(frozen=True)
class FileState:
    """What is in a database file, found without writing to it."""

    kind: str  # "missing" | "sqlite" | "corrupt" | "folder"
    revision: str | None = None
    has_tables: bool = False


def inspect_file(path: Path) -> FileState:
    if not path.exists():
        return FileState("missing")
    if path.is_dir():
        return FileState("folder")  # never opened, moved or deleted: it may hold the user's files
    if not header_ok(path):
        return FileState("corrupt")
    try:
        try:
            return _read_state(path, immutable=False)
        except sqlite3.OperationalError as exc:
            if is_corrupt(exc):
                raise
            # Cannot create the -shm file (read-only folder): nobody can write here, so an
            # immutable read of the schema version is safe.
            return _read_state(path, immutable=True)
    except sqlite3.DatabaseError as exc:
        # Only a file SQLite calls damaged counts as corrupt; "locked" or "cannot open" must
        # never lead to moving a healthy database aside.
        if is_corrupt(exc):
            return FileState("corrupt")
        raise


def _read_state(path: Path, *, immutable: bool) -> FileState:
    with contextlib.closing(open_read_only(path, immutable=immutable)) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        revision = None
        if "alembic_version" in names:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return FileState("sqlite", revision, bool(names))


def header_ok(path: Path) -> bool:
    """Magic, a sane page size and no truncation, without opening the file through SQLite.

    Cheap on purpose: a full integrity check of a large database would slow every start.
    An encrypted file has no readable header: it must be a whole number of pages (SQLCipher
    authenticates every page when it is read, so damage inside shows at the first read).
    """
    size = path.stat().st_size
    if keys.key_for(path) is not None:
        return size >= ENCRYPTED_PAGE and size % ENCRYPTED_PAGE == 0
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return False
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return False
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    # The in-header page count is only trustworthy when it was written by the same change.
    return not (page_count and change_counter == valid_for and size < page_count * page_size)


def quick_check(path: Path) -> bool:
    """Full structural check of a backup candidate: anything unreadable counts as unusable."""
    try:
        return check_file(path)
    except sqlite3.DatabaseError:
        return False


def check_file(path: Path) -> bool:
    """`PRAGMA quick_check` of the live database: False only when SQLite reports damage.

    Any other failure (disk I/O, no room for the -shm file, locked) raises: a healthy database
    must never be set aside because the disk was full for a moment.
    """
    try:
        try:
            with contextlib.closing(open_read_only(path)) as conn:
                rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.OperationalError as exc:
            if is_corrupt(exc):
                raise
            # No room (or no right) for the -shm file: nobody can write here, read it as it lies.
            with contextlib.closing(open_read_only(path, immutable=True)) as conn:
                rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_corrupt(exc):
            return False
        raise
    return rows == [("ok",)]


def copy_database(source: Path | sqlite3.Connection, target: Path, *, key: bytes | object | None = SAME_KEY) -> None:
    """Consistent copy with SQLite's backup API, as one self-contained file (no WAL).

    The copy is keyed like its source (an encrypted backup of an encrypted database); `key` gives
    it another key (bytes) or none (None): the pages are then re-encrypted with SQLCipher's
    `sqlcipher_export`, since the backup API copies pages as they are.
    """
    src = source if isinstance(source, sqlite3.Connection) else open_read_only(source)
    source_key = keys.key_for(source) if isinstance(source, Path) else None
    target_key = source_key if key is SAME_KEY else key
    assert target_key is None or isinstance(target_key, bytes)
    try:
        if target_key != source_key:
            from opvoed_desktop.storage import crypto

            crypto.export_to(src, target, target_key)
        else:
            with contextlib.closing(sqlite3.connect(target)) as dst:
                if target_key is not None:
                    dst.execute(keys.key_pragma(target_key))
                src.backup(dst)
                # The copy must stand alone: switch it out of WAL so it is one file.
                dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        if src is not source:
            src.close()
    secure_files(target)


def checkpoint(engine: Engine, *, wait_ms: int = BUSY_TIMEOUT_MS) -> bool:
    """Fold the WAL into the main file and truncate it (after deletes: old text goes too).

    Waits up to `wait_ms` for readers; returns False when one kept SQLite from finishing (the
    WAL, and the main file, may then still hold old pages).
    """
    with engine.connect() as conn:
        if wait_ms != BUSY_TIMEOUT_MS:
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait_ms)}")
        try:
            row = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            if wait_ms != BUSY_TIMEOUT_MS:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return not (row and row[0])


def no_space_left(folder: Path, *, margin: int = 1024 * 1024) -> bool:
    """True when the disk of `folder` has less than `margin` bytes free (SQLite then fails
    with "disk I/O error" on the -shm file rather than with "disk full")."""
    try:
        return shutil.disk_usage(folder).free < margin
    except OSError:
        return False


def is_disk_full(exc: BaseException) -> bool:
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc)


def is_read_only(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith("SQLITE_READONLY") or "readonly database" in str(exc)


def is_io_error(exc: BaseException) -> bool:
    return getattr(exc, "sqlite_errorname", "").startswith("SQLITE_IOERR") or "disk I/O error" in str(exc)


def is_corrupt(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in str(exc)
