"""Writing export files safely: a temp file in the target folder, fsync, rename, mode 0600.

A full disk, a read-only folder or a USB stick pulled mid-write ends in an ExportError with one
clear sentence, and nothing under the final name (an older file there stays as it was).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from opvoed_desktop import fileio
from opvoed_desktop.export.errors import Cancelled, ExportError, ReadOnlyTargetError
from opvoed_desktop.i18n import _


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary handle; on a clean exit its content appears at `path` in one rename
    (fileio.atomic_file), and an OS failure becomes an ExportError with one sentence.

    Inside `sealed.sealing(passphrase)` the content is gathered in memory and only its age
    encryption is written: a sealed export never leaves a plain copy on disk.
    """
    from opvoed_desktop.storage import sealed

    passphrase = sealed.sealing_passphrase()
    if passphrase is not None:
        buffer = io.BytesIO()
        yield buffer
        with _atomic_file(path) as handle:
            handle.write(sealed.seal(buffer.getvalue(), passphrase))
        return
    with _atomic_file(path) as handle:
        yield handle


@contextlib.contextmanager
def _atomic_file(path: Path) -> Iterator[BinaryIO]:
    try:
        with fileio.atomic_file(path, suffix=".part") as handle:
            yield handle
    except OSError as exc:
        raise ExportError(describe(exc, path)) from None


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_file(path) as handle:
        handle.write(data)


def describe(exc: OSError, path: Path) -> str:
    """One sentence for an OS failure while writing `path` (the errno decides which)."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return _("De schijf is vol, dus {name} is niet opgeslagen; maak ruimte vrij of kies een andere schijf.").format(
            name=path.name
        )
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _("In de map {folder} mag niet worden geschreven; kies een andere map.").format(folder=path.parent)
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO, errno.ENOTDIR):
        return _(
            "De map {folder} is niet (meer) bereikbaar, dus {name} is niet opgeslagen; "
            "controleer de USB-stick of kies een andere map."
        ).format(folder=path.parent, name=path.name)
    return _("Kan {name} niet opslaan ({reason}); kies een andere map.").format(
        name=path.name, reason=exc.strerror or type(exc).__name__
    )


def check_target(path: Path, *, force: bool = False) -> None:
    """Refuse early (before any work) when the target folder is missing, the path is a folder, or
    the file exists and was made read-only (the rename would replace it anyway): that needs
    `force` (the user confirmed, or passed --force)."""
    if path.is_dir():
        raise ExportError(_("{path} is een map; geef een bestandsnaam op.").format(path=path))
    if not path.parent.is_dir():
        raise ExportError(_("De map {folder} bestaat niet; maak haar eerst aan.").format(folder=path.parent))
    if not force and is_read_only_file(path):
        raise ReadOnlyTargetError(
            path.name,
            _(
                "Het bestand {name} bestaat al en is alleen-lezen; het is niet vervangen. "
                "Kies een andere naam, of bevestig dat het vervangen mag."
            ).format(name=path.name),
        )


def is_read_only_file(path: Path) -> bool:
    """A file whose owner-write bit is off (or we may not write): someone meant to protect it.

    The bit counts even for root, who may write anyway: it says what the user wanted.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and (not mode & stat.S_IWUSR or not os.access(path, os.W_OK))


__all__ = [
    "Cancelled",
    "ExportError",
    "ReadOnlyTargetError",
    "atomic_file",
    "check_target",
    "describe",
    "is_read_only_file",
    "write_bytes",
]
