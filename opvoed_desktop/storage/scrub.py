"""Deleted for good means out of the backups too: which backups still hold rows, and dropping them.

A backup holds a meeting's text when it holds the meeting (its notes, agreements, … cannot exist
without it), so we look the ids up in each backup file. A fresh backup, made after the deletion,
is written first: the newest good backup is never one we delete, and it no longer has the text.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import backup
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.backup import BackupInfo
from opvoed_desktop.storage.driver import dbapi as sqlite3
from opvoed_desktop.storage.errors import StorageError

_TABLES = ("meeting", "note", "agreement", "wish", "strength", "agenda_item", "participant_group", "evaluation")


@dataclass
class Scrubbed:
    removed: list[BackupInfo] = field(default_factory=list)
    kept: list[BackupInfo] = field(default_factory=list)  # still hold the text (no fresh backup could be made)
    fresh: Path | None = None
    error: str | None = None


def backups_holding(paths: DataPaths, table: str, ids: Iterable[str]) -> list[BackupInfo]:
    """Our backups (newest first) that contain any of these rows."""
    if table not in _TABLES:
        raise ValueError(table)
    wanted = sorted(set(ids))
    if not wanted:
        return []
    found = []
    for info in backup.list_backups(paths):
        if _holds(info.path, table, wanted):
            found.append(info)
    return found


def _holds(path: Path, table: str, ids: list[str]) -> bool:
    try:
        with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                if conn.execute(f"SELECT 1 FROM {table} WHERE id IN ({marks}) LIMIT 1", chunk).fetchone():
                    return True
    except sqlite3.DatabaseError:
        return False  # not readable as ours: it cannot be offered for restore either
    return False


def drop_backups(paths: DataPaths, holding: list[BackupInfo]) -> Scrubbed:
    """After a deletion: make a fresh backup without the text, then delete `holding`.

    Without a fresh backup (full disk, damage) nothing is deleted: the user keeps a way back.
    """
    result = Scrubbed()
    if not holding:
        return result
    try:
        result.fresh = backup.create_backup(paths, reason="manual")
    except StorageError as exc:
        result.kept = list(holding)
        result.error = str(exc)
        return result
    for info in holding:
        if info.path == result.fresh:
            continue
        try:
            info.path.unlink(missing_ok=True)
        except OSError:
            result.kept.append(info)
            continue
        result.removed.append(info)
    return result
