"""Wrapping the database key: a key-encryption key from the passphrase (Argon2id) or from the
recovery key (HKDF-SHA256), and AES-256-GCM around the database key; and the short check that tells
a remembered key from a later one without unwrapping anything.

Each wrap is a dict stored in the key file (crypto.py), costs and salt included, so a later version
can raise the costs for new passphrases and still open old files. GCM's tag tells a wrong passphrase
from a right one before SQLite sees anything. Every primitive comes from `cryptography`.
"""

from __future__ import annotations

import base64
import secrets
from pathlib import Path
from typing import Any

from opvoed_desktop.storage import keys
from opvoed_desktop.storage.crypto_errors import KeyFileDamagedError, WrongPassphraseError, WrongRecoveryKeyError
from opvoed_desktop.storage.passphrase import parse_recovery_key

# Argon2id costs for new key files (stored per file, so later versions can raise them): the first
# of OWASP's recommended settings (46 MiB, one pass, one lane), ~60 ms on a 2020 laptop, within
# the 300 ms the whole encrypted start may add (benchmarks/bench_encrypted_open.py).
ARGON2_MEMORY_KIB = 46 * 1024
ARGON2_ITERATIONS = 1
ARGON2_LANES = 1
_AAD = {"passphrase": b"opvoed-desktop key v1 passphrase", "recovery": b"opvoed-desktop key v1 recovery"}


def key_check(key: bytes) -> str:
    from cryptography.hazmat.primitives import hashes, hmac

    mac = hmac.HMAC(key, hashes.SHA256())
    mac.update(b"opvoed-desktop key check")
    return mac.finalize()[:8].hex()


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


def wrap_with_passphrase(key: bytes, passphrase: str) -> dict[str, Any]:
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


def wrap_with_recovery(key: bytes, recovery: str) -> dict[str, Any]:
    raw = parse_recovery_key(recovery)
    assert raw is not None
    salt = secrets.token_bytes(16)
    nonce, wrapped = _seal(_recovery_kek(raw, salt), key, "recovery")
    return {"kdf": "hkdf-sha256", "salt": _b64(salt), "wrap": "aes-256-gcm", "nonce": nonce, "wrapped": wrapped}


def unwrap_with_passphrase(entry: object, passphrase: str, path: Path) -> bytes:
    try:
        assert isinstance(entry, dict) and entry.get("kdf") == "argon2id"
        memory, iterations, lanes = (int(entry[k]) for k in ("memory_kib", "iterations", "lanes"))
        # Bounds keep a tampered key file from asking for all memory or hours of work.
        if not (8 <= memory <= 4 * 1024 * 1024 and 1 <= iterations <= 64 and 1 <= lanes <= 64):
            raise ValueError("costs out of range")
        kek = _argon2(passphrase, _unb64(entry["salt"]), memory_kib=memory, iterations=iterations, lanes=lanes)
        key = _open(kek, entry, "passphrase")
    # MemoryError: costs within the bounds that this laptop cannot give, which only a tampered key
    # file (or one from a far later version) asks for; this app's own costs are 46 MiB.
    except (AssertionError, KeyError, TypeError, ValueError, MemoryError):
        raise KeyFileDamagedError(path) from None
    if key is None:
        raise WrongPassphraseError()
    return key


def unwrap_with_recovery(entry: object, recovery_key: str, path: Path) -> bytes:
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
