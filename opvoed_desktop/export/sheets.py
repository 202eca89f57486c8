"""Two sheets for the facilitator, printed from the meeting's agenda: the running order on one page
and the materials checklist (what each exercise needs, with a box to tick).

Plain data in, PDF bytes out, through the report's text setter (any script, in its own direction)
and the documents' page template. Labels come in the interface language, already translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from opvoed_desktop.documents.compose import FRAME_WIDTH, MARGIN, build_pdf
from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.documents.styles import ACCENT, RULE, SOFT, make_styles
from opvoed_desktop.export.pdf_text import TextSetter
from opvoed_desktop.i18n.catalogs import locale_facts

# The running order shrinks until it fits on one page (a very long one stays readable on two).
SCALES = (1.0, 0.88, 0.78, 0.7, 0.62, 0.55)


@dataclass(frozen=True)
class RunningLine:
    time: str  # "19:00–19:25"; empty for a session heading
    title: str
    minutes: str
    what: str  # how the group works (an exercise), or the kind of item
    heading: bool = False


@dataclass(frozen=True)
class MaterialsBlock:
    title: str
    time: str
    materials: tuple[str, ...]


@dataclass(frozen=True)
class SheetTexts:
    """Headings and labels in the interface language (the caller translates them)."""

    title: str
    subtitle: str = ""
    columns: tuple[str, ...] = ()
    footer: str = ""
    closing: str = ""  # under the table: the fit of the agenda
    empty: str = ""  # said when there is nothing to list


def _setter(lang: str, fonts: FontLocator, scale: float = 1.0) -> TextSetter:
    facts = locale_facts(lang)
    setter = TextSetter(fonts, rtl=facts.rtl, script=facts.script)
    if scale != 1.0:
        main = setter.main
        setter.styles = make_styles(
            main.regular, main.bold, rtl=facts.rtl, script=main.script, audience="deelnemers", large=False, scale=scale
        )
    return setter


T = TypeVar("T")


def _ordered(cells: Sequence[T], rtl: bool) -> list[T]:
    return list(reversed(cells)) if rtl else list(cells)


def _style(setter: TextSetter, *, head: bool, scale: float = 1.0) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), setter.main.regular),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3 * scale),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * scale),
    ]
    if head:
        commands += [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, SOFT])]
    return TableStyle(commands)


def _footer(setter: TextSetter, text: str) -> object:
    def draw(canvas: object, _doc: object) -> None:
        page = canvas.getPageNumber()  # type: ignore[attr-defined]
        para = setter.para(f"{text} · {page}", "small", own_direction=False)
        _w, height = para.wrap(A4[0] - 2 * MARGIN, 40)
        para.drawOn(canvas, MARGIN, MARGIN - height + 2 * mm)

    draw.font_name = setter.main.regular  # type: ignore[attr-defined]
    return draw


def _head(setter: TextSetter, texts: SheetTexts) -> list[Flowable]:
    story: list[Flowable] = list(setter.paras(texts.title, "title"))
    if texts.subtitle:
        story += setter.paras(texts.subtitle, "body")
    story.append(Spacer(1, 3 * mm))
    return story


# Running order -----------------------------------------------------------------------------------
def running_order_pdf(lines: Sequence[RunningLine], texts: SheetTexts, lang: str, fonts: FontLocator) -> bytes:
    """One page: the type shrinks until everything fits (a long programme gets smaller letters)."""
    pdf = b""
    for scale in SCALES:
        pdf = _running_order(lines, texts, _setter(lang, fonts, scale), lang, scale)
        if pages(pdf) <= 1:
            break
    return pdf


def _running_order(
    lines: Sequence[RunningLine], texts: SheetTexts, setter: TextSetter, lang: str, scale: float
) -> bytes:
    rtl = setter.rtl
    story = _head(setter, texts)
    widths = [FRAME_WIDTH * 0.19, FRAME_WIDTH * 0.43, FRAME_WIDTH * 0.1, FRAME_WIDTH * 0.28]
    rows: list[list[object]] = [_ordered([setter.para(c, "head", own_direction=False) for c in texts.columns], rtl)]
    style = _style(setter, head=True, scale=scale)
    for line in lines:
        if line.heading:
            style.add("SPAN", (0, len(rows)), (-1, len(rows)))
            rows.append([setter.para(line.title, "h3")] + [""] * 3)
            continue
        cells = [
            setter.para(line.time, "cell", own_direction=False),
            setter.para(line.title, "cell"),
            setter.para(line.minutes, "cell", own_direction=False),
            setter.para(line.what, "small"),
        ]
        rows.append(_ordered(cells, rtl))
    table = Table(rows, colWidths=_ordered(list(widths), rtl), repeatRows=1)
    table.setStyle(style)
    story.append(table)
    if texts.closing:
        story.append(Spacer(1, 3 * mm))
        story += setter.paras(texts.closing, "body", own_direction=False)
    return build_pdf(story, title=texts.title, lang=lang, footer=_footer(setter, texts.footer))  # type: ignore[arg-type]


# Materials ---------------------------------------------------------------------------------------
class TickBox(Flowable):
    """A square to tick, drawn: no font needs a ☐ glyph."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.size, self.size)


def materials_pdf(blocks: Sequence[MaterialsBlock], texts: SheetTexts, lang: str, fonts: FontLocator) -> bytes:
    """Per exercise, in the order of the agenda, each thing it needs with a box to tick."""
    setter = _setter(lang, fonts)
    story = _head(setter, texts)
    if not blocks:
        story += setter.paras(texts.empty, "body", own_direction=False)
    for block in blocks:
        heading = setter.paras(f"{block.time} · {block.title}" if block.time else block.title, "h2")
        body = _checklist(block.materials, setter) if block.materials else Spacer(1, 1)
        story.append(KeepTogether([*heading, body]))
    return build_pdf(story, title=texts.title, lang=lang, footer=_footer(setter, texts.footer))  # type: ignore[arg-type]


def _checklist(items: Sequence[str], setter: TextSetter) -> Table:
    box = setter.style("body").fontSize * 0.9
    rows = [_ordered([TickBox(box), setter.para(item, "cell")], setter.rtl) for item in items]
    widths = _ordered([box + 5 * mm, FRAME_WIDTH - box - 5 * mm], setter.rtl)
    table = Table(rows, colWidths=widths)
    table.setStyle(_style(setter, head=False))
    return table


def pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()
