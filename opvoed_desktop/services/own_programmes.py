"""Own programme templates: a meeting's agenda kept to start other meetings from.

Each is a programme file in the content format (front matter with `items:`), in the data folder's
`programmas/`, so the content check reads it and a facilitator can pass it on as a file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import yaml

from opvoed_desktop.content.agenda import AgendaItem
from opvoed_desktop.content.model import Library, Programme
from opvoed_desktop.errors import AppError
from opvoed_desktop.fileio import write_atomic
from opvoed_desktop.i18n import _

FOLDER = "programmas"
PREFIX = "eigen-"


class ProgrammeSaveError(AppError):
    """The template could not be written; `str(exc)` says why in one sentence."""


def folder_of(data_root: Path) -> Path:
    return data_root / FOLDER


def load_own(folder: Path) -> list[Programme]:
    """The valid own programmes, by title; a damaged file is left alone (the content check names it)."""
    from opvoed_desktop.content.loader import FileProblems, load_file

    found: list[Programme] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.md")):
        item = load_file(path, FileProblems(path), folder)
        if isinstance(item, Programme):
            found.append(item)
    return sorted(found, key=lambda p: p.title.casefold())


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:40] or "programma"


def _entry(item: AgendaItem) -> dict[str, object]:
    if item.kind in ("exercise", "background") and item.ref:
        return {"ref": item.ref, "minutes": item.minutes}
    if item.kind == "pause" and item.minutes > 0:
        return {"pauze": item.minutes}
    if item.kind == "session":
        return {"sessie": item.title}
    return {"eigen": item.title, "minutes": item.minutes}


def save_own(
    folder: Path, title: str, items: Sequence[AgendaItem], minutes_available: int, library: Library | None = None
) -> Programme:
    """Write the agenda as a programme; a new file next to any of the same name, never over it."""
    title = " ".join(title.split())
    if not title:
        raise ProgrammeSaveError(_("Geef het programma een naam."))
    if not items:
        raise ProgrammeSaveError(_("De agenda is leeg; er is niets om als programma te bewaren."))
    taken = {p.stem for p in folder.glob("*.md")} if folder.is_dir() else set()
    taken |= set(library.items) if library is not None else set()
    base = PREFIX + _slug(title)
    item_id, number = base, 2
    while item_id in taken:
        item_id, number = f"{base}-{number}", number + 1
    meta = {
        "id": item_id,
        "kind": "programme",
        "order": 1000,
        "title": title,
        "summary": _("Eigen programma, bewaard op {date}.").format(date=date.today().strftime("%d-%m-%Y")),
        "minutes_available": max(0, int(minutes_available)),
        "items": [_entry(item) for item in items],
    }
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
    path = folder / f"{item_id}.md"
    try:
        write_atomic(path, text.encode("utf-8"), make_folder=True)
    except OSError as exc:
        raise ProgrammeSaveError(
            _("Het programma kon niet worden bewaard in {folder} ({reason}).").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from None
    from opvoed_desktop.content.loader import FileProblems, load_file

    problems = FileProblems(path)
    programme = load_file(path, problems, folder)
    if not isinstance(programme, Programme):
        path.unlink(missing_ok=True)
        first = problems.problems[0].message if problems.problems else ""
        raise ProgrammeSaveError(_("Het programma kon niet worden gelezen: {problem}").format(problem=first))
    return programme
