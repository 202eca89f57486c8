"""Horizontal bar charts for participants per side and evaluation scores.

Drawn from canvas primitives rather than reportlab's chart classes so that a right-to-left report
can mirror them (labels on the right, bars growing to the left), and with every label set by the
text engine like all other text of the PDF.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from opvoed_desktop.documents.engine.flowable import TextBlock
from opvoed_desktop.documents.styles import ACCENT, INK, RULE, SOFT
from opvoed_desktop.export.pdf_text import TextSetter

ROW = 18.0
BAR = 11.0
FONT_SIZE = 9.0


def natural_width(block: TextBlock) -> float:
    """The width of a one-line label as set."""
    from opvoed_desktop.documents.engine.layout import visual_line

    block.wrap(100_000, 100)
    line = block.lines(100_000)[0]
    return visual_line(line.paragraph, line.start, line.stop, block.setting.size).width


class BarChart(Flowable):
    """One bar per row: (label, value, value as text); `ticks` are grid lines on the value axis."""

    def __init__(
        self,
        rows: list[tuple[str, float, str]],
        *,
        maximum: float,
        width: float,
        setter: TextSetter,
        ticks: list[float],
    ) -> None:
        super().__init__()
        self.rows = rows
        self.maximum = maximum
        self.width = width
        self.rtl = setter.rtl
        self.labels = [fit(setter, label, width * 0.38 - 10) for label, _v, _t in rows]
        self.values = [setter.label(text, FONT_SIZE, bold=True) for _l, _v, text in rows]
        self.ticks = [(tick, setter.label(_number(tick), FONT_SIZE - 1)) for tick in ticks]
        widest = max([natural_width(b) for b in self.labels] + [20.0])
        self.label_width = min(width * 0.38, widest + 14)
        self.height = ROW * len(rows) + 16

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _x(self, value: float) -> float:
        plot = self.width - self.label_width - 34.0
        offset = plot * (value / self.maximum if self.maximum else 0)
        return self.width - self.label_width - offset if self.rtl else self.label_width + offset

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(SOFT)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        origin = self._x(0)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.3)
        canvas.setDash([1, 2])
        for tick, label in self.ticks:
            x = self._x(tick)
            canvas.line(x, 12, x, self.height)
            _place(canvas, label, x - natural_width(label) / 2, 2)
        canvas.setDash([])
        for index, (label, value, (_l, amount, _t)) in enumerate(zip(self.labels, self.values, self.rows, strict=True)):
            y = self.height - ROW * (index + 1)
            end = self._x(amount)
            left, right = (end, origin) if self.rtl else (origin, end)
            canvas.setFillColor(ACCENT)
            canvas.rect(left, y, max(right - left, 0.5), BAR, stroke=0, fill=1)
            label_x = self.width - self.label_width + 6 if self.rtl else self.label_width - 6 - natural_width(label)
            _place(canvas, label, label_x, y + 2.5)
            value_x = end - 4 - natural_width(value) if self.rtl else end + 4
            _place(canvas, value, value_x, y + 2.5)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.6)
        canvas.line(origin, 12, origin, self.height)


def _place(canvas: object, block: TextBlock, x: float, baseline: float) -> None:
    """Draw a one-line label with its baseline at `baseline`."""
    _w, height = block.wrap(100_000, 100)
    block.style.textColor = INK
    block.drawOn(canvas, x, baseline - height + block.setting.size)


def bar_chart(
    rows: list[tuple[str, float, str]], *, maximum: float, width: float, setter: TextSetter, ticks: list[float]
) -> BarChart:
    return BarChart(rows, maximum=maximum, width=width, setter=setter, ticks=ticks)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def fit(setter: TextSetter, text: str, room: float) -> TextBlock:
    """A label shortened with an ellipsis so it never runs into the bars."""
    block = setter.label(text, FONT_SIZE, count=False)
    if natural_width(block) <= room:
        return setter.label(text, FONT_SIZE)
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if natural_width(setter.label(text[:middle] + "…", FONT_SIZE, count=False)) <= room:
            low = middle
        else:
            high = middle - 1
    return setter.label(text[:low] + "…", FONT_SIZE)
