"""The meeting report prints every script the hand-outs print, through the same text engine:
Tigrinya and Amharic notes in a Dutch or an Arabic report come out as themselves (not "????"),
and mixed Arabic/Dutch notes keep their words and brackets in pdftotext."""

from __future__ import annotations

from pathlib import Path

import pytest

from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.export.pdf_report import render_pdf
from opvoed_desktop.export.report import build_report
from opvoed_desktop.export.words import Words
from tests.documents.pdftools import pdftotext
from tests.export.test_records import detail_with

TIGRINYA = "ወለዲ ብዛዕባ ትምህርቲ ደቆም ተዛራረቡ።"
AMHARIC = "ወላጆች ስለ ልጆቻቸው ትምህርት ተነጋገሩ።"
MIXED = "فريق الحي (wijkteam) belt op 2 december."


@pytest.mark.parametrize("lang", ["nl", "ar", "ti"])
def test_geez_and_arabic_notes_print_in_any_report_language(lang: str, tmp_path: Path) -> None:
    note = f"{TIGRINYA}\n{AMHARIC}\n{MIXED}"
    report = build_report(detail_with(title="Avond", note=note, what="afspraak"), Words.load(lang))
    pdf, replaced = render_pdf(report, FontLocator())
    assert replaced == 0
    path = tmp_path / f"report-{lang}.pdf"
    path.write_bytes(pdf)
    text = pdftotext(path)
    assert "????" not in text and "\ufffd" not in text
    for line in (TIGRINYA, AMHARIC, MIXED):
        assert line in text, line
