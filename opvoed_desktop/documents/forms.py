"""Templates to print (content kind `template`): a letter or a form with lines to write on, a table
with empty rows, and questions answered by colouring one of three faces.

Built from the same pieces as the hand-outs (`compose`), so the texts come from the catalogs, the
draft notice appears, right-to-left languages read from the right and Dutch can stand beside the
reader's language. The form blocks span the page in the bilingual layout: one place to write, with
the Dutch words under the reader's own.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.graphics.shapes import Circle, Drawing, PolyLine
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from opvoed_desktop.content.model import Block, Heading, Item, ListItem, Paragraph, Special
from opvoed_desktop.documents.compose import FRAME_WIDTH, Side, Units, build_pdf, footer_for, lay_out, notice
from opvoed_desktop.documents.handout import list_item
from opvoed_desktop.documents.model import Tally
from opvoed_desktop.documents.styles import ACCENT, INK, RULE
from opvoed_desktop.documents.widgets import write_in_table

TABLE_ROWS = 6
ANSWER_LINES = 2  # under a question; keeps the evaluation form on one page in every script
FACE = 9 * mm  # one face's diameter: big enough to colour in with a pen
Values = dict[str, dict[str, str]]  # placeholder values per language


def build_form(item: Item, sides: list[Side], values: Values) -> tuple[bytes, Tally]:
    units = Units()
    units.add(lambda side: [side.writer.para(side.texts.get(item.title), "title")])
    for block in item.blocks:
        _add(units, block, sides, values)
    story = lay_out(units, sides, FRAME_WIDTH)
    tallies = [s.texts.tally for s in sides if s.primary]
    box = notice(sides, tallies, FRAME_WIDTH)
    if box is not None:
        story.insert(1 if len(sides) == 1 else 0, box)
    primary = sides[0]
    title = primary.texts.catalog.lookup(item.title)[0]
    pdf = build_pdf(story, title=title, lang=primary.lang, footer=footer_for(primary, primary.writer.facts.native_name))
    return pdf, tallies[0]


def _text(side: Side, msgid: str, values: Values) -> str:
    return side.texts.get(msgid, values.get(side.lang, {}), values.get("nl"))


def _add(units: Units, block: Block, sides: list[Side], values: Values) -> None:
    # Each unit is called once per language side; the block is bound now (no loop variable late-binding).
    if isinstance(block, Heading):
        heading, style = block, ("h2" if block.level <= 2 else "h3")
        units.add(lambda side: [side.writer.para(_text(side, heading.text, values), style)], heading=True)
    elif isinstance(block, ListItem):
        item = block
        units.add(lambda side: list_item(side, item, _text(side, item.text, values)))
    elif isinstance(block, Paragraph):
        paragraph = block
        units.add(lambda side: side.writer.paras(_text(side, paragraph.text, values), "body"))
    elif isinstance(block, Special) and block.kind in BUILDERS:
        texts = [c.text for c in block.children if isinstance(c, Paragraph | ListItem)]
        build = BUILDERS[block.kind]
        units.add(lambda _side: build(sides, texts, values), span=True)


def _labels(sides: list[Side], msgid: str, values: Values, style: str) -> list[Flowable]:
    """The reader's words, and under them the Dutch ones in the bilingual layout."""
    cell = [sides[0].writer.para(_text(sides[0], msgid, values), style)]
    for side in sides[1:]:
        cell.append(side.writer.para(_text(side, msgid, values), "small"))
    return cell


def _fields(sides: list[Side], texts: list[str], values: Values) -> list[Flowable]:
    """Each label with a line to write on beside it (on its left in right-to-left text); a question
    (a label ending in "?") gets two full-width lines under it, room for an answer."""
    primary = sides[0]
    label_width = FRAME_WIDTH * 0.38
    widths = [label_width, FRAME_WIDTH - label_width]
    line_col = 0 if primary.writer.rtl else 1
    if primary.writer.rtl:
        widths.reverse()
    rows: list[list[object]] = []
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), primary.writer.face.regular),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for msgid in texts:
        label = _labels(sides, msgid, values, "body")
        if msgid.rstrip().endswith("?"):
            rows.append([label, ""])
            commands.append(("SPAN", (0, len(rows) - 1), (1, len(rows) - 1)))
            for _line in range(ANSWER_LINES):
                rows.append(["", ""])
                commands.append(("SPAN", (0, len(rows) - 1), (1, len(rows) - 1)))
                commands.append(("LINEBELOW", (0, len(rows) - 1), (1, len(rows) - 1), 0.8, RULE))
        else:
            rows.append(list(reversed([label, ""])) if primary.writer.rtl else [label, ""])
            commands.append(("LINEBELOW", (line_col, len(rows) - 1), (line_col, len(rows) - 1), 0.8, RULE))
    heights = [None if any(cell for cell in row) else primary.writer.styles.body_size * 2.0 for row in rows]
    table = Table(rows, colWidths=widths, rowHeights=heights)
    table.setStyle(TableStyle(commands))
    return [table, Spacer(1, 3 * mm)]


def _table(sides: list[Side], texts: list[str], values: Values) -> list[Flowable]:
    """One column per line of the block, and empty rows to write the agreements or answers in."""
    primary = sides[0]
    headers = []
    for msgid in texts:
        cell = [primary.writer.para(_text(primary, msgid, values), "head")]
        cell.extend(side.writer.para(_text(side, msgid, values), "head") for side in sides[1:])
        headers.append(cell)
    widths = [FRAME_WIDTH / len(texts)] * len(texts)
    table = write_in_table(
        headers,
        widths,
        TABLE_ROWS,
        primary.writer.rtl,
        row_height=primary.writer.styles.body_size * 3.6,
        rule=RULE,
        head=ACCENT,
        font=primary.writer.face.regular,
    )
    return [Spacer(1, 1 * mm), table, Spacer(1, 3 * mm)]


def _faces_rows(sides: list[Side], texts: list[str], values: Values) -> list[Flowable]:
    """Each question with three faces to colour: not happy, so-so, happy (happy on the reading end)."""
    primary = sides[0]
    faces_width = 3 * FACE + 4 * 3 * mm
    rows = []
    for msgid in texts:
        row = [_labels(sides, msgid, values, "body"), faces(primary.writer.rtl)]
        rows.append(list(reversed(row)) if primary.writer.rtl else row)
    widths = [FRAME_WIDTH - faces_width, faces_width]
    if primary.writer.rtl:
        widths.reverse()
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), primary.writer.face.regular),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [table, Spacer(1, 3 * mm)]


def faces(rtl: bool = False) -> Drawing:
    """Three faces in a row: mouth down, straight, up. In right-to-left text the row is mirrored,
    so "from bad to good" runs in the reading direction."""
    gap = 3 * mm
    drawing = Drawing(3 * FACE + 4 * gap, FACE + 2)
    moods = [-1, 0, 1]
    if rtl:
        moods.reverse()
    for index, mood in enumerate(moods):
        cx = gap + FACE / 2 + index * (FACE + gap)
        cy = FACE / 2 + 1
        _face(drawing, cx, cy, FACE / 2, mood)
    return drawing


def _face(drawing: Drawing, cx: float, cy: float, r: float, mood: int) -> None:
    drawing.add(Circle(cx, cy, r, strokeColor=INK, strokeWidth=1.1, fillColor=colors.white))
    for side in (-1, 1):
        drawing.add(Circle(cx + side * r * 0.36, cy + r * 0.28, r * 0.09, strokeColor=INK, fillColor=INK))
    # The mouth: a curve bending down (mood -1), a straight line (0) or a smile (1).
    points: list[float] = []
    for step in range(9):
        x = -0.45 + 0.9 * step / 8
        bend = mood * 0.28 * (1 - math.cos(math.pi * (x / 0.45))) / 2
        points.extend([cx + x * r, cy - r * 0.38 + bend * r - mood * 0.14 * r])
    drawing.add(PolyLine(points, strokeColor=INK, strokeWidth=1.3, strokeLineCap=1))


BUILDERS: dict[str, Callable[[list[Side], list[str], Values], list[Flowable]]] = {
    "invullen": _fields,
    "tabel": _table,
    "gezichten": _faces_rows,
}
