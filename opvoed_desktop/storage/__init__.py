"""Storage: SQLAlchemy models, the SQLite engine, migrations, backups and recovery, the plain records
the services hand out, and the JSON bundle (written, read, merged).

Import `open_database` from here; services receive the resulting `Database`.
"""

from opvoed_desktop.storage.database import Database, open_database
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
