"""What opening looks at before it hands out sessions: the whole-file check, a damaged log to keep
aside, and a damaged file set aside at an earlier start that nothing has replaced yet."""

from __future__ import annotations

import logging
import os
import shutil
from datetime import datetime
from pathlib import Path

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import backup, wal
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi as sqlite3
from opvoed_desktop.storage.errors import DiskFullError, RecoveredFromCorruption, WalDamaged

log = logging.getLogger(__name__)


def check_whole(paths: DataPaths) -> bool:
    """False only when SQLite reports damage; a failure to read is not proof of damage."""
    try:
        return sqlite_files.check_file(paths.database)
    except sqlite3.Error as exc:
        if sqlite_files.no_space_left(paths.root):
            raise DiskFullError(paths.root) from None
        log.warning("could not check the database: %s", getattr(exc, "sqlite_errorname", type(exc).__name__))
        return True


def wal_size(db: Path) -> int:
    try:
        return db.with_name(db.name + "-wal").stat().st_size
    except OSError:
        return 0


def keep_damaged_wal(paths: DataPaths) -> WalDamaged | None:
    """Copy a damaged log aside before SQLite drops its damaged part and overwrites it.

    A copy, not a move: SQLite still recovers every frame before the damage from the original.
    """
    log_file = paths.database.with_name(paths.database.name + "-wal")
    if not wal.inspect(log_file).damaged:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = log_file.with_name(f"{log_file.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = log_file.with_name(f"{log_file.name}.damaged-{stamp}-{n}")
    try:
        shutil.copyfile(log_file, target)
        if os.name == "posix":
            os.chmod(target, 0o600)
    except OSError:
        target.unlink(missing_ok=True)
        log.warning("damaged write-ahead log found; no room to keep a copy")
        return WalDamaged(None)
    log.warning("damaged write-ahead log kept as %s", target.name)
    return WalDamaged(target)


def earlier_damage(paths: DataPaths) -> RecoveredFromCorruption | None:
    """A damaged file set aside at an earlier start, with nothing in its place since: say it again.

    Otherwise the sentence shows once (a script's stderr, a window closed quickly) and every
    later start looks like a healthy, empty database. Restoring a backup, importing or typing
    anything ends it.
    """
    aside = [
        p
        for p in paths.root.glob(f"{paths.database.name}.corrupt-*")
        if not p.name.endswith(sqlite_files.SIDE_FILES) and p.is_file()
    ]
    if not aside or not backup.is_empty(paths.database):
        return None
    newest = max(aside, key=lambda p: p.stat().st_mtime)
    return RecoveredFromCorruption(newest, backup.newest_good_backup(paths))
