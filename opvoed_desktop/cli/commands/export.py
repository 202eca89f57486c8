"""`opvoed-desktop export ID --format pdf|docx|md|csv|json [--lang L] -o PATH`,
`opvoed-desktop export --municipality M --from DATE --to DATE -o FILE.zip` and
`opvoed-desktop import BUNDLE [--dry-run]`.

reportlab, python-docx and SQLAlchemy are imported inside `run` only, so `--help` stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from opvoed_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from opvoed_desktop.cli import CliContext
    from opvoed_desktop.services.exports import ExportService
    from opvoed_desktop.storage import Database
    from opvoed_desktop.storage.merge import MergeResult


def run(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.export.errors import BundleError, ExportError, ReadOnlyTargetError
    from opvoed_desktop.storage import StorageError, sealed

    try:
        passphrase = _bundle_passphrase(args)
        if args.command == "import":
            with sealed.opening(passphrase):
                return _import(args, out, ctx)
        with sealed.sealing(passphrase):
            return _export(args, out, err, ctx)
    except ReadOnlyTargetError as exc:
        raise UserError(
            _(
                "Het bestand {name} bestaat al en is alleen-lezen; het is niet vervangen. "
                "Kies een andere naam, of gebruik --force om het toch te vervangen."
            ).format(name=exc.name)
        ) from None
    except (ExportError, BundleError, StorageError) as exc:
        raise UserError(str(exc)) from None
    except (UserError, KeyboardInterrupt):
        raise
    except Exception as exc:
        # Bad data must end in a sentence, not a traceback; the kind of error is enough to report it.
        import logging

        # Debug level: Python's last-resort handler would print a warning's traceback on stderr.
        logging.getLogger(__name__).debug("%s failed", args.command, exc_info=True)
        sentence = (
            _("Het inlezen is mislukt ({reason}); er is niets veranderd.")
            if args.command == "import"
            else _("Het exporteren is mislukt ({reason}); er is niets opgeslagen.")
        )
        raise UserError(sentence.format(reason=type(exc).__name__)) from None


def _bundle_passphrase(args: argparse.Namespace) -> str | None:
    if not getattr(args, "bundle_passphrase_file", None):
        return None
    from opvoed_desktop.storage.crypto import read_passphrase_file

    return read_passphrase_file(Path(args.bundle_passphrase_file))


def _service(ctx: CliContext, db: Database) -> ExportService:
    from opvoed_desktop.paths import translations_dir
    from opvoed_desktop.services.exports import ExportService

    return ExportService(db, translations_dir(), ctx.data_paths.translations_overlay)


def _export(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.cli.commands.storage import _open_for_reading
    from opvoed_desktop.storage.sealed import inner_suffix as sealed_suffix

    lang = args.export_lang or getattr(args, "lang", None) or "nl"
    target = Path(args.output).expanduser()
    period = args.municipality is not None or args.since is not None or args.until is not None
    if period and args.id:
        raise UserError(_("Kies één bijeenkomst of een periode, niet allebei."))
    if not period and not args.id:
        raise UserError(_("Geef het nummer van een bijeenkomst, of een periode met --municipality, --from en --to."))
    if not period and not args.export_format:
        raise UserError(_("Kies een formaat met --format: pdf, docx, md, csv of json."))
    with _open_for_reading(ctx) as db:
        service = _service(ctx, db)
        if period:
            if sealed_suffix(target) != ".zip":
                raise UserError(_("Een periode wordt een zip-bestand; laat -o eindigen op .zip."))
            result = service.export_period(
                target,
                municipality=args.municipality,
                since=args.since,
                until=args.until,
                lang=lang,
                force=args.force,
            )
        else:
            meeting_id = service.meetings.find_meeting_id(args.id)
            result = service.export_meeting(meeting_id, args.export_format, target, lang=lang, force=args.force)
    print(result.path, file=out)
    if result.replaced_chars:
        print(
            _("Let op: {n} tekens konden niet in de PDF worden afgedrukt (geen lettertype).").format(
                n=result.replaced_chars
            ),
            file=err,
        )
    return 0


def _import(args: argparse.Namespace, out: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.storage.bundle_reading import read_bundle

    data = read_bundle(Path(args.bundle).expanduser())  # refused before the database is opened
    with open_checked(ctx, reading=args.dry_run) as db:
        service = _service(ctx, db)
        result = service.preview_import(data) if args.dry_run else _merge(db, data)
    _print_result(result, out, dry_run=args.dry_run)
    if result.backup is not None:
        from opvoed_desktop.cli.commands.storage import restore_command

        print(_("Ongedaan maken: {command}").format(command=restore_command(ctx, result.backup)), file=out)
    return 0


def _merge(db: Database, data: dict[str, Any]) -> MergeResult:
    from opvoed_desktop.storage.merge import merge

    return merge(db, data)


def _print_result(result: MergeResult, out: TextIO, *, dry_run: bool) -> None:
    lead = _("Proefrit, er is niets gewijzigd.") + " " if dry_run else ""
    meetings = ngettext("{n} bijeenkomst in de bundel", "{n} bijeenkomsten in de bundel", result.meetings)
    print(lead + meetings.format(n=result.meetings) + ": " + result.describe_counts(), file=out)
    for line in result.describe_plan():
        print(line, file=out)
    if result.describe_deletions():
        print(result.describe_deletions(), file=out)
    for conflict in result.conflicts:
        print("  " + conflict.describe(), file=out)
