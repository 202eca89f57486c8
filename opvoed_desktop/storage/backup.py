"""Rotating backups with SQLite's backup API, restore, and moving damaged files aside.

A backup is one self-contained SQLite file (not WAL) in `paths.backups`, mode 0600, named
`opvoed-<local time>-<reason>.sqlite3` so names sort by age. Nothing here ever deletes a database
the user did not ask to delete: rotation only removes our own older backups.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.errors import InvalidBackupError, NewerDatabaseError
from opvoed_desktop.storage.migrate import is_known

KEEP = 10
_NAME = re.compile(r"^opvoed-(\d{8}-\d{6}-\d{6})-([a-z-]+)\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str  # start | manual | closed-meeting | before-migration | before-restore
    size: int


def create_backup(paths: DataPaths, *, reason: str = "manual", keep: int = KEEP) -> Path:
    """Copy the live database (WAL included) into the backups folder and rotate."""
    paths.backups.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(paths.backups, 0o700)
    stamp = datetime.now().strftime(_STAMP)
    target = paths.backups / f"opvoed-{stamp}-{reason}.sqlite3"
    _copy_atomically(paths.database, target)
    prune(paths, keep)
    return target


def backup_if_changed(paths: DataPaths, *, reason: str = "start", keep: int = KEEP) -> Path | None:
    """The start-up backup: skipped when nothing changed since the newest one, so restarting
    the app ten times does not push the real history out of the rotation."""
    if not paths.database.exists():
        return None
    newest = newest_backup(paths)
    if newest is not None:
        changed = max(p.stat().st_mtime for p in [paths.database, *sqlite_files.side_files(paths.database)])
        if changed <= newest.stat().st_mtime:
            return None
    return create_backup(paths, reason=reason, keep=keep)


def export_backup(paths: DataPaths, target: Path) -> Path:
    """`backup -o FILE`: a copy wherever the user wants it, outside the rotation."""
    target = target.expanduser().resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy_atomically(paths.database, target)
    return target


def _copy_atomically(source: Path, target: Path) -> None:
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        sqlite_files.copy_database(source, tmp)
        _fsync(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


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


def prune(paths: DataPaths, keep: int = KEEP) -> list[Path]:
    removed = []
    for info in list_backups(paths)[max(keep, 1) :]:
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
    previous = None
    if db.exists():
        if sqlite_files.inspect_file(db).kind == "sqlite":
            previous = create_backup(paths, reason="before-restore", keep=KEEP + 1)
            _checkpoint(db)
        else:
            move_aside(db, "corrupt")
    tmp = db.with_name(db.name + ".restore.tmp")
    tmp.unlink(missing_ok=True)
    sqlite_files.copy_database(source, tmp)
    _fsync(tmp)
    # Stale WAL/SHM of the old file would be replayed onto the new one: they must go first.
    # After the checkpoint above the WAL is empty, so nothing is lost.
    for side in sqlite_files.side_files(db):
        side.unlink()
    os.replace(tmp, db)
    _fsync_dir(db.parent)
    sqlite_files.secure_files(db)
    return previous


def _checkpoint(db: Path) -> None:
    with contextlib.closing(sqlite3.connect(db)) as conn:
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
    _fsync_dir(path.parent)
    return target


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
