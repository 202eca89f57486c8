"""Storage: SQLAlchemy models, the SQLite engine, migrations, backups and recovery, the plain records
the services hand out, and the JSON bundle (written, read, merged).

Import `open_database` from here; services receive the resulting `Database`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opvoed_desktop.storage.errors import (
    BackupFailedError,
    CorruptDatabaseError,
    DatabaseInUseError,
    DatabaseIsFolderError,
    DataDirUnusableError,
    DiskFullAtStartError,
    DiskFullError,
    ForeignDatabaseError,
    InvalidBackupError,
    InvalidInputError,
    NewerDatabaseError,
    NotFoundError,
    ReadOnlyError,
    RecoveredFromCorruption,
    StorageError,
    WalDamaged,
)

if TYPE_CHECKING:
    from opvoed_desktop.storage.database import Database, open_database


def __getattr__(name: str) -> Any:
    """`Database` and `open_database` bring SQLAlchemy: loaded on first use, not when a light module
    of this package (the key file, the errors) is imported before the window's first paint."""
    if name in ("Database", "open_database"):
        from opvoed_desktop.storage import database

        return getattr(database, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BackupFailedError",
    "CorruptDatabaseError",
    "DataDirUnusableError",
    "Database",
    "DatabaseInUseError",
    "DatabaseIsFolderError",
    "DiskFullAtStartError",
    "DiskFullError",
    "ForeignDatabaseError",
    "InvalidBackupError",
    "InvalidInputError",
    "NewerDatabaseError",
    "NotFoundError",
    "ReadOnlyError",
    "RecoveredFromCorruption",
    "StorageError",
    "WalDamaged",
    "open_database",
]
