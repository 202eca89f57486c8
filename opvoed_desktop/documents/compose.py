"""Shared machinery of the documents: one language column ("side"), units laid out in one
language or in two aligned columns, the draft notice, page template and footer.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from opvoed_desktop.content.placeholders import braced, is_placeholder, placeholders, without_placeholders
from opvoed_desktop.documents import labels
from opvoed_desktop.documents.engine.pdfdraw import EngineCanvas
from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.documents.model import Layout, Tally
from opvoed_desktop.documents.pdf_engine import PDF_ENGINE
from opvoed_desktop.documents.styles import NOTICE, RULE, make_styles
from opvoed_desktop.documents.text import Dutch, Writer
from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.catalogs import DRAFT, MISSING, ContentCatalog, locale_facts
from opvoed_desktop.i18n.numerals import number, separator

MARGIN = 18 * mm
GUTTER = 8 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN


class DocumentError(AppError):
    """A problem in the texts the user or a translator can fix; the message says what to do."""


def check_placeholders(msgid: str, text: str, lang: str, files: tuple[object, ...]) -> None:
    stray = without_placeholders(text)
    if "{" in stray or "}" in stray or placeholders(text) != placeholders(msgid):
        shown = msgid if len(msgid) <= 60 else msgid[:57] + "…"
        where = ", ".join(str(f) for f in files) or lang
        raise DocumentError(
            _(
                "De vertaling ({lang}) van \u201c{msgid}\u201d heeft een kapotte plaatshouder (tussen {{ }}); "
                "herstel die in {where} en probeer het opnieuw."
            ).format(lang=lang, msgid=shown, where=where)
        )


@dataclass
class Texts:
    """Looks texts up for one language and tallies their states for the draft notice."""

    catalog: ContentCatalog
    tally: Tally = field(default_factory=Tally)

    @property
    def lang(self) -> str:
        return self.catalog.locale

    def get(self, msgid: str, values: dict[str, str] | None = None, dutch_values: dict[str, str] | None = None) -> str:
        """The text in this language with its placeholders filled; Dutch text (filled with the Dutch
        values: a date inside a Dutch sentence is a Dutch date) when the translation is missing."""
        text, state = self.catalog.lookup(msgid)
        if state == DRAFT:
            self.tally.draft += 1
        elif state == MISSING:
            self.tally.missing += 1
            self.tally.missing_ids.append(msgid)
        else:
            self.tally.checked += 1
        if state != MISSING and not self.catalog.is_source:
            check_placeholders(msgid, text, self.lang, self.catalog.files)
        if state == MISSING and not self.catalog.is_source:
            return Dutch(fill(text, dutch_values if dutch_values is not None else values or {}))
        return fill(text, values or {})

    def label(self, key: str, **values: object) -> str:
        text, state = labels.label(self.catalog, key)
        if state == MISSING:
            self.tally.missing += 1
        elif state == DRAFT:
            self.tally.draft += 1
        return text.format(**values) if values else text


def fill(text: str, values: dict[str, str]) -> str:
    """Placeholders filled in; a value that ends with a full stop ("2 грудня 2026 р.") takes the
    place of the sentence's own full stop right after it, so the sentence never ends in "..".
    """

    def value(match: re.Match[str]) -> str:
        return values.get(match.group(1), match.group(0))

    out: list[str] = []
    position = 0
    for match in braced(text):
        if not is_placeholder(match):
            continue
        out.append(text[position : match.start()])
        filled = value(match)
        out.append(filled)
        position = match.end()
        if filled.endswith(".") and text.startswith(".", position) and not text.startswith("..", position):
            position += 1
    out.append(text[position:])
    return "".join(out)


# Between the items of a list: the Arabic comma in Arabic script, the Ge'ez comma in Ge'ez.
LIST_SEPARATORS = {"arabic": "، ", "ethiopic": "፣ "}


def join_list(items: list[str], script: str) -> str:
    return LIST_SEPARATORS.get(script, ", ").join(items)


@dataclass
class Side:
    """One language column: how to look texts up and how to write them."""

    texts: Texts
    writer: Writer
    primary: bool  # the reader's language (not the Dutch column of a bilingual hand-out)
    width: float = 0.0  # the width of this language's column

    @property
    def lang(self) -> str:
        return self.texts.lang


def make_side(
    catalog: ContentCatalog, fonts: FontLocator, audience: str, layout: Layout, *, primary: bool, scale: float = 1.0
) -> Side:
    facts = locale_facts(catalog.locale)
    face = fonts.face(facts.script)
    latin = fonts.face("latin")
    styles = make_styles(
        face.regular, face.bold, rtl=facts.rtl, script=facts.script, audience=audience, large=layout.large, scale=scale
    )
    width = FRAME_WIDTH if layout.bilingual is None else (FRAME_WIDTH - GUTTER) / 2
    return Side(Texts(catalog), Writer(facts, face, latin, styles), primary, width)


# A unit renders itself for one side; "span" units take the full width in the bilingual layout.
Unit = Callable[[Side], list[Flowable]]


@dataclass
class Units:
    items: list[tuple[Unit, bool]] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)  # units that must stand on a page with the next

    def add(self, unit: Unit, *, span: bool = False, heading: bool = False) -> None:
        if heading:
            self.headings.add(len(self.items))
        self.items.append((unit, span))


def lay_out(units: Units, sides: list[Side], width: float) -> list[Flowable]:
    """One side: the units in order. Two sides: rows of two aligned columns, reading side first.

    A heading never stands alone at the foot of a page: in one column its style keeps it with
    the next paragraph; in two columns its row may not be split from the next row. A row may
    itself split between lines (a long contact box), so no page is left mostly empty.
    """
    if len(sides) == 1:
        return [f for unit, _span in units.items for f in unit(sides[0])]
    primary, dutch = sides
    # The reader's language stands on its reading side: left for LTR, right for RTL.
    ordered = [dutch, primary] if primary.writer.rtl else [primary, dutch]
    column = (width - GUTTER) / 2
    story: list[Flowable] = []
    rows: list[list[list[Flowable]]] = []
    keep: list[int] = []  # rows that hold a heading

    def flush() -> None:
        if rows:
            table = Table(rows, colWidths=[column, column], splitByRow=1, splitInRow=1, hAlign="CENTER")
            table.setStyle(
                TableStyle(
                    [
                        *[("NOSPLIT", (0, r), (-1, r + 1)) for r in keep if r + 1 < len(rows)],
                        ("FONT", (0, 0), (-1, -1), primary.writer.face.regular),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (0, -1), GUTTER / 2),
                        ("LEFTPADDING", (1, 0), (1, -1), GUTTER / 2),
                        ("LINEAFTER", (0, 0), (0, -1), 0.4, RULE),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            story.append(table)
            rows.clear()
            keep.clear()

    for index, (unit, span) in enumerate(units.items):
        if span:
            flush()
            story.extend(unit(primary))
        else:
            cells = [unit(side) for side in ordered]
            if any(cells):
                if index in units.headings:
                    keep.append(len(rows))
                rows.append([c or [Spacer(1, 1)] for c in cells])
    flush()
    return story


Notice = list[tuple["Side", str]]


def notice_lines(sides: list[Side], tallies: list[Tally]) -> Notice:
    """The sentences saying the translation is a draft, in the language and in Dutch (none for a
    checked translation or Dutch), each with the side that writes it."""
    total = Tally(draft=sum(t.draft for t in tallies), missing=sum(t.missing for t in tallies))
    primary = sides[0]
    if primary.lang == "nl" or not total.needs_notice:
        return []
    lines: Notice = []
    for lang_side in _notice_sides(primary):
        lang = lang_side.lang
        catalog = lang_side.texts.catalog
        text = labels.label(catalog, "draft")[0]
        if total.missing:
            text += " " + labels.label(catalog, "missing")[0].format(n=number(total.missing, lang))
        lines.append((lang_side, text))
    return lines


def notice(sides: list[Side], tallies: list[Tally], width: float) -> Flowable | None:
    """The visible box under the title saying the translation is a draft (see `notice_lines`)."""
    found = notice_lines(sides, tallies)
    if not found:
        return None
    primary = sides[0]
    lines = [lang_side.writer.para(text, "notice") for lang_side, text in found]
    box = Table([[lines]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), primary.writer.face.regular),
                ("BACKGROUND", (0, 0), (-1, -1), NOTICE),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return KeepTogether([box, Spacer(1, 4 * mm)])


def _notice_sides(primary: Side) -> list[Side]:
    # The Dutch sentence needs a Dutch writer; the primary side's Latin font always covers it.
    from opvoed_desktop.i18n.catalogs import ContentCatalog as Catalog

    facts = locale_facts("nl")
    styles = make_styles(
        primary.writer.latin.regular,
        primary.writer.latin.bold,
        rtl=False,
        script="latin",
        audience="deelnemers",
        large=False,
        scale=primary.writer.styles.body_size / 10.5,
    )
    dutch = Side(
        Texts(Catalog("nl")), Writer(facts, primary.writer.latin, primary.writer.latin, styles), False, primary.width
    )
    return [primary, dutch]


def _page_notice(canvas: object, notice: Notice, width: float) -> None:
    """The draft notice in the top margin, on a band of the notice colour."""
    paras = [lang_side.writer.para(text, "pagenote") for lang_side, text in notice]
    heights = [para.wrap(width - 8, 60)[1] for para in paras]
    top = A4[1] - 5 * mm
    bottom = top - sum(heights) - 3
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFillColor(NOTICE)  # type: ignore[attr-defined]
    canvas.rect(MARGIN, bottom, width, top + 2 - bottom, stroke=0, fill=1)  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]
    y = top
    for para, height in zip(paras, heights, strict=True):
        y -= height
        para.drawOn(canvas, MARGIN + 4, y)


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    lang: str,
    footer: Callable[[object, object], None],
    pagesize: tuple[float, float] = A4,
) -> bytes:
    """`pagesize`: A4 upright unless a wide table needs the page on its side (landscape(A4)).

    Built holding PDF_ENGINE.lock: reportlab's fonts are shared by every thread (pdf_engine.py)."""
    buffer = io.BytesIO()
    # reportlab starts every page in Helvetica, which is never embedded: start in our own font.
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author="opvoed-desktop",
        lang=lang,
        invariant=True,
        initialFontName=getattr(footer, "font_name", None),
    )
    with PDF_ENGINE.lock:
        doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=EngineCanvas)
    return buffer.getvalue()


def footer_for(side: Side, text: str, notice: Notice | None = None) -> Callable[[object, object], None]:
    """A small line at the foot of every page: the language name and the page number; and on every
    page after the first (which has the notice box) the draft notice at its head, so that a page
    printed or handed on alone still says its translation is a draft."""

    def draw(canvas: Any, doc: object) -> None:
        page = canvas.getPageNumber()
        para = side.writer.para(f"{text}{separator(side.lang)}{number(page, side.lang)}", "small")
        width = A4[0] - 2 * MARGIN
        _w, height = para.wrap(width, 40)
        para.drawOn(canvas, MARGIN, MARGIN - height + 2 * mm)
        if notice and page > 1:
            _page_notice(canvas, notice, width)

    draw.font_name = side.writer.face.regular  # type: ignore[attr-defined]
    return draw
