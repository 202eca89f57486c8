"""The report as a Word document the municipality can edit: real Heading styles (Word's
navigation pane works), real tables with a repeating header row, right-to-left paragraphs
marked as such (w:bidi) so Word lays them out from the right."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph

from opvoed_desktop.export.report import Report
from opvoed_desktop.textdir import first_strong_rtl, has_rtl

ACCENT = RGBColor(0x0B, 0x5D, 0x6B)
TEXT_WIDTH = 6.5  # inches between the default template's margins


def render_docx(report: Report) -> bytes:
    doc = Document()
    doc.core_properties.title = report.title
    doc.core_properties.language = report.lang
    doc.core_properties.author = "opvoed-desktop"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    h = report.heads
    rtl = report.rtl

    _para(doc.add_heading(level=0), report.title, rtl)
    _para(doc.add_paragraph(style="Subtitle"), h["report"], rtl)
    if report.is_sample:
        _para(doc.add_paragraph(style="Intense Quote"), h["sample"], rtl)
    _heading(doc, h["details"], rtl)
    _table(doc, None, [list(row) for row in report.details], rtl, first_bold=True, fractions=[0.3, 0.7])
    _heading(doc, h["participants"], rtl)
    if report.participants:
        rows = [[s, report.number(c), o] for s, c, o in report.participants] + [
            [h["total"], report.number(report.participant_total), ""]
        ]
        _table(doc, [h["side"], h["count"], h["organisations"]], rows, rtl, fractions=[0.3, 0.15, 0.55])
    else:
        _para(doc.add_paragraph(), h["none"], rtl)
    _heading(doc, h["agenda"], rtl)
    if report.agenda:
        rows = [report.agenda_cells(r) for r in report.agenda]
        _table(
            doc,
            ["#", h["item"], h["planned"], h["min"], h["actual"], h["min"]],
            rows,
            rtl,
            fractions=[0.06, 0.38, 0.2, 0.08, 0.2, 0.08],
        )
    else:
        _para(doc.add_paragraph(), h["none"], rtl)
    _heading(doc, h["notes"], rtl)
    for group in report.notes:
        _heading(doc, group.heading, rtl, level=2)
        for text in group.texts:
            _para(doc.add_paragraph(), text, rtl)
    if not report.notes:
        _para(doc.add_paragraph(), h["none"], rtl)
    _heading(doc, h["strengths"], rtl)
    if report.strength_rows:
        _table(doc, list(report.strength_sides), [list(r) for r in report.strength_rows], rtl)
    for side, text in report.other_strengths:
        _para(doc.add_paragraph(style="List Bullet"), f"{side}: {text}", rtl)
    if not report.strength_rows and not report.other_strengths:
        _para(doc.add_paragraph(), h["none"], rtl)
    _heading(doc, h["agreements"], rtl)
    if report.agreements:
        _table(
            doc,
            [h["what"], h["who"], h["due"], h["status"]],
            [list(a) for a in report.agreements],
            rtl,
            fractions=[0.46, 0.2, 0.2, 0.14],
        )
    else:
        _para(doc.add_paragraph(), h["none"], rtl)
    _heading(doc, h["wishes"], rtl)
    for wish in report.wishes:
        _para(doc.add_paragraph(style="List Bullet"), wish, rtl)
    if not report.wishes:
        _para(doc.add_paragraph(), h["none"], rtl)
    _heading(doc, h["evaluation"], rtl)
    if report.evaluations:
        _table(doc, [h["group"], h["average"]], [[s.group, report.average(s)] for s in report.scores], rtl)
        doc.add_paragraph()
        _table(doc, [h["group"], h["score"], h["remark"]], report.evaluation_cells(), rtl)
    else:
        _para(doc.add_paragraph(), h["none"], rtl)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _heading(doc: object, text: str, rtl: bool, level: int = 1) -> None:
    _para(doc.add_heading(level=level), text, rtl)  # type: ignore[attr-defined]


def _para(paragraph: Paragraph, text: str, rtl: bool, *, bold: bool = False) -> Paragraph:
    run = paragraph.add_run()
    run.text = text  # python-docx turns \n into a line break and \t into a tab
    run.bold = bold or None
    if has_rtl(text):
        _set(run._r.get_or_add_rPr(), "w:rtl")
    if first_strong_rtl(text, rtl):
        _set(paragraph._p.get_or_add_pPr(), "w:bidi")
    return paragraph


def _table(
    doc: object,
    header: list[str] | None,
    rows: list[list[str]],
    rtl: bool,
    *,
    first_bold: bool = False,
    fractions: list[float] | None = None,
) -> None:
    width = len(header or rows[0])
    table = doc.add_table(rows=0, cols=width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT if rtl else WD_TABLE_ALIGNMENT.LEFT
    if rtl:
        table.table_direction = WD_TABLE_DIRECTION.RTL  # first column on the right
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            _para(cell.paragraphs[0], text, rtl, bold=True)
            _shade(cell, "E8F1F2")
        _set(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")  # repeats on every page
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            _para(cell.paragraphs[0], text, rtl, bold=first_bold and i == 0)
    if fractions:
        # Word reads the width of every cell, LibreOffice the grid: set both.
        table.autofit = False
        for column, fraction in zip(table.columns, fractions, strict=True):
            column.width = Inches(TEXT_WIDTH * fraction)  # the grid LibreOffice reads
        for row in table.rows:
            for cell, fraction in zip(row.cells, fractions, strict=True):
                cell.width = Inches(TEXT_WIDTH * fraction)


def _set(parent: object, tag: str) -> None:
    parent.append(OxmlElement(tag))  # type: ignore[attr-defined]


def _shade(cell: object, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]
