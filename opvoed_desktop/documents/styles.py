"""Paragraph styles per language direction, script and layout (A4 or large print)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#0b5d6b")
SOFT = colors.HexColor("#e8f1f2")
NOTICE = colors.HexColor("#fff4d6")
RULE = colors.HexColor("#9aa5b1")

# Body size in points per audience; large print scales everything.
BODY_SIZE = {"ouders": 12.5, "deelnemers": 10.5, "agenda": 15.0}
LARGE_FACTOR = 1.35
# Arabic and Ge'ez glyphs reach further above and below the line than Latin.
LEADING = {"latin": 1.4, "arabic": 1.75, "ethiopic": 1.55}


@dataclass
class Styles:
    regular: str
    bold: str
    rtl: bool
    script: str
    body_size: float
    _cache: dict[str, ParagraphStyle] = field(default_factory=dict)

    def get(self, name: str) -> ParagraphStyle:
        if name not in self._cache:
            self._cache[name] = self._make(name)
        return self._cache[name]

    def _make(self, name: str) -> ParagraphStyle:
        bold = name.endswith("-bold")
        base = name.removesuffix("-bold")
        size, space_before, space_after, heavy, color = {
            "title": (self.body_size * 1.9, 0, self.body_size * 0.6, True, ACCENT),
            "h2": (self.body_size * 1.35, self.body_size * 0.9, self.body_size * 0.3, True, ACCENT),
            "h3": (self.body_size * 1.12, self.body_size * 0.6, self.body_size * 0.2, True, INK),
            "body": (self.body_size, 0, self.body_size * 0.45, False, INK),
            "item": (self.body_size, 0, self.body_size * 0.3, False, INK),
            "numbered": (self.body_size, 0, self.body_size * 0.3, False, INK),
            "lead": (self.body_size, 0, 0, False, INK),
            "cell": (self.body_size * 0.95, 0, 0, False, INK),
            "head": (self.body_size * 0.95, 0, 0, True, colors.white),
            "small": (self.body_size * 0.8, 0, 0, False, INK),
            "notice": (self.body_size * 0.85, 0, 2, True, INK),
            # The draft notice in the top margin of later pages: one size in every layout, so that
            # it fits the margin in large print too (page 1 has the full-size box).
            "pagenote": (7.5, 0, 0, False, INK),
        }[base]
        leading = size * LEADING[self.script]
        indent = self.body_size * 1.4 if base in ("item", "lead", "numbered") else 0
        if base == "numbered":
            # Room for a marker up to "99." plus reportlab's bullet gap (0.6 em): a wider marker makes
            # reportlab narrow the first line, and in RTL it then moves the marker into the text.
            indent = max(indent, self.body_size * 0.3 + stringWidth("00.", self.regular, size) + 0.6 * size)
        style = ParagraphStyle(
            name,
            fontName=self.bold if (heavy or bold) else self.regular,
            fontSize=size,
            leading=leading,
            textColor=color,
            spaceBefore=space_before,
            spaceAfter=space_after,
            alignment=TA_RIGHT if self.rtl else TA_LEFT,
            bulletFontName=self.regular,
            bulletFontSize=size,
            allowWidows=0,
            allowOrphans=0,
        )
        if base in ("item", "lead", "numbered"):
            # The engine measures the bullet from the reading side.
            style.bulletIndent = self.body_size * 0.3
            if self.rtl:
                style.rightIndent = indent
            else:
                style.leftIndent = indent
        if base == "lead":
            style.spaceAfter = 0
        if base in ("title", "h2", "h3"):
            style.keepWithNext = 1  # a heading never stands alone at the foot of a page
        return style


def make_styles(
    regular: str, bold: str, *, rtl: bool, script: str, audience: str, large: bool, scale: float = 1.0
) -> Styles:
    size = BODY_SIZE[audience] * (LARGE_FACTOR if large else 1.0) * scale
    return Styles(regular=regular, bold=bold, rtl=rtl, script=script, body_size=size)
