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


class CorruptDatabaseError(StorageError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _("De database {path} is beschadigd; herstel een reservekopie met 'opvoed-desktop restore'.").format(
                path=path
            )
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


def _backup_when(path: Path) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%d-%m-%Y %H:%M")
