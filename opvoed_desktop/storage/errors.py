"""What can go wrong with the database, each with one plain Dutch sentence for the user.

Messages never contain note text or SQL parameters: notes are personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _


class StorageError(AppError):
    """Base class; `str(exc)` is a sentence a facilitator can act on."""


class NewerDatabaseError(StorageError):
    def __init__(self, path: Path, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            _(
                "De database in {path} is gemaakt door een nieuwere versie van de app; "
                "installeer die nieuwere versie, het bestand is niet gewijzigd."
            ).format(path=path)
        )


class ForeignDatabaseError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "Het bestand {path} is geen database van deze app; kies een andere map met "
                "--data-dir, het bestand is niet gewijzigd."
            ).format(path=path)
        )


class DatabaseInUseError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "De app is al geopend met deze gegevens ({path}); sluit het andere venster en probeer het opnieuw."
            ).format(path=path)
        )


class ReadOnlyError(StorageError):
    """The data dir or file cannot be written; reading may still work."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "De map {path} is alleen-lezen, dus wijzigingen kunnen niet worden bewaard; "
                "kies een map waarin u mag schrijven."
            ).format(path=path)
        )


class DiskFullError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _("De schijf is vol, dus de laatste wijziging is niet bewaard; maak ruimte vrij en probeer het opnieuw.")
        )


class DiskFullAtStartError(DiskFullError):
    """The disk was full when the app started: it opened the notes for reading only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        StorageError.__init__(
            self,
            _(
                "De schijf is vol, dus de app kan niets bewaren; u kunt de aantekeningen lezen, "
                "en na het vrijmaken van ruimte en opnieuw starten weer schrijven."
            ),
        )


class DatabaseIsFolderError(StorageError):
    """A folder sits where the database file should be; it is left alone."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "Op de plaats van het gegevensbestand {path} staat een map; verplaats of hernoem die map, "
                "dan kan de app weer bewaren."
            ).format(path=path)
        )


class DataDirUnusableError(StorageError):
    """The data dir cannot be a folder (a file has its name) or cannot be reached at all."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _("{path} kan geen map voor de gegevens zijn; kies een andere map met --data-dir.").format(path=path)
        )


class CorruptDatabaseError(StorageError):
    """SQLite found damage while reading or writing; the app sets the file aside."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "Het gegevensbestand {name} is beschadigd; de app zet het apart (het wordt niet gewist) "
                "en biedt de nieuwste goede reservekopie aan."
            ).format(name=Path(path).name)
        )


class BackupFailedError(StorageError):
    """A backup could not be written (read-only folder, full disk, missing drive)."""

    def __init__(self, folder: Path, reason: str) -> None:
        self.folder = folder
        self.reason = reason
        if reason == "read-only":
            text = _(
                "In de map {folder} mag niet worden geschreven, dus er is geen reservekopie gemaakt; "
                "kies een andere map."
            )
        elif reason == "full":
            text = _("De schijf is vol, dus er is geen reservekopie gemaakt; maak ruimte vrij en probeer het opnieuw.")
        else:
            text = _(
                "De reservekopie kon niet worden geschreven in {folder}; controleer de map en probeer het opnieuw."
            )
        super().__init__(text.format(folder=folder))


class DatabaseIOError(StorageError):
    """Any other failure of SQLite; names the error code, never the statement or its values."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            _("De database gaf een fout ({code}); probeer het opnieuw of start de app opnieuw.").format(code=code)
        )


class InvalidBackupError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _("{path} is geen bruikbare reservekopie van deze app; kies een ander bestand.").format(path=path)
        )


class NotFoundError(StorageError):
    def __init__(self, what: str, key: str) -> None:
        self.what = what
        self.key = key
        super().__init__(_("{what} {key} bestaat niet (meer); controleer het nummer.").format(what=what, key=key))


class InvalidInputError(StorageError):
    """A value the user entered that the record cannot hold (message says which)."""


@dataclass(frozen=True)
class RecoveredFromCorruption:
    """The unreadable file was moved aside (never deleted); a fresh database was started."""

    moved_to: Path
    newest_backup: Path | None

    @property
    def message(self) -> str:
        if self.newest_backup is not None:
            return _(
                "Het gegevensbestand was beschadigd en is apart gezet als {name}; u kunt de "
                "nieuwste reservekopie van {when} terugzetten."
            ).format(name=self.moved_to.name, when=_backup_when(self.newest_backup))
        return _(
            "Het gegevensbestand was beschadigd en is apart gezet als {name}; er is geen "
            "reservekopie, dus de app begint met een lege database."
        ).format(name=self.moved_to.name)


    def cli_message(self, restore_command: str | None) -> str:
        """For the terminal: where the damaged file is and the command that restores the backup."""
        if restore_command is not None:
            return _(
                "Het gegevensbestand was beschadigd en is apart gezet als {path}; "
                "zet de nieuwste goede reservekopie terug met: {command}"
            ).format(path=self.moved_to, command=restore_command)
        return _(
            "Het gegevensbestand was beschadigd en is apart gezet als {path}; er is geen goede reservekopie, "
            "dus de app is begonnen met een lege database."
        ).format(path=self.moved_to)


@dataclass(frozen=True)
class WalDamaged:
    """The write-ahead log had damaged frames; SQLite drops them. A copy was kept aside."""

    kept_as: Path | None

    @property
    def message(self) -> str:
        if self.kept_as is None:
            return _(
                "Het logboek van de database was beschadigd, dus de laatste wijziging is misschien niet bewaard; "
                "er was geen ruimte om een kopie van het logboek te bewaren."
            )
        return _(
            "Het logboek van de database was beschadigd, dus de laatste wijziging is misschien niet bewaard; "
            "een kopie van het logboek staat apart als {name}."
        ).format(name=self.kept_as.name)


class InvalidTextError(InvalidInputError):
    """Text with a lone surrogate (half of an emoji from a broken paste) cannot be stored."""

    def __init__(self) -> None:
        super().__init__(
            _("De tekst bevat een ongeldig teken (een half emoji-teken) en is niet bewaard; haal het teken weg.")
        )


def _backup_when(path: Path) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%d-%m-%Y %H:%M")


class BundleError(AppError):
    """A bundle was refused before anything was written; `str(exc)` says why."""
