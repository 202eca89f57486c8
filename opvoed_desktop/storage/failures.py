"""What SQLite failures mean for the user: each becomes one of our errors with a sentence.

Installed on every engine through SQLAlchemy's `handle_error` event, so a read anywhere (opening a
meeting, a search) that meets damage says a sentence, never "(sqlite3.DatabaseError) … [SQL: …]".
Logs the error code only, never the statement or its values (those are note text).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseIOError,
    DiskFullError,
    InvalidTextError,
    ReadOnlyError,
    StorageError,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)
_random = random.SystemRandom()


def translate(exc: BaseException, paths: DataPaths) -> StorageError:
    """Map a SQLite failure to our error (the caller raises it `from None`)."""
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, StorageError):
        return orig
    if isinstance(orig, UnicodeEncodeError):
        return InvalidTextError()
    name = getattr(orig, "sqlite_errorname", type(orig).__name__)
    log.warning("database error: %s", name)
    if sqlite_files.is_disk_full(orig):
        return DiskFullError(paths.root)
    if sqlite_files.is_read_only(orig):
        return ReadOnlyError(paths.root)
    if sqlite_files.is_corrupt(orig):
        return CorruptDatabaseError(paths.database)
    if sqlite_files.is_io_error(orig) and sqlite_files.no_space_left(paths.root):
        return DiskFullError(paths.root)
    return DatabaseIOError(name)


def install(engine: Engine, paths: DataPaths, on_damage: Callable[[CorruptDatabaseError], None]) -> None:
    """Translate failures of this engine; tell `on_damage` when SQLite reports damage."""
    from sqlalchemy import event

    def handle_error(context: Any) -> BaseException | None:
        original = context.original_exception
        if isinstance(original, UnicodeEncodeError):
            return InvalidTextError()
        dbapi_error = getattr(context, "sqlalchemy_exception", None)
        if dbapi_error is None or not _is_operational(original):
            return None  # a programming mistake (integrity, syntax) stays loud
        translated = translate(original, paths)
        if isinstance(translated, CorruptDatabaseError):
            on_damage(translated)
        return translated

    event.listen(engine, "handle_error", handle_error)


def _is_operational(exc: BaseException) -> bool:
    from opvoed_desktop.storage.driver import dbapi as sqlite3

    return isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
        exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
    )


def new_mark(current: int = 0) -> int:
    """A fresh change mark for `PRAGMA user_version` (positive, 31 bits, never the current one)."""
    while True:
        mark = _random.randrange(1, 2**31)
        if mark != current:
            return mark
