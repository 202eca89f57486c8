"""The translation editor shows Arabic-script and Ge'ez text in the fonts the PDFs print with, and
those fonts keep their OpenType tables, so Qt joins Pashto and Sorani letters as the paper will."""

from __future__ import annotations

from PySide6.QtGui import QFont, QRawFont, QTextLayout

from opvoed_desktop.ui.translation_model import SCRIPT_FAMILIES, with_script_fonts


def _glyphs(text: str, font: QFont) -> list[int]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [index for run in layout.glyphRuns() for index in run.glyphIndexes()]


def test_editor_font_asks_for_the_bundled_script_fonts_first(qapp: object) -> None:
    font = with_script_fonts(QFont("Sans Serif"))
    assert font.families()[: len(SCRIPT_FAMILIES)] == list(SCRIPT_FAMILIES)
    assert "Sans Serif" in font.families()


def test_bundled_arabic_font_keeps_its_shaping_tables_and_joins_pashto_letters(qapp: object) -> None:
    with_script_fonts(QFont())
    arabic = QFont("Noto Sans Arabic")
    raw = QRawFont.fromFont(arabic)
    assert raw.familyName() == "Noto Sans Arabic"
    assert raw.fontTable("GSUB") and raw.fontTable("GPOS")
    # ښ alone is its isolated form; before ه it takes its initial form: another glyph.
    alone = _glyphs("ښ", arabic)
    joined = _glyphs("ښه", arabic)
    assert len(alone) == 1 and len(joined) == 2
    assert alone[0] not in joined
