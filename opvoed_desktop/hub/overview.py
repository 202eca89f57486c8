"""The organisation-wide overview a funder asks for: counts only, never a word of note text.

Per municipality and period (a quarter or a year, by the meeting's date): the number of meetings,
participants per side, agreements open (open or busy) and done. Portable SQL, so the same query
counts a laptop's SQLite database or the hub's PostgreSQL one. Sample and trashed meetings do not
count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, func, select

from opvoed_desktop.storage import models as m

PERIODS = ("quarter", "year")


@dataclass
class OverviewRow:
    municipality: str
    period: str  # "2026-K4" or "2026"; "" for meetings without a date
    meetings: int = 0
    participants: dict[str, int] = field(default_factory=dict)  # side -> people
    agreements_open: int = 0
    agreements_done: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "municipality": self.municipality,
            "period": self.period,
            "meetings": self.meetings,
            "participants": dict(sorted(self.participants.items())),
            "agreements_open": self.agreements_open,
            "agreements_done": self.agreements_done,
        }


def period_of(when: datetime | None, period: str) -> str:
    if when is None:
        return ""
    if period == "year":
        return f"{when.year}"
    return f"{when.year}-K{(when.month - 1) // 3 + 1}"


def overview(conn: Connection, *, period: str = "quarter") -> list[OverviewRow]:
    meeting = m.Meeting
    live = (meeting.is_sample.is_(False), meeting.deleted_at.is_(None))
    when: dict[str, tuple[str, str]] = {}
    rows: dict[tuple[str, str], OverviewRow] = {}
    for meeting_id, municipality, starts_at in conn.execute(
        select(meeting.id, meeting.municipality, meeting.starts_at).where(*live)
    ):
        key = (municipality or "", period_of(starts_at, period))
        when[meeting_id] = key
        row = rows.setdefault(key, OverviewRow(*key))
        row.meetings += 1
    group = m.ParticipantGroup
    stmt = (
        select(group.meeting_id, group.side, func.sum(group.count))
        .join(meeting, meeting.id == group.meeting_id)
        .where(*live)
        .group_by(group.meeting_id, group.side)
    )
    for meeting_id, side, people in conn.execute(stmt):
        target = rows[when[meeting_id]]
        target.participants[side] = target.participants.get(side, 0) + int(people or 0)
    agreement = m.Agreement
    stmt = (
        select(agreement.meeting_id, agreement.status, func.count())
        .join(meeting, meeting.id == agreement.meeting_id)
        .where(*live)
        .group_by(agreement.meeting_id, agreement.status)
    )
    for meeting_id, status, count in conn.execute(stmt):
        target = rows[when[meeting_id]]
        if status == m.AgreementStatus.DONE:
            target.agreements_done += int(count)
        else:
            target.agreements_open += int(count)
    return sorted(rows.values(), key=lambda r: (r.municipality.casefold(), r.period))


def totals(rows: Iterable[OverviewRow]) -> OverviewRow:
    total = OverviewRow("", "")
    for row in rows:
        total.meetings += row.meetings
        total.agreements_open += row.agreements_open
        total.agreements_done += row.agreements_done
        for side, people in row.participants.items():
            total.participants[side] = total.participants.get(side, 0) + people
    return total


def write_pdf(rows: list[OverviewRow], target: Path, *, title: str, source: str) -> None:
    """A table with a total line, counts only, in the interface language: through the app's own PDF
    engine (fonts found for the script, shaped, right to left where the language is), written
    atomically and readable by the user alone, like every other export."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from opvoed_desktop.documents.compose import MARGIN, build_pdf
    from opvoed_desktop.documents.fonts import FontLocator
    from opvoed_desktop.export.pdf_report import report_footer, report_table
    from opvoed_desktop.export.pdf_text import TextSetter
    from opvoed_desktop.fileio import write_atomic
    from opvoed_desktop.i18n import _
    from opvoed_desktop.i18n.catalogs import locale_facts
    from opvoed_desktop.i18n.translator import active, is_rtl
    from opvoed_desktop.services.labels import label, sides

    lang = active().locale
    try:
        script = locale_facts(lang).script
    except ValueError:  # a pseudo-locale or a code babel does not know: Latin letters
        script = "latin"
    setter = TextSetter(FontLocator(), rtl=is_rtl(lang), script=script, language=lang)
    side_values = [s.value for s in m.Side]
    header = [
        _("Gemeente"),
        _("Periode"),
        _("Bijeenkomsten"),
        *[_("deelnemers {side}").format(side=label(sides(), s)) for s in side_values],
        _("Afspraken open"),
        _("Afspraken klaar"),
    ]

    def cells(row: OverviewRow, name: str, period: str) -> list[str]:
        return [
            name,
            period,
            str(row.meetings),
            *[str(row.participants.get(s, 0)) for s in side_values],
            str(row.agreements_open),
            str(row.agreements_done),
        ]

    body = [cells(r, r.municipality or _("(geen gemeente)"), r.period or _("(geen datum)")) for r in rows]
    body.append(cells(totals(rows), _("Totaal"), ""))
    counts = len(header) - 3
    fractions = [0.16, 0.08, 0.12, *[0.64 / counts] * counts]  # "Bijeenkomsten" is the longest word
    page = landscape(A4)  # nine columns: the page on its side, so no heading breaks inside a word
    story = [
        *setter.paras(title, "title"),
        *setter.paras(source, "body"),
        *setter.paras(_("Alleen aantallen; er staat geen tekst uit notities in dit overzicht."), "small"),
        Spacer(1, 4 * mm),
        report_table(setter, header, body, fractions, total=True, width=page[0] - 2 * MARGIN),
    ]
    footer = report_footer(setter, [title], lang, page_width=page[0])
    data = build_pdf(story, title=title, lang=lang, footer=footer, pagesize=page)
    write_atomic(target, data)
