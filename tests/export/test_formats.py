"""Each format's content, read back the way a civil servant's software would read it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService


def pdftotext(path: Path) -> str:
    marks = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True)
    return out.stdout.translate(marks)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_report_has_every_section(exporter: ExportService, meeting_id: str) -> None:
    data, replaced = exporter.render(meeting_id, "pdf", "nl")
    text = pdf_text(data)
    assert replaced == 0
    for expected in (
        "Ouderavond De Boog",
        "Zaterdag 14 maart 2026",
        "Wijkcentrum De Boog",
        "Deelnemers",
        "Formele kant",
        "Informele kant",
        "Agenda",
        "19:30–19:45",  # as planned
        "19:34–19:52",  # as run
        "Ouders kennen het CJG niet.",
        "Algemene notities",
        "Kennis van opvoeding",
        "Vertrouwen van ouders",
        "Folder vertalen",
        "30 apr 2026",
        "bezig",
        "Een vaste contactpersoon.",
        "Evaluatie",
        "Meer tijd graag.",
    ):
        assert expected in text, expected
    assert PdfReader(io.BytesIO(data)).metadata.title == "Ouderavond De Boog"


def test_pdf_in_english_uses_english_words_and_dates(exporter: ExportService, meeting_id: str) -> None:
    text = pdf_text(exporter.render(meeting_id, "pdf", "en")[0])
    for expected in ("Participants", "Agreements", "Saturday, March 14, 2026", "in progress", "Meeting report"):
        assert expected in text, expected
    assert "Deelnemers" not in text


def test_pdf_right_to_left_language_renders_arabic_notes(
    exporter: ExportService, meetings: MeetingService, tmp_path: Path
) -> None:
    from tests.export.conftest import make_meeting

    meeting = make_meeting(meetings, note="مرحبا بكم في الاجتماع")
    data, replaced = exporter.render(meeting, "pdf", "ar")
    assert replaced == 0
    # pypdf puts right-to-left runs back glyph by glyph; poppler's pdftotext gives logical order.
    path = tmp_path / "ar.pdf"
    path.write_bytes(data)
    assert "مرحبا بكم في الاجتماع" in pdftotext(path)


def test_docx_has_real_headings_and_tables(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    path = tmp_path / "verslag.docx"
    exporter.export_meeting(meeting_id, "docx", path, lang="nl")
    document = docx.Document(str(path))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Ouderavond De Boog") in headings
    assert ("Heading 1", "Afspraken") in headings
    assert ("Heading 2", "Welkom en kennismaking") in headings
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    agreements = next(t for t in tables if t[0] == ["Wat", "Wie", "Wanneer klaar", "Status"])
    assert agreements[1] == ["Folder vertalen", "CJG", "30 apr 2026", "bezig"]
    strengths = next(t for t in tables if t[0] == ["Formele kant", "Informele kant"])
    assert strengths[1:] == [["Kennis van opvoeding", "Vertrouwen van ouders"], ["", "Spreken de taal"]]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Ouders kennen het CJG niet." in body


def test_markdown_has_headings_and_tables(exporter: ExportService, meeting_id: str) -> None:
    text = exporter.render(meeting_id, "md", "nl")[0].decode("utf-8")
    assert text.startswith("# Ouderavond De Boog\n")
    assert "## Afspraken" in text
    assert "| Folder vertalen | CJG | 30 apr 2026 | bezig |" in text
    assert "### Welkom en kennismaking" in text


@pytest.mark.parametrize(("lang", "separator"), [("nl", ";"), ("en", ",")])
def test_csv_opens_in_excel(exporter: ExportService, meeting_id: str, lang: str, separator: str) -> None:
    data = exporter.render(meeting_id, "csv", lang)[0]
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].count(separator) == 6
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    assert rows[1][3:] == ["Folder vertalen", "CJG", "2026-04-30", "bezig" if lang == "nl" else "in progress"]
    # Formula-looking cells are neutralised so Excel shows them as text.
    assert rows[2][3] == '\'=HYPERLINK("http://x")'
    assert rows[2][4] == "'+wijkteam"


def test_json_bundle_carries_ids_and_timestamps(exporter: ExportService, meeting_id: str) -> None:
    bundle = json.loads(exporter.render(meeting_id, "json")[0])
    assert bundle["format_version"] == 4
    meeting = bundle["meetings"][0]
    assert meeting["id"] == meeting_id
    assert {"created_at", "updated_at"} <= set(meeting["notes"][0])
    assert len(meeting["agreements"]) == 2


def test_json_to_zip_adds_the_pdf(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    path = tmp_path / "bundel.zip"
    exporter.export_meeting(meeting_id, "json", path)
    names = zipfile.ZipFile(path).namelist()
    assert "bundle.json" in names
    assert any(n.endswith(".pdf") for n in names)


def test_period_zip_with_progress(exporter: ExportService, meetings: MeetingService, tmp_path: Path) -> None:
    from datetime import date

    from tests.export.conftest import make_meeting

    for _ in range(3):
        make_meeting(meetings)
    seen: list[tuple[int, int]] = []
    result = exporter.export_period(
        tmp_path / "gouda.zip",
        municipality="Gouda",
        since=date(2026, 3, 1),
        until=date(2026, 3, 14),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.meetings == 3
    assert seen[-1] == (4, 4)
    names = zipfile.ZipFile(result.path).namelist()
    assert sum(n.endswith(".pdf") for n in names) == 3
    assert {"bundle.json", "afspraken.csv"} <= set(names)


def test_period_outside_any_meeting_is_a_clear_error(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    from datetime import date

    from opvoed_desktop.export.errors import ExportError

    with pytest.raises(ExportError, match="geen bijeenkomsten"):
        exporter.export_period(tmp_path / "x.zip", municipality="Gouda", since=date(2020, 1, 1), until=date(2020, 2, 1))
    assert not (tmp_path / "x.zip").exists()


def test_a_deadline_in_words_and_room_languages_as_typed_reach_every_format(
    exporter: ExportService, meetings: MeetingService, meeting_id: str
) -> None:
    meetings.add_agreement(meeting_id, "Spreekuur in de moskee", due_text="eind januari")
    # Text from an old bundle that names no language must not stop the export (it hung before).
    meetings.update_meeting(meeting_id, languages=["nl", "ar", "nederlands", "Klingon"])
    for fmt in ("pdf", "md", "csv", "docx"):
        data, _replaced = exporter.render(meeting_id, fmt, "nl")
        if fmt == "pdf":
            text = pdf_text(data)
        elif fmt == "docx":
            document = docx.Document(io.BytesIO(data))
            text = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
        else:
            text = data.decode("utf-8-sig")
        assert "eind januari" in text, fmt
        if fmt != "csv":
            assert "Klingon" in text and "Arabisch" in text, fmt
