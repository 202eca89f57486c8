"""OpenType shaping of one run of text by HarfBuzz, and the glyph fonts drawn in the PDF.

We call uharfbuzz ourselves instead of reportlab's `shapeFragWord`: reportlab shapes word by word
for its own word-level bidi and maps every glyph without a Unicode value to a private-use
character, which is what pdftotext then prints. Here a run is shaped in the direction of its bidi
level (HarfBuzz mirrors brackets in right-to-left runs) and every glyph keeps the characters it
stands for (`GlyphFont.key`), written into the font's ToUnicode map by `pdfdraw.EngineTTFont`.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import uharfbuzz as hb

from opvoed_desktop.documents.pdf_engine import PDF_ENGINE

# Private code points for glyphs that are not the font's plain glyph of one character (joining
# forms, ligatures, mirrored brackets): plane 15, outside every font's own cmap.
FIRST_PRIVATE_KEY = 0xF0000

# HarfBuzz script tags of the scripts we print; other text lets HarfBuzz guess.
_SCRIPT_TAGS = {"ARABIC": "Arab", "ETHIOPIC": "Ethi", "LATIN": "Latn", "CYRILLIC": "Cyrl", "HEBREW": "Hebr"}


class Glyph(NamedTuple):
    """One glyph, in font units: `start`/`end` index the run's characters it stands for. (A named
    tuple: thousands are made per hand-out, and a frozen dataclass is several times slower.)"""

    gid: int
    start: int
    end: int
    advance: int
    x_offset: int
    y_offset: int


class GlyphFont:
    """A registered reportlab TrueType font with its HarfBuzz font and the keys of its glyphs.

    One per font for the process (pdf_engine.PDF_ENGINE.glyph_font): the keys it makes are written
    into the reportlab font, which every document shares; a second GlyphFont of the same font would
    hand the same private code to another glyph."""

    def __init__(self, name: str, lock: threading.RLock | None = None) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.name = name
        self._lock = lock or threading.RLock()
        self.ttf = pdfmetrics.getFont(name)
        face = self.ttf.face
        self.cmap: dict[int, int] = face.charToGlyph
        self.hb_face = hb.Face(hb.Blob(face._ttf_data))
        self.hb_font = hb.Font(self.hb_face)
        self.upem = self.hb_face.upem
        self.ascent = face.ascent / 1000.0  # of the font size
        self.descent = face.descent / 1000.0
        self._keys: dict[tuple[int, str], str] = {}
        self._texts: dict[int, str] = getattr(self.ttf, "key_text", {})

    def covers(self, char: str) -> bool:
        return ord(char) in self.cmap

    def key(self, gid: int, text: str, advance: int) -> str:
        """The character that selects glyph `gid` in this font's PDF encoding, with `text` as its
        Unicode meaning: the character itself for a plain glyph, else a private key made once."""
        if len(text) == 1 and self.cmap.get(ord(text)) == gid:
            return text
        found = self._keys.get((gid, text))
        if found is not None:
            return found
        with self._lock:  # two threads laying out text must not take the same code
            found = self._keys.get((gid, text))
            if found is not None:
                return found
            code = FIRST_PRIVATE_KEY + len(self._keys)
            face = self.ttf.face
            face.charToGlyph[code] = gid
            face.charWidths[code] = round(advance * 1000 / self.upem)
            self._texts[code] = text
            key = chr(code)
            self._keys[(gid, text)] = key
            return key


glyph_font = PDF_ENGINE.glyph_font  # the one GlyphFont of a registered font


def script_tag(text: str) -> str | None:
    for char in text:
        if unicodedata.category(char)[0] == "L":
            return _SCRIPT_TAGS.get(unicodedata.name(char, "").split(" ")[0])
    return None


@lru_cache(maxsize=16384)
def shape(font_name: str, text: str, rtl: bool, language: str) -> tuple[Glyph, ...]:
    """Glyphs of `text` in one font and direction, left to right as drawn (so a right-to-left
    run comes back reversed), each with the characters of its cluster. Memoised."""
    font = glyph_font(font_name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.direction = "rtl" if rtl else "ltr"
    tag = script_tag(text)
    if tag:
        buffer.script = tag
    if language:
        buffer.language = language
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.guess_segment_properties()
    hb.shape(font.hb_font, buffer, {})
    infos = buffer.glyph_infos
    positions = buffer.glyph_positions
    clusters = [info.cluster for info in infos]
    starts = sorted(set(clusters))
    end_of = dict(zip(starts, [*starts[1:], len(text)], strict=False))  # no glyphs: no clusters
    # The first glyph of a cluster in logical order carries its characters; the others none.
    first_of: dict[int, int] = {}
    for index in range(len(infos) - 1, -1, -1) if rtl else range(len(infos)):
        first_of.setdefault(clusters[index], index)
    first = set(first_of.values())
    # tuple.__new__ is what Glyph(...) calls, without the Python frame of its generated __new__.
    new = tuple.__new__
    return tuple(
        [
            new(
                Glyph,
                (
                    info.codepoint,
                    start,
                    end_of[start] if index in first else start,
                    pos.x_advance,
                    pos.x_offset,
                    pos.y_offset,
                ),
            )
            for index, (info, pos, start) in enumerate(zip(infos, positions, clusters, strict=True))
        ]
    )
