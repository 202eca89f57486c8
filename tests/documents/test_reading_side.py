"""Things that belong on the reading side: the page footer and the numbers of numbered lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from opvoed_desktop.content.model import ListItem
from opvoed_desktop.documents.compose import FRAME_WIDTH, MARGIN, Side, build_pdf, footer_for, make_side
from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.documents.handout import list_item
from opvoed_desktop.documents.model import Layout
from opvoed_desktop.documents.text import Dutch
from opvoed_desktop.i18n.catalogs import ContentCatalog
from opvoed_desktop.services.handouts import HandoutRequest, HandoutService
from tests.documents.conftest import CONTACTS
from tests.documents.pdftools import Word, pdftotext, words

ARABIC_ITEMS = (
    "اتصل بمركز الشباب والأسرة",
    "اتصل بمركز الشباب والأسرة في حيك واطلب موعداً مع أحد الموظفين الذين يتحدثون لغتك أو اطلب مترجماً مجانياً",
    "خذ شخصاً تثق به",
)
NUMBERS = (1, 2, 12)
FRAME_PADDING = 6  # reportlab's Frame pads its content by 6 pt on every side


def _footer_words(path: Path) -> tuple[list[Word], float, float]:
    found, width, height = words(path)
    # Below the frame's bottom (MARGIN + 4 mm): only the footer is drawn there.
    return [w for w in found if w.page == 1 and w.y1 > height - MARGIN - 4 * mm + 2], width, height


@pytest.mark.parametrize(
    ("lang", "bilingual", "kind"),
    [("ar", None, "ouders"), ("fa", None, "deelnemers"), ("ar", "nl", "ouders"), ("ar", None, "agenda")],
)
def test_rtl_footer_stands_on_the_right(
    service: HandoutService, tmp_path: Path, lang: str, bilingual: str | None, kind: str
) -> None:
    """The footer is written in the main language, so it stands on that language's reading side;
    in the bilingual layout that is also the side of the main language's column."""
    path = tmp_path / f"{kind}-{lang}.pdf"
    service.write(HandoutRequest(kind, lang, bilingual=bilingual, contacts=CONTACTS), path)
    footer, width, _h = _footer_words(path)
    assert footer, "no footer found"
    right_margin = width - MARGIN
    assert abs(max(w.x1 for w in footer) - right_margin) < 2
    assert min(w.x0 for w in footer) > width / 2
    # Read from the right: the language's name first, then the page number (pdftotext gives the
    # line in logical order; the glyphs' visual order is checked against Qt in test_engine_oracle).
    first_page = pdftotext(path).split("\f")[0]
    footer_line = [line for line in first_page.splitlines() if line.strip()][-1]
    assert re.fullmatch(r"\S.* · 1", footer_line.strip()), footer_line


@pytest.mark.parametrize(("lang", "bilingual"), [("nl", None), ("tr", "nl")])
def test_ltr_footer_stands_on_the_left(
    service: HandoutService, tmp_path: Path, lang: str, bilingual: str | None
) -> None:
    path = tmp_path / f"{lang}.pdf"
    service.write(HandoutRequest("ouders", lang, bilingual=bilingual), path)
    footer, width, _h = _footer_words(path)
    assert abs(min(w.x0 for w in footer) - MARGIN) < 2
    assert max(w.x1 for w in footer) < width / 2


def _side(lang: str, fonts: FontLocator) -> Side:
    return make_side(ContentCatalog(lang), fonts, "ouders", Layout(lang, None, False), primary=True)


def _render(side: Side, story: list[Flowable], path: Path) -> list[Word]:
    path.write_bytes(build_pdf(story, title="list", lang=side.lang, footer=footer_for(side, "x")))
    found, _w, height = words(path)
    return [w for w in found if w.y1 < height - MARGIN - 4 * mm]


def _lines(found: list[Word]) -> list[list[Word]]:
    lines: dict[int, list[Word]] = {}
    for word in found:
        # By the bottom of the box: a mark above a letter (tanwin) raises only the top.
        lines.setdefault(round(word.y1), []).append(word)
    return [sorted(lines[y], key=lambda w: w.x0) for y in sorted(lines)]


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_rtl_numbered_list_puts_the_number_then_the_dot_on_the_reading_side(
    lang: str, fonts: FontLocator, tmp_path: Path
) -> None:
    side = _side(lang, fonts)
    story = [
        f
        for n, text in zip(NUMBERS, ARABIC_ITEMS, strict=True)
        for f in list_item(side, ListItem(text, 1, ordered=True, number=n), text)
    ]
    lines = _lines(_render(side, story, tmp_path / f"list-{lang}.pdf"))
    marked = [line for line in lines if line[-1].text.strip(".").isdigit()]
    # As copied out: the number, then the dot (drawn ".12": see the next test).
    assert [line[-1].text for line in marked] == [f"{n}." for n in NUMBERS]
    text_right = {round(line[-2].x1) for line in marked}
    marker_right = {round(line[-1].x1) for line in marked}
    assert len(marker_right) == 1, "every number is aligned on the reading edge"
    assert len(text_right) == 1, "a two-digit number does not push its line"
    for line in marked:
        marker, last_word = line[-1], line[-2]
        assert marker.x0 > last_word.x1 + 3, f"{marker.text} runs into the text"
    continuation = next(line for line in lines if line not in marked)
    assert abs(continuation[-1].x1 - marked[0][-2].x1) < 1.5, "wrapped lines hang under the text"
    frame_right = MARGIN + FRAME_WIDTH - FRAME_PADDING
    assert frame_right - 8 < max(marker_right) <= frame_right


def test_rtl_list_marker_is_the_number_then_the_dot_in_reading_order(fonts: FontLocator) -> None:
    from opvoed_desktop.documents.engine.bidi import display

    writer = _side("ar", fonts).writer
    for number in (1, 9, 12, 123):
        logical = writer.list_marker(number)
        assert logical == f"{number}."
        # Drawn right to left: the dot stands left of the number, read after it.
        assert display(logical, rtl=True) == f".{number}"
    assert _side("nl", fonts).writer.list_marker(12) == "12."


def test_dutch_fallback_item_on_an_rtl_side_is_numbered_left_to_right(fonts: FontLocator, tmp_path: Path) -> None:
    side = _side("ar", fonts)
    text = Dutch("Neem iemand mee die u vertrouwt")
    path = tmp_path / "fallback.pdf"
    lines = _lines(_render(side, list_item(side, ListItem(text, 1, ordered=True, number=3), text), path))
    assert lines[0][0].text == "3." and lines[0][1].text == "Neem"
    assert re.search(r"3\.\s+Neem iemand mee", pdftotext(path))


def test_ltr_numbered_list_keeps_its_text_aligned(fonts: FontLocator, tmp_path: Path) -> None:
    side = _side("nl", fonts)
    items = (
        "Bel het CJG",
        "Vraag een tolk aan als u dat wilt, dat is gratis en het CJG regelt het voor u, ook "
        "in het weekend en in de avond",
        "Neem iemand mee",
    )
    story = [
        f
        for n, text in zip(NUMBERS, items, strict=True)
        for f in list_item(side, ListItem(text, 1, ordered=True, number=n), text)
    ]
    lines = _lines(_render(side, story, tmp_path / "list-nl.pdf"))
    starts = {round(line[1].x0) for line in lines if line[0].text.rstrip(".").isdigit()}
    assert len(starts) == 1
    continuation = next(line for line in lines if not line[0].text.rstrip(".").isdigit())
    assert abs(continuation[0].x0 - starts.pop()) < 1.5
