""" "Onthoud op deze computer" (storage/remembered.py): the database key kept in the OS keyring, found
again at the next start, forgotten when asked, and never a reason for the app not to open when the
keyring is missing, locked or holds something else. Real keyring backends (tests/storage/memory_keyring.py),
no database: each test takes milliseconds."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from keyring.backends.fail import Keyring as NoKeyring

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import crypto
from opvoed_desktop.storage.remembered import forget_remembered, remember, remembered_key
from tests.storage.memory_keyring import LockedKeyring, MemoryKeyring, using


def test_a_remembered_key_is_found_at_the_next_start_and_gone_once_forgotten(paths: DataPaths) -> None:
    key = secrets.token_bytes(32)
    with using(MemoryKeyring()):
        assert remembered_key(paths) is None
        assert remember(paths, key) is True
        assert remembered_key(DataPaths(Path(str(paths.root)))) == key  # a new start: a new DataPaths
        forget_remembered(paths)
        assert remembered_key(paths) is None


def test_a_key_remembered_by_an_earlier_start_is_found_where_it_was_put(paths: DataPaths) -> None:
    """The keyring outlives the app: an entry written by an earlier version (service
    "opvoed-desktop", the data dir as the name, the key in hex) must still be found, and a new one
    written where the next version will look."""
    key = bytes(range(32))
    with using(MemoryKeyring()) as ring:
        ring.store[("opvoed-desktop", str(paths.root))] = key.hex()
        assert remembered_key(paths) == key
        other = DataPaths(paths.root.parent / "tweede")
        assert remember(other, key[::-1])
        assert ring.store[("opvoed-desktop", str(other.root))] == key[::-1].hex()
        assert crypto.KEYRING_SERVICE == "opvoed-desktop"


def test_each_data_dir_remembers_and_forgets_its_own_key(tmp_path: Path) -> None:
    first, second = DataPaths(tmp_path / "eerste"), DataPaths(tmp_path / "tweede")
    one, two = secrets.token_bytes(32), secrets.token_bytes(32)
    with using(MemoryKeyring()):
        remember(first, one)
        remember(second, two)
        assert remembered_key(first) == one and remembered_key(second) == two
        forget_remembered(first)
        assert remembered_key(first) is None
        assert remembered_key(second) == two  # turning encryption off in one leaves the other


@pytest.mark.parametrize(
    "ring", [pytest.param(LockedKeyring(), id="locked"), pytest.param(None, id="no keyring at all")]
)
def test_without_a_usable_keyring_nothing_is_remembered_and_nothing_fails(
    paths: DataPaths, ring: LockedKeyring | None
) -> None:
    backend = ring if ring is not None else NoKeyring()  # a bare Linux session
    with using(backend):
        assert remember(paths, secrets.token_bytes(32)) is False  # the dialog then says so
        assert remembered_key(paths) is None  # so the passphrase is asked
        forget_remembered(paths)  # turning encryption off still works


def test_forgetting_what_was_never_remembered_is_no_error(paths: DataPaths) -> None:
    with using(MemoryKeyring()) as ring:
        forget_remembered(paths)
        assert ring.store == {}


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param("", id="empty"),
        pytest.param("geen sleutel", id="not hex"),
        pytest.param("ab" * 16, id="16 bytes"),
        pytest.param("ab" * 31, id="31 bytes"),
        pytest.param("ab" * 33, id="33 bytes"),
    ],
)
def test_something_else_in_the_keyring_is_no_key(paths: DataPaths, stored: str) -> None:
    """Another program's entry, a damaged one or a key of the wrong length: ask the passphrase rather
    than hand SQLCipher something that is not a database key."""
    with using(MemoryKeyring()) as ring:
        ring.store[("opvoed-desktop", str(paths.root))] = stored
        assert remembered_key(paths) is None
        ring.store[("opvoed-desktop", str(paths.root))] = "ab" * 32
        assert remembered_key(paths) == b"\xab" * 32
