"""The DB-API module every database connection goes through: SQLCipher's build of SQLite.

sqlcipher3 is the standard library's sqlite3 module compiled against SQLCipher. Without a key it
reads and writes ordinary SQLite files, so one driver serves plain and encrypted data dirs alike
and the same code path (and the same tests) covers both. Its exception classes are its own, so
every `except dbapi.Error` in storage must name this module, never the standard library's.

Type checkers see the standard module: the API is the same and sqlcipher3 ships no stubs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3 as dbapi
else:
    import sqlcipher3.dbapi2 as dbapi

    # SQLCipher writes its own lines to stderr (e.g. "hmac check failed" on a damaged page); the
    # app says one sentence instead and logs the code. The level is process-wide.
    _quiet = dbapi.connect(":memory:")
    _quiet.execute("PRAGMA cipher_log_level = NONE")
    _quiet.close()

__all__ = ["dbapi"]
