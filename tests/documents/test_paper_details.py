"""Details of the printed page: the draft notice on every page, headings never alone at the foot of a
page or column, no page left mostly empty, dates and lists as the reader's language writes them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4

from opvoed_desktop.documents.compose import MARGIN, fill, join_list
from opvoed_desktop.documents.engine import flowable
from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES
from opvoed_desktop.i18n.dates import printed_date
from opvoed_desktop.services.handouts import HandoutRequest, HandoutService
from tests.documents.conftest import CONTACTS
from tests.documents.pdftools import pdftotext

DAY = dt.date(2026, 12, 2)
HEADINGS = ("title", "h2", "h3")


def blocks_drawn(
    service: HandoutService, request: HandoutRequest, path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[int, float, float, float, str]]:
    """(page, left x, top y, bottom y, style name) of every text block drawn."""
    found: list[tuple[int, float, float, float, str]] = []
    draw = flowable.TextBlock.draw

    def record(block: flowable.TextBlock) -> None:
        x, y = block.canv.absolutePosition(0, 0)
        found.append((block.canv.getPageNumber(), x, y + block.height, y, block.style.name))
        draw(block)

    monkeypatch.setattr(flowable.TextBlock, "draw", record)
    service.write(request, path)
    monkeypatch.undo()
    return found


LAYOUTS = [
    (lang, bilingual, large)
    for lang in HANDOUT_LANGUAGES
    for bilingual, large in ((None, False), ("nl", False), (None, True))
    if not (lang == "nl" and bilingual)
]


@pytest.mark.parametrize("kind", ["ouders", "deelnemers"])
@pytest.mark.parametrize(("lang", "bilingual", "large"), LAYOUTS)
def test_no_heading_ends_a_page_or_column_and_no_page_is_mostly_empty(
    service: HandoutService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    lang: str,
    bilingual: str | None,
    large: bool,
) -> None:
    request = HandoutRequest(kind, lang, bilingual=bilingual, large=large, municipality="Utrecht", contacts=CONTACTS)
    found = blocks_drawn(service, request, tmp_path / "h.pdf", monkeypatch)
    body = [b for b in found if b[3] > MARGIN + 4 and b[4] not in ("small", "pagenote")]
    pages = sorted({b[0] for b in body})
    frame_top, frame_bottom = A4[1] - MARGIN, MARGIN + 4 * 2.8346
    for page in pages:
        on_page = [b for b in body if b[0] == page]
        for column in ((0, A4[0] / 2), (A4[0] / 2, A4[0])) if bilingual else ((0, A4[0]),):
            in_column = [b for b in on_page if column[0] <= b[1] < column[1]]
            if in_column:
                last = min(in_column, key=lambda b: b[3])
                assert last[4].removesuffix("-bold") not in HEADINGS, f"page {page} ends with a heading"
        if page != pages[-1]:
            lowest = min(b[3] for b in on_page)
            assert lowest < frame_top - (frame_top - frame_bottom) / 4, f"page {page} is three-quarters empty"


@pytest.mark.parametrize("lang", [lang for lang in HANDOUT_LANGUAGES if lang != "nl"])
def test_draft_notice_on_every_page(service: HandoutService, tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"{lang}.pdf"
    service.write(HandoutRequest("ouders", lang, large=True, municipality="Utrecht", contacts=CONTACTS), path)
    pages = pdftotext(path).split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert "conceptvertaling" in page, f"page {number} does not say the translation is a draft"


def test_dates_in_the_readers_words() -> None:
    assert printed_date(DAY, "uk") == "2 грудня 2026\u202fр."  # CLDR's narrow no-break space
    assert fill("Створено {datum}.", {"datum": printed_date(DAY, "uk")}) == "Створено 2 грудня 2026\u202fр."
    assert fill("Gemaakt op {datum}.", {"datum": "2 december 2026"}) == "Gemaakt op 2 december 2026."
    assert printed_date(DAY, "ti") == "2/12/2026"  # not ታሕሳስ, the Ge'ez month's name
    assert "ዲሴምበር" in printed_date(DAY, "am")


def test_lists_are_joined_the_way_the_script_writes_them() -> None:
    assert join_list(["العربية", "الهولندية"], "arabic") == "العربية، الهولندية"
    assert join_list(["Arabisch", "Nederlands"], "latin") == "Arabisch, Nederlands"


@pytest.mark.parametrize(("lang", "expected"), [("uk", "2 грудня 2026 р."), ("ti", "2/12/2026"), ("am", "ዲሴምበር")])
def test_printed_date_on_the_hand_out(service: HandoutService, tmp_path: Path, lang: str, expected: str) -> None:
    path = tmp_path / f"{lang}.pdf"
    service.write(HandoutRequest("ouders", lang, municipality="Utrecht", contacts=CONTACTS, date=DAY), path)
    text = pdftotext(path)
    assert expected in text and "р.." not in text


def test_arabic_hand_out_lists_languages_with_the_arabic_comma(service: HandoutService, tmp_path: Path) -> None:
    path = tmp_path / "ar.pdf"
    service.write(HandoutRequest("ouders", "ar", municipality="Utrecht", contacts=CONTACTS), path)
    assert "العربية، الهولندية" in pdftotext(path)


def test_opening_hours_typed_in_dutch_print_in_the_readers_language(service: HandoutService, tmp_path: Path) -> None:
    from opvoed_desktop.i18n.hours import format_hours, parse_hours

    slots = parse_hours("ma–vr 9.00–17.00, za 10.00-12.00")
    assert slots is not None and [s.days for s in slots] == [(0, 1, 2, 3, 4), (5,)]
    assert format_hours(slots, "en") == "Mon–Fri 9:00\u202fAM–5:00\u202fPM, Sat 10:00\u202fAM–12:00\u202fPM"
    assert parse_hours("maandag t/m vrijdag van 9 tot 17 uur") == parse_hours("ma-vr 9-17")
    for odd in ("elke werkdag", "vr–ma 9-17", "ma 9.00–25.00", "ma 17–9", "ma–vr 9–17 (niet op feestdagen)"):
        assert parse_hours(odd) is None, odd  # printed as typed
    path = tmp_path / "ar.pdf"
    service.write(HandoutRequest("ouders", "ar", municipality="Utrecht", contacts=CONTACTS), path)
    text = pdftotext(path)
    assert "الاثنين–الجمعة" in text and "ma–vr" not in text
    assert "elke werkdag" in text  # not of the form: as typed
