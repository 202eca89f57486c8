"""The data-dir lock on its own: one writer at a time, and the data dir free again after release.

A lock that is not released keeps the facilitator out of their own notes until a reboot; one that
is not exclusive lets two windows write over each other. flock locks belong to an open file, so a
second DataDirLock in this same process is refused exactly as a second app would be.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from opvoed_desktop.storage import DatabaseInUseError
from opvoed_desktop.storage.lock import DataDirLock


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def lock_path(tmp_path: Path) -> Path:
    return tmp_path / "opvoed.lock"


def test_acquire_hold_release_then_the_next_one_gets_it(lock_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "opvoed.sqlite3"
    first = DataDirLock(lock_path)
    assert not first.held
    first.acquire(db)
    assert first.held

    second = DataDirLock(lock_path)
    with pytest.raises(DatabaseInUseError) as refused:
        second.acquire(db)
    assert refused.value.path == db and str(db) in str(refused.value)
    assert not second.held

    first.release()
    assert not first.held
    second.acquire(db)  # the app was closed: the next window opens
    assert second.held
    second.release()
    assert not second.held


def test_a_refused_attempt_and_a_release_leave_no_descriptor_open(lock_path: Path, tmp_path: Path) -> None:
    """Trying again and again while another window is open must not use up the process's files."""
    before = open_fds()
    holder = DataDirLock(lock_path)
    holder.acquire(tmp_path / "db")
    for _ in range(5):
        with pytest.raises(DatabaseInUseError):
            DataDirLock(lock_path).acquire(tmp_path / "db")
    assert open_fds() == before + 1
    holder.release()
    assert open_fds() == before


def test_release_twice_or_without_acquire_is_harmless(lock_path: Path, tmp_path: Path) -> None:
    never = DataDirLock(lock_path)
    never.release()
    lock = DataDirLock(lock_path)
    lock.acquire(tmp_path / "db")
    lock.release()
    lock.release()  # closing the app twice (window close + atexit) must not raise
    assert not lock.held


def test_the_lock_file_names_the_process_that_holds_it(lock_path: Path, tmp_path: Path) -> None:
    """Someone looking at the folder can see which process has it open, not a stale longer number."""
    lock_path.write_text("99999999999")  # left by an earlier run with a longer pid
    lock = DataDirLock(lock_path)
    lock.acquire(tmp_path / "db")
    try:
        assert lock_path.read_text() == str(os.getpid())
        assert not lock.disk_full
    finally:
        lock.release()


def test_the_lock_file_is_private(lock_path: Path, tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        lock = DataDirLock(lock_path)
        lock.acquire(tmp_path / "db")
    finally:
        os.umask(old)
    lock.release()
    assert stat.S_IMODE(lock_path.stat().st_mode) == 0o600


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_a_full_disk_still_gives_the_lock_and_says_so(
    code: int, lock_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pid cannot be written: the app still opens (read-only, with a sentence), never twice."""

    def full(fd: int, data: bytes) -> int:
        raise OSError(code, os.strerror(code))

    lock = DataDirLock(lock_path)
    monkeypatch.setattr(os, "write", full)
    lock.acquire(tmp_path / "db")
    monkeypatch.undo()
    assert lock.held and lock.disk_full
    with pytest.raises(DatabaseInUseError):
        DataDirLock(lock_path).acquire(tmp_path / "db")
    lock.release()


def test_another_write_error_is_not_called_a_full_disk(
    lock_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(fd: int, data: bytes) -> int:
        raise OSError(errno.EIO, "Input/output error")

    lock = DataDirLock(lock_path)
    monkeypatch.setattr(os, "write", broken)
    lock.acquire(tmp_path / "db")
    monkeypatch.undo()
    assert lock.held and not lock.disk_full
    lock.release()


def test_release_frees_the_data_dir_even_when_a_child_process_shares_the_descriptor(
    lock_path: Path, tmp_path: Path
) -> None:
    """A process forked while the app runs inherits the lock's descriptor; closing the app must
    still free the data dir, not leave it locked until that child ends."""
    lock = DataDirLock(lock_path)
    lock.acquire(tmp_path / "db")
    release_child, hold = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: keep the inherited descriptor open until told to stop
        try:
            os.close(hold)
            os.read(release_child, 1)
        finally:
            os._exit(0)
    try:
        os.close(release_child)
        lock.release()
        again = DataDirLock(lock_path)
        again.acquire(tmp_path / "db")
        again.release()
    finally:
        os.close(hold)  # the child's read returns: it exits
        os.waitpid(pid, 0)
