"""`opvoed-desktop content check|list`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from opvoed_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from opvoed_desktop.cli import CliContext
    from opvoed_desktop.content.model import Exercise, Library, Programme


def run(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.content.loader import load_library

    library = load_library(ctx.content_dir)
    if args.action == "check":
        return check(library, out, err)
    return listing(library, out, as_json=args.json)


def check(library: Library, out: TextIO, err: TextIO, translations: Path | None = None) -> int:
    from opvoed_desktop.cli.commands.translations import check_catalogs
    from opvoed_desktop.paths import translations_dir

    for problem in library.problems:
        print(problem.format(library.root), file=err)
    catalog_errors, catalog_warnings = check_catalogs(translations or translations_dir(), err)
    errors = len(library.errors) + catalog_errors
    warnings = len(library.problems) - len(library.errors) + catalog_warnings
    if errors:
        print(
            ngettext(
                "{n} fout gevonden; verbeter het bestand en controleer opnieuw.",
                "{n} fouten gevonden; verbeter de bestanden en controleer opnieuw.",
                errors,
            ).format(n=errors),
            file=err,
        )
        return 1
    print(
        _("Inhoud in orde: {items} onderdelen, {warnings} waarschuwingen.").format(
            items=len(library.items), warnings=warnings
        ),
        file=out,
    )
    return 0


def describe(library: Library) -> dict[str, object]:
    """The content as plain data, for `content list --json` and scripts."""

    def base(item: Any) -> dict[str, object]:
        return {"id": item.id, "title": item.title, "order": item.order}

    parts = []
    for part in library.of_kind("part"):
        parts.append(
            {
                **base(part),
                "number": part.number,
                "exercises": [_exercise(e) for e in library.exercises(part.id)],
            }
        )
    return {
        "parts": parts,
        "exercises": [_exercise(e) for e in library.exercises()],
        "pages": [base(i) for i in library.of_kind("page")],
        "background": [{**base(i), "screens": len(i.screens)} for i in library.of_kind("background")],
        "appendices": [{**base(i), "number": i.number} for i in library.of_kind("appendix")],
        "brochures": [{**base(i), "audience": i.audience} for i in library.of_kind("brochure")],
        "handouts": [{**base(i), "audience": i.audience} for i in library.of_kind("handout")],
        "templates": [{**base(i), "audience": i.audience} for i in library.of_kind("template")],
        "programmes": [_programme(p) for p in library.programmes()],
        "skipped": [str(p) for p in library.skipped],
    }


def _exercise(e: Exercise) -> dict[str, object]:
    return {
        "id": e.id,
        "letter": e.letter,
        "title": e.title,
        "part": e.part,
        "minutes": e.minutes,
        "capture": e.capture,
        "steps": [{"number": s.number, "title": s.title, "minutes": s.minutes} for s in e.steps],
        "krap_in_tijd": {
            "minutes": e.minutes_short,
            "shortcuts": [{"step": s.step, "saves": s.minutes} for s in e.shortcuts],
        },
        "minutes_with_interpreters": e.minutes_with_interpreters,
    }


def _programme(p: Programme) -> dict[str, object]:
    return {
        "id": p.id,
        "title": p.title,
        "minutes_available": p.minutes_available,
        "minutes_planned": p.minutes_planned,
        "entries": [{"kind": e.kind, "ref": e.ref, "title": e.title, "minutes": e.minutes} for e in p.entries],
    }


def listing(library: Library, out: TextIO, *, as_json: bool) -> int:
    data = describe(library)
    if as_json:
        from opvoed_desktop.cli import dump_json

        dump_json(data, out)
        return 0
    for part in library.of_kind("part"):
        print(_("Deel {n} — {title}").format(n=part.number, title=part.title), file=out)
        for e in library.exercises(part.id):
            print(
                "  " + _("{letter}. {title} ({minutes} min)").format(letter=e.letter, title=e.title, minutes=e.minutes),
                file=out,
            )
    sections = [
        (_("Pagina's"), "page"),
        (_("Achtergrond"), "background"),
        (_("Bijlagen"), "appendix"),
        (_("Brochures"), "brochure"),
        (_("Hand-outs"), "handout"),
        (_("Sjablonen"), "template"),
    ]
    for label, kind in sections:
        print(label, file=out)
        for item in library.of_kind(kind):
            print(f"  {item.title}", file=out)
    print(_("Programma's"), file=out)
    for p in library.programmes():
        print(
            "  "
            + _("{title} ({planned} van {available} min)").format(
                title=p.title, planned=p.minutes_planned, available=p.minutes_available
            ),
            file=out,
        )
    return 0
