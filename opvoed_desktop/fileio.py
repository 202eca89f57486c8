"""Writing a file so that a crash, a full disk or a pulled USB stick never leaves half of it.

The new content goes to a temporary file in the same folder, is flushed to the disk, and then
replaces the old file in one rename; the folder is synced so the rename survives a power cut.
Files are readable by the user alone: notes and settings are personal.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_file(path: Path, *, make_folder: bool = False, suffix: str = ".tmp") -> Iterator[BinaryIO]:
    """Yield a binary handle; on a clean exit its content appears at `path` in one rename, and on
    any error the temporary file is removed and the old state at `path` is untouched.

    The app's one atomic writer: settings, catalogs, the content cache and every export go through
    it. (Backups are copied by SQLite to a path, then made durable with `fsync_file` and
    `sync_folder` below, the same steps.)"""
    folder = path.parent
    if make_folder:
        make_private_dirs(folder)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=folder)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    sync_folder(folder)  # the rename itself must reach the disk too


def write_atomic(path: Path, data: bytes, *, make_folder: bool = False) -> None:
    """Either the whole new file is at `path` afterwards, or the old state is untouched."""
    with atomic_file(path, make_folder=make_folder) as handle:
        handle.write(data)


def fsync_file(path: Path) -> None:
    """Flush a file someone else wrote (SQLite's backup API) to the disk before it is renamed."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def sync_folder(folder: Path, *, strict: bool = False) -> None:
    """Make a rename in `folder` survive a power cut. `strict`: a failure raises (a backup must
    know), else it is ignored (the file itself is already safe)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        if strict:
            raise


def make_private_dirs(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents, each readable by the user alone (0700).

    `Path.mkdir(parents=True)` gives the parents default permissions; personal data should not
    sit in folders others can list. Folders that already exist are left exactly as they are.
    Returns the folders created, outermost first.
    """
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    created = []
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue
        if os.name == "posix":
            os.chmod(path, 0o700)  # the umask may have taken bits; never more than 0700 anyway
        created.append(path)
    return created
