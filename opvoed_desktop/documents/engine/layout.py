"""A paragraph shaped once in logical order, broken into lines, each line in visual order.

`shape_paragraph` resolves bidi levels for the whole paragraph, picks fonts and shapes every
stretch of one font and one level. `break_lines` is a pure function over the characters' widths.
`visual_line` applies rules L1/L2 to one line and returns its words as glyph runs, left to right.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from opvoed_desktop.documents.engine import bidi
from opvoed_desktop.documents.engine.fontrun import choose_fonts
from opvoed_desktop.documents.engine.pdfdraw import DrawnWord, GlyphRun
from opvoed_desktop.documents.engine.shaping import Glyph, glyph_font, shape

# Where a line may break: after these spaces (not after a no-break space).
BREAKABLE_SPACE = frozenset(" \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u200b\u205f\u3000")
# Inside a word too long for the line, break after these before breaking anywhere.
SOFT_BREAK_AFTER = frozenset("/-.@_?&=\u2013")
# Every character for which str.isspace() is true, so that a glyph of one character is tested by
# a lookup (tests/documents/test_engine_units.py holds this to str.isspace over all of Unicode).
WHITE_SPACE = frozenset(
    "\x09\x0a\x0b\x0c\x0d\x1c\x1d\x1e\x1f\x20\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


@dataclass(frozen=True)
class Setting:
    """How a paragraph is set: font chains (regular and bold, same order), size and language."""

    regular: tuple[str, ...]
    bold: tuple[str, ...]
    size: float
    language: str


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: made once per paragraph
class Piece:
    """A stretch of one font and one bidi level, shaped; glyph indices are relative to `start`."""

    start: int
    end: int
    font: str
    level: int
    glyphs: tuple[Glyph, ...]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (memoised by shape_paragraph)
class ShapedParagraph:
    text: str
    level: int  # the paragraph's embedding level: 1 reads right to left
    pieces: tuple[Piece, ...]
    advances: tuple[float, ...]  # per character, in points (a cluster's width on its first character)
    missing: tuple[str, ...]  # characters no font of the chain has
    piece_starts: tuple[int, ...]  # where each piece starts, to find a line's pieces by bisection


@lru_cache(maxsize=4096)
def shape_paragraph(text: str, bold: tuple[bool, ...], rtl: bool | None, setting: Setting) -> ShapedParagraph:
    """Levels, fonts and glyphs of one paragraph (no line breaks in it). Memoised."""
    level, levels = bidi.paragraph_levels(text, rtl)
    # The fonts' own character maps (the dicts GlyphFont.covers asks), looked up directly: this
    # question is asked several times per character.
    cmaps = {name: glyph_font(name).cmap for name in (*setting.regular, *setting.bold)}

    def covers(font: str, char: str) -> bool:
        return ord(char) in cmaps[font]

    chosen = choose_fonts(text, setting.regular, covers)
    missing = tuple(sorted({c for c, f in zip(text, chosen, strict=True) if f is None}))
    first = setting.regular[0]
    fonts: list[str] = [font or first for font in chosen]
    if any(bold):
        for index, font in enumerate(fonts):
            if bold[index]:
                heavy = setting.bold[setting.regular.index(font)]
                if covers(heavy, text[index]) or not covers(font, text[index]):
                    fonts[index] = heavy
    pieces: list[Piece] = []
    advances = [0.0] * len(text)
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and fonts[index] == fonts[start] and levels[index] == levels[start]:
            continue
        glyphs = shape(fonts[start], text[start:index], levels[start] % 2 == 1, setting.language)
        scale = setting.size / glyph_font(fonts[start]).upem
        for glyph in glyphs:
            advances[start + glyph.start] += glyph.advance * scale
        pieces.append(Piece(start, index, fonts[start], levels[start], glyphs))
        start = index
    starts = tuple(piece.start for piece in pieces)
    return ShapedParagraph(text, level, tuple(pieces), tuple(advances), missing, starts)


def break_lines(text: str, advances: Sequence[float], widths: Sequence[float]) -> list[tuple[int, int]]:
    """Greedy line breaking: (start, stop) of each line, stop including its trailing spaces.

    `widths[i]` is the room on line i (the last value repeats). A line breaks after spaces; a
    word longer than the room is cut after / - . @ where it can, else after any character.
    """
    lines: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        room = widths[min(len(lines), len(widths) - 1)]
        stop = _fit(text, advances, start, room)
        lines.append((start, stop))
        start = stop
    return lines


def _fit(text: str, advances: Sequence[float], start: int, room: float) -> int:
    n = len(text)
    width = 0.0
    best = None  # the end of the last whole word that fits (after its spaces)
    index = start
    while index < n:
        if text[index] in BREAKABLE_SPACE:
            while index < n and text[index] in BREAKABLE_SPACE:
                index += 1
            best = index
            width = sum(advances[start:index])
            continue
        if width + advances[index] > room + 1e-6:
            if best is not None:
                return best
            return _cut_word(text, advances, start, room)
        width += advances[index]
        index += 1
    return n


def _cut_word(text: str, advances: Sequence[float], start: int, room: float) -> int:
    """The end of as much of an overlong word as fits: after a soft break character, else anywhere
    between characters (never before a combining mark), at least one character."""
    width = 0.0
    fits = start
    soft = None
    for index in range(start, len(text)):
        if width + advances[index] > room + 1e-6:
            break
        width += advances[index]
        if index + 1 < len(text) and unicodedata.category(text[index + 1])[0] == "M":
            continue
        fits = index + 1
        if text[index] in SOFT_BREAK_AFTER:
            soft = index + 1
    if soft is not None and soft > start:
        return soft
    if fits == start:
        fits = start + 1
        while fits < len(text) and unicodedata.category(text[fits])[0] == "M":
            fits += 1
    return fits


def visible_end(text: str, start: int, stop: int) -> int:
    """The end of a line without its trailing white space and invisible controls (rule L1 sends
    them to the line's far end, where nothing needs drawing)."""
    end = stop
    while end > start and (text[end - 1].isspace() or unicodedata.bidirectional(text[end - 1]) in bidi.TRAILING):
        end -= 1
    return end


@dataclass(frozen=True)
class VisualLine:
    words: tuple[DrawnWord, ...]
    width: float  # points
    logical: str  # the line's text in logical order


@lru_cache(maxsize=8192)
def visual_line(paragraph: ShapedParagraph, start: int, stop: int, size: float) -> VisualLine:
    """One line of a shaped paragraph: its glyphs left to right, cut into words. Memoised."""
    text = paragraph.text
    end = visible_end(text, start, stop)
    slices: list[tuple[Piece, list[Glyph]]] = []
    first = max(0, bisect_right(paragraph.piece_starts, start) - 1)
    for piece in paragraph.pieces[first:]:
        if piece.start >= end:
            break
        if piece.end <= start:
            continue
        glyphs = _glyphs_between(piece, start - piece.start, end - piece.start)
        if glyphs:
            slices.append((piece, glyphs))
    order = bidi.visual_order([piece.level for piece, _g in slices])
    words: list[DrawnWord] = []
    pending: list[tuple[str, Glyph, int]] = []  # (font, glyph, piece start)
    pending_space: bool | None = None
    width = 0.0
    for piece, glyphs in (slices[i] for i in order):
        base, font = piece.start, piece.font
        advance = 0
        for glyph in glyphs:
            # Whether the glyph stands for white space: one character (most glyphs) is looked up
            # in a set of all white space, not sliced and tested; False for no text.
            if glyph.end - glyph.start == 1:
                space = text[base + glyph.start] in WHITE_SPACE
            else:
                space = text[base + glyph.start : base + glyph.end].isspace()
            if pending and space != pending_space:
                words.append(_drawn_word(pending, text, size, pending_space is True))
                pending = []
            pending_space = space
            pending.append((font, glyph, base))
            advance += glyph.advance
        width += advance * size / glyph_font(font).upem
    if pending:
        words.append(_drawn_word(pending, text, size, pending_space is True))
    return VisualLine(tuple(words), width, text[start:end])


def _glyphs_between(piece: Piece, start: int, end: int) -> list[Glyph]:
    """The piece's glyphs for characters start..end (relative), in drawing order. Cluster starts
    rise along a left-to-right piece and fall along a right-to-left one: found by bisection."""
    glyphs = piece.glyphs
    if start <= 0 and end >= piece.end - piece.start:
        return list(glyphs)
    rtl = piece.level % 2 == 1
    keys = _cluster_keys(piece)
    if rtl:
        low, high = bisect_left(keys, -(end - 1)), bisect_right(keys, -start)
    else:
        low, high = bisect_left(keys, start), bisect_right(keys, end - 1)
    return list(glyphs[low:high])


@lru_cache(maxsize=4096)
def _cluster_keys(piece: Piece) -> list[int]:
    sign = -1 if piece.level % 2 == 1 else 1
    return [sign * glyph.start for glyph in piece.glyphs]


def _drawn_word(glyphs: list[tuple[str, Glyph, int]], text: str, size: float, space: bool) -> DrawnWord:
    # The hottest loop of a hand-out made in a fresh process (every glyph of every new line passes
    # here once): names are bound locally and the arithmetic is written out as it always was, so
    # the numbers, and the PDF, stay the same to the bit.
    runs: list[GlyphRun] = []
    chars: list[str] = []
    index = 0
    count = len(glyphs)
    while index < count:
        font_name = glyphs[index][0]
        end = index + 1
        while end < count and glyphs[end][0] == font_name:
            end += 1
        font = glyph_font(font_name)
        upem = font.upem
        unit = 1000 / upem
        face = font.ttf.face
        char_widths = face.charWidths
        default_width = face.defaultWidth
        # GlyphFont.key's own first test, made here: most glyphs are their character's plain glyph.
        cmap_get = font.cmap.get
        font_key = font.key
        keys: list[str] = []
        advance: list[float] = []
        adjust: list[float] = []
        shift: list[float] = []
        rise: list[float] = []
        for _name, (gid, start, stop, glyph_advance, x_offset, y_offset), base in glyphs[index:end]:
            own = text[base + start : base + stop]
            chars.append(own)
            key = own if len(own) == 1 and cmap_get(ord(own)) == gid else font_key(gid, own, glyph_advance)
            keys.append(key)
            pdf_width = char_widths.get(ord(key), default_width)
            if key == "\u00a0":
                pdf_width = char_widths.get(32, pdf_width)
            scaled = glyph_advance * unit
            advance.append(scaled)
            adjust.append(pdf_width - scaled)
            shift.append(x_offset * unit)
            rise.append(y_offset * size / upem)
        index = end
        lead = 0.0
        if not runs and rise[0] and not all(rise):
            keys, adjust, shift, rise, lead = _base_first(keys, advance, adjust, shift, rise)
        runs.append(GlyphRun(font_name, "".join(keys), _round(adjust), _round(shift), _round(rise), round(lead, 3)))

    return DrawnWord("".join(chars), tuple(runs), space)


def _round(values: list[float]) -> tuple[float, ...]:
    if not any(values):  # most runs: nothing to adjust, shift or raise (-0.0 becomes 0.0 too)
        return _zeros(len(values))
    return tuple(round(v, 3) if v else 0.0 for v in values)


@lru_cache(maxsize=256)
def _zeros(count: int) -> tuple[float, ...]:
    return (0.0,) * count


def _base_first(
    keys: list[str], advance: list[float], adjust: list[float], shift: list[float], rise: list[float]
) -> tuple[list[str], list[float], list[float], list[float], float]:
    """Draw the first glyph on the baseline before the raised marks left of it, at the same places.

    pdftotext places a word's copied text at the position of its first drawn glyph; a mark drawn
    first (the tanwin left of a final alif) would lift the whole word off its line.
    """
    k = next(i for i, r in enumerate(rise) if not r)
    before = sum(advance[:k])
    order = [k, *range(k), *range(k + 1, len(keys))]
    new_adjust = [adjust[i] for i in order]
    new_adjust[0] += before + advance[k]  # back to where the marks start
    new_adjust[k] -= advance[k]  # after the marks: on past the glyph drawn first
    lead = -before
    return [keys[i] for i in order], new_adjust, [shift[i] for i in order], [rise[i] for i in order], lead
