"""User text (notes, names, agreements) as paragraphs of the report, in any script and direction.

The report sets text with the same engine as the hand-outs (documents/engine): bidi per line,
HarfBuzz shaping and, per character, the first font that has it (the report's script font, then
Latin, Arabic, Ethiopic and a wide font when installed), so a Tigrinya note prints in a Dutch
report. Unlike the hand-outs, a report cannot refuse a note because no font has an emoji: such a
character is printed as U+FFFD and counted, and the report says so on its first page (DOCX and
Markdown keep it). User text is never read as markup: `**` and `<b>` are printed as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from opvoed_desktop.documents.engine.flowable import TextBlock
from opvoed_desktop.documents.engine.fontrun import INVISIBLE
from opvoed_desktop.documents.engine.shaping import glyph_font
from opvoed_desktop.documents.engine.typesetter import Typesetter
from opvoed_desktop.documents.fonts import FontError, FontFace, FontLocator
from opvoed_desktop.documents.styles import make_styles
from opvoed_desktop.textdir import first_strong_rtl

REPLACEMENT = "\ufffd"
WIDE_FONT = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def base_direction(text: str, default_rtl: bool) -> bool:
    """True when the paragraph reads right to left: its first strong character decides."""
    return first_strong_rtl(text, default_rtl)


def wide_face(fonts: FontLocator) -> FontFace | None:
    """A last-resort font with many scripts (Hebrew, Greek, Cyrillic, symbols) when installed."""
    return fonts.extra_face(*WIDE_FONT)


@dataclass
class TextSetter:
    """Paragraph factory for one report: the report's direction and language, the fonts found."""

    fonts: FontLocator
    rtl: bool
    script: str = "latin"
    language: str = "nl"
    replaced: int = 0
    _styles: dict[tuple[str, bool, float], ParagraphStyle] = field(default_factory=dict)
    # Characters already found printable by one of the fonts: a report of 50 notes asks about the
    # same few hundred characters tens of thousands of times (6 % of a period export's time).
    _printable: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.latin = self.fonts.face("latin")
        self.main = self._try_face(self.script) or self.latin
        extra = (self.latin, self._try_face("arabic"), self._try_face("ethiopic"), wide_face(self.fonts))
        faces = list(dict.fromkeys(f for f in (self.main, *extra) if f))
        self.typesetter = Typesetter(
            tuple(f.regular for f in faces), tuple(f.bold for f in faces), self.language
        )
        self.styles = make_styles(
            self.main.regular, self.main.bold, rtl=self.rtl, script=self.main.script, audience="deelnemers", large=False
        )

    def _try_face(self, script: str) -> FontFace | None:
        try:
            return self.fonts.face(script)
        except FontError:
            return None

    def style(self, name: str) -> ParagraphStyle:
        return self.styles.get(name)

    # Paragraphs -----------------------------------------------------------------------------
    def paras(self, text: str, style_name: str, *, own_direction: bool = True) -> list[Flowable]:
        """One paragraph per line; an empty line is a little space."""
        out: list[Flowable] = []
        base = self.style(style_name)
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if not line.strip():
                out.append(Spacer(1, base.fontSize * 0.6))
                continue
            out.append(self.para(line, style_name, own_direction=own_direction))
        return out or [Spacer(1, 1)]

    def para(self, line: str, style_name: str, *, own_direction: bool = True) -> TextBlock:
        """One line as one paragraph. Labels follow the report's direction; user text its own."""
        rtl = base_direction(line, self.rtl) if own_direction else self.rtl
        line = self._replace_missing(line)
        style = self._variant(self.style(style_name), rtl)
        return self.typesetter.block(line, style, rtl=rtl, isolate=rtl)

    def label(self, text: str, size: float, *, bold: bool = False, count: bool = True) -> TextBlock:
        """A one-line label for a chart, in its own direction, at `size` points (`count`: add its
        unprintable characters to `replaced`; off for trial settings of the same text)."""
        rtl = base_direction(text, self.rtl)
        base = self.style("small")
        font = self.main.bold if bold else base.fontName
        style = base.clone(f"label-{size}-{bold}", fontSize=size, leading=size * 1.2, fontName=font)
        style.alignment = TA_LEFT
        replaced = self.replaced
        text = self._replace_missing(text.replace("\n", " "))
        if not count:
            self.replaced = replaced
        return self.typesetter.block(text, style, rtl=rtl, isolate=rtl)

    def _replace_missing(self, text: str) -> str:
        printable = self._printable
        if printable.issuperset(text):
            return text
        fonts = [glyph_font(name) for name in self.typesetter.regular]
        out = []
        for char in text:
            if char in printable:
                out.append(char)
            elif char in INVISIBLE or char == "\t" or any(f.covers(char) for f in fonts):
                printable.add(char)
                out.append(char)
            else:
                self.replaced += 1
                out.append(REPLACEMENT if any(f.covers(REPLACEMENT) for f in fonts) else "?")
        return "".join(out)

    def _variant(self, base: ParagraphStyle, rtl: bool) -> ParagraphStyle:
        key = (base.name, rtl, base.fontSize)
        if key not in self._styles:
            style = base.clone(f"{base.name}-{int(rtl)}")
            style.alignment = TA_RIGHT if rtl else TA_LEFT
            self._styles[key] = style
        return self._styles[key]
