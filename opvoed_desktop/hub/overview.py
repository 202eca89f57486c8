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
    """A plain table on A4 landscape (reportlab), with a total line; counts only."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from opvoed_desktop.i18n import _
    from opvoed_desktop.services.labels import label, sides

    side_values = [s.value for s in m.Side]
    styles = getSampleStyleSheet()
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

    data = [header]
    data += [cells(r, r.municipality or _("(geen gemeente)"), r.period or _("(geen datum)")) for r in rows]
    data.append(cells(totals(rows), _("Totaal"), ""))
    table = Table(data, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#f0f3f6")]),
            ]
        )
    )
    doc = SimpleDocTemplate(str(target), pagesize=landscape(A4), title=title)
    story = [
        Paragraph(title, styles["Title"]),
        Paragraph(source, styles["Normal"]),
        Paragraph(_("Alleen aantallen; er staat geen tekst uit notities in dit overzicht."), styles["Italic"]),
        Spacer(1, 12),
        table,
    ]
    doc.build(story)
    if hasattr(target, "chmod"):
        target.chmod(0o600)
