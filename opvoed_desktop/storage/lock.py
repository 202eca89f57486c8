"""One writer per data dir: an exclusive OS lock on a file next to the database.

The OS drops the lock when the process dies (even with SIGKILL), so a crash never leaves the
data dir locked.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from opvoed_desktop.storage.errors import DatabaseInUseError


class DataDirLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.disk_full = False  # writing the pid failed for lack of space

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, db_path: Path) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise DatabaseInUseError(db_path) from None
        self._fd = fd
        # The pid is a courtesy for people looking at the folder; the OS lock is what counts. A
        # full disk must not stop the app from opening: it then opens for reading and says so.
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        except OSError as exc:
            self.disk_full = exc.errno in (errno.ENOSPC, errno.EDQUOT)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows CI only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
