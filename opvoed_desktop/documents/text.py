"""Turn one unit of text into paragraphs for one language, in its own direction, via the engine.

Every paragraph is a `TextBlock` of documents/engine: bidi per line, HarfBuzz shaping, bold spans
in either direction. Text a font cannot show is refused with the characters and the font to
install, never printed as boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.platypus import Flowable

from opvoed_desktop.documents.engine.flowable import TextBlock
from opvoed_desktop.documents.engine.typesetter import Typesetter, markdown_spans
from opvoed_desktop.documents.fonts import FontError, FontFace, missing_message
from opvoed_desktop.documents.styles import Styles
from opvoed_desktop.i18n.catalogs import LocaleFacts

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
    language: str = ""  # the text's language when not the side's (Dutch fallback text)
    _ltr_writer: Writer | None = None

    @property
    def rtl(self) -> bool:
        return self.facts.rtl

    @property
    def typesetter(self) -> Typesetter:
        regular = tuple(dict.fromkeys((self.face.regular, self.latin.regular)))
        bold = tuple(dict.fromkeys((self.face.bold, self.latin.bold)))
        if len(bold) != len(regular):
            bold = (self.face.bold, self.latin.bold)
            regular = (self.face.regular, self.latin.regular)
        return Typesetter(regular, bold, self.language or self.facts.code)

    def paras(self, text: str, style_name: str, *, bullet: str | None = None) -> list[Flowable]:
        """One unit as a paragraph; **bold** stays bold in either direction."""
        return [self.para(text, style_name, bullet=bullet, markup=True)]

    def para(self, text: str, style_name: str, *, bullet: str | None = None, markup: bool = False) -> Flowable:
        """A single paragraph (titles, labels, table cells, or a unit with `markup`)."""
        if self.rtl and isinstance(text, Dutch):
            return self.ltr_writer().para(str(text), style_name, bullet=bullet, markup=markup)
        text = keep_phone_together(text)
        spans = markdown_spans(text) if markup else ((text, False),)
        rtl = self.styles.rtl
        block = self.typesetter.block(spans, self.styles.get(style_name), rtl=rtl, bullet=bullet, isolate=rtl)
        _check_glyphs(block, self.face)
        return block

    def list_marker(self, number: int) -> str:
        """The marker of item `number` in a numbered list: the number followed by a dot ("12."),
        in Western digits like the phone numbers and dates on the page. It is set by the engine
        in the side's direction, so in right-to-left text the dot stands left of the number."""
        return f"{number}."

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
            self._ltr_writer = Writer(self.facts, self.latin, self.latin, styles, "nl")
        return self._ltr_writer


def _check_glyphs(block: TextBlock, face: FontFace) -> None:
    missing = sorted({c for shaped in block.shaped for c in shaped.missing})
    if block.bullet is not None:
        missing += [c for shaped in block.bullet.shaped for c in shaped.missing if c not in missing]
    if missing:
        raise FontError(missing_message(missing, face))
