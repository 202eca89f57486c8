"""`opvoed-desktop translations stats [--json]`, and the catalog part of `content check`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.cli import CliContext


def run(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.paths import translations_dir
    from opvoed_desktop.services.translations import TranslationError, TranslationService

    service = TranslationService(translations_dir(), ctx.data_paths.translations_overlay)
    try:
        rows = service.stats()
    except TranslationError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        from opvoed_desktop.cli import dump_json

        dump_json(rows, out)
        return 0
    header = (_("taal"), _("domein"), _("totaal"), _("nagekeken"), _("concept"), _("ontbreekt"))
    print("{:<7} {:<8} {:>7} {:>10} {:>8} {:>10}".format(*header), file=out)
    for row in rows:
        print(
            "{lang:<7} {domain:<8} {total:>7} {checked:>10} {draft:>8} {missing:>10}".format(**row),
            file=out,
        )
    return 0


def check_catalogs(translations: Path, err: TextIO) -> tuple[int, int]:
    """Print `file:line: problem` for every error in the shipped catalogs, and the warnings about
    catalog headers (a plural rule that differs from CLDR); returns (errors, warnings)."""
    from opvoed_desktop.i18n.po_checks import validate_catalog

    errors = warnings = 0
    for path in sorted(translations.glob("*/LC_MESSAGES/*.po")):
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{path}:0: {exc.strerror or exc}", file=err)
            errors += 1
            continue
        _catalog, problems = validate_catalog(data, path.parent.parent.name)
        for problem in problems:
            if problem.is_error:
                print(f"{path}:{problem.line}: {problem.message}", file=err)
                errors += 1
            else:  # the header's plural rule differs from CLDR (per-message hints are the editor's)
                warning = _("waarschuwing: {problem}").format(problem=problem.message)
                print(f"{path}:{problem.line}: {warning}", file=err)
                warnings += 1
    return errors, warnings
