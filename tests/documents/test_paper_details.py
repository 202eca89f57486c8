"""Details of the printed page: the draft notice on every page, headings never alone at the foot of a
page or column, no page left mostly empty, dates and lists as the reader's language writes them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Frame, Spacer

from opvoed_desktop.documents.compose import MARGIN, fill, join_list
from opvoed_desktop.documents.engine import flowable
from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES
from opvoed_desktop.i18n.dates import printed_date
from opvoed_desktop.services.handouts import TEMPLATES, Contact, HandoutRequest, HandoutService
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


def placed_on_pages(
    service: HandoutService, request: HandoutRequest, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[tuple[int, float, float, float, str]], list[tuple[int, float, float]]]:
    """The text blocks drawn (see `blocks_drawn`) and every flowable the page's frame placed:
    (page, top y, bottom y), tables and drawings too (a form's empty rows fill a page as well)."""
    placed: list[tuple[int, float, float]] = []
    add = Frame.add

    def record(frame: Frame, flowable_: object, canv: object, trySplit: int = 0) -> int:
        top = frame._y
        done = add(frame, flowable_, canv, trySplit)
        if done and not isinstance(flowable_, Spacer) and top - frame._y > 0.5:  # takes room
            placed.append((canv.getPageNumber(), top, frame._y))  # type: ignore[attr-defined]
        return int(done)

    monkeypatch.setattr(Frame, "add", record)
    blocks = blocks_drawn(service, request, path, monkeypatch)  # undoes both patches when done
    return blocks, placed


def layout_problems(
    blocks: list[tuple[int, float, float, float, str]], placed: list[tuple[int, float, float]], two_columns: bool
) -> list[str]:
    """A heading with nothing after it in its column or below it across the page (the foot of a
    page or column), and any page but the last filled less than a quarter: three-quarters empty."""
    body = [b for b in blocks if b[3] > MARGIN + 4 and b[4] not in ("small", "pagenote")]
    pages = sorted({b[0] for b in body} | {p[0] for p in placed})
    frame_top, frame_bottom = A4[1] - MARGIN, MARGIN + 4 * mm
    problems = []
    for page in pages:
        on_page = [b for b in body if b[0] == page]
        below_all = [p for p in placed if p[0] == page]
        for column in ((0, A4[0] / 2), (A4[0] / 2, A4[0])) if two_columns else ((0, A4[0]),):
            in_column = [b for b in on_page if column[0] <= b[1] < column[1]]
            if not in_column:
                continue
            last = min(in_column, key=lambda b: b[3])
            followed = any(top <= last[3] + 1 for _p, top, _bottom in below_all)  # a full-width block under it
            if last[4].removesuffix("-bold") in HEADINGS and not followed:
                problems.append(f"page {page} ends a column with a heading")
        if page != pages[-1]:
            lowest = min([b[3] for b in on_page] + [bottom for _p, _top, bottom in below_all])
            if lowest > frame_top - (frame_top - frame_bottom) / 4:
                problems.append(f"page {page} is three-quarters empty")
    return problems


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
    blocks, placed = placed_on_pages(service, request, tmp_path / "h.pdf", monkeypatch)
    assert layout_problems(blocks, placed, bool(bilingual)) == []


@pytest.mark.parametrize("kind", TEMPLATES)
@pytest.mark.parametrize(
    ("lang", "bilingual", "large"),
    [(lang, b, large) for lang, b, large in LAYOUTS if lang in ("ar", "ti", "fa", "am", "nl")],
)
def test_templates_keep_headings_with_what_follows_and_fill_their_pages(
    service: HandoutService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    lang: str,
    bilingual: str | None,
    large: bool,
) -> None:
    request = HandoutRequest(kind, lang, bilingual=bilingual, large=large, municipality="Utrecht")
    blocks, placed = placed_on_pages(service, request, tmp_path / "t.pdf", monkeypatch)
    assert placed and blocks
    assert layout_problems(blocks, placed, bool(bilingual)) == []


def test_the_layout_check_sees_a_lonely_heading_and_an_empty_page() -> None:
    heading_last = [(1, 50.0, 300.0, 280.0, "body"), (1, 50.0, 270.0, 250.0, "h2"), (2, 50.0, 800.0, 100.0, "body")]
    placed = [(1, 800.0, 250.0), (2, 800.0, 100.0)]
    assert layout_problems(heading_last, placed, False) == ["page 1 ends a column with a heading"]
    mostly_empty = [(1, 50.0, 800.0, 700.0, "body"), (2, 50.0, 800.0, 100.0, "body")]
    assert layout_problems(mostly_empty, [(1, 800.0, 700.0), (2, 800.0, 100.0)], False) == [
        "page 1 is three-quarters empty"
    ]
    with_table_below = [(1, 50.0, 800.0, 700.0, "h2"), (2, 50.0, 800.0, 100.0, "body")]
    assert layout_problems(with_table_below, [(1, 800.0, 700.0), (1, 700.0, 150.0), (2, 800.0, 100.0)], False) == []


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


BRUG = Contact("Gezinspunt De Brug", "cjg", "Brugstraat 3, Utrecht", "", "", "", ())


@pytest.mark.parametrize("bilingual", [None, "nl"])
@pytest.mark.parametrize("lang", HANDOUT_LANGUAGES)
def test_contact_heading_names_each_name_once_in_one_pair_of_brackets(
    service: HandoutService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, bilingual: str | None
) -> None:
    """The heading "CJG Utrecht-West (مركز الشباب والأسرة (CJG))" named the CJG twice in nested brackets: the
    kind's abbreviation is left out when the name holds it, and follows a dash when it does not.
    Checked in the paragraphs drawn (both columns) and, in one column, in the text pdftotext reads."""
    if lang == "nl" and bilingual:
        pytest.skip("Dutch beside Dutch is not a layout")
    path = tmp_path / f"{lang}.pdf"
    request = HandoutRequest("ouders", lang, bilingual=bilingual, municipality="Utrecht", contacts=(*CONTACTS, BRUG))
    drawn = texts_drawn(service, request, path, monkeypatch)
    langs = {lang, "nl"} if bilingual else {lang}
    utrecht = {" ".join(_kind_label(code).replace("(CJG)", "").split()) for code in langs}
    brug = {" ".join(_kind_label(code).replace("(CJG)", "– CJG").split()) for code in langs}
    extracted = " ".join(pdftotext(path).split())
    for name, expected in (("CJG Utrecht-West", utrecht), ("Gezinspunt De Brug", brug)):
        headings = {text for text in drawn if text.startswith(name + " (")}
        assert {" ".join(h[len(name) + 2 :].split()) for h in headings} == {f"{e})" for e in expected}
        if not bilingual:
            (heading,) = headings
            assert " ".join(heading.split()) in extracted  # brackets the right way round, in logical order


def texts_drawn(
    service: HandoutService, request: HandoutRequest, path: Path, monkeypatch: pytest.MonkeyPatch
) -> set[str]:
    """The text of every paragraph drawn (a paragraph split over two pages counts once)."""
    found: set[str] = set()
    draw = flowable.TextBlock.draw

    def record(block: flowable.TextBlock) -> None:
        found.update("".join(text for text, _bold in paragraph) for paragraph in block.paragraphs)
        draw(block)

    monkeypatch.setattr(flowable.TextBlock, "draw", record)
    service.write(request, path)
    monkeypatch.undo()
    return found


def _kind_label(lang: str) -> str:
    from opvoed_desktop.documents.labels import label
    from opvoed_desktop.i18n.catalogs import load_content_catalog
    from opvoed_desktop.paths import translations_dir

    return label(load_content_catalog(lang, translations_dir()), "kind_cjg")[0]


@pytest.mark.parametrize(
    ("organisation", "kind", "expected"),
    [
        ("CJG Utrecht-West", "مركز الشباب والأسرة (CJG)", "مركز الشباب والأسرة"),
        ("De Brug", "Centre for Youth and Family (CJG)", "Centre for Youth and Family – CJG"),
        ("Centrum voor Jeugd en Gezin Ede", "Centrum voor Jeugd en Gezin", ""),
        ("cjg ede", "Gençlik ve Aile Merkezi (CJG)", "Gençlik ve Aile Merkezi"),
        ("CJGroep", "Centrum Młodzieży i Rodziny (CJG)", "Centrum Młodzieży i Rodziny – CJG"),  # not a word of it
        ("Moskee Al Fath", "moskee", ""),
        ("Buurthuis", "gebedshuis (moskee)", "gebedshuis – moskee"),
    ],
)
def test_kind_beside_the_name(organisation: str, kind: str, expected: str) -> None:
    from opvoed_desktop.documents.handout import kind_beside

    assert kind_beside(organisation, kind) == expected


@pytest.mark.parametrize("lang", ["nl", "ar", "fa", "ti", "am"])
def test_stored_opening_hours_print_in_the_readers_language_and_the_kept_text_as_typed(
    service: HandoutService, tmp_path: Path, lang: str
) -> None:
    """Days and times from storage in babel's words and the language's digits, then the text kept
    as typed (a remark, or older hours that could not be read) exactly as it stands."""
    from babel.dates import format_time, get_day_names

    from opvoed_desktop.i18n.hours import Slot
    from opvoed_desktop.i18n.numerals import localise_digits

    slots = (Slot((0, 1, 2, 3, 4), dt.time(9), dt.time(17)), Slot((5,), dt.time(10), dt.time(12, 30)))
    contact = Contact("Buurthuis De Linde", "other", "Eikstraat 1", "", "", "niet op feestdagen", (), slots)
    path = tmp_path / f"{lang}.pdf"
    service.write(HandoutRequest("ouders", lang, municipality="Utrecht", contacts=(contact,)), path)
    text = " ".join(pdftotext(path).split())
    days = get_day_names("abbreviated", locale=lang)
    opens, closes = (format_time(t, "short", locale=lang) for t in (dt.time(10), dt.time(12, 30)))
    saturday = f"{days[5]} {opens}–{closes}"
    assert " ".join(localise_digits(saturday, lang).split()) in text
    assert f"{days[0]}–{days[4]}" in text
    assert "niet op feestdagen" in text
    if lang != "nl":
        assert "ma–vr" not in text and " za " not in text
