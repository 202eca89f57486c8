"""Programme entries from front matter: `ref`, `pauze`, `eigen` or `sessie`, one per list element."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opvoed_desktop.content.model import ProgrammeEntry
from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.content.loader import FileProblems

ENTRY_KEYS = ("ref", "pauze", "eigen", "sessie")


def parse_entries(
    raw: list[Any], element_lines: list[int], items_line: int, found: FileProblems
) -> list[ProgrammeEntry]:
    entries: list[ProgrammeEntry] = []
    for index, element in enumerate(raw):
        line = element_lines[index] if index < len(element_lines) else items_line
        if not isinstance(element, dict):
            found.error(line, _("elk programma-onderdeel is 'ref:', 'pauze:', 'eigen:' of 'sessie:'"))
            continue
        keys = [k for k in ENTRY_KEYS if k in element]
        if len(keys) != 1:
            found.error(line, _("een onderdeel heeft precies één van: ref, pauze, eigen, sessie"))
            continue
        key = keys[0]
        extra = set(element) - {key, "minutes"}
        if extra:
            found.warn(
                line,
                _("onbekend veld '{field}' in het programma").format(field=", ".join(sorted(extra))),
            )
        minutes = element.get("minutes")
        if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
            found.error(line, _("'minutes' moet een heel getal zijn"))
            minutes = None
        value = element[key]
        if key == "pauze":
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                found.error(line, _("'pauze:' heeft een aantal minuten nodig, bijvoorbeeld 'pauze: 15'"))
                continue
            entries.append(ProgrammeEntry("pauze", minutes=value, line=line))
        elif key == "eigen":
            if minutes is None:
                found.error(line, _("een eigen onderdeel heeft 'minutes:' nodig"))
                continue
            entries.append(ProgrammeEntry("eigen", str(value), minutes=minutes, line=line))
        elif key == "sessie":
            entries.append(ProgrammeEntry("sessie", str(value), line=line))
        else:
            entries.append(ProgrammeEntry("ref", ref=str(value), minutes=minutes, line=line))
    return entries
