"""The agenda of a meeting for the wall: big type, time · activity · minutes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from opvoed_desktop.documents.compose import FRAME_WIDTH, Side, build_pdf, footer_for, notice, notice_lines
from opvoed_desktop.documents.model import AgendaLine, Tally
from opvoed_desktop.documents.styles import ACCENT, RULE, SOFT


def build_agenda(lines: Sequence[AgendaLine], sides: list[Side], subtitle: str) -> tuple[bytes, Tally]:
    primary = sides[0]
    story: list[Flowable] = [primary.writer.para(primary.texts.label("agenda"), "title")]
    if len(sides) > 1:
        story.append(sides[1].writer.para(sides[1].texts.label("agenda"), "h2"))
    if subtitle:
        story.append(primary.writer.para(subtitle, "body"))
    story.append(Spacer(1, 4 * mm))
    head = [
        [
            primary.writer.para(s.texts.label(k), "head") if s is primary else s.writer.para(s.texts.label(k), "head")
            for s in sides
        ]
        for k in ("time", "item", "minutes")
    ]
    rows: list[list[Any]] = [head]
    for line in lines:
        title_cell = [primary.writer.para(line.title, "body")]
        if len(sides) > 1 and line.title_nl and line.title_nl != line.title:
            title_cell.append(sides[1].writer.para(line.title_nl, "small"))
        rows.append(
            [
                [primary.writer.para(line.time, "body")],
                title_cell,
                [primary.writer.para(str(line.minutes) if line.minutes else "", "body")],
            ]
        )
    widths = [FRAME_WIDTH * 0.16, FRAME_WIDTH * 0.66, FRAME_WIDTH * 0.18]
    if primary.writer.rtl:
        rows = [list(reversed(r)) for r in rows]
        widths.reverse()
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), primary.writer.face.regular),
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, SOFT]),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story.append(table)
    box = notice(sides, [primary.texts.tally], FRAME_WIDTH)
    if box is not None:
        story.insert(1, box)
    title = primary.texts.label("agenda")
    footer = footer_for(primary, primary.writer.facts.native_name, notice_lines(sides, [primary.texts.tally]))
    pdf = build_pdf(story, title=title, lang=primary.lang, footer=footer)
    return pdf, primary.texts.tally
