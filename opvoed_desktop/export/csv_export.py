"""Agreements as CSV that Excel opens without an import wizard.

UTF-8 with a BOM (Excel otherwise guesses a legacy code page), `;` for locales whose decimal sign
is a comma (Dutch Excel expects it), `,` otherwise. A cell that starts with = + - @ (or a tab/CR)
gets a leading apostrophe, so Excel shows it as text instead of running it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from opvoed_desktop.export.words import Words, clean_text
from opvoed_desktop.services.records import MeetingDetail

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def agreements_csv(meetings: Iterable[MeetingDetail], words: Words) -> bytes:
    _ = words.gettext
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=words.csv_separator, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_("Bijeenkomst"), _("Datum"), _("Gemeente"), _("Wat"), _("Wie"), _("Wanneer klaar"), _("Status")])
    for meeting in meetings:
        day = meeting.starts_at.date().isoformat() if meeting.starts_at else ""
        for a in meeting.agreements:
            row = [
                clean_text(meeting.title),
                day,
                clean_text(meeting.municipality),
                clean_text(a.what),
                clean_text(a.party),
                a.due.isoformat() if a.due else clean_text(a.due_text),
                words.status(a.status),
            ]
            writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
