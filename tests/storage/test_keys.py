"""Which key opens which file (storage/keys.py). A wrong answer loses notes: a file keyed with
another data dir's key (and no key file beside it) can never be opened again, and an encrypted
file opened without its key looks damaged and would be set aside.

The oracle is SQLCipher itself: each file is written with a known key outside keys.py, and read
back through the storage engine, which asks keys.py which key to use.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import crypto, keys
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi as sqlite3

KEY_A = bytes(range(32))
KEY_B = bytes(range(100, 132))
KEY_C = bytes(range(200, 232))
PASSPHRASE = "paarse olifant danst zacht"


@pytest.fixture(autouse=True)
def _own_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts with no data dir unlocked, whatever other tests in the process unlocked,
    and leaves none behind."""
    monkeypatch.setattr(keys, "_keys", {})
    yield
    crypto.passphrase_file = None


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    """Two data dirs side by side whose names share a prefix (`data`, `data-2`)."""
    a, b = tmp_path / "data", tmp_path / "data-2"
    for root in (a, b):
        (root / "backups").mkdir(parents=True)
    return a, b


def _write(path: Path, key: bytes | None, text: str) -> None:
    """A database holding `text`, keyed with `key` (None: plain), written without keys.py."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        if key is not None:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("CREATE TABLE note (text TEXT)")
        conn.execute("INSERT INTO note VALUES (?)", (text,))
        conn.commit()


def _read(path: Path) -> str:
    """The text, read the way storage reads any file: keyed by keys.py."""
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        return str(conn.execute("SELECT text FROM note").fetchone()[0])


def test_each_data_dir_opens_its_own_files_with_its_own_key(roots: tuple[Path, Path]) -> None:
    a, b = roots
    keys.register(a, KEY_A)
    keys.register(b, KEY_B)
    files = {
        a / "opvoed.sqlite3": (KEY_A, "notitie van map a"),
        a / "backups" / "opvoed-20260101-000000-000000-manual.sqlite3": (KEY_A, "reservekopie van map a"),
        b / "opvoed.sqlite3": (KEY_B, "notitie van map b"),
        b / "backups" / "opvoed-20260101-000000-000000-manual.sqlite3": (KEY_B, "reservekopie van map b"),
    }
    for path, (key, text) in files.items():
        _write(path, key, text)
    for path, (key, text) in files.items():
        assert keys.key_for(path) == key, path
        assert _read(path) == text
    # The other order of unlocking gives each dir the same key.
    keys.register(a, KEY_A)
    assert [keys.key_for(path) for path in files] == [key for key, _text in files.values()]


def test_a_plain_file_in_an_encrypted_dir_opens_plain(roots: tuple[Path, Path]) -> None:
    """An old plain backup (from before the data dir was encrypted) stays readable."""
    a, _b = roots
    keys.register(a, KEY_A)
    old = a / "backups" / "opvoed-20250101-000000-000000-manual.sqlite3"
    _write(old, None, "van voor het versleutelen")
    assert keys.key_for(old) is None
    assert _read(old) == "van voor het versleutelen"


def test_a_new_database_in_an_unlocked_dir_is_written_encrypted(roots: tuple[Path, Path]) -> None:
    a, _b = roots
    keys.register(a, KEY_A)
    new = a / "backups" / "nieuw.sqlite3"
    with contextlib.closing(sqlite3.connect(new)) as conn:
        assert keys.apply_key(conn, new) is True
        conn.execute("CREATE TABLE note (text TEXT)")
        conn.execute("INSERT INTO note VALUES ('geheim-kwispelwoord')")
        conn.commit()
    assert not keys.is_plain(new)
    assert b"geheim-kwispelwoord" not in new.read_bytes()
    assert _read(new) == "geheim-kwispelwoord"


def test_an_encrypted_connection_keeps_its_temporary_data_in_memory(roots: tuple[Path, Path]) -> None:
    """Sorts and temporary indexes of encrypted notes never go to a temporary file on disk; a plain
    file is opened as SQLite's defaults have it."""
    a, _b = roots
    keys.register(a, KEY_A)
    encrypted, plain = a / "opvoed.sqlite3", a / "backups" / "oud.sqlite3"
    _write(encrypted, KEY_A, "x")
    _write(plain, None, "x")
    with contextlib.closing(sqlite3.connect(encrypted)) as conn:
        assert keys.apply_key(conn, encrypted) is True
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    with contextlib.closing(sqlite3.connect(plain)) as conn:
        assert keys.apply_key(conn, plain) is False
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 0  # the default


def test_an_exported_backup_opens_with_the_key_unlocked_last(roots: tuple[Path, Path], tmp_path: Path) -> None:
    """A backup exported elsewhere (`backup -o`) has no data dir: the most recently unlocked key
    opens it; unlocking a dir again makes its key the most recent."""
    a, b = roots
    exported = tmp_path / "usb-stick" / "kopie.sqlite3"
    exported.parent.mkdir()
    _write(exported, KEY_A, "meegenomen")
    keys.register(tmp_path / "derde-map", KEY_C)
    keys.register(b, KEY_B)
    keys.register(a, KEY_A)
    assert keys.key_for(exported) == KEY_A and _read(exported) == "meegenomen"
    keys.register(b, KEY_B)
    assert keys.key_for(exported) == KEY_B
    keys.register(tmp_path / "derde-map", KEY_C)
    assert keys.key_for(exported) == KEY_C
    keys.register(a, KEY_A)  # unlocked again: the newest once more
    assert keys.key_for(exported) == KEY_A and _read(exported) == "meegenomen"


def test_a_new_file_outside_every_data_dir_is_plain(roots: tuple[Path, Path], tmp_path: Path) -> None:
    """Another data dir made in the same process must not take an unlocked dir's key: nothing
    beside it could ever open it again. A file that does not exist yet, or is still empty, is new."""
    a, _b = roots
    keys.register(a, KEY_A)
    elsewhere = tmp_path / "andere-map"
    elsewhere.mkdir()
    assert keys.key_for(elsewhere / "opvoed.sqlite3") is None
    (elsewhere / "leeg.sqlite3").touch()
    assert keys.key_for(elsewhere / "leeg.sqlite3") is None
    _write(elsewhere / "opvoed.sqlite3", None, "gewoon")
    assert keys.key_for(elsewhere / "opvoed.sqlite3") is None


def test_with_no_key_at_all_an_unknown_file_is_opened_plain(tmp_path: Path) -> None:
    """Nothing unlocked in this process: a file that is not SQLite is opened plain (and then found
    not to be a database), not refused for want of a key."""
    assert keys.registered(tmp_path) is None
    (tmp_path / "vreemd.sqlite3").write_bytes(os.urandom(4096))
    assert keys.key_for(tmp_path / "vreemd.sqlite3") is None


def test_a_forgotten_key_opens_nothing_any_more(roots: tuple[Path, Path], tmp_path: Path) -> None:
    a, _b = roots
    _write(a / "opvoed.sqlite3", KEY_A, "x")
    keys.register(a, KEY_A)
    assert keys.registered(a) == KEY_A
    keys.forget(a)
    keys.forget(tmp_path / "nooit-ontgrendeld")  # forgetting a dir never unlocked is fine
    assert keys.registered(a) is None
    assert keys.key_for(a / "opvoed.sqlite3") is None  # no key file either: nothing to unlock with
    assert keys.key_for(a / "backups" / "nieuw.sqlite3") is None


@pytest.mark.parametrize("length", [0, 16, 31, 33, 64])
def test_a_key_of_the_wrong_length_is_refused(roots: tuple[Path, Path], length: int) -> None:
    a, _b = roots
    with pytest.raises(ValueError, match="32 bytes"):
        keys.register(a, b"k" * length)
    assert keys.registered(a) is None


def test_a_data_dir_reached_through_a_link_or_home_has_one_key(
    roots: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same folder named two ways (a symbolic link, `~`) is the same data dir."""
    a, _b = roots
    link = tmp_path / "koppeling"
    link.symlink_to(a)
    keys.register(link, KEY_A)
    _write(a / "opvoed.sqlite3", KEY_A, "via de koppeling")
    assert keys.registered(a) == KEY_A
    assert _read(a / "opvoed.sqlite3") == "via de koppeling"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert keys.registered(Path("~") / "data") == KEY_A
    assert keys.key_for(Path("~") / "data" / "opvoed.sqlite3") == KEY_A


@pytest.mark.parametrize("where", ["opvoed.sqlite3", "backups/opvoed-20260101-000000-000000-start.sqlite3"])
def test_an_encrypted_dir_nobody_unlocked_is_unlocked_or_refused_never_read_plain(
    roots: tuple[Path, Path], tmp_path: Path, where: str
) -> None:
    """A command that reads a file of an encrypted data dir before opening the database (the
    database itself, or one of its backups): with the passphrase file the dir is unlocked; without
    it one sentence says how, and the file is never taken for a plain (damaged) one."""
    a, _b = roots
    made = crypto.create(PASSPHRASE)
    crypto.write_header(DataPaths(a), made.header)
    # The name every encrypted data dir already has on disk (docs/encryption.md): another name and
    # the notes of those dirs would look plain, and so damaged.
    assert (a / "opvoed.keys.json").is_file()
    target = a / where
    _write(target, made.database_key, "versleuteld")
    with pytest.raises(crypto.PassphraseNeededError):
        keys.key_for(target)
    assert keys.registered(a) is None
    passphrase = tmp_path / "pw"
    passphrase.write_text(PASSPHRASE + "\n")
    crypto.passphrase_file = passphrase
    assert keys.key_for(target) == made.database_key
    assert keys.registered(a) == made.database_key
    assert _read(target) == "versleuteld"


def test_only_a_file_that_starts_with_sqlites_header_is_plain(tmp_path: Path) -> None:
    magic = b"SQLite format 3\x00"
    cases = {
        "sqlite": magic + b"\x10\x00" * 100,
        "exact": magic,
        "short": magic[:-1],
        "empty": b"",
        "encrypted": os.urandom(4096),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert {name for name in cases if keys.is_plain(tmp_path / name)} == {"sqlite", "exact"}
    assert not keys.is_plain(tmp_path / "bestaat-niet")
    assert not keys.is_plain(tmp_path)  # a folder
