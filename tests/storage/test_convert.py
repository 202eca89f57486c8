"""Turning encryption on and off for a whole data dir (storage/convert.py), file by file.

The oracle is SQLite's own: a `.dump` of every file (the database and each backup) before and after,
read past the app (plain files with Python's sqlite3, encrypted ones with their key), plus
`PRAGMA integrity_check`. A conversion that drops a row, leaves a file behind, or leaves the plain
bytes readable on disk fails here.

The passphrase's key derivation is made cheap for these tests (Argon2id with 8 KiB instead of
46 MiB; the key file records what was used): the strength of the derivation is tested in
test_encryption.py, and here it would only make each conversion take seconds.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from sqlite3.dump import _iterdump  # type: ignore[attr-defined]

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import backup, convert, crypto, key_wrap, keys, open_database
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi
from opvoed_desktop.storage.errors import StorageError

PASSPHRASE = "paarse olifant danst zacht"
SECRET = "zwxqmirtelbloem"  # a word only the notes hold


@pytest.fixture(autouse=True)
def _cheap_keys_and_no_keyring(paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import keyring
    from keyring.backends.null import Keyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", Keyring())
    monkeypatch.setattr(key_wrap, "ARGON2_MEMORY_KIB", 8)
    yield
    keys.forget(paths.root)


def fill(paths: DataPaths, meetings: int = 2) -> None:
    with open_database(paths) as db:
        service = MeetingService(db)
        for n in range(meetings):
            meeting = service.create_meeting(f"Bijeenkomst {n}")
            service.add_note(meeting, f"notitie {n}: {SECRET} " * 40)
        db.backup(reason="manual")


def files(paths: DataPaths) -> list[Path]:
    """The database and every backup: the files a conversion must convert."""
    return [paths.database, *sorted(info.path for info in backup.list_backups(paths))]


def dump(path: Path) -> list[str]:
    """The file's content as SQL, read past the app; encrypted files with their registered key."""
    if keys.is_plain(path):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        conn = sqlite_files.open_read_only(path)  # applies the key registered for its data dir
    with contextlib.closing(conn):
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # The statements of sqlite3's .dump (for any DB-API connection), sorted: a copy may create
        # its indexes in another order.
        return sorted(_iterdump(conn))


def dumps(paths: DataPaths) -> dict[str, list[str]]:
    return {path.name: dump(path) for path in files(paths)}


def holds_secret(path: Path) -> bool:
    return SECRET.encode() in path.read_bytes()


def no_leftovers(paths: DataPaths) -> None:
    left = [p.name for p in paths.root.rglob("*") if p.name.endswith((".convert.tmp", ".old.tmp"))]
    assert left == []


def test_encrypting_converts_every_file_and_keeps_every_row(paths: DataPaths) -> None:
    fill(paths)
    before = dumps(paths)
    assert all(holds_secret(p) for p in files(paths))  # the probe works

    outcome = convert.encrypt(paths, PASSPHRASE)

    after = dumps(paths)
    backups = [info for info in backup.list_backups(paths) if info.reason == "before-encrypt"]
    assert len(backups) == 1  # a backup first, encrypted with the rest
    assert {k: v for k, v in after.items() if k != backups[0].path.name} == before
    assert dump(backups[0].path) == before[paths.database.name]
    assert sorted(outcome.converted) == sorted(files(paths))
    for path in files(paths):
        assert not keys.is_plain(path) and not holds_secret(path), path.name
        assert path.stat().st_mode & 0o777 == 0o600, path.name
    assert crypto.is_encrypted(paths) and outcome.left_as_they_are == []
    no_leftovers(paths)
    # The recovery key shown once opens the notes.
    keys.forget(paths.root)
    assert outcome.recovery_key is not None
    crypto.unlock_with_recovery(paths, outcome.recovery_key)
    assert dumps(paths) == after
    # And the passphrase does.
    keys.forget(paths.root)
    crypto.unlock(paths, PASSPHRASE)
    with open_database(paths) as db:
        assert len(MeetingService(db).search(SECRET)) == 2


def test_decrypting_gives_back_plain_files_with_every_row_and_forgets_the_key(paths: DataPaths) -> None:
    fill(paths)
    convert.encrypt(paths, PASSPHRASE)
    before = dumps(paths)

    outcome = convert.decrypt(paths)

    assert sorted(outcome.converted) == sorted(files(paths))
    assert outcome.recovery_key is None
    backups = [info for info in backup.list_backups(paths) if info.reason == "before-decrypt"]
    assert len(backups) == 1
    after = dumps(paths)
    assert {k: v for k, v in after.items() if k != backups[0].path.name} == before
    for path in files(paths):
        assert keys.is_plain(path), path.name
        assert path.stat().st_mode & 0o777 == 0o600, path.name
    assert not crypto.key_file(paths).exists() and not crypto.is_encrypted(paths)
    assert keys.registered(paths.root) is None
    no_leftovers(paths)
    with open_database(paths) as db:  # opens without any key
        assert len(MeetingService(db).search(SECRET)) == 2


def test_the_old_bytes_of_each_file_are_overwritten(paths: DataPaths, tmp_path: Path) -> None:
    fill(paths, meetings=12)  # a database over 64 KiB: more than one block of zeros
    # A second name for each file's bytes: what the conversion leaves of them where they were.
    links = {}
    for n, path in enumerate(files(paths)):
        links[path] = tmp_path / f"old-{n}"
        os.link(path, links[path])
    sizes = {path: path.stat().st_size for path in links}
    assert max(sizes.values()) > 65536 and all(holds_secret(link) for link in links.values())

    convert.encrypt(paths, PASSPHRASE)

    for path, link in links.items():
        assert link.stat().st_size == sizes[path]
        assert link.read_bytes() == b"\0" * sizes[path], path.name
    # Decrypting wipes the encrypted bytes the same way.
    enc_links = {}
    for n, path in enumerate(files(paths)):
        enc_links[path] = tmp_path / f"enc-{n}"
        os.link(path, enc_links[path])
    convert.decrypt(paths)
    for link in enc_links.values():
        assert set(link.read_bytes()) == {0}


def test_progress_names_each_file_and_ends_done(paths: DataPaths) -> None:
    fill(paths)
    seen: list[tuple[int, int, str]] = []
    convert.encrypt(paths, PASSPHRASE, lambda done, total, what: seen.append((done, total, what)))
    assert seen == [
        (0, 1, "Reservekopie maken…"),
        (0, 4, "Bestand 1 van 3 omzetten…"),
        (1, 4, "Bestand 2 van 3 omzetten…"),
        (2, 4, "Bestand 3 van 3 omzetten…"),
        (1, 1, "Klaar."),
    ]
    seen.clear()
    convert.decrypt(paths, lambda done, total, what: seen.append((done, total, what)))
    assert [s[2] for s in seen] == [
        "Reservekopie maken…",
        *(f"Bestand {n} van 4 omzetten…" for n in (1, 2, 3, 4)),
        "Klaar.",
    ]


def test_converting_twice_the_same_way_is_refused_with_a_sentence_and_changes_nothing(paths: DataPaths) -> None:
    fill(paths)
    with pytest.raises(convert.NotEncryptedError) as plain:
        convert.decrypt(paths)
    assert str(plain.value) == "De aantekeningen zijn niet versleuteld."
    assert all(keys.is_plain(p) for p in files(paths))
    convert.encrypt(paths, PASSPHRASE)
    header = crypto.key_file(paths).read_bytes()
    before = dumps(paths)
    with pytest.raises(convert.AlreadyEncryptedError) as already:
        convert.encrypt(paths, PASSPHRASE)
    assert str(already.value) == "De aantekeningen zijn al versleuteld."
    assert crypto.key_file(paths).read_bytes() == header and dumps(paths) == before


def test_a_copy_that_differs_from_its_original_changes_nothing(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(paths)
    before = dumps(paths)
    real_copy = sqlite_files.copy_database
    copies: list[Path] = []

    def copy_that_loses_a_row(source: Path, target: Path, **kwargs: object) -> None:
        real_copy(source, target, **kwargs)  # type: ignore[arg-type]
        copies.append(target)
        if len(copies) == 2:  # the second file: the first one's converted copy is already there
            with contextlib.closing(sqlite_files.open_read_only(target)) as check:
                assert check.execute("SELECT count(*) FROM note").fetchone()[0] > 0
            conn = dbapi.connect(target)  # the app's SQLite, which opens the encrypted copy
            keys.apply_key(conn, target)
            with contextlib.closing(conn):
                conn.execute("DELETE FROM note WHERE rowid = (SELECT max(rowid) FROM note)")
                conn.commit()

    monkeypatch.setattr(sqlite_files, "copy_database", copy_that_loses_a_row)
    with pytest.raises(convert.ConversionFailedError) as failed:
        convert.encrypt(paths, PASSPHRASE)

    original = copies[1].with_name(copies[1].name.removesuffix(".convert.tmp"))
    assert str(failed.value) == (
        f"De versleutelde kopie van {original} kwam niet overeen met het origineel; er is niets "
        "veranderd aan uw aantekeningen."
    )
    assert not crypto.key_file(paths).exists() and keys.registered(paths.root) is None
    assert all(keys.is_plain(p) for p in files(paths))
    after = dumps(paths)
    assert {k: v for k, v in after.items() if k in before} == before
    no_leftovers(paths)


def test_an_encryption_stopped_half_way_is_finished_by_running_it_again(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(paths)
    before = dumps(paths)
    real_secure = sqlite_files.secure_files
    swapped: list[Path] = []

    def killed_after_the_first_swap(path: Path) -> None:
        real_secure(path)
        if crypto.key_file(paths).exists():  # the swap: the key file is written just before it
            swapped.append(path)
            if len(swapped) == 1:
                raise OSError("the laptop went off")

    monkeypatch.setattr(sqlite_files, "secure_files", killed_after_the_first_swap)
    with pytest.raises(OSError):
        convert.encrypt(paths, PASSPHRASE)
    monkeypatch.setattr(sqlite_files, "secure_files", real_secure)
    # A restart: the key is gone from memory; the person gives the passphrase again.
    keys.forget(paths.root)
    assert crypto.is_encrypted(paths)
    plain = [p for p in files(paths) if keys.is_plain(p)]
    assert 0 < len(plain) < len(files(paths))  # some files are converted, some not yet
    crypto.unlock(paths, PASSPHRASE)
    state = dumps(paths)  # every file opens, plain or with the key in the key file
    assert {k: v for k, v in state.items() if k in before} == before

    outcome = convert.encrypt(paths, PASSPHRASE)

    assert outcome.recovery_key is None  # the key of the first run stays; its recovery key too
    assert sorted(outcome.converted) == sorted(plain)  # only what the first run left plain
    assert all(not keys.is_plain(p) for p in files(paths))
    after = dumps(paths)
    assert {k: v for k, v in after.items() if k in before} == before
    no_leftovers(paths)


def test_writes_wait_while_the_files_are_converted_and_work_after(paths: DataPaths) -> None:
    fill(paths)
    with open_database(paths) as db:
        service = MeetingService(db)
        meeting = service.list_meetings()[0].id
        refused: list[str] = []

        def try_to_type(done: int, total: int, what: str) -> None:
            with pytest.raises(StorageError) as busy:
                service.add_note(meeting, "getypt tijdens het versleutelen")
            refused.append(str(busy.value))

        convert.encrypt(paths, PASSPHRASE, try_to_type, database=db)

        # The whole sentence the note field shows: a word lost from it would leave the person unsure
        # whether what they typed is kept.
        assert refused and set(refused) == {
            "De aantekeningen worden nu versleuteld of ontsleuteld; wat u typte blijft staan en wordt straks bewaard."
        }
        assert not db.read_only and db.read_only_because is None
        service.add_note(meeting, f"na het versleutelen {SECRET}")
        assert len(service.search("versleutelen")) == 1
    assert not keys.is_plain(paths.database)


def test_decrypting_with_the_window_open_pauses_its_writes_and_keeps_it_working(paths: DataPaths) -> None:
    fill(paths)
    convert.encrypt(paths, PASSPHRASE)
    with open_database(paths) as db:  # the window's database: it holds the data dir's lock
        service = MeetingService(db)
        meeting = service.list_meetings()[0].id
        refused: list[str] = []

        def try_to_type(done: int, total: int, what: str) -> None:
            with pytest.raises(StorageError) as busy:
                service.add_note(meeting, "getypt tijdens het ontsleutelen")
            refused.append(str(busy.value))

        outcome = convert.decrypt(paths, try_to_type, database=db)

        # The whole sentence the note field shows: a word lost from it would leave the person unsure
        # whether what they typed is kept.
        assert refused and set(refused) == {
            "De aantekeningen worden nu versleuteld of ontsleuteld; wat u typte blijft staan en wordt straks bewaard."
        }
        assert sorted(outcome.converted) == sorted(files(paths))
        assert not db.read_only
        service.add_note(meeting, "na het ontsleutelen")  # reopened on the plain file
        assert len(service.search("ontsleutelen")) == 1
    assert keys.is_plain(paths.database) and not crypto.is_encrypted(paths)
    assert any("na het ontsleutelen" in line for line in dump(paths.database))


def test_writes_come_back_after_a_conversion_that_failed(paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(paths)

    real_copy = sqlite_files.copy_database

    def no_room(source: Path, target: Path, **kwargs: object) -> None:
        if not target.name.endswith(".convert.tmp"):
            return real_copy(source, target, **kwargs)  # type: ignore[arg-type]
        target.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with open_database(paths) as db:
        monkeypatch.setattr(sqlite_files, "copy_database", no_room)
        with pytest.raises(OSError):
            convert.encrypt(paths, PASSPHRASE, database=db)
        assert not db.read_only and db.read_only_because is None
        MeetingService(db).create_meeting("Daarna")
    no_leftovers(paths)
    assert not crypto.is_encrypted(paths)


def test_a_read_only_data_dir_is_not_converted(paths: DataPaths) -> None:
    fill(paths)
    before = dumps(paths)
    with open_database(paths, read_only=True) as db:
        with pytest.raises(StorageError) as refused:
            convert.encrypt(paths, PASSPHRASE, database=db)
        assert str(refused.value) == db.read_only_message
        assert db.read_only  # still read-only, as it was opened
    assert not crypto.is_encrypted(paths) and dumps(paths) == before


def test_damaged_files_set_aside_are_kept_as_they_are(paths: DataPaths) -> None:
    fill(paths)
    damaged = paths.database.with_name(paths.database.name + ".corrupt-20260314-193000")
    damaged.write_bytes(paths.database.read_bytes()[:4096] + b"\xff" * 4096)  # plain header, broken pages
    other = paths.root / "notities.txt"
    other.write_text("iets anders", encoding="utf-8")

    outcome = convert.encrypt(paths, PASSPHRASE)

    assert outcome.left_as_they_are == [damaged]
    assert damaged not in outcome.converted and keys.is_plain(damaged)
    assert damaged.read_bytes()[4096:] == b"\xff" * 4096
    assert other.read_text(encoding="utf-8") == "iets anders"
    outcome = convert.decrypt(paths)
    assert outcome.left_as_they_are == []  # it was never encrypted: nothing to leave out now


def test_a_copy_left_by_an_earlier_run_is_replaced(paths: DataPaths) -> None:
    fill(paths)
    before = dumps(paths)
    stale = paths.database.with_name(paths.database.name + ".convert.tmp")
    stale.write_bytes(b"half a copy from a run that was stopped")
    convert.encrypt(paths, PASSPHRASE)
    assert not stale.exists()
    after = dumps(paths)
    assert {k: v for k, v in after.items() if k in before} == before


def test_a_new_data_dir_without_notes_is_encrypted_without_a_backup(paths: DataPaths) -> None:
    with open_database(paths):
        pass
    outcome = convert.encrypt(paths, PASSPHRASE)
    assert backup.list_backups(paths) == []
    assert outcome.converted == [paths.database] and not keys.is_plain(paths.database)


# The comparison of a converted copy with its original, on files written here.
def _make(path: Path, statements: list[str], version: int = 7) -> Path:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
    return path


BASE = [
    "CREATE TABLE note (id TEXT PRIMARY KEY, text TEXT, n INTEGER)",
    "INSERT INTO note VALUES ('a', 'eerste', 1), ('b', NULL, 2), ('c', 'derde', NULL)",
    "CREATE TABLE wish (id TEXT, text TEXT)",
    "INSERT INTO wish VALUES ('w', 'wens')",
    "CREATE VIRTUAL TABLE search USING fts5(body)",
    "INSERT INTO search VALUES ('eerste derde')",
]


@pytest.mark.parametrize(
    ("change", "version", "same"),
    [
        ([], 7, True),
        (["UPDATE note SET text = 'anders' WHERE id = 'c'"], 7, False),
        (["DELETE FROM wish"], 7, False),
        (["INSERT INTO wish VALUES ('w', 'wens')"], 7, False),  # a row twice
        (["UPDATE note SET n = NULL WHERE id = 'a'"], 7, False),
        (["DROP TABLE wish"], 7, False),
        (["CREATE TABLE extra (x)"], 7, False),
        (["INSERT INTO search VALUES ('nog een')"], 7, False),  # the index's own tables count too
        ([], 8, False),  # the change mark (a backup's fingerprint)
    ],
)
def test_a_copy_is_the_same_only_when_every_row_and_the_change_mark_are(
    tmp_path: Path, change: list[str], version: int, same: bool
) -> None:
    original = _make(tmp_path / "a.sqlite3", BASE)
    copy = _make(tmp_path / "b.sqlite3", BASE + change, version)
    assert convert._same_content(original, copy) is same


def test_the_rows_may_come_in_another_order(tmp_path: Path) -> None:
    original = _make(tmp_path / "a.sqlite3", [*BASE, "INSERT INTO wish VALUES ('v', NULL)"])
    copy = _make(
        tmp_path / "b.sqlite3",
        [
            *BASE[:2],
            "CREATE TABLE wish (id TEXT, text TEXT)",
            "INSERT INTO wish VALUES ('v', NULL), ('w', 'wens')",
            *BASE[4:],
        ],
    )
    assert convert._same_content(original, copy)


def test_a_damaged_copy_is_not_the_same(tmp_path: Path) -> None:
    original = _make(
        tmp_path / "a.sqlite3", [*BASE, *(f"INSERT INTO note VALUES ('x{n}', '{'y' * 500}', {n})" for n in range(50))]
    )
    copy = tmp_path / "b.sqlite3"
    data = bytearray(original.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3 + 8 : page * 3 + 200] = b"\x07" * 192  # a data page's cells overwritten
    copy.write_bytes(bytes(data))
    assert not convert._same_content(original, copy)


def test_decrypting_forgets_the_key_this_computer_remembered_and_only_that_one(
    paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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

    memory = MemoryKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", memory)
    other = DataPaths(tmp_path / "andere")
    fill(paths, meetings=1)
    convert.encrypt(paths, PASSPHRASE)
    key = keys.registered(paths.root)
    assert key is not None and crypto.remember(paths, key) and crypto.remember(other, bytes(32))

    convert.decrypt(paths)

    assert crypto.remembered_key(paths) is None  # a plain data dir has no key to remember
    assert crypto.remembered_key(other) == bytes(32)
