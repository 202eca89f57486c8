"""The engine's front door: text (plain or with **bold**) and a style in, a `TextBlock` out.

Also the one piece of preparation the bidi algorithm needs from us: a phone number, web address
or e-mail address inside right-to-left text is wrapped in a left-to-right isolate (LRI … PDI),
as Unicode recommends, so "+31 20 …" keeps its plus sign in front and "x=1" its equals sign.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle

from opvoed_desktop.documents.engine.flowable import Spans, TextBlock
from opvoed_desktop.documents.engine.layout import Setting

LRI, PDI = "\u2066", "\u2069"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
# Phone numbers ("+31 20 123 45 67", "020-1234567"), web and e-mail addresses.
_LTR_TOKEN = re.compile(
    r"(?<![\w])\+?\d[\d\- \u00a0]{5,}\d(?![\w])"
    r"|(?:https?://|www\.)[^\s]+[^\s.,;:!?)\]»]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|info)(?:/[^\s]*[^\s.,;:!?)\]»])?\b",
    re.UNICODE,
)


def isolate_ltr_tokens(text: str) -> str:
    """Phone numbers, web and e-mail addresses as left-to-right isolates (for right-to-left text)."""
    return _LTR_TOKEN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def markdown_spans(text: str) -> Spans:
    """`**bold**` as bold spans; `*italic*` loses its stars (we print no italic font)."""
    spans: list[tuple[str, bool]] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            spans.append((_ITALIC.sub(r"\1", text[position : match.start()]), False))
        spans.append((_ITALIC.sub(r"\1", match.group(1)), True))
        position = match.end()
    if position < len(text):
        spans.append((_ITALIC.sub(r"\1", text[position:]), False))
    return tuple(spans)


@dataclass(frozen=True)
class Typesetter:
    """Fonts (regular and bold, in order of preference) and the language of the text it sets."""

    regular: tuple[str, ...]
    bold: tuple[str, ...]
    language: str

    def block(
        self,
        text: str | Spans,
        style: ParagraphStyle,
        *,
        rtl: bool | None,
        bullet: str | None = None,
        isolate: bool = False,
    ) -> TextBlock:
        """Each line of `text` a paragraph; `rtl` its direction (None: its first strong letter)."""
        heavy = style.fontName in self.bold
        spans = ((text, False),) if isinstance(text, str) else text
        if heavy:
            spans = tuple((t, True) for t, _b in spans)
        if isolate:
            spans = tuple((isolate_ltr_tokens(t), b) for t, b in spans)
        paragraphs = split_paragraphs(spans)
        setting = Setting(self.regular, self.bold, style.fontSize, self.language)
        marker = None
        if bullet is not None:
            marker = TextBlock((((bullet, False),),), style, setting, rtl)
        return TextBlock(paragraphs, style, setting, rtl, bullet=marker)


def split_paragraphs(spans: Spans) -> tuple[Spans, ...]:
    """Spans cut at line breaks: each line is a paragraph of its own for the bidi algorithm."""
    paragraphs: list[list[tuple[str, bool]]] = [[]]
    for text, bold in spans:
        parts = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").split("\n")
        for index, part in enumerate(parts):
            if index:
                paragraphs.append([])
            if part:
                paragraphs[-1].append((part.replace("\t", " "), bold))
    return tuple(tuple(p) for p in paragraphs)
