"""What can go wrong opening encrypted notes: the passphrase, the recovery key or the key file, each
said in one sentence a facilitator can act on. A wrong passphrase is never a damaged database.

The passphrase's own errors (too short, an unreadable passphrase file) are in passphrase.py.
"""

from __future__ import annotations

from pathlib import Path

from opvoed_desktop.i18n import _
from opvoed_desktop.storage.errors import StorageError


class EncryptionError(StorageError):
    """A problem with the passphrase, the recovery key or the key file, said in one sentence."""


class PassphraseNeededError(EncryptionError):
    def __init__(self, root: Path) -> None:
        self.path = root
        super().__init__(
            _(
                "De aantekeningen in {path} zijn versleuteld; geef het wachtwoord in een bestand met "
                "--passphrase-file BESTAND of met de omgevingsvariabele OPVOED_PASSPHRASE_FILE."
            ).format(path=root)
        )


class WrongPassphraseError(EncryptionError):
    def __init__(self) -> None:
        super().__init__(
            _("Dit wachtwoord klopt niet; probeer het opnieuw, of open de aantekeningen met de herstelsleutel.")
        )


class WrongRecoveryKeyError(EncryptionError):
    def __init__(self) -> None:
        super().__init__(
            _("Deze herstelsleutel klopt niet; kijk of u alle 32 tekens goed hebt overgenomen en probeer het opnieuw.")
        )


class KeyFileDamagedError(EncryptionError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "Het sleutelbestand {path} is beschadigd, dus de versleutelde aantekeningen kunnen niet "
                "worden geopend; zet het bestand terug uit een kopie van de map."
            ).format(path=path)
        )


class KeyFileMissingError(EncryptionError):
    """The notes are encrypted but their key file is gone: not damage (the database is kept as it
    is, never set aside), and not a passphrase problem (no passphrase opens them without it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "De aantekeningen zijn versleuteld, maar het sleutelbestand {path} ontbreekt; zet het "
                "terug uit een kopie van de map. Er is niets gewijzigd."
            ).format(path=path)
        )


class KeyFileNotWrittenError(EncryptionError):
    """The key file could not be written (read-only folder, full disk): the old one is untouched,
    so nothing changed; the passphrase that opened the notes still does."""

    def __init__(self, path: Path, code: int | None) -> None:
        import errno

        self.path = path
        if code in (errno.ENOSPC, errno.EDQUOT):
            text = _(
                "De schijf is vol, dus het sleutelbestand kon niet worden geschreven; er is niets veranderd. "
                "Maak ruimte vrij en probeer het opnieuw."
            )
        elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
            text = _(
                "De map {path} is alleen-lezen, dus het sleutelbestand kon niet worden geschreven; er is "
                "niets veranderd."
            )
        else:
            text = _(
                "Het sleutelbestand in {path} kon niet worden geschreven; er is niets veranderd. Controleer "
                "de map en probeer het opnieuw."
            )
        super().__init__(text.format(path=path.parent))


class KeyFileNewerError(KeyFileDamagedError):
    """A key file a later version of the app wrote (a higher format version): not damage, and
    nothing to restore; the sentence says which version to install. A subclass of the damaged
    file's error, so every place that refuses a damaged key file refuses this one too."""

    def __init__(self, path: Path) -> None:
        self.path = path
        EncryptionError.__init__(
            self,
            _(
                "Het sleutelbestand {path} is gemaakt door een nieuwere versie van de app; installeer "
                "die nieuwere versie om de versleutelde aantekeningen te openen, het bestand is niet "
                "gewijzigd."
            ).format(path=path),
        )
