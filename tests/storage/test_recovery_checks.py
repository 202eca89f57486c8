"""What opening concludes when the whole-file check cannot run, and how a damaged log is kept.

A check that fails for a reason other than damage (a locked file, no room for SQLite's -shm file)
must never get a healthy database set aside; when the disk is full the person is told that
instead; and the log line says what SQLite answered, never any text from the file.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import stat
from datetime import datetime, tzinfo
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage import open_database, recovery
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite
from opvoed_desktop.storage.errors import DiskFullError


class Locked(sqlite3.OperationalError):
    sqlite_errorname = "SQLITE_BUSY"


@pytest.fixture
def stored(paths: DataPaths) -> DataPaths:
    with open_database(paths) as db:
        MeetingService(db).create_meeting("Geheime titel")
    return paths


def test_a_check_that_cannot_run_is_not_taken_for_damage_and_is_logged_by_name(
    stored: DataPaths, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def locked(path: Path) -> bool:
        raise Locked("database is locked")

    monkeypatch.setattr(sqlite_files, "check_file", locked)
    monkeypatch.setattr(sqlite_files, "no_space_left", lambda folder: False)
    with caplog.at_level(logging.WARNING, logger="opvoed_desktop.storage.recovery"):
        assert recovery.check_whole(stored) is True
    assert [r.getMessage() for r in caplog.records] == ["could not check the database: SQLITE_BUSY"]


def test_an_error_without_a_sqlite_name_is_logged_by_its_kind(
    stored: DataPaths, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def odd(path: Path) -> bool:
        raise sqlite3.InterfaceError("Geheime titel")  # whatever it says is not logged

    monkeypatch.setattr(sqlite_files, "check_file", odd)
    monkeypatch.setattr(sqlite_files, "no_space_left", lambda folder: False)
    with caplog.at_level(logging.WARNING, logger="opvoed_desktop.storage.recovery"):
        assert recovery.check_whole(stored) is True
    assert [r.getMessage() for r in caplog.records] == ["could not check the database: InterfaceError"]


def test_a_check_that_fails_on_a_full_disk_says_the_disk_is_full(
    stored: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []

    def locked(path: Path) -> bool:
        raise Locked("disk I/O error")

    def full(folder: Path) -> bool:
        asked.append(folder)
        return True

    monkeypatch.setattr(sqlite_files, "check_file", locked)
    monkeypatch.setattr(sqlite_files, "no_space_left", full)
    with pytest.raises(DiskFullError) as said:
        recovery.check_whole(stored)
    assert said.value.path == stored.root and asked == [stored.root]


def test_a_whole_database_passes_and_a_damaged_one_does_not(stored: DataPaths) -> None:
    from .faults import damage_mid_file, fill

    assert recovery.check_whole(stored) is True
    other = DataPaths(stored.root.parent / "ander")
    fill(other)
    damage_mid_file(other.database)
    assert recovery.check_whole(other) is False


def test_a_damaged_log_is_copied_aside_with_the_time_in_its_name(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    log_file = paths.database.with_name(paths.database.name + "-wal")
    log_file.write_bytes(b"\x00" * 20)  # shorter than a header: damaged
    kept = recovery.keep_damaged_wal(paths)
    assert kept is not None and kept.kept_as is not None
    assert re.fullmatch(r"opvoed\.sqlite3-wal\.damaged-\d{8}-\d{6}", kept.kept_as.name), kept.kept_as.name
    assert kept.kept_as.read_bytes() == log_file.read_bytes(), "a copy: the original stays for SQLite"
    assert stat.S_IMODE(kept.kept_as.stat().st_mode) == 0o600
    second = recovery.keep_damaged_wal(paths)
    assert second is not None and second.kept_as is not None and second.kept_as != kept.kept_as
    assert kept.kept_as.exists()


def test_an_intact_log_is_left_alone(stored: DataPaths) -> None:
    assert recovery.keep_damaged_wal(stored) is None
    assert recovery.wal_size(stored.database) >= 0
    assert recovery.wal_size(stored.root / "weg.sqlite3") == 0


class _Evening(datetime):
    """A clock that stays at one second, as when damaged logs are found twice in the same second."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _Evening:
        return cls(2026, 3, 14, 21, 5, 9)


def _damaged_log(paths: DataPaths, content: bytes) -> Path:
    paths.ensure()
    log_file = paths.database.with_name(paths.database.name + "-wal")
    log_file.write_bytes(content)  # shorter than a header: damaged
    return log_file


def test_damaged_logs_kept_in_the_same_second_each_keep_their_own_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A second and third damaged log in the same second never overwrite the copy kept before
    them: each is numbered in the order it was found, holds its own bytes and is private."""
    monkeypatch.setattr(recovery, "datetime", _Evening)
    paths = DataPaths(tmp_path / "data")
    contents = [b"\x00" * 20, b"\x01" * 21, b"\x02" * 22]
    kept: list[Path] = []
    with caplog.at_level(logging.WARNING, logger="opvoed_desktop.storage.recovery"):
        for content in contents:
            _damaged_log(paths, content)
            notice = recovery.keep_damaged_wal(paths)
            assert notice is not None and notice.kept_as is not None
            kept.append(notice.kept_as)
    stem = "opvoed.sqlite3-wal.damaged-20260314-210509"
    assert [p.name for p in kept] == [stem, f"{stem}-2", f"{stem}-3"]
    assert [p.read_bytes() for p in kept] == contents
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)
    # The log line (for whoever helps the person) names each copy; it holds nothing of the log.
    assert [r.getMessage() for r in caplog.records] == [f"damaged write-ahead log kept as {p.name}" for p in kept]


@pytest.mark.parametrize("written", [None, 7], ids=["no-room-to-start", "full-halfway"])
def test_no_room_to_copy_a_damaged_log_is_said_and_leaves_no_half_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, written: int | None
) -> None:
    monkeypatch.setattr(recovery, "datetime", _Evening)
    paths = DataPaths(tmp_path / "data")
    _damaged_log(paths, b"\x00" * 20)
    earlier = recovery.keep_damaged_wal(paths)
    assert earlier is not None and earlier.kept_as is not None
    log_file = _damaged_log(paths, b"\x01" * 24)

    def full_disk(source: Path, target: Path) -> None:
        if written is not None:  # the disk filled up part of the way through the copy
            Path(target).write_bytes(Path(source).read_bytes()[:written])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(recovery.shutil, "copyfile", full_disk)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="opvoed_desktop.storage.recovery"):
        notice = recovery.keep_damaged_wal(paths)
    assert notice is not None and notice.kept_as is None
    assert notice.message == (
        "Het logboek van de database was beschadigd, dus de laatste wijziging is misschien niet bewaard; "
        "er was geen ruimte om een kopie van het logboek te bewaren."
    )
    assert [r.getMessage() for r in caplog.records] == ["damaged write-ahead log found; no room to keep a copy"]
    # Nothing half-copied is left to be taken for a whole copy; the log and the earlier copy stay.
    assert sorted(p.name for p in paths.root.iterdir() if "damaged" in p.name) == [earlier.kept_as.name]
    assert earlier.kept_as.read_bytes() == b"\x00" * 20
    assert log_file.read_bytes() == b"\x01" * 24


def test_the_size_of_what_a_crash_left_in_the_log_is_read(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    log_file = _damaged_log(paths, b"\x00" * 4128)
    assert recovery.wal_size(paths.database) == 4128
    log_file.unlink()
    assert recovery.wal_size(paths.database) == 0


def test_the_newest_damaged_file_is_named_again_even_when_the_clock_went_back(paths: DataPaths) -> None:
    """At the end of summer time the clock goes back an hour: a file set aside later can carry an
    earlier time in its name. The one set aside last is the one named, not the last by name."""
    open_database(paths, check=False).close()  # the fresh, empty database that took its place
    summer = paths.root / "opvoed.sqlite3.corrupt-20261025-023010"
    winter = paths.root / "opvoed.sqlite3.corrupt-20261025-021500"  # 45 minutes later, by the clock set back
    for moment, path in enumerate((summer, winter)):
        path.write_bytes(b"beschadigd")
        when = 1_792_888_210 + moment * 2700
        os.utime(path, (when, when))
    side = paths.root / "opvoed.sqlite3.corrupt-20261025-023010-wal"  # a side file, newer still
    side.write_bytes(b"log")
    os.utime(side, (1_792_899_999, 1_792_899_999))
    with open_database(paths, check=False) as db:
        assert db.recovered is not None and db.recovered.moved_to == winter


def test_a_deletion_a_killed_app_left_in_the_log_is_out_of_the_file_once_the_app_has_started(
    tmp_path: Path,
) -> None:
    """The app was killed right after a note was deleted: the deletion is still only in the log,
    and the note's text still in the database file. The next start folds the log in, so the text
    is gone from the disk while the app runs, not only after it is closed again."""
    source, copy = DataPaths(tmp_path / "a"), DataPaths(tmp_path / "b")
    secret = "Vader noemde het adres van de opvang"
    with open_database(source) as db:
        meetings = MeetingService(db)
        meeting = meetings.create_meeting("Ouderavond")
        meetings.save_item_note(meeting, None, secret)
    conn = sqlite3.connect(source.database)
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("DELETE FROM note")
    conn.commit()
    copy.root.mkdir(parents=True)
    for suffix in ("", "-wal"):  # as the killed app left them, with its connection still open
        shutil.copyfile(f"{source.database}{suffix}", f"{copy.database}{suffix}")
    conn.close()
    assert secret.encode() in copy.database.read_bytes() and recovery.wal_size(copy.database) > 0
    with open_database(copy) as db:
        assert secret.encode() not in copy.database.read_bytes()
        assert recovery.wal_size(copy.database) == 0
        assert [m.title for m in MeetingService(db).list_meetings()] == ["Ouderavond"]
