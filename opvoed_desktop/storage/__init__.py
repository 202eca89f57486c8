"""Storage: SQLAlchemy models, the SQLite engine, migrations, backups and recovery.

Import `open_database` from here; services receive the resulting `Database`.
"""

from opvoed_desktop.storage.database import Database, open_database
from opvoed_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseInUseError,
    DiskFullError,
    ForeignDatabaseError,
    InvalidBackupError,
    InvalidInputError,
    NewerDatabaseError,
    NotFoundError,
    ReadOnlyError,
    RecoveredFromCorruption,
    StorageError,
)

__all__ = [
    "CorruptDatabaseError",
    "Database",
    "DatabaseInUseError",
    "DiskFullError",
    "ForeignDatabaseError",
    "InvalidBackupError",
    "InvalidInputError",
    "NewerDatabaseError",
    "NotFoundError",
    "ReadOnlyError",
    "RecoveredFromCorruption",
    "StorageError",
    "open_database",
]
