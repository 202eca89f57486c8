"""`opvoed-desktop encrypt | decrypt | change-passphrase | recover`: encrypted notes from the command
line (their grammar, and the global `--passphrase-file`, are in cli/parser.py).

A passphrase or recovery key never appears on a command line (it would stay in the shell's
history and in the process list): it comes from a file (`--passphrase-file F`, or the
OPVOED_PASSPHRASE_FILE environment variable naming one), or is typed at a prompt that does not
echo when the command runs in a terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.cli import CliContext
    from opvoed_desktop.paths import DataPaths


def run(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.storage import StorageError

    try:
        paths = ctx.data_paths
        if args.command == "encrypt":
            return _encrypt(args, paths, out, err)
        if args.command == "decrypt":
            return _decrypt(args, paths, out, err)
        if args.command == "change-passphrase":
            return _change(args, paths, out)
        return _recover(args, paths, out)
    except StorageError as exc:  # passphrase missing or wrong, key file damaged, …: one sentence
        print(str(exc), file=err)
        return 1


def _encrypt(args: argparse.Namespace, paths: DataPaths, out: TextIO, err: TextIO) -> int:
    from opvoed_desktop.storage import convert

    passphrase = _new_passphrase(None, global_allowed=True)
    outcome = convert.encrypt(paths, passphrase, _progress(err))
    if outcome.recovery_key is None:
        print(_("De versleuteling is afgemaakt; de herstelsleutel van de eerste keer blijft geldig."), file=out)
        return 0
    print(_("De aantekeningen en {n} bestanden zijn versleuteld.").format(n=len(outcome.converted)), file=out)
    print(_("Uw herstelsleutel (wordt maar één keer getoond; schrijf hem op of print hem):"), file=out)
    print("", file=out)
    print("    " + outcome.recovery_key, file=out)
    print("", file=out)
    print(recovery_instructions(), file=out)
    if args.recovery_pdf:
        from opvoed_desktop.documents.recovery_sheet import write_recovery_sheet

        target = write_recovery_sheet(Path(args.recovery_pdf), outcome.recovery_key, paths.root)
        print(
            _("De herstelsleutel staat ook in {path}; print die en wis het bestand daarna.").format(path=target),
            file=out,
        )
    for left in outcome.left_as_they_are:
        print(
            _("Niet versleuteld, want beschadigd: {path} (bewaard; wis het als u het niet meer nodig hebt).").format(
                path=left
            ),
            file=err,
        )
    return 0


def recovery_instructions() -> str:
    return _(
        "Bewaar de herstelsleutel op papier, op een andere plek dan deze computer. Wie het wachtwoord "
        "vergeet, opent de aantekeningen met de herstelsleutel en kiest dan een nieuw wachtwoord. Zonder "
        "wachtwoord én zonder herstelsleutel kan niemand de aantekeningen nog lezen, ook wij niet."
    )


def _decrypt(args: argparse.Namespace, paths: DataPaths, out: TextIO, err: TextIO) -> int:
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.storage import convert, crypto

    if not crypto.is_encrypted(paths):
        raise convert.NotEncryptedError()
    crypto.ensure_unlocked(paths)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(_("Bevestig het ontsleutelen met --yes; de aantekeningen zijn niet veranderd."))
        answer = input(_("De aantekeningen worden weer leesbaar opgeslagen voor iedereen met deze map. Typ 'ja': "))
        if answer.strip().lower() not in ("ja", _("ja")):
            print(_("Niets veranderd."), file=out)
            return 1
    outcome = convert.decrypt(paths, _progress(err))
    print(_("De aantekeningen en {n} bestanden zijn weer onversleuteld.").format(n=len(outcome.converted)), file=out)
    return 0


def _change(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from opvoed_desktop.storage import convert, crypto, keys

    if not crypto.is_encrypted(paths):
        raise convert.NotEncryptedError()
    crypto.ensure_unlocked(paths)
    key = keys.registered(paths.root)
    assert key is not None
    crypto.set_passphrase(paths, key, _new_passphrase(args.new_passphrase_file, global_allowed=False))
    print(_("Het nieuwe wachtwoord geldt vanaf nu; de herstelsleutel blijft dezelfde."), file=out)
    return 0


def _recover(args: argparse.Namespace, paths: DataPaths, out: TextIO) -> int:
    from opvoed_desktop.storage import convert, crypto

    if not crypto.is_encrypted(paths):
        raise convert.NotEncryptedError()
    if args.recovery_key_file:
        recovery = _read_secret(Path(args.recovery_key_file))
    else:
        recovery = _prompt(_("Herstelsleutel: "), _("Geef de herstelsleutel in een bestand met --recovery-key-file."))
    key = crypto.unlock_with_recovery(paths, recovery)
    crypto.set_passphrase(paths, key, _new_passphrase(args.new_passphrase_file, global_allowed=False))
    print(_("De herstelsleutel klopt en het nieuwe wachtwoord geldt vanaf nu."), file=out)
    return 0


# Secrets -------------------------------------------------------------------------------------------
def _new_passphrase(file: str | None, *, global_allowed: bool) -> str:
    """The passphrase to set: from the file given, else (encrypt only: there it is the new one)
    --passphrase-file or the environment, else typed twice at a prompt."""
    import os

    from opvoed_desktop.cli import UserError
    from opvoed_desktop.storage import crypto

    if file:
        passphrase = _read_secret(Path(file))
    elif global_allowed and (crypto.passphrase_file or os.environ.get(crypto.PASSPHRASE_FILE_ENV)):
        source = crypto.passphrase_file or Path(os.environ[crypto.PASSPHRASE_FILE_ENV])
        passphrase = crypto.read_passphrase_file(source)
    else:
        hint = _("Geef het nieuwe wachtwoord in een bestand met --new-passphrase-file of --passphrase-file.")
        passphrase = _prompt(_("Nieuw wachtwoord: "), hint)
        if _prompt(_("Nog een keer: "), hint) != passphrase:
            raise UserError(_("De twee wachtwoorden zijn niet gelijk; er is niets veranderd."))
    crypto.check_passphrase(passphrase)
    return passphrase


def _read_secret(path: Path) -> str:
    from opvoed_desktop.storage import crypto

    return crypto.read_passphrase_file(path)


def _prompt(question: str, hint: str) -> str:
    from opvoed_desktop.cli import UserError

    if not sys.stdin.isatty():
        raise UserError(hint)
    import getpass

    return getpass.getpass(question)


def _progress(err: TextIO) -> Callable[[int, int, str], None]:
    def report(done: int, total: int, what: str) -> None:
        print(what, file=err)

    return report
