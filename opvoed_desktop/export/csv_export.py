"""Agreements as CSV that Excel opens without an import wizard.

UTF-8 with a BOM (Excel otherwise guesses a legacy code page), `;` for locales whose decimal sign
is a comma (Dutch Excel expects it), `,` otherwise. A cell that starts with = + - @ (also behind
spaces or line breaks), a tab or a line break gets a leading apostrophe, so Excel shows it as text
instead of running it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from opvoed_desktop.export.words import Words, clean_text
from opvoed_desktop.storage.records import MeetingDetail

# Signs a spreadsheet reads as the start of a formula (with the full-width forms some accept), and
# what it skips before them: spaces, line breaks, and characters one cannot see.
_FORMULA_SIGNS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_INVISIBLE = " \t\r\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff"


def neutralise(value: str) -> str:
    """A leading apostrophe for a cell that could run as a formula.

    Checks the cleaned text (clean_text turns CR into LF), so a cell that starts with a tab or a
    line break is guarded too, as is a formula sign behind spaces or line breaks.
    """
    if value[:1] in ("\t", "\r", "\n") or value.lstrip(_INVISIBLE).startswith(_FORMULA_SIGNS):
        return "'" + value
    return value


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
