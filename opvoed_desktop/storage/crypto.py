"""Encryption at rest: the key file beside the database, unlocking it, and copies between keys.

How (docs/encryption.md says why):
- The database is encrypted by SQLCipher 4 with a random 256-bit *database key*, given to
  SQLCipher as a raw key (keys.key_pragma), so SQLCipher's own PBKDF2 does not run on top.
- That key is stored twice in `opvoed.keys.json` beside the database, each time wrapped with
  AES-256-GCM: once under a key derived from the passphrase with Argon2id (random salt, costs
  stored in the file), once under a key derived from the *recovery key* (160 random bits, shown
  once) with HKDF-SHA256. Either opens the notes; changing the passphrase rewraps the database
  key and leaves the database itself alone.
- GCM's tag tells a wrong passphrase from a right one before SQLite sees anything, so a wrong
  passphrase can never look like a damaged database (which storage would set aside).

This module is the door the rest of the app uses (`crypto.unlock`, `crypto.strength`, the errors);
the parts behind it, each one job: key_wrap.py (the wrapping), passphrase.py (what a person types:
passphrase, strength, recovery key), remembered.py (the OS keyring), crypto_errors.py (the sentences).

Nothing here is a home-made cipher: AES-GCM, Argon2id and HKDF come from `cryptography`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import keys
from opvoed_desktop.storage.crypto_errors import (
    EncryptionError,
    KeyFileDamagedError,
    KeyFileMissingError,
    KeyFileNewerError,
    KeyFileNotWrittenError,
    PassphraseNeededError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from opvoed_desktop.storage.driver import dbapi
from opvoed_desktop.storage.key_wrap import (
    key_check,
    unwrap_with_passphrase,
    unwrap_with_recovery,
    wrap_with_passphrase,
    wrap_with_recovery,
)
from opvoed_desktop.storage.passphrase import (
    MIN_PASSPHRASE,
    RECOVERY_BYTES,
    PassphraseFileError,
    WeakPassphraseError,
    check_passphrase,
    format_recovery_key,
    parse_recovery_key,
    read_passphrase_file,
    strength,
    strength_label,
)
from opvoed_desktop.storage.remembered import KEYRING_SERVICE, forget_remembered, remember, remembered_key

log = logging.getLogger(__name__)

__all__ = [
    "KEYRING_SERVICE",
    "KEY_FILE",
    "MIN_PASSPHRASE",
    "PASSPHRASE_FILE_ENV",
    "EncryptionError",
    "KeyFileDamagedError",
    "KeyFileMissingError",
    "KeyFileNewerError",
    "KeyFileNotWrittenError",
    "NewKeys",
    "PassphraseFileError",
    "PassphraseNeededError",
    "WeakPassphraseError",
    "WrongPassphraseError",
    "WrongRecoveryKeyError",
    "check_passphrase",
    "create",
    "ensure_unlocked",
    "export_to",
    "forget_key",
    "forget_remembered",
    "format_recovery_key",
    "is_encrypted",
    "is_unlocked",
    "key_check",
    "key_file",
    "parse_recovery_key",
    "read_header",
    "read_passphrase_file",
    "remember",
    "remembered_key",
    "set_passphrase",
    "strength",
    "strength_label",
    "unlock",
    "unlock_with_recovery",
    "write_header",
]

KEY_FILE = keys.KEY_FILE
FORMAT = "opvoed-desktop database key"
VERSION = 1
PASSPHRASE_FILE_ENV = "OPVOED_PASSPHRASE_FILE"

# The passphrase file given on the command line (cli: --passphrase-file); else the environment's.
passphrase_file: Path | None = None


# The key file ----------------------------------------------------------------------------------
def key_file(paths: DataPaths) -> Path:
    return paths.root / KEY_FILE


def is_encrypted(paths: DataPaths) -> bool:
    """The data dir's notes are encrypted (or being converted): a key file lies beside them."""
    return keys.has_key_file(paths.root)


def is_unlocked(paths: DataPaths) -> bool:
    return keys.registered(paths.root) is not None


@dataclass(frozen=True)
class NewKeys:
    """What `create` hands out: the database key (registered by the caller) and the recovery key
    to show once."""

    database_key: bytes
    recovery_key: str
    header: dict[str, Any]


def create(passphrase: str) -> NewKeys:
    """A new random database key, wrapped by the passphrase and by a new recovery key."""
    check_passphrase(passphrase)
    database_key = secrets.token_bytes(keys.KEY_BYTES)
    recovery = format_recovery_key(secrets.token_bytes(RECOVERY_BYTES))
    header = {
        "format": FORMAT,
        "version": VERSION,
        "cipher": "SQLCipher 4, raw 256-bit key",
        "passphrase": wrap_with_passphrase(database_key, passphrase),
        "recovery": wrap_with_recovery(database_key, recovery),
        # Lets a key remembered in the keyring be told apart from a later one, without unwrapping.
        "key_check": key_check(database_key),
    }
    return NewKeys(database_key, recovery, header)


def write_header(paths: DataPaths, header: dict[str, Any]) -> None:
    """Write the key file atomically, readable by the user alone. A folder that refuses it (read-only,
    full) raises KeyFileNotWrittenError, one sentence, with the old key file untouched."""
    target = key_file(paths)
    tmp = target.with_name(target.name + ".tmp")
    try:
        _write_atomically(target, tmp, json.dumps(header, indent=2).encode())
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.warning("key file not written (%s)", errno.errorcode.get(exc.errno or 0, "?"))
        raise KeyFileNotWrittenError(target, exc.errno) from None


def _write_atomically(target: Path, tmp: Path, data: bytes) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if os.name == "posix":
            # O_CREAT's mode applies only to a file it creates: a temporary file left by a write
            # that was killed (or copied in with the folder, readable by all) keeps its own mode,
            # and the rename would hand that mode to the key file.
            os.fchmod(fd, 0o600)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    if os.name == "posix":
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def read_header(paths: DataPaths) -> dict[str, Any]:
    path = key_file(paths)
    try:
        header = json.loads(path.read_bytes())
    except (OSError, ValueError):
        raise KeyFileDamagedError(path) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise KeyFileDamagedError(path)
    version = header.get("version")
    # A whole number above ours is a later app's file (bool is an int to Python, but not a version).
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise KeyFileNewerError(path)
    if version != VERSION or isinstance(version, bool):
        raise KeyFileDamagedError(path)
    return header


def unlock(paths: DataPaths, passphrase: str) -> bytes:
    """Unwrap the database key with the passphrase and register it for this data dir."""
    header = read_header(paths)
    key = unwrap_with_passphrase(header.get("passphrase"), passphrase, key_file(paths))
    keys.register(paths.root, key)
    return key


def unlock_with_recovery(paths: DataPaths, recovery_key: str) -> bytes:
    header = read_header(paths)
    key = unwrap_with_recovery(header.get("recovery"), recovery_key, key_file(paths))
    keys.register(paths.root, key)
    return key


def set_passphrase(paths: DataPaths, database_key: bytes, new_passphrase: str) -> None:
    """A new passphrase for the same database key (the recovery key keeps working)."""
    check_passphrase(new_passphrase)
    header = read_header(paths)
    header["passphrase"] = wrap_with_passphrase(database_key, new_passphrase)
    write_header(paths, header)


def forget_key(paths: DataPaths) -> None:
    keys.forget(paths.root)


# Unlocking at open --------------------------------------------------------------------------------
def ensure_unlocked(paths: DataPaths) -> None:
    """Called before anything opens the database: an encrypted data dir gets its key from the
    passphrase file (CLI, environment), else from the OS keyring when the person chose to be
    remembered; without either, one sentence says how to give the passphrase."""
    if not is_encrypted(paths):
        # A key already given to this process (a restore, a test, a conversion under way) opens the
        # file without its key file; only a file nobody can open is the missing-key-file case.
        if keys.looks_encrypted(paths.database) and not is_unlocked(paths):
            # Without this the encrypted file would be judged damaged, set aside, and the app would
            # start over with an empty database: the notes seemingly gone.
            raise KeyFileMissingError(paths.root / keys.KEY_FILE)
        return
    if is_unlocked(paths):
        return
    source = passphrase_file or (Path(os.environ[PASSPHRASE_FILE_ENV]) if os.environ.get(PASSPHRASE_FILE_ENV) else None)
    if source is not None:
        unlock(paths, read_passphrase_file(source))
        return
    remembered = remembered_key(paths)
    if remembered is not None and _key_opens(paths, remembered):
        keys.register(paths.root, remembered)
        return
    # A damaged (or newer) key file is said as such: no passphrase could open the notes with it.
    read_header(paths)
    raise PassphraseNeededError(paths.root)


def _key_opens(paths: DataPaths, key: bytes) -> bool:
    """A key from the keyring must be the one in the key file (a data dir re-encrypted since)."""
    header = read_header(paths)
    check = header.get("key_check")
    return check is None or secrets.compare_digest(check, key_check(key))


# Copies between keys ------------------------------------------------------------------------------
def export_to(source: dbapi.Connection, target: Path, key: bytes | None) -> None:
    """Copy an open database into a new file under another key (None: a plain file), with
    SQLCipher's `sqlcipher_export`, which re-encrypts every page. The change mark
    (`user_version`) is not part of the export: it is carried over by hand."""
    target_key = f"x'{key.hex()}'" if key is not None else ""
    mark = int(source.execute("PRAGMA user_version").fetchone()[0])
    source.execute("ATTACH DATABASE ? AS export KEY ?", (str(target), target_key))
    try:
        source.execute("SELECT sqlcipher_export('export')")
        source.execute(f"PRAGMA export.user_version = {mark}")
    finally:
        source.execute("DETACH DATABASE export")
