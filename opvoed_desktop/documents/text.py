"""Turn one unit of text into reportlab paragraphs for one language, in its own direction.

Left-to-right text keeps its inline markup (bold, italic) and gets runs the main font lacks
wrapped in the Latin font. Right-to-left text cannot carry inline markup (reportlab's bidi would
switch off), so a bold lead ("**Het is gratis.** Een gesprek …") becomes its own bold line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from opvoed_desktop.content.markdown import inline_html, plain
from opvoed_desktop.documents.fonts import INVISIBLE, FontError, FontFace, covers, family, missing_message
from opvoed_desktop.documents.shaping import log2vis, needs_extra_forms, reshape
from opvoed_desktop.documents.styles import Styles
from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.catalogs import LocaleFacts

_BOLD_LEAD = re.compile(r"^\s*\*\*(.+?)\*\*\s*[—–:-]?\s*(.*)$", re.S)
# Digit groups of a phone number: "+31 20 123 45 67", "020-1234567", "06 1234 5678".
_PHONE = re.compile(r"(?<![\w])\+?\d[\d\- ]{5,}\d(?![\w])")
_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\d)")


def keep_phone_together(text: str) -> str:
    """Join the groups of phone numbers with no-break spaces so a number never wraps."""
    return _PHONE.sub(lambda m: _NUMBER_SPACE.sub("\u00a0", m.group(0)), text)


class Dutch(str):
    """Dutch text standing in for a missing translation: written left to right, whatever the side."""


@dataclass
class Writer:
    """Paragraph factory for one language: its direction, fonts and styles."""

    facts: LocaleFacts
    face: FontFace
    latin: FontFace
    styles: Styles
    _ltr_writer: Writer | None = None

    @property
    def rtl(self) -> bool:
        return self.facts.rtl

    def paras(self, text: str, style_name: str, *, bullet: str | None = None) -> list[Flowable]:
        """One unit as one or two paragraphs (two when an RTL unit starts with a bold lead)."""
        if self.rtl and isinstance(text, Dutch):
            return [self.ltr_writer()._ltr(keep_phone_together(text), style_name, bullet)]
        text = keep_phone_together(text)
        if not self.rtl:
            return [self._ltr(text, style_name, bullet)]
        lead = _BOLD_LEAD.match(text)
        if lead and lead.group(2).strip():
            return [self._rtl(lead.group(1), style_name, bullet, bold=True), self._rtl(lead.group(2), style_name, None)]
        if lead:
            return [self._rtl(lead.group(1), style_name, bullet, bold=True)]
        return [self._rtl(plain(text), style_name, bullet)]

    def para(self, text: str, style_name: str, *, bullet: str | None = None) -> Flowable:
        """A single paragraph (titles, labels, table cells): markup is dropped in RTL."""
        if self.rtl and isinstance(text, Dutch):
            return self.ltr_writer()._ltr(keep_phone_together(text), style_name, bullet)
        text = keep_phone_together(text)
        if self.rtl:
            return self._rtl(plain(text), style_name, bullet)
        return self._ltr(text, style_name, bullet)

    def list_marker(self, number: int) -> str:
        """The marker of item `number` in a numbered list, as reportlab must draw it.

        Logically it is always the number followed by a dot ("12."), in Western digits like the
        phone numbers and dates on the page. reportlab draws a bullet as given, without bidi, so
        a right-to-left side gets it in visual order (".12"): read from the right, the number
        comes first, then the dot, as in any RTL paragraph.
        """
        logical = f"{number}."
        # The styles, not the locale: the LTR writer for Dutch fallback text shares the RTL facts.
        return log2vis(logical, "RTL") if self.styles.rtl else logical

    def ltr_writer(self) -> Writer:
        """The same fonts and sizes, left to right: for Dutch fallback text on a right-to-left side."""
        if self._ltr_writer is None:
            from opvoed_desktop.documents.styles import make_styles

            styles = make_styles(
                self.latin.regular,
                self.latin.bold,
                rtl=False,
                script="latin",
                audience="deelnemers",
                large=False,
                scale=self.styles.body_size / 10.5,
            )
            self._ltr_writer = Writer(self.facts, self.latin, self.latin, styles)
        return self._ltr_writer

    def _ltr(self, text: str, style_name: str, bullet: str | None) -> Paragraph:
        style = self.styles.get(style_name)
        bold_style = style.fontName == self.face.bold
        markup = self._wrap_fallback(inline_html(_strip_invisible(text, style.fontName)), bold=bold_style)
        family(self.face)
        return Paragraph(markup, style, bulletText=bullet)

    def _wrap_fallback(self, markup: str, *, bold: bool) -> str:
        """Wrap characters the main font lacks (digits in a Ge'ez font) in the Latin font."""
        main = self.face.bold if bold else self.face.regular
        other = self.latin.bold if bold else self.latin.regular
        out: list[str] = []
        missing: list[str] = []
        run_other = False
        in_tag = in_entity = False
        for char in markup:
            if char == "<":
                in_tag = True
            if char == "&":
                in_entity = True
            plain_char = not (in_tag or in_entity)
            if char == ">":
                in_tag = False
            if char == ";" and in_entity:
                in_entity = False
            use_other = plain_char and char != " " and not covers(main, char)
            if use_other and not covers(other, char):
                missing.append(char)
            if use_other != run_other:
                out.append(f'<font name="{other}">' if use_other else "</font>")
                run_other = use_other
            out.append(char)
        if run_other:
            out.append("</font>")
        if missing:
            raise FontError(missing_message(sorted(set(missing)), self.face))
        return "".join(out)

    def _rtl(self, text: str, style_name: str, bullet: str | None, *, bold: bool = False) -> Paragraph:
        style = self.styles.get(style_name + "-bold" if bold else style_name)
        if self.face.script == "arabic":
            extra = needs_extra_forms(text)
            if extra and self.face.forms_file is None:
                raise FontError(
                    _(
                        "Het lettertype {font} kan deze letters niet verbonden schrijven: {chars}. "
                        "Installeer de lettertypen van opvoed-desktop opnieuw."
                    ).format(font=self.face.path.name, chars=" ".join(sorted(extra)))
                )
            text = reshape(text, self.face.forms_file)
        text = _strip_invisible(text, style.fontName)
        from opvoed_desktop.documents.fonts import missing_chars

        missing = missing_chars(text, style.fontName)
        if missing:
            raise FontError(missing_message(missing, self.face))
        return Paragraph(escape(text), style, bulletText=bullet)


def _strip_invisible(text: str, font_name: str) -> str:
    """Drop joiners and marks the font has no (zero-width) glyph for; keep the others, so that a
    Persian zero-width non-joiner survives into the extracted text."""
    from reportlab.pdfbase import pdfmetrics

    glyphs = pdfmetrics.getFont(font_name).face.charToGlyph
    return "".join(c for c in text if c not in INVISIBLE or ord(c) in glyphs)
