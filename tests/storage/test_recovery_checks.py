"""What opening concludes when the whole-file check cannot run, and how a damaged log is kept.

A check that fails for a reason other than damage (a locked file, no room for SQLite's -shm file)
must never get a healthy database set aside; when the disk is full the person is told that
instead; and the log line says what SQLite answered, never any text from the file.
"""

from __future__ import annotations

import logging
import re
import stat
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
