"""Notes encrypted at rest (issue #20): conversion, no plaintext left, keys, CLI, kill and restart.

The oracle for "encrypted" is independent of SQLCipher: the raw bytes of every file under the data
dir, searched for words only the notes contain.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvoed_desktop import app
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import DatabaseInUseError, backup, convert, crypto, key_wrap, keys, open_database
from opvoed_desktop.storage import engine as sqlite_files

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "paarse olifant danst zacht"
# Words that occur nowhere but in the notes of these tests (and so in no SQLite or app metadata).
SECRETS = ("zwxqmirtelbloem", "Ouderavond-Kwispeldoorn", "ghrvxlappendag")


@pytest.fixture(autouse=True)
def _forget_keys(paths: DataPaths) -> Iterator[None]:
    yield
    keys.forget(paths.root)
    crypto.passphrase_file = None


def _fill(paths: DataPaths, meetings: int = 3) -> list[str]:
    with open_database(paths) as db:
        service = MeetingService(db)
        ids = []
        for n in range(meetings):
            meeting = service.create_meeting(f"Bijeenkomst {n} {SECRETS[1]}")
            service.add_note(meeting, f"notitie {n}: {SECRETS[0]} en {SECRETS[2]} " * 5)
            ids.append(meeting)
        db.backup(reason="manual")
    return ids


def _files_with_secrets(root: Path) -> dict[str, list[str]]:
    found = {}
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            hits = [s for s in SECRETS if s.lower().encode() in data or s.lower().encode("utf-16-le") in data]
            if hits:
                found[str(path.relative_to(root))] = hits
    return found


def _write_passphrase(tmp_path: Path, text: str = PASSPHRASE, name: str = "pw") -> Path:
    target = tmp_path / name
    target.write_text(text + "\n", encoding="utf-8")
    return target


def test_encrypting_leaves_no_note_text_in_any_file(paths: DataPaths) -> None:
    _fill(paths)
    assert _files_with_secrets(paths.root)  # the oracle sees plain notes (and their backup)
    outcome = convert.encrypt(paths, PASSPHRASE)
    assert outcome.recovery_key and crypto.parse_recovery_key(outcome.recovery_key)
    assert len(outcome.converted) == 3  # the database, the manual backup, the one made first
    assert _files_with_secrets(paths.root) == {}
    # Every database file, backups included, is ciphertext: none starts with SQLite's header.
    dbs = [paths.database, *(info.path for info in backup.list_backups(paths))]
    assert len(dbs) == 3 and not any(keys.is_plain(p) for p in dbs)
    assert not list(paths.root.rglob("*.tmp"))


def test_typing_after_a_restart_and_a_kill_stays_encrypted(paths: DataPaths, tmp_path: Path) -> None:
    """Encrypt, restart, type, SIGKILL while the WAL holds the last notes, restart with the
    passphrase: the notes are back, and at no point did any file hold them readably."""
    _fill(paths)
    convert.encrypt(paths, PASSPHRASE)
    keys.forget(paths.root)
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from opvoed_desktop.paths import DataPaths
        from opvoed_desktop.services.meetings import MeetingService
        from opvoed_desktop.storage import open_database
        db = open_database(DataPaths(Path({str(paths.root)!r})))
        service = MeetingService(db)
        meeting = service.create_meeting("Na het versleutelen")
        for n in range(20):
            service.add_note(meeting, "getypt {SECRETS[2]} " + str(n))
        print(meeting, flush=True)
        time.sleep(60)
        """
    )
    env = {**os.environ, crypto.PASSPHRASE_FILE_ENV: str(_write_passphrase(tmp_path))}
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, env=env, cwd=REPO, text=True
    )
    try:
        meeting = proc.stdout.readline().strip()  # type: ignore[union-attr]
        assert meeting, "the writer did not start"
        wal = paths.database.with_name(paths.database.name + "-wal")
        assert wal.stat().st_size > 0  # the notes are in the log, not yet in the file
        assert _files_with_secrets(paths.root) == {}
        with pytest.raises(DatabaseInUseError):  # the second-instance lock holds while encrypted
            crypto.unlock(paths, PASSPHRASE)
            open_database(paths)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    keys.forget(paths.root)
    assert _files_with_secrets(paths.root) == {}
    with pytest.raises(crypto.PassphraseNeededError):
        open_database(paths)
    crypto.unlock(paths, PASSPHRASE)
    with open_database(paths) as db:
        assert db.check()
        service = MeetingService(db)
        detail = service.get_meeting(meeting)
        assert len(detail.notes) == 20
        # FTS5 lives inside the encrypted file and still finds words.
        assert any(hit.meeting_id == meeting for hit in service.search(SECRETS[2]))
        db.backup(reason="manual")
    assert _files_with_secrets(paths.root) == {}


def test_wrong_passphrase_never_looks_like_damage(paths: DataPaths) -> None:
    _fill(paths)
    convert.encrypt(paths, PASSPHRASE)
    keys.forget(paths.root)
    before = sorted(p.name for p in paths.root.iterdir())
    with pytest.raises(crypto.WrongPassphraseError):
        crypto.unlock(paths, PASSPHRASE + "!")
    with pytest.raises(crypto.PassphraseNeededError):
        open_database(paths)
    with pytest.raises(crypto.PassphraseNeededError):
        sqlite_files.inspect_file(paths.database)
    assert sorted(p.name for p in paths.root.iterdir()) == before  # nothing set aside


def test_recovery_key_opens_and_sets_a_new_passphrase(paths: DataPaths) -> None:
    ids = _fill(paths, meetings=1)
    recovery = convert.encrypt(paths, PASSPHRASE).recovery_key
    assert recovery is not None
    keys.forget(paths.root)
    with pytest.raises(crypto.WrongRecoveryKeyError):
        crypto.unlock_with_recovery(paths, "AAAA-" * 7 + "AAAA")
    # Written down by hand: lower case, spaces instead of dashes.
    key = crypto.unlock_with_recovery(paths, recovery.lower().replace("-", " "))
    crypto.set_passphrase(paths, key, "een heel nieuw wachtwoord")
    keys.forget(paths.root)
    with pytest.raises(crypto.WrongPassphraseError):
        crypto.unlock(paths, PASSPHRASE)
    crypto.unlock(paths, "een heel nieuw wachtwoord")
    with open_database(paths) as db:
        assert MeetingService(db).get_meeting(ids[0]).notes


def test_restore_of_an_encrypted_backup_and_of_an_old_plain_one(paths: DataPaths, tmp_path: Path) -> None:
    _fill(paths, meetings=2)
    plain_copy = tmp_path / "plain-before.sqlite3"
    backup.export_backup(paths, plain_copy)
    convert.encrypt(paths, PASSPHRASE)
    with open_database(paths) as db:
        encrypted = db.backup(reason="manual")
        MeetingService(db).create_meeting("Later toegevoegd")
        db.restore(encrypted)
        assert len(MeetingService(db).list_meetings()) == 2
        # A plain backup from before is encrypted on the way in.
        db.restore(plain_copy)
        assert len(MeetingService(db).list_meetings()) == 2
    assert not keys.is_plain(paths.database)
    assert _files_with_secrets(paths.root) == {}


def test_decrypt_gives_the_same_notes_back_as_plain_files(paths: DataPaths) -> None:
    ids = _fill(paths)
    convert.encrypt(paths, PASSPHRASE)
    with open_database(paths) as db:
        before = MeetingService(db).get_meeting(ids[0])
    convert.decrypt(paths)
    assert not crypto.is_encrypted(paths) and keys.registered(paths.root) is None
    assert keys.is_plain(paths.database)
    assert all(keys.is_plain(info.path) for info in backup.list_backups(paths))
    with open_database(paths) as db:
        after = MeetingService(db).get_meeting(ids[0])
    assert [n.text for n in after.notes] == [n.text for n in before.notes]


def _cli(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = app.main(["--data-dir", str(paths.root), *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_passphrase_file_and_plain_sentences(paths: DataPaths, tmp_path: Path) -> None:
    _fill(paths, meetings=2)
    good = _write_passphrase(tmp_path)
    wrong = _write_passphrase(tmp_path, "dit is niet het wachtwoord", "wrong")
    code, _out, err = _cli(paths, "encrypt")  # no terminal, no file: a sentence, nothing changed
    assert code == 1 and "--passphrase-file" in err and not crypto.is_encrypted(paths)
    code, out, _err = _cli(paths, "--passphrase-file", str(good), "encrypt")
    assert code == 0
    recovery = next(line.strip() for line in out.splitlines() if line.startswith("    "))
    keys.forget(paths.root)
    for argv, expected in (
        ((), "versleuteld"),
        (("--passphrase-file", str(wrong)), "klopt niet"),
        (("--passphrase-file", str(tmp_path / "missing")), "kan niet worden gelezen"),
    ):
        code, out, err = _cli(paths, *argv, "meetings", "list")
        assert code == 1 and expected in err and len(err.strip().splitlines()) == 1 and out == ""
        assert "Traceback" not in err
        keys.forget(paths.root)
    code, out, _err = _cli(paths, "--passphrase-file", str(good), "meetings", "list")
    assert code == 0 and SECRETS[1] in out
    keys.forget(paths.root)
    os.environ[crypto.PASSPHRASE_FILE_ENV] = str(good)
    try:
        code, out, _err = _cli(paths, "backup")
        assert code == 0
    finally:
        del os.environ[crypto.PASSPHRASE_FILE_ENV]
    keys.forget(paths.root)
    key_file = tmp_path / "rk"
    key_file.write_text(recovery + "\n")
    new = _write_passphrase(tmp_path, "nog een ander wachtwoord", "new")
    code, _out, err = _cli(paths, "recover", "--recovery-key-file", str(key_file), "--new-passphrase-file", str(new))
    assert code == 0, err
    keys.forget(paths.root)
    code, _out, err = _cli(paths, "--passphrase-file", str(good), "meetings", "list")
    assert code == 1 and "klopt niet" in err
    keys.forget(paths.root)
    code, _out, err = _cli(paths, "--passphrase-file", str(new), "decrypt")
    assert code == 1 and "--yes" in err and crypto.is_encrypted(paths)
    keys.forget(paths.root)
    code, _out, err = _cli(paths, "--passphrase-file", str(new), "decrypt", "--yes")
    assert code == 0, err and not crypto.is_encrypted(paths)
    assert _files_with_secrets(paths.root)  # plain again, as asked


def test_a_damaged_key_file_is_a_sentence(paths: DataPaths) -> None:
    _fill(paths, meetings=1)
    convert.encrypt(paths, PASSPHRASE)
    keys.forget(paths.root)
    crypto.key_file(paths).write_text("{ niet af")
    with pytest.raises(crypto.KeyFileDamagedError):
        crypto.unlock(paths, PASSPHRASE)


@settings(max_examples=50, deadline=None)
@given(st.binary(min_size=20, max_size=20), st.lists(st.sampled_from([" ", "-", ""]), min_size=8, max_size=8))
def test_recovery_keys_survive_being_written_down(raw: bytes, separators: list[str]) -> None:
    shown = crypto.format_recovery_key(raw)
    groups = shown.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    retyped = "".join(g.lower() + sep for g, sep in zip(groups, separators, strict=True))
    assert crypto.parse_recovery_key(retyped) == raw


@settings(max_examples=5, deadline=None)
@given(st.text(min_size=10, max_size=40).filter(lambda s: s.strip()))
def test_wrapping_round_trips_and_refuses_other_passphrases(passphrase: str) -> None:
    made = crypto.create(passphrase)
    entry = made.header["passphrase"]
    assert key_wrap.unwrap_with_passphrase(entry, passphrase, Path("x")) == made.database_key
    with pytest.raises(crypto.WrongPassphraseError):
        key_wrap.unwrap_with_passphrase(entry, passphrase + "x", Path("x"))


def test_strength_grows_with_length() -> None:
    assert crypto.strength("kort") == 0
    assert crypto.strength("aaaaaaaaaaa") < crypto.strength("paarse olifant danst zacht op zolder")


def test_unlock_takes_little_time(paths: DataPaths) -> None:
    """The Argon2id costs fit the start budget (a generous bound: CI machines are shared)."""
    _fill(paths, meetings=1)
    convert.encrypt(paths, PASSPHRASE)
    keys.forget(paths.root)
    start = time.perf_counter()
    crypto.unlock(paths, PASSPHRASE)
    assert time.perf_counter() - start < 5.0


def test_a_damaged_encrypted_file_is_set_aside_and_its_backup_restores(paths: DataPaths, capfd: object) -> None:
    """SQLCipher's page check finds the damage: the file is moved aside (kept), the newest good
    backup is offered and restores, and SQLCipher's own log lines do not reach stderr."""
    ids = _fill(paths, meetings=2)
    convert.encrypt(paths, PASSPHRASE)
    data = bytearray(paths.database.read_bytes())
    for i in range(8192 + 100, 8192 + 200):
        data[i] ^= 0xFF
    paths.database.write_bytes(bytes(data))
    keys.forget(paths.root)
    crypto.unlock(paths, PASSPHRASE)
    with open_database(paths) as db:
        assert db.recovered is not None and db.recovered.newest_backup is not None
        assert db.recovered.moved_to.exists()
        db.restore(db.recovered.newest_backup)
        assert {m.id for m in MeetingService(db).list_meetings()} == set(ids)
    assert "hmac" not in capfd.readouterr().err.lower()  # type: ignore[attr-defined]


def test_remembered_key_opens_without_asking_until_encrypted_again(paths: DataPaths) -> None:
    """"Onthoud op deze computer" through a real keyring backend (in memory): the next start needs
    no passphrase; a data dir encrypted anew since is not opened with the old key."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        _fill(paths, meetings=1)
        convert.encrypt(paths, PASSPHRASE)
        key = keys.registered(paths.root)
        assert key is not None and crypto.remember(paths, key)
        keys.forget(paths.root)
        with open_database(paths) as db:  # no passphrase file, no prompt: the keyring's key
            assert MeetingService(db).list_meetings()
        convert.decrypt(paths)
        assert crypto.remembered_key(paths) is None  # turning encryption off forgets it
        crypto.remember(paths, key)  # a stale entry, as another install might leave
        convert.encrypt(paths, PASSPHRASE)
        keys.forget(paths.root)
        with pytest.raises(crypto.PassphraseNeededError):
            open_database(paths)
    finally:
        keyring.set_keyring(previous)


def test_a_new_data_dir_beside_an_unlocked_one_stays_plain_and_readable(paths: DataPaths, tmp_path: Path) -> None:
    """Another data dir made in the same process (the self-test's, a second laptop's) must not take
    the unlocked dir's key: with no key file beside it, nobody could ever open it again."""
    _fill(paths, meetings=1)
    convert.encrypt(paths, PASSPHRASE)
    other = DataPaths(tmp_path / "andere-map")
    with open_database(other) as db:
        MeetingService(db).create_meeting(f"Elders {SECRETS[1]}")
    assert keys.is_plain(other.database)
    assert not (other.root / keys.KEY_FILE).exists()
    keys.forget(paths.root)  # a later process, with no key at all, still reads it
    with open_database(other) as db:
        assert [m.title for m in MeetingService(db).list_meetings()] == [f"Elders {SECRETS[1]}"]
