"""Encryption at rest: the key file beside the database, the passphrase and the recovery key.

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

Nothing here is a home-made cipher: AES-GCM, Argon2id and HKDF come from `cryptography`.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opvoed_desktop.i18n import _
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import keys
from opvoed_desktop.storage.driver import dbapi
from opvoed_desktop.storage.errors import StorageError

KEY_FILE = keys.KEY_FILE
FORMAT = "opvoed-desktop database key"
VERSION = 1
PASSPHRASE_FILE_ENV = "OPVOED_PASSPHRASE_FILE"
KEYRING_SERVICE = "opvoed-desktop"
MIN_PASSPHRASE = 10  # characters; strength() says more than this minimum

# Argon2id costs for new key files (stored per file, so later versions can raise them): the first
# of OWASP's recommended settings (46 MiB, one pass, one lane), ~60 ms on a 2020 laptop, within
# the 300 ms the whole encrypted start may add (benchmarks/bench_encrypted_open.py).
ARGON2_MEMORY_KIB = 46 * 1024
ARGON2_ITERATIONS = 1
ARGON2_LANES = 1
_RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters, written down in 8 groups of 4
_AAD = {"passphrase": b"opvoed-desktop key v1 passphrase", "recovery": b"opvoed-desktop key v1 recovery"}

# The passphrase file given on the command line (cli: --passphrase-file); else the environment's.
passphrase_file: Path | None = None


# Errors ----------------------------------------------------------------------------------------
class EncryptionError(StorageError):
    """A problem with the passphrase, the recovery key or the key file, said in one sentence."""


class PassphraseNeededError(EncryptionError):
    def __init__(self, root: Path) -> None:
        self.path = root
        super().__init__(
            _(
                "De aantekeningen in {path} zijn versleuteld; geef het wachtwoord in een bestand met "
                "--passphrase-file BESTAND of met de omgevingsvariabele OPVOED_PASSPHRASE_FILE."
            ).format(path=root)
        )


class WrongPassphraseError(EncryptionError):
    def __init__(self) -> None:
        super().__init__(
            _("Dit wachtwoord klopt niet; probeer het opnieuw, of open de aantekeningen met de herstelsleutel.")
        )


class WrongRecoveryKeyError(EncryptionError):
    def __init__(self) -> None:
        super().__init__(
            _("Deze herstelsleutel klopt niet; kijk of u alle 32 tekens goed hebt overgenomen en probeer het opnieuw.")
        )


class PassphraseFileError(EncryptionError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _("Het wachtwoordbestand {path} kan niet worden gelezen of is leeg; kijk of de naam klopt.").format(
                path=path
            )
        )


class KeyFileDamagedError(EncryptionError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "Het sleutelbestand {path} is beschadigd, dus de versleutelde aantekeningen kunnen niet "
                "worden geopend; zet het bestand terug uit een kopie van de map."
            ).format(path=path)
        )


class WeakPassphraseError(EncryptionError):
    def __init__(self) -> None:
        super().__init__(
            _("Kies een wachtwoord van minstens {n} tekens, liefst een paar losse woorden.").format(n=MIN_PASSPHRASE)
        )


# The key file ----------------------------------------------------------------------------------
def key_file(paths: DataPaths) -> Path:
    return paths.root / KEY_FILE


def is_encrypted(paths: DataPaths) -> bool:
    """The data dir's notes are encrypted (or being converted): a key file lies beside them."""
    return key_file(paths).is_file()


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
    recovery = format_recovery_key(secrets.token_bytes(_RECOVERY_BYTES))
    header = {
        "format": FORMAT,
        "version": VERSION,
        "cipher": "SQLCipher 4, raw 256-bit key",
        "passphrase": _wrap_with_passphrase(database_key, passphrase),
        "recovery": _wrap_with_recovery(database_key, recovery),
        # Lets a key remembered in the keyring be told apart from a later one, without unwrapping.
        "key_check": key_check(database_key),
    }
    return NewKeys(database_key, recovery, header)


def write_header(paths: DataPaths, header: dict[str, Any]) -> None:
    """Write the key file atomically, readable by the user alone."""
    target = key_file(paths)
    tmp = target.with_name(target.name + ".tmp")
    data = json.dumps(header, indent=2).encode()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
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
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise KeyFileDamagedError(path)
    return header


def unlock(paths: DataPaths, passphrase: str) -> bytes:
    """Unwrap the database key with the passphrase and register it for this data dir."""
    header = read_header(paths)
    key = _unwrap_with_passphrase(header.get("passphrase"), passphrase, key_file(paths))
    keys.register(paths.root, key)
    return key


def unlock_with_recovery(paths: DataPaths, recovery_key: str) -> bytes:
    header = read_header(paths)
    key = _unwrap_with_recovery(header.get("recovery"), recovery_key, key_file(paths))
    keys.register(paths.root, key)
    return key


def set_passphrase(paths: DataPaths, database_key: bytes, new_passphrase: str) -> None:
    """A new passphrase for the same database key (the recovery key keeps working)."""
    check_passphrase(new_passphrase)
    header = read_header(paths)
    header["passphrase"] = _wrap_with_passphrase(database_key, new_passphrase)
    write_header(paths, header)


def forget_key(paths: DataPaths) -> None:
    keys.forget(paths.root)


# Unlocking at open --------------------------------------------------------------------------------
def ensure_unlocked(paths: DataPaths) -> None:
    """Called before anything opens the database: an encrypted data dir gets its key from the
    passphrase file (CLI, environment), else from the OS keyring when the person chose to be
    remembered; without either, one sentence says how to give the passphrase."""
    if not is_encrypted(paths) or is_unlocked(paths):
        return
    source = passphrase_file or (Path(os.environ[PASSPHRASE_FILE_ENV]) if os.environ.get(PASSPHRASE_FILE_ENV) else None)
    if source is not None:
        unlock(paths, read_passphrase_file(source))
        return
    remembered = remembered_key(paths)
    if remembered is not None and _key_opens(paths, remembered):
        keys.register(paths.root, remembered)
        return
    raise PassphraseNeededError(paths.root)


def read_passphrase_file(path: Path) -> str:
    """The passphrase is the file's first line (a trailing newline is not part of it)."""
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise PassphraseFileError(Path(path)) from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise PassphraseFileError(Path(path))
    return lines[0]


def _key_opens(paths: DataPaths, key: bytes) -> bool:
    """A key from the keyring must be the one in the key file (a data dir re-encrypted since)."""
    header = read_header(paths)
    check = header.get("key_check")
    return check is None or secrets.compare_digest(check, key_check(key))


def key_check(key: bytes) -> str:
    from cryptography.hazmat.primitives import hashes, hmac

    mac = hmac.HMAC(key, hashes.SHA256())
    mac.update(b"opvoed-desktop key check")
    return mac.finalize()[:8].hex()


# Remember on this computer (the OS keyring) ---------------------------------------------------------
def remember(paths: DataPaths, key: bytes) -> bool:
    """Keep the database key in the OS keyring; False when this computer has none to offer."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, str(paths.root), key.hex())
    except Exception:  # no keyring backend (a bare Linux session), locked, refused: not remembered
        return False
    return True


def remembered_key(paths: DataPaths) -> bytes | None:
    try:
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, str(paths.root))
    except Exception:
        return None
    try:
        key = bytes.fromhex(value) if value else None
    except ValueError:
        return None
    return key if key is not None and len(key) == keys.KEY_BYTES else None


def forget_remembered(paths: DataPaths) -> None:
    with contextlib.suppress(Exception):
        import keyring

        keyring.delete_password(KEYRING_SERVICE, str(paths.root))


# Passphrase strength -------------------------------------------------------------------------------
def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE or not passphrase.strip():
        raise WeakPassphraseError()


def strength(passphrase: str) -> int:
    """0 (too short) .. 4 (strong): a rough estimate of the guesses an attacker needs.

    Length counts most (a sentence of four ordinary words beats a short jumble); repeated
    characters and runs count for little. It is a guide shown while typing, not a gate beyond
    the minimum length.
    """
    if len(passphrase) < MIN_PASSPHRASE:
        return 0
    distinct = len(set(passphrase))
    classes = sum(
        bool(any(test(c) for c in passphrase))
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    words = len([w for w in passphrase.split() if len(w) >= 3])
    score = 1
    if len(passphrase) >= 14 and distinct >= 8:
        score += 1
    if len(passphrase) >= 20 and distinct >= 10:
        score += 1
    if classes >= 3 or words >= 4:
        score += 1
    return min(score, 4)


def strength_label(score: int) -> str:
    return (
        _("te kort"),
        _("zwak"),
        _("redelijk"),
        _("goed"),
        _("sterk"),
    )[max(0, min(score, 4))]


# Recovery key --------------------------------------------------------------------------------------
def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """Forgiving about case, spaces and dashes (it was written down by hand); None if not one."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    # Handwriting: O for zero and I/L for one do not occur in base32, so read them as meant.
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != 32:
        return None
    try:
        return base64.b32decode(cleaned)
    except ValueError:
        return None


# Wrapping ------------------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64")
    return base64.b64decode(text, validate=True)


def _argon2(passphrase: str, salt: bytes, *, memory_kib: int, iterations: int, lanes: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(salt=salt, length=32, iterations=iterations, lanes=lanes, memory_cost=memory_kib).derive(
        passphrase.encode("utf-8")
    )


def _recovery_kek(raw: bytes, salt: bytes) -> bytes:
    # The recovery key is 160 random bits, not something a person chose: a fast KDF suffices.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_AAD["recovery"]).derive(raw)


def _seal(kek: bytes, key: bytes, purpose: str) -> tuple[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return _b64(nonce), _b64(AESGCM(kek).encrypt(nonce, key, _AAD[purpose]))


def _open(kek: bytes, entry: dict[str, Any], purpose: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key = AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), _AAD[purpose])
    except InvalidTag:
        return None
    if len(key) != keys.KEY_BYTES:
        raise ValueError("wrong key length")
    return key


def _wrap_with_passphrase(key: bytes, passphrase: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    kek = _argon2(passphrase, salt, memory_kib=ARGON2_MEMORY_KIB, iterations=ARGON2_ITERATIONS, lanes=ARGON2_LANES)
    nonce, wrapped = _seal(kek, key, "passphrase")
    return {
        "kdf": "argon2id",
        "salt": _b64(salt),
        "memory_kib": ARGON2_MEMORY_KIB,
        "iterations": ARGON2_ITERATIONS,
        "lanes": ARGON2_LANES,
        "wrap": "aes-256-gcm",
        "nonce": nonce,
        "wrapped": wrapped,
    }


def _wrap_with_recovery(key: bytes, recovery: str) -> dict[str, Any]:
    raw = parse_recovery_key(recovery)
    assert raw is not None
    salt = secrets.token_bytes(16)
    nonce, wrapped = _seal(_recovery_kek(raw, salt), key, "recovery")
    return {"kdf": "hkdf-sha256", "salt": _b64(salt), "wrap": "aes-256-gcm", "nonce": nonce, "wrapped": wrapped}


def _unwrap_with_passphrase(entry: object, passphrase: str, path: Path) -> bytes:
    try:
        assert isinstance(entry, dict) and entry.get("kdf") == "argon2id"
        memory, iterations, lanes = (int(entry[k]) for k in ("memory_kib", "iterations", "lanes"))
        # Bounds keep a tampered key file from asking for all memory or hours of work.
        if not (8 <= memory <= 4 * 1024 * 1024 and 1 <= iterations <= 64 and 1 <= lanes <= 64):
            raise ValueError("costs out of range")
        kek = _argon2(passphrase, _unb64(entry["salt"]), memory_kib=memory, iterations=iterations, lanes=lanes)
        key = _open(kek, entry, "passphrase")
    except (AssertionError, KeyError, TypeError, ValueError):
        raise KeyFileDamagedError(path) from None
    if key is None:
        raise WrongPassphraseError()
    return key


def _unwrap_with_recovery(entry: object, recovery_key: str, path: Path) -> bytes:
    raw = parse_recovery_key(recovery_key)
    if raw is None:
        raise WrongRecoveryKeyError()
    try:
        assert isinstance(entry, dict) and entry.get("kdf") == "hkdf-sha256"
        key = _open(_recovery_kek(raw, _unb64(entry["salt"])), entry, "recovery")
    except (AssertionError, KeyError, TypeError, ValueError):
        raise KeyFileDamagedError(path) from None
    if key is None:
        raise WrongRecoveryKeyError()
    return key


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
