"""The wrapping of the database key (storage/key_wrap.py): what opens it, what is refused and with
which sentence, and that a key file written by an earlier version still opens.

The oracle for the wrapping is a key file written by version 1 and frozen below, with the database
key, passphrase and recovery key it was made with: any change to the key derivation, the
associated data or the encoding locks people out of their notes, and fails here first. No database;
each unwrap costs one Argon2id derivation (the product's costs, ~0.1 s) or none.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

if sys.platform != "win32":
    import resource

import pytest

from opvoed_desktop.storage import key_wrap
from opvoed_desktop.storage.crypto_errors import KeyFileDamagedError, WrongPassphraseError, WrongRecoveryKeyError
from opvoed_desktop.storage.key_wrap import (
    key_check,
    unwrap_with_passphrase,
    unwrap_with_recovery,
    wrap_with_passphrase,
    wrap_with_recovery,
)
from opvoed_desktop.storage.passphrase import parse_recovery_key

KEY_FILE = Path("/data/opvoed.keys.json")
DATABASE_KEY = bytes(range(32))
PASSPHRASE = "paarse olifant danst zacht"
RECOVERY = "MRSW-MZ3I-NFVG-W3DN-NZXX-A4LS-ON2H-K5TX"
# The wraps of DATABASE_KEY in a key file written by version 1 (opvoed.keys.json, format 1).
FROZEN: dict[str, Any] = {
    "passphrase": {
        "kdf": "argon2id",
        "salt": "V3omJvPGXDX7G6cVpN0IUg==",
        "memory_kib": 47104,
        "iterations": 1,
        "lanes": 1,
        "wrap": "aes-256-gcm",
        "nonce": "9EuowC0aME55cCdp",
        "wrapped": "3x6iy2GJ2qbLzoG2f/V6RAu7Jtjs8ll9zQKuEu5TLHKN9MJUiuGi39BFBUnAmCre",
    },
    "recovery": {
        "kdf": "hkdf-sha256",
        "salt": "3jCrD0C9CT2EVCoeQAlOcA==",
        "wrap": "aes-256-gcm",
        "nonce": "8BOShFJv+eqo/w01",
        "wrapped": "qQtiDjG4s9KUwW/qhsoVWIl0tumuWGY335ABmozoelabgs/QzsC0vPDxjVtl25/U",
    },
    "key_check": "3240488ed6f5b64d",
}


def _changed(which: str, **changes: object) -> dict[str, Any]:
    entry = copy.deepcopy(FROZEN[which])
    for name, value in changes.items():
        if value is None:
            entry.pop(name)
        else:
            entry[name] = value
    return entry


def test_a_key_file_written_by_version_1_opens_with_its_passphrase_and_its_recovery_key() -> None:
    assert unwrap_with_passphrase(FROZEN["passphrase"], PASSPHRASE, KEY_FILE) == DATABASE_KEY
    assert unwrap_with_recovery(FROZEN["recovery"], RECOVERY, KEY_FILE) == DATABASE_KEY
    # Written down by hand, as the recovery key usually is.
    assert unwrap_with_recovery(FROZEN["recovery"], RECOVERY.lower().replace("-", " "), KEY_FILE) == DATABASE_KEY


def test_the_key_check_is_the_one_key_files_and_keyrings_already_hold() -> None:
    # An independent oracle: the standard library's HMAC-SHA256 over the fixed string, first 8 bytes.
    expected = hmac.new(DATABASE_KEY, b"opvoed-desktop key check", hashlib.sha256).digest()[:8].hex()
    assert key_check(DATABASE_KEY) == expected == FROZEN["key_check"]
    assert key_check(DATABASE_KEY[::-1]) != expected


def test_a_wrong_passphrase_is_said_as_such_never_as_damage() -> None:
    for wrong in (PASSPHRASE + " ", PASSPHRASE.upper(), "iets heel anders"):
        with pytest.raises(WrongPassphraseError) as raised:
            unwrap_with_passphrase(FROZEN["passphrase"], wrong, KEY_FILE)
        assert str(raised.value) == (
            "Dit wachtwoord klopt niet; probeer het opnieuw, of open de aantekeningen met de herstelsleutel."
        )


@pytest.mark.parametrize(
    "wrong",
    [
        "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",  # a recovery key, but another one
        "MRSW-MZ3I-NFVG-W3DN-NZXX-A4LS-ON2H-K5T",  # one character short
        PASSPHRASE,  # the passphrase typed in the recovery field
        "",
    ],
)
def test_a_wrong_recovery_key_is_said_as_such_never_as_damage(wrong: str) -> None:
    with pytest.raises(WrongRecoveryKeyError) as raised:
        unwrap_with_recovery(FROZEN["recovery"], wrong, KEY_FILE)
    assert str(raised.value) == (
        "Deze herstelsleutel klopt niet; kijk of u alle 32 tekens goed hebt overgenomen en probeer het opnieuw."
    )


def test_new_wraps_open_and_never_reuse_a_salt_or_nonce() -> None:
    first = wrap_with_passphrase(DATABASE_KEY, PASSPHRASE)
    second = wrap_with_passphrase(DATABASE_KEY, PASSPHRASE)
    assert unwrap_with_passphrase(first, PASSPHRASE, KEY_FILE) == DATABASE_KEY
    assert unwrap_with_passphrase(second, PASSPHRASE, KEY_FILE) == DATABASE_KEY
    assert {k: first[k] != second[k] for k in ("salt", "nonce", "wrapped")} == dict.fromkeys(
        ("salt", "nonce", "wrapped"), True
    )
    one, two = wrap_with_recovery(DATABASE_KEY, RECOVERY), wrap_with_recovery(DATABASE_KEY, RECOVERY)
    assert unwrap_with_recovery(one, RECOVERY, KEY_FILE) == DATABASE_KEY
    assert unwrap_with_recovery(two, RECOVERY.lower(), KEY_FILE) == DATABASE_KEY
    assert one["salt"] != two["salt"] and one["nonce"] != two["nonce"]
    # The database key itself appears nowhere in the file, in any encoding a reader might try.
    text = repr([first, one])
    assert DATABASE_KEY.hex() not in text and "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" not in text


def test_a_new_key_file_says_how_it_was_made_with_at_least_owasps_costs() -> None:
    """The costs and the methods are stored with each wrap, so a later version can raise the costs
    for new passphrases and still open this file; the costs are never below OWASP's first setting
    for Argon2id (46 MiB, one pass, one lane)."""
    entry = wrap_with_passphrase(DATABASE_KEY, PASSPHRASE)
    assert entry["kdf"] == "argon2id" and entry["wrap"] == "aes-256-gcm"
    assert entry["memory_kib"] >= 46 * 1024 and entry["iterations"] >= 1 and entry["lanes"] >= 1
    recovery = wrap_with_recovery(DATABASE_KEY, RECOVERY)
    assert recovery["kdf"] == "hkdf-sha256" and recovery["wrap"] == "aes-256-gcm"


@pytest.mark.parametrize(
    ("memory", "iterations", "lanes"),
    [(8, 64, 1), (512, 1, 64)],
    ids=["least memory, most passes", "most lanes"],
)
def test_costs_at_the_edge_of_what_is_allowed_still_open(
    monkeypatch: pytest.MonkeyPatch, memory: int, iterations: int, lanes: int
) -> None:
    """A key file made by another version with other costs, at the limits a key file may ask for."""
    monkeypatch.setattr(key_wrap, "ARGON2_MEMORY_KIB", memory)
    monkeypatch.setattr(key_wrap, "ARGON2_ITERATIONS", iterations)
    monkeypatch.setattr(key_wrap, "ARGON2_LANES", lanes)
    entry = wrap_with_passphrase(DATABASE_KEY, PASSPHRASE)
    assert (entry["memory_kib"], entry["iterations"], entry["lanes"]) == (memory, iterations, lanes)
    assert unwrap_with_passphrase(entry, PASSPHRASE, KEY_FILE) == DATABASE_KEY
    with pytest.raises(WrongPassphraseError):
        unwrap_with_passphrase(entry, PASSPHRASE[:-1], KEY_FILE)


PASSPHRASE_DAMAGE = {
    "not an entry": None,
    "a list": [],
    "text": "argon2id",
    "no kdf": _changed("passphrase", kdf=None),
    "another kdf": _changed("passphrase", kdf="pbkdf2"),
    "the recovery entry": FROZEN["recovery"],
    "no memory cost": _changed("passphrase", memory_kib=None),
    "a cost that is no number": _changed("passphrase", iterations="veel"),
    "no salt": _changed("passphrase", salt=None),
    "a salt that is no text": _changed("passphrase", salt=12345),
    "one character of the salt damaged": _changed("passphrase", salt="V3omJvPGXDX7G6cV*N0IUg=="),
    # Four, so that what is left would still decode (to another salt): damage, not a wrong passphrase
    # the person would keep retyping.
    "four characters of the salt damaged": _changed("passphrase", salt="V3om****XDX7G6cVpN0IUg=="),
    "four characters of the nonce damaged": _changed("passphrase", nonce="9Eu\n\n\n\naME55cCdp"),
    "no nonce": _changed("passphrase", nonce=None),
    "an empty nonce": _changed("passphrase", nonce=""),
    "the wrapped key cut short": _changed("passphrase", wrapped=FROZEN["passphrase"]["wrapped"][:-3]),
    "no wrapped key": _changed("passphrase", wrapped=None),
    # Costs a tampered file might ask for: refused before any work, not hours or all memory.
    "too little memory": _changed("passphrase", memory_kib=7),
    "all memory": _changed("passphrase", memory_kib=2**40),
    "no passes": _changed("passphrase", iterations=0),
    "too many passes": _changed("passphrase", iterations=65),
    "no lanes": _changed("passphrase", lanes=0),
    "too many lanes": _changed("passphrase", lanes=65),
}


@pytest.mark.parametrize("entry", list(PASSPHRASE_DAMAGE.values()), ids=list(PASSPHRASE_DAMAGE))
def test_a_damaged_passphrase_wrap_is_said_plainly_with_the_key_file(entry: object) -> None:
    with pytest.raises(KeyFileDamagedError) as raised:
        unwrap_with_passphrase(entry, PASSPHRASE, KEY_FILE)
    assert raised.value.path == KEY_FILE
    assert str(raised.value) == (
        f"Het sleutelbestand {KEY_FILE} is beschadigd, dus de versleutelde aantekeningen kunnen niet "
        "worden geopend; zet het bestand terug uit een kopie van de map."
    )


RECOVERY_DAMAGE = {
    "not an entry": None,
    "no kdf": _changed("recovery", kdf=None),
    "the passphrase entry": FROZEN["passphrase"],
    "no salt": _changed("recovery", salt=None),
    "one character of the salt damaged": _changed("recovery", salt="3jCrD0C9CT2EVCoe*AlOcA=="),
    "four characters of the salt damaged": _changed("recovery", salt="3jCr####CT2EVCoeQAlOcA=="),
    "no nonce": _changed("recovery", nonce=None),
    "a nonce that is no text": _changed("recovery", nonce=7),
    "no wrapped key": _changed("recovery", wrapped=None),
}


@pytest.mark.parametrize("entry", list(RECOVERY_DAMAGE.values()), ids=list(RECOVERY_DAMAGE))
def test_a_damaged_recovery_wrap_is_said_plainly_with_the_key_file(entry: object) -> None:
    with pytest.raises(KeyFileDamagedError) as raised:
        unwrap_with_recovery(entry, RECOVERY, KEY_FILE)
    assert raised.value.path == KEY_FILE


STATUS = Path("/proc/self/status")
limited_memory = pytest.mark.skipif(
    sys.platform == "win32" or not STATUS.exists(), reason="Linux's address-space limit and /proc"
)


@contextmanager
def _memory_to_spare(spare: int) -> Iterator[None]:
    """This process limited to `spare` bytes more than it takes now: a laptop with little free."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with STATUS.open(encoding="ascii") as status:
        in_use = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    resource.setrlimit(resource.RLIMIT_AS, (in_use + spare, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@limited_memory
def test_a_key_file_asking_for_more_memory_than_the_laptop_has_is_refused_before_taking_any() -> None:
    """A tampered key file asking for just over 4 GiB, on a laptop with 1 GiB to spare (the limit set
    on this process for the test): refused as damaged before the derivation starts, not a crash."""
    entry = _changed("passphrase", memory_kib=4 * 1024 * 1024 + 1)
    with _memory_to_spare(1024**3), pytest.raises(KeyFileDamagedError):
        unwrap_with_passphrase(entry, PASSPHRASE, KEY_FILE)


@limited_memory
def test_a_key_file_asking_for_more_memory_than_is_free_is_a_sentence_not_a_crash() -> None:
    """Costs within the ceiling (1 GiB) that this laptop cannot give (256 MiB to spare): a tampered
    key file, or one from a far later version; either way one sentence, never an uncaught error."""
    entry = _changed("passphrase", memory_kib=1024 * 1024)
    with _memory_to_spare(256 * 1024**2), pytest.raises(KeyFileDamagedError):
        unwrap_with_passphrase(entry, PASSPHRASE, KEY_FILE)


def test_a_wrap_that_holds_no_database_key_is_damage_not_a_key() -> None:
    """A sound wrap around 16 bytes (a file from elsewhere, or tampered): SQLCipher would take it as
    a wrong key and the database as damaged; it is refused as a damaged key file instead."""
    short = wrap_with_passphrase(DATABASE_KEY[:16], PASSPHRASE)
    with pytest.raises(KeyFileDamagedError):
        unwrap_with_passphrase(short, PASSPHRASE, KEY_FILE)
    long = wrap_with_recovery(DATABASE_KEY + b"\x00", RECOVERY)
    with pytest.raises(KeyFileDamagedError):
        unwrap_with_recovery(long, RECOVERY, KEY_FILE)


def test_a_passphrase_wrap_relabelled_as_a_recovery_wrap_does_not_open() -> None:
    """The two wraps are bound to their purpose (GCM's associated data): a wrap moved from one entry
    to the other, with the right key derivation, still does not open."""
    raw = parse_recovery_key(RECOVERY)
    assert raw is not None
    kek = key_wrap._recovery_kek(raw, b"\x00" * 16)
    nonce, wrapped = key_wrap._seal(kek, DATABASE_KEY, "passphrase")
    moved = {"kdf": "hkdf-sha256", "salt": key_wrap._b64(b"\x00" * 16), "nonce": nonce, "wrapped": wrapped}
    with pytest.raises(WrongRecoveryKeyError):
        unwrap_with_recovery(moved, RECOVERY, KEY_FILE)
