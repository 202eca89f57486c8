"""The key file and unlocking (storage/crypto.py): a new key file opens with its passphrase and its
recovery key, is readable by the user alone and never half written; a damaged one is said plainly;
at open the key comes from the passphrase file, the environment or the keyring, or one sentence says
how to give it; a copy under another key holds the same notes.

Only the copy between keys (`export_to`) needs a database, a few rows through the driver; the rest
works on the key file alone, one Argon2id derivation (~0.1 s) per passphrase.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import crypto, keys
from opvoed_desktop.storage.driver import dbapi
from opvoed_desktop.storage.key_wrap import key_check, unwrap_with_passphrase, unwrap_with_recovery
from tests.storage.memory_keyring import MemoryKeyring, using

PASSPHRASE = "paarse olifant danst zacht"


@pytest.fixture(autouse=True)
def _own_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test its own registry of unlocked keys, no passphrase file and no keyring entry."""
    monkeypatch.setattr(keys, "_keys", {})
    monkeypatch.setattr(crypto, "passphrase_file", None)
    monkeypatch.delenv(crypto.PASSPHRASE_FILE_ENV, raising=False)
    with using(MemoryKeyring()):
        yield


@pytest.fixture
def encrypted(paths: DataPaths) -> crypto.NewKeys:
    """A data dir with a key file where the notes would lie beside it, nothing unlocked yet."""
    paths.root.mkdir(parents=True)
    made = crypto.create(PASSPHRASE)
    crypto.write_header(paths, made.header)
    return made


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _passphrase_file(tmp_path: Path, text: str, name: str = "pw") -> Path:
    target = tmp_path / name
    target.write_text(text + "\n", encoding="utf-8")
    return target


# A new key file -----------------------------------------------------------------------------------
def test_a_new_key_file_opens_with_the_passphrase_and_the_recovery_key(
    paths: DataPaths, encrypted: crypto.NewKeys
) -> None:
    assert crypto.is_encrypted(paths) and not crypto.is_unlocked(paths)
    assert len(encrypted.database_key) == 32
    assert crypto.unlock(paths, PASSPHRASE) == encrypted.database_key
    assert crypto.is_unlocked(paths) and keys.registered(paths.root) == encrypted.database_key
    crypto.forget_key(paths)
    assert not crypto.is_unlocked(paths)
    assert crypto.unlock_with_recovery(paths, encrypted.recovery_key) == encrypted.database_key
    assert keys.registered(paths.root) == encrypted.database_key


def test_every_new_key_file_has_its_own_keys_and_says_how_it_was_made(paths: DataPaths) -> None:
    one, two = crypto.create(PASSPHRASE), crypto.create(PASSPHRASE)
    assert one.database_key != two.database_key and one.recovery_key != two.recovery_key
    assert crypto.parse_recovery_key(one.recovery_key) is not None and len(one.recovery_key) == 39
    header = one.header
    assert header["format"] == "opvoed-desktop database key" and header["version"] == 1
    assert header["cipher"] == "SQLCipher 4, raw 256-bit key"
    assert header["key_check"] == key_check(one.database_key)
    assert unwrap_with_passphrase(header["passphrase"], PASSPHRASE, Path("k")) == one.database_key
    assert unwrap_with_recovery(header["recovery"], one.recovery_key, Path("k")) == one.database_key
    assert one.database_key.hex() not in json.dumps(header)


@pytest.mark.parametrize("weak", ["kort", " " * 12])
def test_no_key_file_is_made_for_a_passphrase_below_the_minimum(weak: str) -> None:
    with pytest.raises(crypto.WeakPassphraseError):
        crypto.create(weak)


def test_the_key_file_is_readable_by_the_user_alone_and_never_half_written(
    paths: DataPaths, encrypted: crypto.NewKeys
) -> None:
    target = crypto.key_file(paths)
    assert target == paths.root / "opvoed.keys.json"
    assert _mode(target) == 0o600
    assert json.loads(target.read_bytes()) == encrypted.header
    assert crypto.read_header(paths) == encrypted.header
    assert sorted(p.name for p in paths.root.iterdir()) == ["opvoed.keys.json"]  # no temporary file left


def test_a_write_killed_halfway_before_leaves_no_mark_on_the_next_key_file(
    paths: DataPaths, encrypted: crypto.NewKeys
) -> None:
    """A temporary file left by a write that was killed (or copied in with the folder, readable by
    all) must neither lengthen nor open up the key file written after it."""
    leftover = crypto.key_file(paths).with_name("opvoed.keys.json.tmp")
    leftover.write_bytes(b"x" * 20000)
    leftover.chmod(0o644)
    crypto.write_header(paths, encrypted.header)
    assert crypto.read_header(paths) == encrypted.header
    assert _mode(crypto.key_file(paths)) == 0o600
    assert crypto.unlock(paths, PASSPHRASE) == encrypted.database_key
    assert sorted(p.name for p in paths.root.iterdir()) == ["opvoed.keys.json"]  # the leftover is gone too


# A damaged key file --------------------------------------------------------------------------------
DAMAGE = {
    "missing": None,
    "empty": b"",
    "cut short": b'{"format": "opvoed-desktop database key", "vers',
    "not UTF-8": b"\xff\xfe\x00{",
    "a list": b"[]",
    "text": b'"opvoed-desktop database key"',
    "another format": json.dumps({"format": "iets anders", "version": 1}).encode(),
    "no format": json.dumps({"version": 1}).encode(),
    "an earlier version": json.dumps({"format": "opvoed-desktop database key", "version": 0}).encode(),
    "a version as text": json.dumps({"format": "opvoed-desktop database key", "version": "2"}).encode(),
    "a version as true": json.dumps({"format": "opvoed-desktop database key", "version": True}).encode(),
    "no version": json.dumps({"format": "opvoed-desktop database key"}).encode(),
}


@pytest.mark.parametrize("content", list(DAMAGE.values()), ids=list(DAMAGE))
def test_a_damaged_key_file_is_said_plainly_whatever_is_typed(
    paths: DataPaths, encrypted: crypto.NewKeys, content: bytes | None
) -> None:
    target = crypto.key_file(paths)
    if content is None:
        target.unlink()
    else:
        target.write_bytes(content)
    sentence = (
        f"Het sleutelbestand {target} is beschadigd, dus de versleutelde aantekeningen kunnen niet "
        "worden geopend; zet het bestand terug uit een kopie van de map."
    )
    for attempt in (
        lambda: crypto.read_header(paths),
        lambda: crypto.unlock(paths, PASSPHRASE),
        lambda: crypto.unlock_with_recovery(paths, encrypted.recovery_key),
        lambda: crypto.set_passphrase(paths, encrypted.database_key, "een heel nieuw wachtwoord"),
    ):
        with pytest.raises(crypto.KeyFileDamagedError) as raised:
            attempt()
        assert raised.value.path == target and str(raised.value) == sentence
    assert not crypto.is_unlocked(paths)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(version=st.integers(min_value=2, max_value=2**70))
def test_a_key_file_of_a_later_version_is_said_as_such_and_left_alone(
    paths: DataPaths, encrypted: crypto.NewKeys, version: int
) -> None:
    """A key file a later app wrote is not damage: restoring a copy would not help, installing that
    version would. Every way in refuses it with that sentence, and the file is left as it was."""
    target = crypto.key_file(paths)
    content = json.dumps({**encrypted.header, "version": version}).encode()
    target.write_bytes(content)
    sentence = (
        f"Het sleutelbestand {target} is gemaakt door een nieuwere versie van de app; installeer die "
        "nieuwere versie om de versleutelde aantekeningen te openen, het bestand is niet gewijzigd."
    )
    for attempt in (
        lambda: crypto.read_header(paths),
        lambda: crypto.unlock(paths, PASSPHRASE),
        lambda: crypto.unlock_with_recovery(paths, encrypted.recovery_key),
        lambda: crypto.set_passphrase(paths, encrypted.database_key, "een heel nieuw wachtwoord"),
    ):
        with pytest.raises(crypto.KeyFileNewerError) as raised:
            attempt()
        assert isinstance(raised.value, crypto.KeyFileDamagedError)  # refused wherever damage is
        assert raised.value.path == target and str(raised.value) == sentence
    assert target.read_bytes() == content
    assert not crypto.is_unlocked(paths)


@pytest.mark.parametrize("entry", ["passphrase", "recovery"])
def test_a_key_file_missing_one_wrap_names_the_key_file(
    paths: DataPaths, encrypted: crypto.NewKeys, entry: str
) -> None:
    header = dict(encrypted.header)
    del header[entry]
    crypto.write_header(paths, header)
    with pytest.raises(crypto.KeyFileDamagedError) as raised:
        if entry == "passphrase":
            crypto.unlock(paths, PASSPHRASE)
        else:
            crypto.unlock_with_recovery(paths, encrypted.recovery_key)
    assert raised.value.path == crypto.key_file(paths)
    # The other way in still opens.
    if entry == "passphrase":
        assert crypto.unlock_with_recovery(paths, encrypted.recovery_key) == encrypted.database_key
    else:
        assert crypto.unlock(paths, PASSPHRASE) == encrypted.database_key


def test_a_wrong_passphrase_or_recovery_key_unlocks_nothing(paths: DataPaths, encrypted: crypto.NewKeys) -> None:
    with pytest.raises(crypto.WrongPassphraseError):
        crypto.unlock(paths, PASSPHRASE + "!")
    with pytest.raises(crypto.WrongRecoveryKeyError):
        crypto.unlock_with_recovery(paths, "AAAA-" * 7 + "AAAA")
    assert not crypto.is_unlocked(paths)


# A new passphrase -----------------------------------------------------------------------------------
def test_a_new_passphrase_replaces_the_old_and_the_recovery_key_keeps_working(
    paths: DataPaths, encrypted: crypto.NewKeys
) -> None:
    key = crypto.unlock_with_recovery(paths, encrypted.recovery_key)
    crypto.set_passphrase(paths, key, "een heel nieuw wachtwoord")
    crypto.forget_key(paths)
    with pytest.raises(crypto.WrongPassphraseError):
        crypto.unlock(paths, PASSPHRASE)
    assert crypto.unlock(paths, "een heel nieuw wachtwoord") == encrypted.database_key
    assert crypto.unlock_with_recovery(paths, encrypted.recovery_key) == encrypted.database_key
    header = crypto.read_header(paths)
    assert header["key_check"] == encrypted.header["key_check"]  # a remembered key still fits
    assert header["recovery"] == encrypted.header["recovery"]
    assert _mode(crypto.key_file(paths)) == 0o600


def test_a_new_passphrase_below_the_minimum_leaves_the_old_one(paths: DataPaths, encrypted: crypto.NewKeys) -> None:
    before = crypto.key_file(paths).read_bytes()
    with pytest.raises(crypto.WeakPassphraseError):
        crypto.set_passphrase(paths, encrypted.database_key, "kort")
    assert crypto.key_file(paths).read_bytes() == before
    assert crypto.unlock(paths, PASSPHRASE) == encrypted.database_key


# Unlocking at open -----------------------------------------------------------------------------------
def test_plain_notes_open_without_asking_anything(paths: DataPaths) -> None:
    paths.root.mkdir(parents=True)
    crypto.ensure_unlocked(paths)
    assert not crypto.is_encrypted(paths) and not crypto.is_unlocked(paths)


def test_without_passphrase_file_or_keyring_one_sentence_says_how_to_give_it(
    paths: DataPaths, encrypted: crypto.NewKeys
) -> None:
    with pytest.raises(crypto.PassphraseNeededError) as raised:
        crypto.ensure_unlocked(paths)
    assert raised.value.path == paths.root
    assert str(raised.value) == (
        f"De aantekeningen in {paths.root} zijn versleuteld; geef het wachtwoord in een bestand met "
        "--passphrase-file BESTAND of met de omgevingsvariabele OPVOED_PASSPHRASE_FILE."
    )
    assert not crypto.is_unlocked(paths)


def test_the_passphrase_file_on_the_command_line_unlocks(
    paths: DataPaths, encrypted: crypto.NewKeys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "passphrase_file", _passphrase_file(tmp_path, PASSPHRASE))
    # The command line's file wins over the environment's.
    monkeypatch.setenv(crypto.PASSPHRASE_FILE_ENV, str(_passphrase_file(tmp_path, "niet dit wachtwoord", "env")))
    crypto.ensure_unlocked(paths)
    assert keys.registered(paths.root) == encrypted.database_key


def test_the_passphrase_file_in_the_environment_unlocks(
    paths: DataPaths, encrypted: crypto.NewKeys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(crypto.PASSPHRASE_FILE_ENV, str(_passphrase_file(tmp_path, PASSPHRASE)))
    crypto.ensure_unlocked(paths)
    assert keys.registered(paths.root) == encrypted.database_key


def test_an_empty_environment_variable_is_no_passphrase_file(
    paths: DataPaths, encrypted: crypto.NewKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(crypto.PASSPHRASE_FILE_ENV, "")
    with pytest.raises(crypto.PassphraseNeededError):
        crypto.ensure_unlocked(paths)


def test_a_wrong_passphrase_file_is_said_and_the_keyring_not_tried_instead(
    paths: DataPaths, encrypted: crypto.NewKeys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone who gives a passphrase file means that one: a wrong one is said, not hidden by a key
    the keyring happens to hold."""
    assert crypto.remember(paths, encrypted.database_key)
    monkeypatch.setattr(crypto, "passphrase_file", _passphrase_file(tmp_path, "niet het wachtwoord"))
    with pytest.raises(crypto.WrongPassphraseError):
        crypto.ensure_unlocked(paths)
    monkeypatch.setattr(crypto, "passphrase_file", tmp_path / "bestaat-niet")
    with pytest.raises(crypto.PassphraseFileError):
        crypto.ensure_unlocked(paths)
    assert not crypto.is_unlocked(paths)


def test_once_unlocked_nothing_is_asked_again(
    paths: DataPaths, encrypted: crypto.NewKeys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crypto.unlock(paths, PASSPHRASE)
    monkeypatch.setattr(crypto, "passphrase_file", tmp_path / "bestaat-niet")  # would be an error if read
    crypto.ensure_unlocked(paths)
    assert keys.registered(paths.root) == encrypted.database_key


def test_a_remembered_key_unlocks_without_asking(paths: DataPaths, encrypted: crypto.NewKeys) -> None:
    assert crypto.remember(paths, encrypted.database_key)
    crypto.ensure_unlocked(paths)
    assert keys.registered(paths.root) == encrypted.database_key


def test_a_key_remembered_before_the_notes_were_encrypted_anew_is_not_used(
    paths: DataPaths, encrypted: crypto.NewKeys
) -> None:
    """Encrypted, remembered, decrypted and encrypted again (or another install's entry): the
    keyring's key is not the one in the key file, so the passphrase is asked, never the wrong key
    handed to SQLCipher (which would make the notes look damaged)."""
    crypto.remember(paths, crypto.create(PASSPHRASE).database_key)
    with pytest.raises(crypto.PassphraseNeededError):
        crypto.ensure_unlocked(paths)
    assert not crypto.is_unlocked(paths)


def test_a_key_file_from_before_the_key_check_trusts_the_remembered_key(
    paths: DataPaths, encrypted: crypto.NewKeys
) -> None:
    header = dict(encrypted.header)
    del header["key_check"]
    crypto.write_header(paths, header)
    crypto.remember(paths, encrypted.database_key)
    crypto.ensure_unlocked(paths)
    assert keys.registered(paths.root) == encrypted.database_key


# Copies between keys --------------------------------------------------------------------------------
def _source(path: Path) -> dbapi.Connection:
    conn = dbapi.connect(str(path))
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO note (text) VALUES (?)", [("kwispeldoorn zwxqmirtelbloem",), ("tweede",)])
    conn.execute("PRAGMA user_version = 41")
    conn.commit()
    return conn


def _read(path: Path, key: bytes | None) -> tuple[list[tuple[int, str]], int]:
    conn = dbapi.connect(str(path))
    try:
        if key is not None:
            conn.execute(keys.key_pragma(key))
        rows = conn.execute("SELECT id, text FROM note ORDER BY id").fetchall()
        return rows, conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_a_copy_under_a_key_holds_the_same_notes_and_nothing_readable(tmp_path: Path) -> None:
    source = _source(tmp_path / "plain.sqlite3")
    key, other = bytes(range(32)), bytes(range(1, 33))
    crypto.export_to(source, tmp_path / "encrypted.sqlite3", key)
    # The same connection copies again (the copy's name is free once done): a second backup.
    crypto.export_to(source, tmp_path / "second.sqlite3", other)
    source.close()
    expected = ([(1, "kwispeldoorn zwxqmirtelbloem"), (2, "tweede")], 41)
    assert _read(tmp_path / "encrypted.sqlite3", key) == expected
    assert _read(tmp_path / "second.sqlite3", other) == expected
    data = (tmp_path / "encrypted.sqlite3").read_bytes()
    assert b"zwxqmirtelbloem" not in data and not keys.is_plain(tmp_path / "encrypted.sqlite3")
    with pytest.raises(dbapi.DatabaseError):
        _read(tmp_path / "encrypted.sqlite3", other)


def test_a_plain_copy_of_encrypted_notes_holds_the_same_notes(tmp_path: Path) -> None:
    key = bytes(range(32))
    _source(tmp_path / "plain.sqlite3").close()
    source = dbapi.connect(str(tmp_path / "plain.sqlite3"))
    crypto.export_to(source, tmp_path / "encrypted.sqlite3", key)
    source.close()
    encrypted = dbapi.connect(str(tmp_path / "encrypted.sqlite3"))
    encrypted.execute(keys.key_pragma(key))
    crypto.export_to(encrypted, tmp_path / "decrypted.sqlite3", None)
    encrypted.close()
    assert keys.is_plain(tmp_path / "decrypted.sqlite3")
    assert _read(tmp_path / "decrypted.sqlite3", None) == ([(1, "kwispeldoorn zwxqmirtelbloem"), (2, "tweede")], 41)


def test_the_key_file_lies_beside_the_notes_in_every_os_path_form(paths: DataPaths) -> None:
    assert crypto.key_file(paths) == paths.root / keys.KEY_FILE
    assert os.path.basename(crypto.key_file(paths)) == "opvoed.keys.json"
