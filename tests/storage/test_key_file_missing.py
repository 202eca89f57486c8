"""An encrypted data dir whose key file went missing (deleted as "some odd file", left out of a copy
of the folder, skipped by a sync client): the notes are not judged damaged and set aside, and the app
does not start over with an empty database. One sentence says the key file is missing; with the file
back, everything opens as before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import convert, crypto, key_wrap, keys, open_database
from opvoed_desktop.storage.crypto_errors import EncryptionError

PASSPHRASE = "paarse olifant danst zacht"


@pytest.fixture(autouse=True)
def _cheap_keys_and_no_keyring(paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import keyring
    from keyring.backends.null import Keyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", Keyring())
    monkeypatch.setattr(key_wrap, "ARGON2_MEMORY_KIB", 8)
    monkeypatch.setattr(crypto, "passphrase_file", None)
    monkeypatch.delenv(crypto.PASSPHRASE_FILE_ENV, raising=False)
    yield
    keys.forget(paths.root)


def _encrypted_with_a_note(paths: DataPaths) -> str:
    with open_database(paths) as db:
        service = MeetingService(db)
        meeting = service.create_meeting("Ouderavond")
        service.add_note(meeting, "wat de ouders vertelden")
        db.backup(reason="manual")
    convert.encrypt(paths, PASSPHRASE)
    keys.forget(paths.root)  # a new start of the app: nothing unlocked
    return meeting


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_missing_key_file_is_said_and_nothing_is_set_aside(paths: DataPaths) -> None:
    meeting = _encrypted_with_a_note(paths)
    key_file = paths.root / keys.KEY_FILE
    kept = key_file.read_bytes()
    key_file.unlink()
    before = {name: data for name, data in _files(paths.root).items() if not name.startswith("logs")}
    with pytest.raises(EncryptionError) as raised:
        open_database(paths)
    assert keys.KEY_FILE in str(raised.value)
    after = {name: data for name, data in _files(paths.root).items() if not name.startswith("logs")}
    assert after.keys() - {"opvoed.lock"} == before.keys() - {"opvoed.lock"}  # nothing moved, nothing new
    assert {n: d for n, d in after.items() if n != "opvoed.lock"} == {
        n: d for n, d in before.items() if n != "opvoed.lock"
    }
    # The file back: the notes open with the passphrase, as before.
    key_file.write_bytes(kept)
    crypto.unlock(paths, PASSPHRASE)
    with open_database(paths) as db:
        assert [n.text for n in MeetingService(db).get_meeting(meeting).notes] == ["wat de ouders vertelden"]


def test_a_plain_database_that_is_damaged_is_still_set_aside(paths: DataPaths) -> None:
    """Only a file that looks encrypted is held back: a plain one with a broken header is damage."""
    with open_database(paths) as db:
        MeetingService(db).create_meeting("Ouderavond")
    data = bytearray(paths.database.read_bytes())
    data[:16] = b"\x00" * 16
    paths.database.write_bytes(bytes(data))
    with open_database(paths) as db:
        assert db.recovered is not None
