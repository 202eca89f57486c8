"""Backups with SQLite's backup API, restore, and moving damaged files aside.

A backup is one self-contained SQLite file (not WAL) in `paths.backups`, mode 0600, named
`opvoed-<local time>-<reason>.sqlite3` so names sort by age. Every copy is checked before it gets
its name, so a damaged database is never stored as a backup. Nothing here ever deletes a database
the user did not ask to delete: pruning only removes our own backups, by generations
(generations.py), and never the newest good one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from opvoed_desktop.fileio import fsync_file, make_private_dirs, sync_folder
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage import generations, keys
from opvoed_desktop.storage.driver import dbapi as sqlite3
from opvoed_desktop.storage.errors import (
    BackupFailedError,
    CorruptDatabaseError,
    DatabaseIsFolderError,
    InvalidBackupError,
    NewerDatabaseError,
)
from opvoed_desktop.storage.migrate import is_known

_NAME = re.compile(r"^opvoed-(\d{8}-\d{6}-\d{6})-([a-z-]+)\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str  # start | manual | closed-meeting | before-migration | before-restore | before-import | …
    size: int


@dataclass(frozen=True)
class StartCheck:
    """What the check after the first paint found: is the database whole, and the backup it made."""

    healthy: bool
    backup: Path | None = None


def create_backup(paths: DataPaths, *, reason: str = "manual") -> Path:
    """Copy the live database (WAL included) into the backups folder, check the copy, and prune.

    The copy is checked with `PRAGMA quick_check` before it gets its name: a damaged database is
    never stored as a backup (raises CorruptDatabaseError), so it can never push good ones out.
    """
    try:
        make_private_dirs(paths.backups)
    except OSError as exc:
        raise _write_failure(exc, paths.backups) from None
    stamp = datetime.now().strftime(_STAMP)
    target = paths.backups / f"opvoed-{stamp}-{reason}.sqlite3"
    _copy_checked(paths, target)
    prune(paths, known_good=target)
    return target


def backup_if_changed(paths: DataPaths, *, reason: str = "start") -> Path | None:
    """The start-up backup: only when the content differs from the newest backup's.

    The comparison is the change mark every write leaves in the database (see `fingerprint`),
    which opening, reading and checkpointing do not touch; an empty database is not backed up, so
    a fresh start after damage cannot bury the last good backup.
    """
    if not _worth_a_backup(paths):
        return None
    return create_backup(paths, reason=reason)


def start_check(paths: DataPaths) -> StartCheck:
    """After the first paint: back up when something changed (checking the copy), else check the
    live file. Either way the database was read once, whole."""
    if not paths.database.is_file():
        return StartCheck(True)
    if _worth_a_backup(paths):
        try:
            return StartCheck(True, create_backup(paths, reason="start"))
        except CorruptDatabaseError:
            return StartCheck(False)
    return StartCheck(sqlite_files.check_file(paths.database))


def _worth_a_backup(paths: DataPaths) -> bool:
    if not paths.database.is_file() or is_empty(paths.database):
        return False
    newest = newest_backup(paths)
    if newest is None:
        return True
    mark = fingerprint(paths.database)
    return mark == 0 or mark != fingerprint(newest)


def fingerprint(path: Path) -> int:
    """The change mark of a database file: a random number each changing write sets (0: none yet).

    Kept in SQLite's `user_version` header field, so it travels inside every copy and a restored
    backup compares equal to the backup it came from.
    """
    try:
        with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0


def is_empty(path: Path) -> bool:
    """No meetings, contacts or deletions: nothing worth a backup (or worth keeping quiet about)."""
    try:
        with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
            row = conn.execute(
                "SELECT EXISTS(SELECT 1 FROM meeting) OR EXISTS(SELECT 1 FROM contact)"
                " OR EXISTS(SELECT 1 FROM tombstone)"
            ).fetchone()
    except sqlite3.DatabaseError:
        return False  # not our tables, or unreadable: let the backup itself find out
    return not row[0]


def export_backup(paths: DataPaths, target: Path) -> Path:
    """`backup -o FILE`: a checked copy wherever the user wants it, outside the rotation.

    Missing folders are made, private (0700); a folder the user may not write in is a sentence.
    """
    target = target.expanduser().absolute()
    if target.is_dir():
        raise BackupFailedError(target, "other")
    try:
        make_private_dirs(target.parent)
    except OSError as exc:
        raise _write_failure(exc, target.parent) from None
    _copy_checked(paths, target)
    return target


def _copy_checked(paths: DataPaths, target: Path) -> None:
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)
        sqlite_files.copy_database(paths.database, tmp)
        if not sqlite_files.check_file(tmp):
            raise CorruptDatabaseError(paths.database)
        fsync_file(tmp)
        os.replace(tmp, target)
        sync_folder(target.parent, strict=True)
    except sqlite3.DatabaseError as exc:
        if sqlite_files.is_corrupt(exc):
            raise CorruptDatabaseError(paths.database) from None
        raise _write_failure(exc, target.parent) from None
    except OSError as exc:
        raise _write_failure(exc, target.parent) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _write_failure(exc: BaseException, folder: Path) -> BackupFailedError:
    """The sentence for a failed write, naming the nearest folder that exists (the one to fix)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT) or sqlite_files.is_disk_full(exc):
        return BackupFailedError(folder, "full")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or sqlite_files.is_read_only(exc) or _cannot_write(folder):
        return BackupFailedError(folder, "read-only")
    return BackupFailedError(folder, "other")


def _cannot_write(folder: Path) -> bool:
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    return not os.access(probe, os.W_OK | os.X_OK)


def list_backups(paths: DataPaths) -> list[BackupInfo]:
    """Our backups, newest first."""
    if not paths.backups.is_dir():
        return []
    found = []
    for path in paths.backups.iterdir():
        match = _NAME.match(path.name)
        if match:
            created = datetime.strptime(match.group(1), _STAMP)
            found.append(BackupInfo(path, created, match.group(2), path.stat().st_size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def newest_backup(paths: DataPaths) -> Path | None:
    backups = list_backups(paths)
    return backups[0].path if backups else None


def newest_good_backup(paths: DataPaths) -> Path | None:
    """The newest backup that SQLite finds whole and this app can restore."""
    for info in list_backups(paths):
        try:
            validate_backup(info.path)
        except (InvalidBackupError, NewerDatabaseError):
            continue
        return info.path
    return None


def prune(paths: DataPaths, *, now: datetime | None = None, known_good: Path | None = None) -> list[Path]:
    """Delete our backups the generations do not keep; never the newest good one.

    `known_good`: a backup just made and checked, so it need not be checked again.
    """
    infos = list_backups(paths)
    if not infos:
        return []
    keep = generations.to_keep([(info.path, info.created) for info in infos], now or datetime.now())
    good = known_good if known_good is not None and known_good == infos[0].path else newest_good_backup(paths)
    if good is not None:
        keep.add(good)
    removed = []
    for info in infos:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def validate_backup(path: Path) -> str | None:
    """Return the schema revision of a usable backup; raise when it is not one of ours."""
    path = Path(path)
    if not path.is_file() or not sqlite_files.header_ok(path):
        raise InvalidBackupError(path)
    state = sqlite_files.inspect_file(path)
    if state.kind != "sqlite" or state.revision is None:
        raise InvalidBackupError(path)
    if not is_known(state.revision):
        raise NewerDatabaseError(path, state.revision)
    if not sqlite_files.quick_check(path):
        raise InvalidBackupError(path)
    return state.revision


def restore(paths: DataPaths, source: Path) -> Path | None:
    """Replace the database by `source`; the current one is backed up (or moved aside) first.

    The caller must have closed every connection to the database and hold the data dir lock.
    Returns the backup made of the database that was replaced.
    """
    source = Path(source).expanduser().resolve()
    validate_backup(source)
    db = paths.database
    if db.is_dir():
        raise DatabaseIsFolderError(db)
    previous = None
    if db.exists():
        try:
            if sqlite_files.inspect_file(db).kind != "sqlite":
                raise CorruptDatabaseError(db)
            previous = create_backup(paths, reason="before-restore")
            _checkpoint(db)
        except CorruptDatabaseError:
            move_aside(db, "corrupt")  # kept, as ever; a damaged file is not a backup
    tmp = db.with_name(db.name + ".restore.tmp")
    try:
        tmp.unlink(missing_ok=True)
        # Keyed like the data dir, whatever the backup was: a plain backup restored into an
        # encrypted data dir is encrypted on the way in (and the other way round).
        sqlite_files.copy_database(source, tmp, key=keys.registered(paths.root))
        fsync_file(tmp)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _write_failure(exc, db.parent) from None
    # Stale WAL/SHM of the old file would be replayed onto the new one: they must go first.
    # After the checkpoint above the WAL is empty, so nothing is lost.
    for side in sqlite_files.side_files(db):
        side.unlink()
    os.replace(tmp, db)
    sync_folder(db.parent, strict=True)
    sqlite_files.secure_files(db)
    return previous


def _checkpoint(db: Path) -> None:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        keys.apply_key(conn, db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def move_aside(path: Path, label: str) -> Path:
    """Rename a damaged database (and its side files) with a timestamp; never delete it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    sides = list(sqlite_files.side_files(path))
    os.replace(path, target)
    for side in sides:
        os.replace(side, target.with_name(target.name + side.name[len(path.name) :]))
    sync_folder(path.parent, strict=True)
    return target


