"""Drawing shaped lines into the PDF content stream, and what a reader copies back out of them.

Each line is one text object: glyphs left to right with HarfBuzz's advances and offsets (TJ
adjustments, text rise for marks), each visual word inside an `/ActualText` span (see
extraction.py). The span texts depend on the direction poppler gives the whole page, which is
only known when the page is finished, so `EngineCanvas` leaves their places empty and fills
them in `showPage`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.pdfgen.canvas import Canvas

from opvoed_desktop.documents.engine import extraction
from opvoed_desktop.documents.engine.shaping import glyph_font


class EngineTTFont(TTFont):
    """A TrueType font whose ToUnicode map gives each glyph the characters it was drawn for."""

    def __init__(self, name: str, filename: str, **kwargs: object) -> None:
        super().__init__(name, filename, **kwargs)
        self.key_text: dict[int, str] = {}

    def addObjects(self, doc: object) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for index, subset in enumerate(subsets):
            base = b"".join((SUBSETN(index), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)  # type: ignore[attr-defined]
            if stream is not None:
                stream.content = to_unicode_cmap(base, subset, self.key_text)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(name: str, subset: list[int], key_text: dict[int, str]) -> str:
    """A ToUnicode CMap: code i of the subset stands for the text of its key (several characters
    for a ligature, a surrogate pair above U+FFFF); glyphs standing for no text are left out."""
    entries = []
    for index, code in enumerate(subset):
        text = key_text.get(code, chr(code))
        if text:
            entries.append(f"<{index:02X}> <{_utf16_hex(text)}>")
    blocks = []
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            "<< /Registry (Adobe)",
            "/Ordering (UCS)",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <FF>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@dataclass
class LineRecord:
    """One drawn line, for the ActualText spans filled in at the end of its page."""

    logical: str
    words: tuple[str, ...]  # each visual word's characters, left to right
    slots: list[tuple[int, int]]  # per word: where its span's begin and end go in the page's code


@dataclass
class PageText:
    """The lines of one page and poppler's vote on the page's direction."""

    lines: list[LineRecord] = field(default_factory=list)
    balance: int = 0

    def add(self, record: LineRecord) -> None:
        self.lines.append(record)
        self.balance += extraction.letter_balance(record.logical)

    def fill(self, code: list[str]) -> None:
        """Fill the spans for the direction poppler will give the page: the majority of letters.

        The marks our spans add vote too, and on a page with about as many letters each way they
        can tip it; then the last span gets as many more marks of the chosen direction as needed
        (at the end poppler reads last, where they change nothing else).
        """
        primary_lr = self.balance >= 0
        total = self.balance + sum(_mark_balance(record, primary_lr) for record in self.lines)
        padding = ""
        if primary_lr and total < 0:
            padding = extraction.LRM * -total
        elif not primary_lr and total >= 0:
            padding = extraction.RLM * (total + 1)
        spanned = [r for r in self.lines if r.slots and extraction.needs_span(r.logical, r.words, primary_lr)]
        for record in self.lines:
            fill_spans(code, record, primary_lr, padding if spanned and record is spanned[-1] else "")


def _mark_balance(record: LineRecord, primary_lr: bool) -> int:
    if not extraction.needs_span(record.logical, record.words, primary_lr):
        return 0
    reading = extraction.reading_string(record.logical, primary_lr)
    return reading.count(extraction.LRM) - reading.count(extraction.RLM)


def _span(text: str) -> str:
    return f"/Span <</ActualText <FEFF{_utf16_hex(text)}>>> BDC"


def fill_spans(code: list[str], record: LineRecord, primary_lr: bool, padding: str = "") -> None:
    """Put the line's ActualText spans into their places: one per word when poppler reads the
    words back right, else one for the whole line; none when the glyphs already read right.
    `padding` (marks) goes at the right end, which poppler reads last on either kind of page."""
    if not record.slots or not extraction.needs_span(record.logical, record.words, primary_lr):
        return
    reading = extraction.reading_string(record.logical, primary_lr)
    texts = extraction.word_texts(record.logical, reading, record.words, primary_lr)
    if texts is None:
        code[record.slots[0][0]] = _span(reading + padding)
        code[record.slots[-1][1]] = "EMC"
        return
    last = len(texts) - 1
    for index, ((begin, end), text) in enumerate(zip(record.slots, texts, strict=True)):
        code[begin] = _span(text + padding if index == last else text)
        code[end] = "EMC"


class EngineCanvas(Canvas):
    """reportlab's canvas, filling in each page's ActualText spans when the page is done."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.engine_page = PageText()

    def showPage(self) -> None:
        self.engine_page.fill(self._code)
        self.engine_page = PageText()
        super().showPage()


@dataclass(frozen=True, eq=False)  # hashed by identity: made once per memoised line
class GlyphRun:
    """Consecutive glyphs of one font, drawn left to right: keys and positions in text space."""

    font: str
    keys: str
    adjust: tuple[float, ...]  # TJ adjustment after each glyph (thousandths of the size)
    shift: tuple[float, ...]  # x offset before each glyph (thousandths of the size), undone after
    rise: tuple[float, ...]  # y offset of each glyph (points)
    lead: float = 0.0  # TJ adjustment before the first glyph (thousandths of the size)


@dataclass(frozen=True, eq=False)
class DrawnWord:
    text: str  # its characters, left to right
    runs: tuple[GlyphRun, ...]
    space: bool  # white space between words: drawn outside any span


Segment = tuple[float, tuple[DrawnWord, ...]]  # where a stretch of words starts, and the words


def emit_line(canvas: Canvas, y: float, size: float, segments: Sequence[Segment], logical: str) -> None:
    """Write one line at baseline y: each segment (the text; a list item's marker) from its x,
    left to right, glyph runs in visual order, words in their spans. The segments are one line
    for pdftotext (it joins them), so `logical` is their text in reading order."""
    code = canvas._code
    doc = canvas._doc
    code.append("BT")
    current = None
    slots: list[tuple[int, int]] = []
    texts: list[str] = []
    ordered = sorted(segments, key=lambda segment: segment[0])
    encoded = _encode([run for _x, words in ordered for word in words for run in word.runs], doc)
    for x, words in ordered:
        code.append(f"1 0 0 1 {fp_str(x)} {fp_str(y)} Tm")
        for word in words:
            if not word.space:
                code.append("")
                begin = len(code) - 1
            for run in word.runs:
                current = _emit_run(code, doc, run, size, current, encoded[id(run)])
            if not word.space:
                code.append("")
                slots.append((begin, len(code) - 1))
                texts.append(word.text)
    code.append("ET")
    record = LineRecord(logical, tuple(texts), slots)
    page = getattr(canvas, "engine_page", None)
    if page is not None:
        page.add(record)
    else:
        # Not our canvas: decide by the line alone.
        fill_spans(code, record, extraction.letter_balance(logical) >= 0)


@lru_cache(maxsize=65536)
def _glyph_ops(run: GlyphRun) -> tuple[tuple[str | None, str | None, str | None], ...] | None:
    """Per glyph, formatted once: the TJ number before it, the one after it, its text rise; None
    when every glyph just follows the one before (most words)."""
    if not (any(run.shift) or any(run.adjust) or any(run.rise)):
        return None
    ops = []
    for shift, adjust, rise in zip(run.shift, run.adjust, run.rise, strict=True):
        ops.append(
            (
                fp_str(-shift) if shift else None,
                fp_str(shift + adjust) if shift or adjust else None,
                fp_str(rise) if rise else None,
            )
        )
    return tuple(ops)


def _encode(runs: list[GlyphRun], doc: object) -> dict[int, list[tuple[int, bytes]]]:
    """Each run's glyphs as (subset, codes) pieces of the document's font subsets: one call to
    reportlab per stretch of runs in one font, not one per word."""
    out: dict[int, list[tuple[int, bytes]]] = {}
    index = 0
    while index < len(runs):
        end = index
        while end < len(runs) and runs[end].font == runs[index].font:
            end += 1
        ttf = glyph_font(runs[index].font).ttf
        segments = ttf.splitString("".join(r.keys for r in runs[index:end]), doc)
        segment, offset = 0, 0  # where the next run starts in the segments
        for run in runs[index:end]:
            pieces: list[tuple[int, bytes]] = []
            wanted = len(run.keys)
            while wanted:
                subset, data = segments[segment]
                take = min(wanted, len(data) - offset)
                pieces.append((subset, data[offset : offset + take]))
                wanted -= take
                offset += take
                if offset == len(data):
                    segment, offset = segment + 1, 0
            out[id(run)] = pieces
        index = end
    return out


def _emit_run(
    code: list[str], doc: object, run: GlyphRun, size: float, current: object, pieces: list[tuple[int, bytes]]
) -> object:
    ttf = glyph_font(run.font).ttf
    ops = _glyph_ops(run)
    position = 0
    parts: list[str] = [fp_str(run.lead)] if run.lead else []
    for subset, data in pieces:
        name = ttf.getSubsetInternalName(subset, doc)
        if current != (name, size):
            if current is not None:
                _flush(code, parts, bytearray())  # a TJ needs its font: the lead may wait for it
            code.append(f"{name} {fp_str(size)} Tf")
            current = (name, size)
        if ops is None:
            parts.append(f"<{data.hex()}>")
            _flush(code, parts, bytearray())
            continue
        group = bytearray()
        for byte in data:
            before, after, rise = ops[position]
            position += 1
            if rise:
                _flush(code, parts, group)
                code.append(f"{rise} Ts")
            if before:
                _flush_group(parts, group)
                parts.append(before)
            group.append(byte)
            if after:
                _flush_group(parts, group)
                parts.append(after)
            if rise:
                _flush(code, parts, group)
                code.append("0 Ts")
        _flush(code, parts, group)
    return current


def _flush_group(parts: list[str], group: bytearray) -> None:
    if group:
        parts.append(f"<{group.hex()}>")
        group.clear()


def _flush(code: list[str], parts: list[str], group: bytearray) -> None:
    _flush_group(parts, group)
    if parts:
        code.append(f"[{' '.join(parts)}] TJ")
        parts.clear()
