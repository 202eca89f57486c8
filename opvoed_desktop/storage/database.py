"""Opening the database at start: lock, inspect, recover, check, migrate.

Order matters and is the point of this module:
1. lock the data dir (one writer), 2. inspect the file without writing to it, 3. move a damaged
file aside (never delete it) and keep a damaged log aside, 4. refuse a newer schema leaving the file
untouched, 5. back up before migrating, 6. migrate, 7. hand out sessions.
Where the app cannot write (read-only folder, full disk) it opens for reading and says why.
"""

from __future__ import annotations

import errno
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import backup, crypto, failures, fts, migrate, recovery, tombstones
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseIsFolderError,
    DataDirUnusableError,
    DiskFullAtStartError,
    DiskFullError,
    ForeignDatabaseError,
    NewerDatabaseError,
    ReadOnlyError,
    RecoveredFromCorruption,
    StorageError,
    WalDamaged,
)
from opvoed_desktop.storage.failures import translate
from opvoed_desktop.storage.lock import DataDirLock

log = logging.getLogger(__name__)
LOCK_NAME = "opvoed.lock"
CHECKPOINT_FIRST_WAIT_MS = 300  # the user is waiting: then hand over to a background retry
CHECKPOINT_RETRY_S = 120.0

__all__ = ["LOCK_NAME", "Database", "open_database", "translate"]


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
        # Why writing is refused when it is not the folder: another window, a full disk.
        self.read_only_because: StorageError | None = None
        self.recovered = recovered
        self.wal_damage: WalDamaged | None = None
        self.migrated_backup = migrated_backup
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Rows deleted for good leave a tombstone (ids and time only) in the same transaction.
        tombstones.install(self._sessions)
        self._dirty = False
        self._damage_listeners: list[Callable[[CorruptDatabaseError], None]] = []
        self._checkpointer: threading.Thread | None = None
        self._closed = False
        failures.install(engine, paths, self._damage_seen)

    @property
    def read_only_message(self) -> str | None:
        if not self.read_only:
            return None
        return str(self.read_only_because or ReadOnlyError(self.paths.root))

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction; SQLite failures become a sentence the user can act on.

        A transaction that changed rows also sets a new change mark (see backup.fingerprint), in
        the same transaction, so backups know the content changed and opening never counts.
        """
        if self.read_only:
            raise self.read_only_because or ReadOnlyError(self.paths.root)
        self._dirty = True
        try:
            with self._sessions() as session, session.begin():
                raw = session.connection().connection.driver_connection
                before = raw.total_changes  # type: ignore[union-attr]
                yield session
                session.flush()
                if raw.total_changes != before:  # type: ignore[union-attr]
                    session.connection().exec_driver_sql(f"PRAGMA user_version = {failures.new_mark()}")
        except OperationalError as exc:
            raise translate(exc, self.paths) from None
        except StorageError as exc:
            raise exc from None  # translated by failures.py; SQLite's own error adds nothing

    def backup(self, reason: str = "manual") -> Path:
        return backup.create_backup(self.paths, reason=reason)

    def restore(self, source: Path) -> Path | None:
        """Swap in a backup while the app runs: close connections, replace, reconnect."""
        if self.read_only:
            raise self.read_only_because or ReadOnlyError(self.paths.root)
        self.engine.dispose()
        previous = backup.restore(self.paths, source)
        state = sqlite_files.inspect_file(self.paths.database)
        if migrate.needs_upgrade(state.revision):
            migrate.upgrade(self.engine)
        return previous

    # Damage ------------------------------------------------------------------------------------
    def on_damage(self, listener: Callable[[CorruptDatabaseError], None]) -> None:
        """Call `listener` (in the failing thread) when a query meets damage."""
        self._damage_listeners.append(listener)

    def _damage_seen(self, error: CorruptDatabaseError) -> None:
        for listener in list(self._damage_listeners):
            listener(error)

    def check(self) -> bool:
        """`PRAGMA quick_check` of the whole file: False when SQLite finds damage."""
        return sqlite_files.check_file(self.paths.database)

    def set_aside_damaged(self) -> RecoveredFromCorruption:
        """Move the damaged file aside (kept, never deleted) and start a fresh one in its place;
        the newest good backup is offered. The caller has stopped every use of the database."""
        if self.read_only:
            raise CorruptDatabaseError(self.paths.database)
        self.engine.dispose()
        moved = backup.move_aside(self.paths.database, "corrupt")
        log.warning("damaged database moved aside to %s", moved.name)
        _create(self.engine, self.paths)
        self.recovered = RecoveredFromCorruption(moved, backup.newest_good_backup(self.paths))
        return self.recovered

    # Closing -----------------------------------------------------------------------------------
    def checkpoint(self) -> bool:
        """Fold the WAL back into the file now; if a reader (a backup being copied, a CLI) holds
        it, keep trying in the background until it lets go.

        After a deletion this is what takes the old pages (and their text) out of the WAL and,
        with secure_delete, out of the file: done now, not at the next clean close. (After a
        crash, the next start folds the WAL before anything else.)
        """
        if self.read_only:
            return False
        try:
            if sqlite_files.checkpoint(self.engine, wait_ms=CHECKPOINT_FIRST_WAIT_MS):
                return True
        except (OperationalError, StorageError) as exc:
            log.warning("checkpoint failed: %s", type(exc).__name__)
        self._checkpoint_later()
        return False

    def _checkpoint_later(self) -> None:
        if self._checkpointer is not None and self._checkpointer.is_alive():
            return

        def retry() -> None:
            deadline = time.monotonic() + CHECKPOINT_RETRY_S
            while not self._closed and time.monotonic() < deadline:
                try:
                    if sqlite_files.checkpoint(self.engine):
                        return
                except Exception:  # the database may be closing; the next start folds the WAL
                    return
                time.sleep(0.5)
            log.warning("checkpoint still blocked by a reader; the next start finishes it")

        self._checkpointer = threading.Thread(target=retry, name="checkpoint", daemon=True)
        self._checkpointer.start()

    def close(self) -> None:
        self._closed = True
        if self._checkpointer is not None:
            self._checkpointer.join(timeout=2)
        if self._dirty and not self.read_only:
            # Edited-out words linger in the search index until it merges; do that once per
            # session rather than on every autosave (it rewrites the index).
            try:
                with self.engine.begin() as conn:
                    fts.purge_deleted(conn)
                sqlite_files.checkpoint(self.engine)
            except (OperationalError, StorageError):
                log.warning("could not merge the search index at close")
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(paths: DataPaths, *, read_only: bool = False, check: bool = True) -> Database:
    """Open (creating or migrating when needed) the database of a data dir.

    `check`: run `PRAGMA quick_check` first and set a damaged file aside. The GUI passes False and
    checks after its first paint (a large database takes seconds); the CLI checks here.
    Raises EncryptionError (crypto.py: passphrase needed or wrong),
    DatabaseInUseError, NewerDatabaseError, ForeignDatabaseError, DatabaseIsFolderError,
    DataDirUnusableError or ReadOnlyError. Falls back to read-only when the folder or file cannot
    be written (or the disk is full) but can be read.
    """
    if paths.root.exists() and not paths.root.is_dir():
        raise DataDirUnusableError(paths.root)
    # Encrypted notes: the key first (passphrase file, keyring), or one sentence saying how.
    crypto.ensure_unlocked(paths)
    if read_only or not _writable(paths):
        return _open_read_only(paths, check=check)
    try:
        paths.ensure()
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullAtStartError(paths.root) from None
        raise DataDirUnusableError(paths.root) from None
    lock = DataDirLock(paths.root / LOCK_NAME)
    try:
        lock.acquire(paths.database)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return _open_read_only(paths, check=check, because=DiskFullAtStartError(paths.root))
        return _open_read_only(paths, check=check, because=ReadOnlyError(paths.root))
    try:
        if lock.disk_full:
            return _open_read_only(paths, check=check, because=DiskFullAtStartError(paths.root), lock=lock)
        try:
            return _open_locked(paths, lock, check=check)
        except DiskFullError:
            return _open_read_only(paths, check=check, because=DiskFullAtStartError(paths.root), lock=lock)
    except BaseException:
        lock.release()
        raise


def _open_locked(paths: DataPaths, lock: DataDirLock, *, check: bool) -> Database:
    db = paths.database
    state = sqlite_files.inspect_file(db)
    if state.kind == "folder":
        raise DatabaseIsFolderError(db)
    recovered = None
    if state.kind == "sqlite" and check and not recovery.check_whole(paths):
        state = sqlite_files.FileState("corrupt")
    if state.kind == "corrupt":
        moved = backup.move_aside(db, "corrupt")
        log.warning("damaged database moved aside to %s", moved.name)
        recovered = RecoveredFromCorruption(moved, backup.newest_good_backup(paths))
        state = sqlite_files.FileState("missing")
    _refuse_unknown(db, state)
    wal_damage = recovery.keep_damaged_wal(paths) if state.kind == "sqlite" else None
    migrated_backup = None
    if state.kind == "sqlite" and state.has_tables and migrate.needs_upgrade(state.revision):
        migrated_backup = backup.create_backup(paths, reason="before-migration")
    engine = sqlite_files.make_engine(db)
    try:
        if migrate.needs_upgrade(state.revision):
            migrate.upgrade(engine)
        # The first connection is also the proof that we can write here (it makes the -shm file):
        # on a full disk it fails now, and the app opens for reading instead.
        _mark(engine)
        if wal_damage is not None or recovery.wal_size(db):
            # Fold what a crash left in the log into the file now (and a damaged tail out of it).
            sqlite_files.checkpoint(engine)
    except OperationalError as exc:
        engine.dispose()
        raise translate(exc, paths) from None
    except StorageError:
        engine.dispose()
        raise
    sqlite_files.secure_files(db)
    if recovered is None:
        recovered = recovery.earlier_damage(paths)
    database = Database(paths, engine, lock, recovered=recovered, migrated_backup=migrated_backup)
    database.wal_damage = wal_damage
    return database


def _create(engine: Engine, paths: DataPaths) -> None:
    """A fresh, empty database at the latest schema (after a damaged one was set aside)."""
    migrate.upgrade(engine)
    _mark(engine)
    sqlite_files.secure_files(paths.database)


def _mark(engine: Engine) -> None:
    """Give a database its first change mark (older versions left 0: unknown)."""
    with engine.begin() as conn:
        if conn.exec_driver_sql("PRAGMA user_version").scalar() == 0:
            conn.exec_driver_sql(f"PRAGMA user_version = {failures.new_mark()}")


def _refuse_unknown(db: Path, state: sqlite_files.FileState) -> None:
    if state.kind != "sqlite":
        return
    if not migrate.is_known(state.revision):
        raise NewerDatabaseError(db, state.revision or "")
    if state.revision is None and state.has_tables:
        raise ForeignDatabaseError(db)


def _open_read_only(
    paths: DataPaths,
    *,
    check: bool = True,
    because: StorageError | None = None,
    lock: DataDirLock | None = None,
) -> Database:
    db = paths.database
    reason = because or ReadOnlyError(paths.root)
    state = sqlite_files.inspect_file(db)
    if state.kind == "folder":
        raise DatabaseIsFolderError(db)
    if state.kind == "missing":
        raise reason
    if state.kind == "corrupt" or (check and not recovery.check_whole(paths)):
        raise CorruptDatabaseError(db)
    _refuse_unknown(db, state)
    if migrate.needs_upgrade(state.revision):
        # An older schema cannot be migrated without writing; reading it could misbehave.
        raise reason
    database = Database(paths, sqlite_files.make_engine(db, read_only=True), lock, read_only=True)
    database.read_only_because = because
    return database


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
    return not db.is_file() or os.access(db, os.W_OK)
