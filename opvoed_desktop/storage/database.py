"""Opening the database at start: lock, inspect, recover, back up, migrate.

Order matters and is the point of this module:
1. lock the data dir (one writer), 2. inspect the file without writing to it, 3. move a damaged
file aside (never delete it), 4. refuse a newer schema leaving the file untouched, 5. back up
before migrating, 6. migrate, 7. hand out sessions.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import backup, fts, migrate, tombstones
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.errors import (
    CorruptDatabaseError,
    DiskFullError,
    ForeignDatabaseError,
    NewerDatabaseError,
    ReadOnlyError,
    RecoveredFromCorruption,
    StorageError,
)
from opvoed_desktop.storage.lock import DataDirLock

log = logging.getLogger(__name__)
LOCK_NAME = "opvoed.lock"


class Database:
    """An open database: sessions for the services, plus what the UI must tell the user."""

    def __init__(
        self,
        paths: DataPaths,
        engine: Engine,
        lock: DataDirLock | None,
        *,
        read_only: bool = False,
        recovered: RecoveredFromCorruption | None = None,
        migrated_backup: Path | None = None,
    ) -> None:
        self.paths = paths
        self.engine = engine
        self.read_only = read_only
        # Why writing is refused when it is not the folder: e.g. another window has the notes open.
        self.read_only_because: StorageError | None = None
        self.recovered = recovered
        self.migrated_backup = migrated_backup
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Rows deleted for good leave a tombstone (ids and time only) in the same transaction.
        tombstones.install(self._sessions)
        self._dirty = False

    @property
    def read_only_message(self) -> str | None:
        return str(ReadOnlyError(self.paths.root)) if self.read_only else None

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction; SQLite failures become a sentence the user can act on."""
        if self.read_only:
            raise self.read_only_because or ReadOnlyError(self.paths.root)
        self._dirty = True
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise translate(exc, self.paths) from None

    def backup(self, reason: str = "manual") -> Path:
        return backup.create_backup(self.paths, reason=reason)

    def restore(self, source: Path) -> Path | None:
        """Swap in a backup while the app runs: close connections, replace, reconnect."""
        if self.read_only:
            raise ReadOnlyError(self.paths.root)
        self.engine.dispose()
        previous = backup.restore(self.paths, source)
        state = sqlite_files.inspect_file(self.paths.database)
        if migrate.needs_upgrade(state.revision):
            migrate.upgrade(self.engine)
        return previous

    def checkpoint(self) -> None:
        if not self.read_only:
            sqlite_files.checkpoint(self.engine)

    def close(self) -> None:
        if self._dirty and not self.read_only:
            # Edited-out words linger in the search index until it merges; do that once per
            # session rather than on every autosave (it rewrites the index).
            try:
                with self.engine.begin() as conn:
                    fts.purge_deleted(conn)
                sqlite_files.checkpoint(self.engine)
            except OperationalError:
                log.warning("could not merge the search index at close")
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def translate(exc: BaseException, paths: DataPaths) -> StorageError:
    """Map a SQLite failure to our error; logs the error code only, never the statement."""
    orig = getattr(exc, "orig", exc)
    log.warning("database write failed: %s", getattr(orig, "sqlite_errorname", type(orig)))
    if sqlite_files.is_disk_full(orig):
        return DiskFullError(paths.root)
    if sqlite_files.is_read_only(orig):
        return ReadOnlyError(paths.root)
    if sqlite_files.is_corrupt(orig):
        return CorruptDatabaseError(paths.database)
    return StorageError(str(orig).split("\n")[0])


def open_database(paths: DataPaths, *, read_only: bool = False) -> Database:
    """Open (creating or migrating when needed) the database of a data dir.

    Raises DatabaseInUseError, NewerDatabaseError, ForeignDatabaseError or ReadOnlyError.
    Falls back to read-only when the folder or file cannot be written but can be read.
    """
    if read_only or not _writable(paths):
        return _open_read_only(paths)
    paths.ensure()
    lock = DataDirLock(paths.root / LOCK_NAME)
    lock.acquire(paths.database)
    try:
        return _open_locked(paths, lock)
    except BaseException:
        lock.release()
        raise


def _open_locked(paths: DataPaths, lock: DataDirLock) -> Database:
    db = paths.database
    state = sqlite_files.inspect_file(db)
    recovered = None
    if state.kind == "corrupt":
        moved = backup.move_aside(db, "corrupt")
        log.warning("damaged database moved aside to %s", moved.name)
        recovered = RecoveredFromCorruption(moved, backup.newest_backup(paths))
        state = sqlite_files.FileState("missing")
    _refuse_unknown(db, state)
    migrated_backup = None
    if state.kind == "sqlite" and state.has_tables and migrate.needs_upgrade(state.revision):
        migrated_backup = backup.create_backup(paths, reason="before-migration")
    engine = sqlite_files.make_engine(db)
    try:
        if migrate.needs_upgrade(state.revision):
            migrate.upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        raise translate(exc, paths) from None
    sqlite_files.secure_files(db)
    return Database(paths, engine, lock, recovered=recovered, migrated_backup=migrated_backup)


def _refuse_unknown(db: Path, state: sqlite_files.FileState) -> None:
    if state.kind != "sqlite":
        return
    if not migrate.is_known(state.revision):
        raise NewerDatabaseError(db, state.revision or "")
    if state.revision is None and state.has_tables:
        raise ForeignDatabaseError(db)


def _open_read_only(paths: DataPaths) -> Database:
    db = paths.database
    state = sqlite_files.inspect_file(db)
    if state.kind == "missing":
        raise ReadOnlyError(paths.root)
    if state.kind == "corrupt":
        raise CorruptDatabaseError(db)
    _refuse_unknown(db, state)
    if migrate.needs_upgrade(state.revision):
        # An older schema cannot be migrated without writing; reading it could misbehave.
        raise ReadOnlyError(paths.root)
    return Database(paths, sqlite_files.make_engine(db, read_only=True), None, read_only=True)


def _writable(paths: DataPaths) -> bool:
    root = paths.root
    probe = root
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    if not os.access(probe, os.W_OK | os.X_OK):
        return False
    db = paths.database
    return not db.exists() or os.access(db, os.W_OK)
