"""Characters above U+FFFF (emoji, mathematical letters) in a report PDF extract as themselves.

reportlab writes their ToUnicode entries with five hex digits (`<1F600>`), an odd-length string
that pypdf rejects with a warning and poppler misreads; the engine's fonts write UTF-16 surrogate
pairs, and a glyph drawn for several characters (a ligature) maps to all of them. DejaVu Sans
(installed on the test machines, see wide_face) has 😀 and 𝔸.
"""

from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path

import pytest
from pypdf import PdfReader

from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.export.pdf_report import render_pdf
from opvoed_desktop.export.pdf_text import wide_face
from opvoed_desktop.export.report import build_report
from opvoed_desktop.export.words import Words
from tests.documents.pdftools import pdftotext
from tests.export.test_records import detail_with

NOTE = "Blij 😀 en 𝔸 klaar"


def test_emoji_in_a_report_extracts_back_with_pypdf_and_pdftotext(
    fonts: FontLocator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    wide = wide_face(fonts)
    assert wide is not None, "DejaVu Sans is needed for this test (fonts-dejavu-core)"
    report = build_report(detail_with(title="Avond", note=NOTE, what="afspraak"), Words.load("nl"))
    pdf, replaced = render_pdf(report, fonts)
    assert replaced == 0  # printed in DejaVu Sans, not replaced by U+FFFD

    with caplog.at_level(logging.WARNING, logger="pypdf"), warnings.catch_warnings():
        warnings.simplefilter("error")
        text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert not [r for r in caplog.records if r.name.startswith("pypdf")], caplog.text
    assert NOTE in text

    path = tmp_path / "emoji.pdf"
    path.write_bytes(pdf)
    assert NOTE in pdftotext(path)


def test_tounicode_entries_are_even_length_utf16() -> None:
    from opvoed_desktop.documents.engine.pdfdraw import to_unicode_cmap

    cmap = to_unicode_cmap("F", [0x41, 0x1F600, 0xF0000, 0xF0001], {0xF0000: "\u0644\u0627", 0xF0001: ""})
    assert "<01> <D83DDE00>" in cmap  # surrogate pair, not <1F600>
    assert "<00> <0041>" in cmap
    assert "<02> <06440627>" in cmap  # a lam-alef ligature stands for both letters, in logical order
    assert "<03>" not in cmap  # a glyph standing for no character (a second glyph of a cluster)
