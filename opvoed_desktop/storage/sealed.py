"""Bundles and exports sealed with a passphrase of their own, in the age format (age-encryption.org).

age is a small, reviewed, standard format with a passphrase recipient (scrypt, then
ChaCha20-Poly1305); `pyrage` is its Rust implementation. A sealed file can be opened on any
computer with this app, or with the `age` tool itself (`age -d file.age`), so nobody depends on
this app to read what they e-mailed. No home-made cipher.

The passphrase for a run is set with `sealing(...)` / `opening(...)`; `safe_write.atomic_file`
then encrypts in memory before anything reaches the disk, so no plain copy is ever written.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from pathlib import Path

from opvoed_desktop.i18n import _
from opvoed_desktop.storage.errors import BundleError

MAGIC = b"age-encryption.org/v1\n"
SUFFIX = ".age"
MIN_PASSPHRASE = 10

_seal_with: contextvars.ContextVar[str | None] = contextvars.ContextVar("seal_with", default=None)
_open_with: contextvars.ContextVar[str | None] = contextvars.ContextVar("open_with", default=None)


@contextlib.contextmanager
def sealing(passphrase: str | None) -> Iterator[None]:
    """Files written by the export inside this block are sealed with `passphrase` (None: plain)."""
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise BundleError(
            _("Kies voor de bundel een wachtwoord van minstens {n} tekens.").format(n=MIN_PASSPHRASE)
        )
    token = _seal_with.set(passphrase)
    try:
        yield
    finally:
        _seal_with.reset(token)


@contextlib.contextmanager
def opening(passphrase: str | None) -> Iterator[None]:
    token = _open_with.set(passphrase)
    try:
        yield
    finally:
        _open_with.reset(token)


def inner_suffix(path: Path) -> str:
    """`X.zip.age` is a sealed zip: the suffix that says what is inside."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == SUFFIX and len(suffixes) > 1:
        return suffixes[-2]
    return suffixes[-1] if suffixes else ""


def sealing_passphrase() -> str | None:
    return _seal_with.get()


def seal(data: bytes, passphrase: str) -> bytes:
    import pyrage  # type: ignore[import-untyped]  # no stubs; two functions used

    return bytes(pyrage.passphrase.encrypt(data, passphrase))


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def file_is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return is_sealed(fh.read(len(MAGIC)))
    except OSError:
        return False


def unseal(data: bytes, name: str) -> bytes:
    """The plain bytes of a sealed bundle, with the passphrase given for this run."""
    import pyrage

    passphrase = _open_with.get()
    if passphrase is None:
        raise BundleError(
            _(
                "{name} is versleuteld; geef het wachtwoord van de bundel (opdrachtregel: "
                "--bundle-passphrase-file BESTAND)."
            ).format(name=name)
        )
    try:
        return bytes(pyrage.passphrase.decrypt(data, passphrase))
    except pyrage.DecryptError:
        raise BundleError(
            _("Het wachtwoord past niet bij {name}, of het bestand is beschadigd; er is niets ingelezen.").format(
                name=name
            )
        ) from None
