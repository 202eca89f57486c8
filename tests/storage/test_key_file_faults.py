"""Faults around the key file (storage/crypto.py) and a conversion cut off (storage/convert.py).

- The key file went missing (deleted as "some odd file", left out of a copy of the folder, skipped by
  a sync client): the notes are not judged damaged and set aside, and the app does not start over
  with an empty database. One sentence says the key file is missing; with the file back, everything
  opens as before.
- The key file cannot be written (read-only folder, full disk): one sentence, the old file untouched.
- An encryption cut off half-way: the plain files left are named, and `encrypt` again finishes.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import backup, convert, crypto, key_wrap, keys, open_database
from opvoed_desktop.storage.crypto_errors import EncryptionError, KeyFileNotWrittenError

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


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EROFS, "is alleen-lezen"),
        (errno.EACCES, "is alleen-lezen"),
        (errno.ENOSPC, "De schijf is vol"),
        (errno.EDQUOT, "De schijf is vol"),
        (errno.EIO, "Controleer de map"),
    ],
)
def test_a_key_file_that_cannot_be_written_leaves_the_old_one(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    _encrypted_with_a_note(paths)
    key_file = paths.root / keys.KEY_FILE
    before = key_file.read_bytes()
    key = crypto.unlock(paths, PASSPHRASE)

    def refuse(*_args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(crypto.os, "replace", refuse)
    with pytest.raises(KeyFileNotWrittenError) as raised:
        crypto.set_passphrase(paths, key, "een ander wachtwoord hier")
    monkeypatch.undo()
    sentence = str(raised.value)
    assert words in sentence and "er is niets veranderd" in sentence
    if code != errno.ENOSPC and code != errno.EDQUOT:
        assert str(paths.root) in sentence  # the folder, so the person knows where to look
    assert raised.value.path == key_file
    assert key_file.read_bytes() == before
    assert not key_file.with_name(key_file.name + ".tmp").exists()
    keys.forget(paths.root)
    crypto.unlock(paths, PASSPHRASE)  # the old passphrase still opens


def test_an_encryption_cut_off_names_the_plain_files_and_finishes(paths: DataPaths, tmp_path: Path) -> None:
    with open_database(paths) as db:
        MeetingService(db).add_note(MeetingService(db).create_meeting("Ouderavond"), "iets")
        db.backup(reason="manual")
        db.backup(reason="manual")
    assert convert.unfinished(paths) == []  # plain, and not being encrypted: nothing unfinished
    originals = {}
    for info in backup.list_backups(paths):
        originals[info.path] = tmp_path / info.path.name
        shutil.copyfile(info.path, originals[info.path])
    convert.encrypt(paths, PASSPHRASE)
    assert convert.unfinished(paths) == []
    for path, copy in originals.items():
        shutil.copyfile(copy, path)  # as if cut off before these files were swapped
    assert sorted(convert.unfinished(paths)) == sorted(originals)
    assert convert.unfinished_sentence(1).startswith("Niet alles is versleuteld")
    assert "1 bestand staat" in convert.unfinished_sentence(1)
    assert "2 bestanden staan" in convert.unfinished_sentence(2)
    assert convert.encrypt(paths, PASSPHRASE).recovery_key is None  # finished with the first key
    assert convert.unfinished(paths) == []


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        (
            errno.ENOSPC,
            "De schijf is vol, dus het sleutelbestand kon niet worden geschreven; er is niets veranderd. "
            "Maak ruimte vrij en probeer het opnieuw.",
        ),
        (
            errno.EDQUOT,
            "De schijf is vol, dus het sleutelbestand kon niet worden geschreven; er is niets veranderd. "
            "Maak ruimte vrij en probeer het opnieuw.",
        ),
        (
            errno.EROFS,
            "De map /data/map is alleen-lezen, dus het sleutelbestand kon niet worden geschreven; er is "
            "niets veranderd.",
        ),
        (
            errno.EACCES,
            "De map /data/map is alleen-lezen, dus het sleutelbestand kon niet worden geschreven; er is "
            "niets veranderd.",
        ),
        (
            errno.EPERM,
            "De map /data/map is alleen-lezen, dus het sleutelbestand kon niet worden geschreven; er is "
            "niets veranderd.",
        ),
        (
            errno.EIO,
            "Het sleutelbestand in /data/map kon niet worden geschreven; er is niets veranderd. Controleer "
            "de map en probeer het opnieuw.",
        ),
        (
            None,
            "Het sleutelbestand in /data/map kon niet worden geschreven; er is niets veranderd. Controleer "
            "de map en probeer het opnieuw.",
        ),
    ],
)
def test_each_key_file_fault_says_its_whole_sentence(code: int | None, sentence: str) -> None:
    """The sentence a person reads, word for word: full disk, read-only folder, anything else."""

    assert str(KeyFileNotWrittenError(Path("/data/map/opvoed.keys.json"), code)) == sentence


def test_a_missing_key_file_says_its_whole_sentence() -> None:
    from opvoed_desktop.storage.crypto_errors import KeyFileMissingError

    error = KeyFileMissingError(Path("/data/map/opvoed.keys.json"))
    assert str(error) == (
        "De aantekeningen zijn versleuteld, maar het sleutelbestand /data/map/opvoed.keys.json ontbreekt; "
        "zet het terug uit een kopie van de map. Er is niets gewijzigd."
    )
    assert error.path == Path("/data/map/opvoed.keys.json")
