"""Horizontal bar charts (reportlab.graphics) for participants per side and evaluation scores.

Drawn from primitives rather than reportlab's chart classes so that a right-to-left report can
mirror them: labels on the right, bars growing to the left.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from opvoed_desktop.documents.styles import ACCENT, INK, RULE, SOFT
from opvoed_desktop.export.pdf_text import TextSetter

ROW = 18.0
BAR = 11.0
FONT_SIZE = 9.0


def bar_chart(
    rows: list[tuple[str, float, str]], *, maximum: float, width: float, setter: TextSetter, ticks: list[float]
) -> Drawing:
    """One bar per row: (label, value, value as text). `ticks` are grid lines on the value axis."""
    labels = [setter.visual(label) for label, _value, _text in rows]
    label_width = min(width * 0.38, max([stringWidth(t, f, FONT_SIZE) for t, f in labels] + [20.0]) + 14)
    value_room = 34.0
    plot = width - label_width - value_room
    height = ROW * len(rows) + 16
    drawing = Drawing(width, height)
    rtl = setter.rtl

    def x_of(value: float) -> float:
        offset = plot * (value / maximum if maximum else 0)
        return width - label_width - offset if rtl else label_width + offset

    origin = x_of(0)
    for tick in ticks:
        x = x_of(tick)
        drawing.add(Line(x, 12, x, height, strokeColor=RULE, strokeWidth=0.3, strokeDashArray=[1, 2]))
        text, font = setter.visual(_number(tick))
        drawing.add(String(x, 2, text, fontName=font, fontSize=FONT_SIZE - 1, fillColor=INK, textAnchor="middle"))
    for i, ((label, font), (_label, value, value_text)) in enumerate(zip(labels, rows, strict=True)):
        y = height - ROW * (i + 1)
        end = x_of(value)
        left, right = (end, origin) if rtl else (origin, end)
        drawing.add(Rect(left, y, max(right - left, 0.5), BAR, fillColor=ACCENT, strokeColor=None))
        anchor_x = width - label_width + 6 if rtl else label_width - 6
        drawing.add(
            String(
                anchor_x,
                y + 2.5,
                _fit(label, font, label_width - 10),
                fontName=font,
                fontSize=FONT_SIZE,
                fillColor=INK,
                textAnchor="start" if rtl else "end",
            )
        )
        shown, value_font = setter.visual(value_text, bold=True)
        drawing.add(
            String(
                end - 4 if rtl else end + 4,
                y + 2.5,
                shown,
                fontName=value_font,
                fontSize=FONT_SIZE,
                fillColor=INK,
                textAnchor="end" if rtl else "start",
            )
        )
    drawing.add(Line(origin, 12, origin, height, strokeColor=INK, strokeWidth=0.6))
    drawing.background = Rect(0, 0, width, height, fillColor=SOFT, strokeColor=None)
    return drawing


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _fit(text: str, font: str, room: float) -> str:
    """Shorten a long label with an ellipsis so it never runs into the bars."""
    if stringWidth(text, font, FONT_SIZE) <= room:
        return text
    while text and stringWidth(text + "…", font, FONT_SIZE) > room:
        text = text[:-1]
    return text + "…"
