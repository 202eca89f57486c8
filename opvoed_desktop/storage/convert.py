"""Turning encryption on and off for a whole data dir: the database and every backup.

Encrypt: open (lock, check, migrate) → a backup → export into a new encrypted file → compare it
with the original, table by table → the same for every backup → write the key file → swap the
encrypted files in and overwrite the plain ones before they go. Decrypt is the same the other
way, after the caller has asked for confirmation.

Why files are swapped one by one and each plain file is read by its own header (keys.py): an
interruption at any point leaves a data dir that opens, where every file is either plain or
encrypted with the key in the key file; running the command again finishes the job.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import backup, crypto, keys
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi
from opvoed_desktop.storage.errors import StorageError

if TYPE_CHECKING:
    from opvoed_desktop.storage.database import Database

Progress = Callable[[int, int, str], None]  # done, total, what is being done (a sentence)


class ConversionFailedError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "De versleutelde kopie van {path} kwam niet overeen met het origineel; er is niets "
                "veranderd aan uw aantekeningen."
            ).format(path=path)
        )


class AlreadyEncryptedError(StorageError):
    def __init__(self) -> None:
        super().__init__(_("De aantekeningen zijn al versleuteld."))


class NotEncryptedError(StorageError):
    def __init__(self) -> None:
        super().__init__(_("De aantekeningen zijn niet versleuteld."))


@dataclass
class Outcome:
    recovery_key: str | None = None
    converted: list[Path] = field(default_factory=list)
    # Damaged files set aside earlier (kept, never deleted): they cannot be read, so not converted.
    left_as_they_are: list[Path] = field(default_factory=list)


def encrypt(
    paths: DataPaths, passphrase: str, progress: Progress | None = None, *, database: Database | None = None
) -> Outcome:
    """Encrypt the data dir; returns the recovery key to show once.

    `database`: the window's open database (it holds the lock); writes are refused while the
    files are swapped (a sentence, the typed text stays in the editor) and its connections
    reopen on the new file with the key. Without it the database is opened here (CLI).
    """
    crypto.check_passphrase(passphrase)
    report = progress or (lambda done, total, what: None)
    if crypto.is_encrypted(paths) and not _plain_files(paths):
        raise AlreadyEncryptedError()
    with _opened(paths, database) as db, _writes_paused(db):
        _backup_first(db, "before-encrypt", report)
        new = None
        if crypto.is_encrypted(paths):
            # An earlier run stopped half-way: finish it with the key it already chose.
            key = crypto.unlock(paths, passphrase)
        else:
            new = crypto.create(passphrase)
            key = new.database_key
        keys.register(paths.root, key)
        try:
            outcome, planned = _convert_all(paths, key, report, encrypting=True)
            if new is not None:
                crypto.write_header(paths, new.header)
        except BaseException:
            if new is not None:
                keys.forget(paths.root)
            raise
        # The swap happens with the key file in place, so every state it passes through opens.
        _swap_all(paths, planned, report)
        outcome.recovery_key = new.recovery_key if new is not None else None
    return outcome


def decrypt(paths: DataPaths, progress: Progress | None = None, *, database: Database | None = None) -> Outcome:
    """Store the notes as plain files again (the caller asked for confirmation)."""
    report = progress or (lambda done, total, what: None)
    if not crypto.is_encrypted(paths):
        raise NotEncryptedError()
    with _opened(paths, database) as db, _writes_paused(db):  # needs the key: ensure_unlocked ran
        _backup_first(db, "before-decrypt", report)
        outcome, planned = _convert_all(paths, None, report, encrypting=False)
        _swap_all(paths, planned, report)
        crypto.key_file(paths).unlink()
        crypto.forget_remembered(paths)
        keys.forget(paths.root)
    return outcome


class EncryptionBusyError(StorageError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "De aantekeningen worden nu versleuteld of ontsleuteld; wat u typte blijft staan en "
                "wordt straks bewaard."
            )
        )


@contextlib.contextmanager
def _opened(paths: DataPaths, database: Database | None) -> Iterator[Database]:
    if database is not None:
        yield database
        return
    from opvoed_desktop.storage.database import open_database

    with open_database(paths) as db:  # holds the lock, checks and migrates the file
        yield db


@contextlib.contextmanager
def _writes_paused(db: Database) -> Iterator[None]:
    if db.read_only:
        raise db.read_only_because or StorageError(str(db.read_only_message))
    db.read_only, db.read_only_because = True, EncryptionBusyError()
    try:
        yield
    finally:
        db.read_only, db.read_only_because = False, None


def _backup_first(db: Database, reason: str, report: Progress) -> None:
    report(0, 1, _("Reservekopie maken…"))
    if db.paths.database.is_file() and not backup.is_empty(db.paths.database):
        backup.create_backup(db.paths, reason=reason)
    sqlite_files.checkpoint(db.engine)
    # Connections are closed now and reopened (keyed by keys.py) on the new file after the swap.
    db.engine.dispose()


# The work ------------------------------------------------------------------------------------------
@dataclass
class _Planned:
    original: Path
    converted: Path


def unfinished(paths: DataPaths) -> list[Path]:
    """Files an interrupted conversion left plain in an encrypted data dir (the window says so at
    start and offers to finish: running `encrypt` again with the same passphrase does)."""
    return _plain_files(paths) if crypto.is_encrypted(paths) else []


def unfinished_sentence(count: int) -> str:
    return ngettext(
        "Niet alles is versleuteld: een eerdere omzetting is niet afgemaakt en {n} bestand staat nog "
        "onversleuteld op deze computer. Kies Bestand › Versleutel mijn aantekeningen… en typ uw wachtwoord "
        "om het af te maken.",
        "Niet alles is versleuteld: een eerdere omzetting is niet afgemaakt en {n} bestanden staan nog "
        "onversleuteld op deze computer. Kies Bestand › Versleutel mijn aantekeningen… en typ uw wachtwoord "
        "om het af te maken.",
        count,
    ).format(n=count)


def _plain_files(paths: DataPaths) -> list[Path]:
    candidates = [paths.database] + [info.path for info in backup.list_backups(paths)]
    return [p for p in candidates if keys.is_plain(p)]


def _convert_all(
    paths: DataPaths, key: bytes | None, report: Progress, *, encrypting: bool
) -> tuple[Outcome, list[_Planned]]:
    """Write a converted, verified copy next to each file that still needs one."""
    candidates = [paths.database] + [info.path for info in backup.list_backups(paths)]
    todo = [p for p in candidates if p.is_file() and keys.is_plain(p) == encrypting]
    outcome = Outcome()
    outcome.left_as_they_are = [
        p for p in paths.root.glob(f"{paths.database.name}.corrupt-*") if keys.is_plain(p) == encrypting
    ]
    planned: list[_Planned] = []
    try:
        for n, original in enumerate(todo, 1):
            report(n - 1, len(todo) + 1, _("Bestand {n} van {total} omzetten…").format(n=n, total=len(todo)))
            tmp = original.with_name(original.name + ".convert.tmp")
            tmp.unlink(missing_ok=True)
            planned.append(_Planned(original, tmp))
            sqlite_files.copy_database(original, tmp, key=key)
            if not _same_content(original, tmp):
                raise ConversionFailedError(original)
    except BaseException:
        for item in planned:
            with contextlib.suppress(OSError):
                item.converted.unlink(missing_ok=True)
        raise
    outcome.converted = [item.original for item in planned]
    return outcome, planned


def _swap_all(paths: DataPaths, planned: list[_Planned], report: Progress) -> None:
    for item in planned:
        if item.original == paths.database:
            # An empty log only; a log left beside the new file would be replayed onto it.
            for side in sqlite_files.side_files(paths.database):
                side.unlink()
        _replace_and_wipe(item.converted, item.original)
        sqlite_files.secure_files(item.original)
    report(1, 1, _("Klaar."))


def _replace_and_wipe(new: Path, old: Path) -> None:
    """Put `new` in `old`'s place and overwrite the old bytes with zeros.

    On POSIX the old file stays open across the atomic rename, so its blocks can be zeroed after
    it left the folder; Windows cannot rename over an open file, so there it is renamed aside
    first. Overwriting is best effort: SSDs and copy-on-write file systems may keep old blocks
    (docs/encryption.md).
    """
    if os.name == "posix":
        with open(old, "r+b") as fh:
            os.replace(new, old)
            _zero(fh)
        return
    aside = old.with_name(old.name + ".old.tmp")
    os.replace(old, aside)
    os.replace(new, old)
    with open(aside, "r+b") as fh:
        _zero(fh)
    aside.unlink()


def _zero(fh: object) -> None:
    import io

    assert isinstance(fh, io.BufferedRandom)
    size = os.fstat(fh.fileno()).st_size
    fh.seek(0)
    block = b"\0" * 65536
    left = size
    while left > 0:
        fh.write(block[: min(left, len(block))])
        left -= min(left, len(block))
    fh.flush()
    os.fsync(fh.fileno())


def _same_content(a: Path, b: Path) -> bool:
    """Every table, row for row, and the change mark: the copy is the original."""
    with (
        contextlib.closing(sqlite_files.open_read_only(a)) as left,
        contextlib.closing(sqlite_files.open_read_only(b)) as right,
    ):
        if right.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False
        if left.execute("PRAGMA user_version").fetchone() != right.execute("PRAGMA user_version").fetchone():
            return False
        tables = _tables(left)
        if tables != _tables(right):
            return False
        for table in tables:
            query = f'SELECT * FROM "{table}"'
            try:
                if sorted(left.execute(query).fetchall(), key=repr) != sorted(
                    right.execute(query).fetchall(), key=repr
                ):
                    return False
            except dbapi.OperationalError:
                continue  # a virtual table's contents live in its shadow tables, compared too
    return True


def _tables(conn: dbapi.Connection) -> list[str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    return [name for name, sql in rows if not (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
