"""Which database key goes with which file: a small registry the engine asks on every connect.

The key is registered once per data dir, after the passphrase (or recovery key) unwrapped it
(crypto.py); the storage code then passes paths around as before and never handles the key.

Rule per file: a file that starts with SQLite's plain header is plain and opened without a key (an
unconverted backup, a file being converted); any other file, or one that does not exist yet, in
a data dir with a key is opened with that key. An existing file outside every registered data dir
(a backup exported with `backup -o`, a file to restore) gets the most recently registered key when
it is not plain; a new file there is plain (it belongs to another data dir).
"""

from __future__ import annotations

import threading
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
ENCRYPTED_PAGE = 4096  # SQLCipher 4's default page size, which crypto.py never changes
KEY_BYTES = 32
KEY_FILE = "opvoed.keys.json"  # beside the database (crypto.py)


def has_key_file(root: Path) -> bool:
    """The data dir's notes are encrypted (or being converted): a key file lies beside them. Light on
    purpose: the window asks this before its first paint, without loading the encryption code."""
    return (root / KEY_FILE).is_file()


_lock = threading.Lock()
_keys: dict[Path, bytes] = {}


def register(root: Path, key: bytes) -> None:
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    with _lock:
        _keys.pop(_norm(root), None)
        _keys[_norm(root)] = key  # re-inserted: the most recent comes last


def forget(root: Path) -> None:
    with _lock:
        _keys.pop(_norm(root), None)


def registered(root: Path) -> bytes | None:
    with _lock:
        return _keys.get(_norm(root))


def is_plain(path: Path) -> bool:
    """The file exists and starts with SQLite's plain header (an empty file counts as not plain)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def looks_encrypted(path: Path) -> bool:
    """The file looks like an SQLCipher database: no plain header, whole pages, and a first page that
    starts with its random salt rather than zeros. Asked only when a data dir has no key file, to tell
    "the key file is missing" from "the database is damaged" (a plain file damaged in its first bytes
    is rarely anything but zeros; random bytes there are what encryption leaves)."""
    try:
        if not path.is_file() or is_plain(path):
            return False
        size = path.stat().st_size
        with open(path, "rb") as fh:
            salt = fh.read(16)
    except OSError:
        return False
    return size >= ENCRYPTED_PAGE and size % ENCRYPTED_PAGE == 0 and any(salt)


def key_for(path: Path | str) -> bytes | None:
    """The key to open `path` with, or None to open it as a plain SQLite file."""
    path = Path(path)
    if is_plain(path):
        return None
    full = _norm(path)
    with _lock:
        for root, key in _keys.items():
            if full.is_relative_to(root):
                return key
    # An encrypted data dir nobody unlocked yet (a command that reads files without opening the
    # database): unlock it now from the passphrase file or keyring, or raise the sentence that
    # says how. Never guess: without its key an encrypted file must not look damaged.
    for folder in (full.parent, full.parent.parent):
        if has_key_file(folder):
            from opvoed_desktop.paths import DataPaths
            from opvoed_desktop.storage import crypto

            crypto.ensure_unlocked(DataPaths(folder))
            return registered(folder)
    try:
        written = full.stat().st_size > 0
    except OSError:
        written = False
    if not written:
        # A database about to be made outside every encrypted data dir (another data dir in the
        # same process: the self-test's, a second laptop's in the hub tests) is plain: keyed with
        # another dir's key and no key file beside it, nobody could ever open it again.
        return None
    with _lock:
        return list(_keys.values())[-1] if _keys else None


def key_pragma(key: bytes) -> str:
    """SQLCipher's raw-key form: the key is used as is, without SQLCipher's own PBKDF2 (the key
    already comes from Argon2id or from random bytes; a second slow derivation would only cost
    start time)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def apply_key(conn: object, path: Path | str) -> bool:
    """Key a fresh connection to `path` when its file needs one; the first statement on it."""
    key = key_for(path)
    if key is None:
        return False
    cur = conn.cursor()  # type: ignore[attr-defined]
    cur.execute(key_pragma(key))
    # Sorts and temporary indexes stay in memory: SQLCipher encrypts temp files too, but none
    # is better than an encrypted one on a borrowed laptop.
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.close()
    return True


def _norm(path: Path | str) -> Path:
    return Path(path).expanduser().resolve()
