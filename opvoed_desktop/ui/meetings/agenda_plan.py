"""Turn a programme template into agenda entries for the storage layer (plain tuples)."""

from __future__ import annotations

from opvoed_desktop.content import Exercise, Library, Programme
from opvoed_desktop.i18n import _
from opvoed_desktop.services.meetings import AgendaEntry


def entries_from_programme(programme: Programme, library: Library) -> list[AgendaEntry]:
    entries: list[AgendaEntry] = []
    for entry in programme.entries:
        if entry.kind == "ref":
            target = library.get(entry.ref or "")
            kind = "exercise" if isinstance(target, Exercise) else "background"
            title = target.title if target is not None else entry.title
            if isinstance(target, Exercise):
                title = f"{target.letter}. {target.title}"
            entries.append((kind, entry.ref, title, entry.minutes or 0))
        elif entry.kind == "pauze":
            entries.append(("pause", None, _("Pauze"), entry.minutes or 0))
        elif entry.kind == "eigen":
            entries.append(("own", None, entry.title, entry.minutes or 0))
        else:
            entries.append(("session", None, entry.title, 0))
    return entries
