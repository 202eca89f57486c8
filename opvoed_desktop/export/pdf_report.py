"""The meeting report as PDF: a cover with the meeting's details and the participants chart, then
the agenda as planned and as run, notes per agenda item, strengths in two columns, agreements,
wishes and the evaluation chart. Right-to-left languages mirror tables and charts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from opvoed_desktop.documents.compose import FRAME_WIDTH, MARGIN, build_pdf
from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.documents.styles import ACCENT, NOTICE, RULE, SOFT
from opvoed_desktop.export.charts import bar_chart
from opvoed_desktop.export.pdf_text import TextSetter
from opvoed_desktop.export.report import Report
from opvoed_desktop.i18n.catalogs import locale_facts
from opvoed_desktop.i18n.numerals import joined, number

Cell = list[Flowable]


def render_pdf(report: Report, fonts: FontLocator, *, today: date | None = None) -> tuple[bytes, int]:
    """The PDF and how many characters no font could show (printed as U+FFFD)."""
    facts = locale_facts(report.lang)
    setter = TextSetter(fonts, rtl=report.rtl, script=facts.script, language=report.lang)
    h = report.heads
    story: list[Flowable] = []
    story += setter.paras(report.title, "title")
    story += setter.paras(h["report"], "h3", own_direction=False)
    story.append(Spacer(1, 4 * mm))
    if report.is_sample:
        story.append(_box(setter.paras(h["sample"], "notice", own_direction=False), NOTICE))
        story.append(Spacer(1, 3 * mm))
    story.append(_table(setter, None, [[label, value] for label, value in report.details], [0.3, 0.7], label_col=True))
    story += _heading(setter, h["participants"])
    if report.participants:
        total = report.participant_total
        rows = [(side, float(count), report.number(count)) for side, count, _orgs in report.participants]
        top = max(count for _side, count, _o in report.participants) or 1
        story.append(
            bar_chart(rows, maximum=top, width=FRAME_WIDTH, setter=setter, ticks=_ticks(top), number=report.number)
        )
        story.append(Spacer(1, 3 * mm))
        body = [[s, report.number(c), o] for s, c, o in report.participants]
        body.append([h["total"], report.number(total), ""])
        story.append(_table(setter, [h["side"], h["count"], h["organisations"]], body, [0.28, 0.12, 0.6], total=True))
    else:
        story += setter.paras(h["none"], "body", own_direction=False)
    story.append(PageBreak())

    story += _heading(setter, h["agenda"])
    if report.agenda:
        body = [report.agenda_cells(r) for r in report.agenda]
        head = ["#", h["item"], h["planned"], h["min"], h["actual"], h["min"]]
        story.append(_table(setter, head, body, [0.05, 0.39, 0.17, 0.1, 0.18, 0.11]))
    else:
        story += setter.paras(h["none"], "body", own_direction=False)
    story += _heading(setter, h["notes"])
    for group in report.notes:
        story.append(CondPageBreak(30 * mm))
        story += setter.paras(group.heading, "h3")
        for text in group.texts:
            story += setter.paras(text, "body")
    if not report.notes:
        story += setter.paras(h["none"], "body", own_direction=False)
    story += _heading(setter, h["strengths"])
    if report.strength_rows:
        story.append(_table(setter, list(report.strength_sides), [list(r) for r in report.strength_rows], [0.5, 0.5]))
    if report.other_strengths:
        story.append(Spacer(1, 2 * mm))
        story.append(_table(setter, [h["side"], h["strengths"]], [list(r) for r in report.other_strengths], [0.3, 0.7]))
    if not report.strength_rows and not report.other_strengths:
        story += setter.paras(h["none"], "body", own_direction=False)
    story += _heading(setter, h["agreements"])
    if report.agreements:
        head = [h["what"], h["who"], h["due"], h["status"]]
        story.append(_table(setter, head, [list(a) for a in report.agreements], [0.48, 0.2, 0.18, 0.14]))
    else:
        story += setter.paras(h["none"], "body", own_direction=False)
    story += _heading(setter, h["wishes"])
    for wish in report.wishes:
        lines = setter.paras(wish, "item")
        story.append(_bulleted(setter, lines))
    if not report.wishes:
        story += setter.paras(h["none"], "body", own_direction=False)
    story += _heading(setter, h["evaluation"])
    if report.evaluations:
        rows = [(s.group, s.average, report.number(s.average, 1)) for s in report.scores]
        chart = bar_chart(
            rows, maximum=5, width=FRAME_WIDTH, setter=setter, ticks=[1, 2, 3, 4, 5], number=report.number
        )
        story.append(
            KeepTogether([*setter.paras(h["average"], "small", own_direction=False), Spacer(1, 1 * mm), chart])
        )
        story.append(Spacer(1, 3 * mm))
        body = report.evaluation_cells()
        story.append(_table(setter, [h["group"], h["score"], h["remark"]], body, [0.25, 0.1, 0.65]))
    else:
        story += setter.paras(h["none"], "body", own_direction=False)

    if setter.replaced:
        from opvoed_desktop.i18n import _

        warning = _(
            "{n} tekens konden niet worden afgedrukt (geen lettertype); ze staan als \ufffd. "
            "De DOCX- en Markdown-export bevatten ze wel."
        ).format(n=report.number(setter.replaced))
        story.insert(2, _box(setter.paras(warning, "notice", own_direction=False), NOTICE))
    made = h["made"].format(date=_today(today, setter, report))
    short = report.title if len(report.title) <= 60 else report.title[:59] + "…"
    footer = _footer(setter, [short, made], h["page"], report)
    return build_pdf(story, title=report.title, lang=report.lang, footer=footer), setter.replaced


def _today(today: date | None, setter: TextSetter, report: Report) -> str:
    from opvoed_desktop.i18n.dates import printed_date

    return printed_date(today or date.today(), report.lang)


def _ticks(top: int) -> list[float]:
    step = max(1, round(top / 5))
    return [float(t) for t in range(0, top + 1, step)]


def _heading(setter: TextSetter, text: str) -> list[Flowable]:
    # Keep a heading with at least a few lines of what follows it.
    return [CondPageBreak(25 * mm), *setter.paras(text, "h2", own_direction=False)]


def _bulleted(setter: TextSetter, lines: list[Flowable]) -> Flowable:
    bullet = setter.para("•", "item", own_direction=False)
    cells = [lines, [bullet]] if setter.rtl else [[bullet], lines]
    widths = [FRAME_WIDTH - 6 * mm, 6 * mm] if setter.rtl else [6 * mm, FRAME_WIDTH - 6 * mm]
    table = Table([cells], colWidths=widths, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("FONT", (0, 0), (-1, -1), setter.main.regular),
            ]
        )
    )
    return table


def _table(
    setter: TextSetter,
    header: list[str] | None,
    rows: list[list[str]],
    fractions: list[float],
    *,
    label_col: bool = False,
    total: bool = False,
    width: float = FRAME_WIDTH,
) -> Table:
    """A table of paragraphs; the header repeats on every page; right-to-left puts column 1 right."""
    data: list[list[Cell]] = []
    if header:
        data.append([setter.paras(text, "head", own_direction=False) for text in header])
    for row in rows:
        data.append([setter.paras(text, "cell-bold" if label_col and i == 0 else "cell") for i, text in enumerate(row)])
    widths = [width * f for f in fractions]
    if setter.rtl:
        data = [list(reversed(r)) for r in data]
        widths.reverse()
    # splitInRow: a 100 KB cell must flow over pages instead of failing the layout.
    table = Table(
        data, colWidths=widths, repeatRows=1 if header else 0, hAlign="RIGHT" if setter.rtl else "LEFT", splitInRow=1
    )
    commands = [
        ("FONT", (0, 0), (-1, -1), setter.main.regular),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), ACCENT))
    if label_col:
        commands.append(("BACKGROUND", (-1 if setter.rtl else 0, 0), (-1 if setter.rtl else 0, -1), SOFT))
    if total:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), SOFT))
    table.setStyle(TableStyle(commands))
    return table


def _box(content: list[Flowable], fill: colors.Color) -> Table:
    box = Table([[content]], colWidths=[FRAME_WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return box


def report_table(
    setter: TextSetter,
    header: list[str] | None,
    rows: list[list[str]],
    fractions: list[float],
    *,
    total: bool = False,
    width: float = FRAME_WIDTH,
) -> Table:
    """The report's table (header repeated, mirrored right to left) for other count sheets;
    `width`: the frame's width when the page is not A4 upright."""
    return _table(setter, header, rows, fractions, total=total, width=width)


def report_footer(
    setter: TextSetter, parts: list[str], lang: str, page_width: float = A4[0]
) -> Callable[[object, object], None]:
    """The report's foot line (`parts` and the page number, in the language's digits)."""

    def draw(canvas: Any, doc: object) -> None:
        para = setter.para(joined([*parts, number(canvas.getPageNumber(), lang)], lang), "small", own_direction=False)
        _w, height = para.wrap(page_width - 2 * MARGIN, 40)
        para.drawOn(canvas, MARGIN, MARGIN - height + 2 * mm)

    draw.font_name = setter.main.regular  # type: ignore[attr-defined]
    return draw


def _footer(setter: TextSetter, parts: list[str], page_label: str, report: Report) -> Callable[[object, object], None]:
    def draw(canvas: Any, doc: object) -> None:
        page = page_label.format(n=report.number(canvas.getPageNumber()))
        para = setter.para(joined([*parts, page], report.lang), "small", own_direction=False)
        _w, height = para.wrap(A4[0] - 2 * MARGIN, 40)
        para.drawOn(canvas, MARGIN, MARGIN - height + 2 * mm)

    draw.font_name = setter.main.regular  # type: ignore[attr-defined]
    return draw
