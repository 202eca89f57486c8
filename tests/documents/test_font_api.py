"""The public way to add an optional font (used by the export report for DejaVu Sans)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from opvoed_desktop.documents.fonts import FontLocator


def test_extra_face_registers_an_installed_font_once(fonts: FontLocator) -> None:
    face = fonts.extra_face("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
    assert face is not None
    assert face.regular in pdfmetrics.getRegisteredFontNames()
    assert face.bold in pdfmetrics.getRegisteredFontNames()
    assert face.regular != face.bold
    assert fonts.extra_face("NotoSans-Regular.ttf", "NotoSans-Bold.ttf") is face


def test_extra_face_is_none_when_not_installed_and_bold_falls_back(tmp_path: Path, fonts: FontLocator) -> None:
    assert FontLocator([tmp_path]).extra_face("DejaVuSans.ttf") is None
    face = fonts.extra_face("NotoSans-Regular.ttf", "NoSuchFont-Bold.ttf")
    assert face is not None and face.bold == face.regular


def test_export_uses_the_public_call_only() -> None:
    import opvoed_desktop.export.pdf_text as pdf_text

    source = Path(pdf_text.__file__).read_text(encoding="utf-8")
    assert "_lookup" not in source and "_register" not in source
