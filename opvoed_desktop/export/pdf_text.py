"""User text (notes, names, agreements) as reportlab paragraphs, in any script and direction.

This is the seam to the documents layer: its fonts per script, its Arabic shaping and its bidi
(`rlbidi.log2vis`, installed by importing `opvoed_desktop.documents`). Unlike the hand-outs, a
report cannot refuse a note because the font lacks an emoji: a character no available font has is
printed as U+FFFD and counted, and the report says so on its first page (DOCX and Markdown keep
it). User text is never read as markup: `<b>` and `&` are printed as typed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import opvoed_desktop.documents  # noqa: F401  (installs reportlab's bidi before reportlab loads)

# isort: split
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Spacer

from opvoed_desktop.documents.fonts import INVISIBLE, FontError, FontFace, FontLocator, family
from opvoed_desktop.documents.shaping import log2vis, needs_extra_forms, reshape
from opvoed_desktop.documents.styles import make_styles
from opvoed_desktop.textdir import first_strong_rtl, has_rtl

REPLACEMENT = "\ufffd"


def is_arabic(char: str) -> bool:
    return (
        "\u0600" <= char <= "\u06ff"
        or "\u0750" <= char <= "\u077f"
        or "\u08a0" <= char <= "\u08ff"
        or ("\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff")
    )


def base_direction(text: str, default_rtl: bool) -> bool:
    """True when the paragraph reads right to left: its first strong character decides."""
    return first_strong_rtl(text, default_rtl)


WIDE_FONT = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def wide_face(fonts: FontLocator) -> FontFace | None:
    """A last-resort font with many scripts (Hebrew, Greek, Cyrillic, symbols) when installed."""
    return fonts.extra_face(*WIDE_FONT)


def runs_paragraph(runs: list[tuple[str, str]], style: ParagraphStyle) -> Paragraph:
    """A paragraph made from (text, font) runs without reportlab's markup parser.

    User text is never markup, and even escaped entities split a line into fragments, which
    switches reportlab's bidi off; building the fragments directly avoids both.
    """
    paragraph = Paragraph("x", style)
    template = paragraph.frags[0]
    frags = []
    for text, font in runs:
        frag = copy.copy(template)
        frag.text = text
        frag.fontName = font
        frags.append(frag)
    paragraph.frags = frags
    paragraph.text = "".join(text for text, _font in runs)
    return paragraph


@dataclass
class TextSetter:
    """Paragraph factory for one report: the report's direction, the fonts found on this machine."""

    fonts: FontLocator
    rtl: bool
    script: str = "latin"
    replaced: int = 0
    _faces: list[FontFace] = field(default_factory=list)
    _glyphs: dict[str, frozenset[int]] = field(default_factory=dict)
    _styles: dict[tuple[str, str, bool, bool], ParagraphStyle] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.latin = self.fonts.face("latin")
        main = self._try_face(self.script) or self.latin
        self.main = main
        extra = (self.latin, self._try_face("arabic"), self._try_face("ethiopic"), wide_face(self.fonts))
        self._faces = [main] + [f for f in extra if f]
        family(self.latin)
        family(main)
        self.styles = make_styles(
            main.regular, main.bold, rtl=self.rtl, script=main.script, audience="deelnemers", large=False
        )

    def _try_face(self, script: str) -> FontFace | None:
        try:
            return self.fonts.face(script)
        except FontError:
            return None

    def glyphs(self, font_name: str) -> frozenset[int]:
        if font_name not in self._glyphs:
            self._glyphs[font_name] = frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)
        return self._glyphs[font_name]

    def style(self, name: str) -> ParagraphStyle:
        return self.styles.get(name)

    # Paragraphs -----------------------------------------------------------------------------
    def paras(self, text: str, style_name: str, *, own_direction: bool = True) -> list[Flowable]:
        """One paragraph per line (reportlab's bidi works per paragraph without inline markup)."""
        out: list[Flowable] = []
        base = self.style(style_name)
        for line in text.split("\n"):
            if not line.strip():
                out.append(Spacer(1, base.fontSize * 0.6))
                continue
            out.append(self.para(line, style_name, own_direction=own_direction))
        return out or [Spacer(1, 1)]

    def para(self, line: str, style_name: str, *, own_direction: bool = True) -> Paragraph:
        """One line as one paragraph. Labels follow the report's direction; user text its own."""
        base = self.style(style_name)
        bold = base.fontName in (f.bold for f in self._faces)
        line = "".join(c for c in line if c not in INVISIBLE or c in "\u200c\u200d")
        rtl_para = base_direction(line, self.rtl) if own_direction else self.rtl
        if has_rtl(line):
            return self._bidi(line, base, bold, rtl_para)
        main = self._face_for_line(line)
        main_font = main.bold if bold else main.regular
        return runs_paragraph(self._runs(line, main_font, bold), self._variant(base, main_font, rtl_para, False))

    def _face_for_line(self, line: str) -> FontFace:
        return self.main if self.main.script != "arabic" else self.latin

    def _bidi(self, line: str, base: ParagraphStyle, bold: bool, rtl_para: bool) -> Paragraph:
        # No inline markup here: it would switch reportlab's bidi off. One font for the whole line.
        arabic = self._try_face("arabic") if any(is_arabic(c) for c in line) else None
        face = arabic or self._best_face(line)
        if arabic is not None and not (needs_extra_forms(line) and face.forms_file is None):
            line = reshape(line, face.forms_file)
        font = face.bold if bold else face.regular
        line = self._replace_missing(line, font)
        return runs_paragraph([(line, font)], self._variant(base, font, rtl_para, True))

    def _best_face(self, line: str) -> FontFace:
        chars = {ord(c) for c in line}
        return max(self._faces, key=lambda f: len(chars & self.glyphs(f.regular)))

    def _runs(self, line: str, main_font: str, bold: bool) -> list[tuple[str, str]]:
        """(text, font) runs: characters the main font lacks go in the first font that has them."""
        if {ord(c) for c in line} <= self.glyphs(main_font):
            return [(line, main_font)]
        runs: list[tuple[str, str]] = []
        current = main_font
        run: list[str] = []
        for char in line:
            font = self._font_for(char, main_font, bold)
            if font is None:
                self.replaced += 1
                char, font = REPLACEMENT, self._font_for(REPLACEMENT, main_font, bold) or main_font
            if font != current and run:
                runs.append(("".join(run), current))
                run = []
            current = font
            run.append(char)
        runs.append(("".join(run), current))
        return runs

    def _font_for(self, char: str, main_font: str, bold: bool) -> str | None:
        if ord(char) in self.glyphs(main_font) or char == " ":
            return main_font
        for face in self._faces:
            font = face.bold if bold else face.regular
            if ord(char) in self.glyphs(font):
                return font
        return None

    def _replace_missing(self, line: str, font: str) -> str:
        glyphs = self.glyphs(font)
        fallback = REPLACEMENT if ord(REPLACEMENT) in glyphs else "?"
        out = []
        for char in line:
            if ord(char) in glyphs or char in " \u200c\u200d":
                out.append(char)
            else:
                self.replaced += 1
                out.append(fallback)
        return "".join(out)

    def _variant(self, base: ParagraphStyle, font: str, rtl_para: bool, bidi: bool) -> ParagraphStyle:
        key = (base.name, font, rtl_para, bidi)
        if key not in self._styles:
            style = ParagraphStyle(f"{base.name}-{font}-{int(rtl_para)}{int(bidi)}", parent=base, fontName=font)
            style.alignment = TA_RIGHT if rtl_para else TA_LEFT
            style.wordWrap = ("RTL" if rtl_para else "LTR") if bidi else None
            style.shaping = 0
            self._styles[key] = style
        return self._styles[key]

    # Charts ---------------------------------------------------------------------------------
    def visual(self, text: str, *, bold: bool = False) -> tuple[str, str]:
        """(text in visual order, font name) for a label drawn on a canvas, not in a paragraph."""
        arabic = self._try_face("arabic") if any(is_arabic(c) for c in text) else None
        face = arabic or self._best_face(text)
        if arabic is not None and not (needs_extra_forms(text) and face.forms_file is None):
            text = reshape(text, face.forms_file)
        font = face.bold if bold else face.regular
        text = self._replace_missing(text.replace("\n", " "), font)
        if has_rtl(text):
            text = log2vis(text, "RTL" if base_direction(text, self.rtl) else "LTR")
        return text, font
