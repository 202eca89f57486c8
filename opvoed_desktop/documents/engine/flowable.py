"""`TextBlock`: the reportlab flowable that sets text through the engine, in place of Paragraph.

It takes a ParagraphStyle for sizes, colours, indents and spacing, so the documents' styles stay
as they are; alignment follows the style, the direction of each paragraph its own text (or the
side's direction given). Lines stand where reportlab's Paragraph puts them (first baseline one font
size below the top, then one leading per line), so page layouts keep their rhythm.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from opvoed_desktop.documents.engine.layout import (
    Setting,
    ShapedParagraph,
    VisualLine,
    break_lines,
    shape_paragraph,
    visual_line,
)
from opvoed_desktop.documents.engine.pdfdraw import emit_line

# One paragraph: its text and which characters are bold.
Spans = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class SetLine:
    paragraph: ShapedParagraph
    start: int
    stop: int
    first: bool  # the first line of the block (takes the first-line indent and the bullet)


@lru_cache(maxsize=4096)
def paragraph_input(spans: Spans) -> tuple[str, tuple[bool, ...]]:
    text = "".join(t for t, _b in spans)
    bold: list[bool] = []
    for part, heavy in spans:
        bold += [heavy] * len(part)
    return text, tuple(bold)


class TextBlock(Flowable):
    """One or more paragraphs of text, set by the engine; splits between lines across pages."""

    def __init__(
        self,
        paragraphs: tuple[Spans, ...],
        style: ParagraphStyle,
        setting: Setting,
        rtl: bool | None,
        *,
        bullet: TextBlock | None = None,
        lines: list[SetLine] | None = None,
    ) -> None:
        super().__init__()
        self.paragraphs = paragraphs
        self.style = style
        self.setting = setting
        self.rtl = rtl
        self.bullet = bullet
        self._lines = lines
        self._lines_width: float | None = None if lines is None else -1.0
        self.width = 0.0
        self.height = 0.0
        self.shaped = [shape_paragraph(*paragraph_input(p), rtl, setting) for p in paragraphs]

    # reportlab protocol --------------------------------------------------------------------------
    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        lines = self.lines(avail_width)
        self.height = len(lines) * self.style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self.lines(avail_width)
        fit = int((avail_height + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return []  # it fits: nothing to split (reportlab asks only when it does not)
        if fit < 2 or len(lines) < 4:
            return []  # no single line left alone at the foot or the head of a page
        fit = min(fit, len(lines) - 2)
        head = TextBlock(self.paragraphs, self.style, self.setting, self.rtl, bullet=self.bullet, lines=lines[:fit])
        tail = TextBlock(self.paragraphs, self.style, self.setting, self.rtl, lines=lines[fit:])
        head.spaceAfter = 0
        tail.spaceBefore = 0
        head.keepWithNext = 0
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        size = self.setting.size
        lines = self.lines(self.width)
        y = self.height - size
        canvas.setFillColor(style.textColor)
        for line in lines:
            drawn = visual_line(line.paragraph, line.start, line.stop, size)
            room = self._room(line)
            left = style.leftIndent + (style.firstLineIndent if line.first and not self._line_rtl(line) else 0)
            if style.alignment == TA_RIGHT:
                x = left + room - drawn.width
            elif style.alignment == TA_CENTER:
                x = left + (room - drawn.width) / 2
            else:
                x = left
            segments = [(x, drawn.words)]
            logical = drawn.logical
            if line.first and self.bullet is not None:
                marker = self._bullet(line)
                segments.append((marker[0], marker[1].words))
                logical = f"{marker[1].logical} {logical}"
            emit_line(canvas, y, size, segments, logical)
            y -= style.leading

    # Lines -------------------------------------------------------------------------------------
    def lines(self, width: float) -> list[SetLine]:
        if self._lines is not None and (self._lines_width == width or self._lines_width == -1.0):
            return self._lines
        style = self.style
        room = width - style.leftIndent - style.rightIndent
        lines: list[SetLine] = []
        for shaped in self.shaped:
            widths = [room - style.firstLineIndent, room] if not lines else [room]
            for start, stop in break_lines(shaped.text, shaped.advances, widths) or [(0, 0)]:
                lines.append(SetLine(shaped, start, stop, not lines))
        self._lines = lines
        self._lines_width = width
        return lines

    def _room(self, line: SetLine) -> float:
        room = self.width - self.style.leftIndent - self.style.rightIndent
        return room - (self.style.firstLineIndent if line.first else 0)

    @staticmethod
    def _line_rtl(line: SetLine) -> bool:
        return line.paragraph.level % 2 == 1

    def _bullet(self, line: SetLine) -> tuple[float, VisualLine]:
        """The list marker and where it stands: on the reading side, `bulletIndent` in."""
        bullet = self.bullet
        assert bullet is not None
        marker = bullet.lines(10_000)[0]
        drawn = visual_line(marker.paragraph, marker.start, marker.stop, self.setting.size)
        indent = self.style.bulletIndent
        return (self.width - indent - drawn.width if self._line_rtl(line) else indent), drawn

    # Text of the block (tests, debugging) ------------------------------------------------------
    def plain_text(self) -> str:
        return "\n".join(s.text for s in self.shaped)

    def identity(self, max_len: int | None = None) -> str:
        text = self.plain_text()
        return f"TextBlock({text[: max_len or 60]!r})"
