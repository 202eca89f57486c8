"""Every language: render, read the text back, check fonts, glyphs, direction and script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES, load_content_catalog, locale_facts
from opvoed_desktop.services.handouts import HandoutRequest, HandoutService
from tests.documents.conftest import CONTACTS
from tests.documents.pdftools import fonts, pdftotext, pypdf_text, words

TITLE = "Vragen over opvoeden? Hier kunt u terecht"
RTL = [lang for lang in HANDOUT_LANGUAGES if locale_facts(lang).rtl]
LAM_ALEF = re.compile("ل[اأإآ]")


def title_words(service: HandoutService, lang: str) -> list[str]:
    text = load_content_catalog(lang, service.translations_dir).lookup(TITLE)[0]
    stripped = (w.strip("?؟.,:;!()«»\"'") for w in text.split())
    return [w for w in stripped if len(w) >= 3]


@pytest.fixture(scope="module")
def rendered(service: HandoutService, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for lang in HANDOUT_LANGUAGES:
        request = HandoutRequest("ouders", lang, municipality="Utrecht", contacts=CONTACTS)
        out[lang] = service.write(request, folder / f"{lang}.pdf").path  # type: ignore[assignment]
    return out


@pytest.mark.parametrize("lang", HANDOUT_LANGUAGES)
def test_text_extracts_with_every_expected_word(rendered: dict[str, Path], service: HandoutService, lang: str) -> None:
    expected = title_words(service, lang)
    assert expected
    poppler = pdftotext(rendered[lang])
    for word in expected:
        assert word in poppler, word
    # pypdf puts ligature letters of right-to-left text in another order; it must see the rest.
    text = pypdf_text(rendered[lang])
    for word in expected:
        if not LAM_ALEF.search(word):
            assert word in text, word
    assert "Utrecht" in poppler
    assert "030 123 45 67" in poppler, "a phone number was broken apart"
    assert "\ufffd" not in poppler


@pytest.mark.parametrize("lang", HANDOUT_LANGUAGES)
def test_fonts_are_embedded_subset_and_unicode_mapped(rendered: dict[str, Path], lang: str) -> None:
    used = fonts(rendered[lang])
    assert used
    for font in used:
        assert font["embedded"] and font["subset"] and font["to_unicode"], font


@pytest.mark.parametrize("lang", HANDOUT_LANGUAGES)
def test_extracted_text_is_plain_unicode_without_presentation_forms(rendered: dict[str, Path], lang: str) -> None:
    text = pdftotext(rendered[lang])
    odd = {c for c in text if "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" or "\ue000" <= c <= "\uf8ff"}
    assert not odd


@pytest.mark.parametrize("lang", RTL)
def test_rtl_title_reads_from_right_to_left(rendered: dict[str, Path], service: HandoutService, lang: str) -> None:
    first, second = title_words(service, lang)[:2]
    found, _w, _h = words(rendered[lang])
    # pdftotext -bbox gives each word's glyphs in visual order: reverse them to read the word.
    by_text: dict[str, object] = {}
    for word in sorted((w for w in found if w.page == 1), key=lambda w: w.y0):
        by_text.setdefault(word.text[::-1], word)
    a, b = by_text.get(first), by_text.get(second)  # type: ignore[assignment]
    assert a is not None and b is not None, (first, second)
    if abs(a.y0 - b.y0) < 2:
        assert a.x0 > b.x1 - 1, "the first word must stand right of the second on the same line"
    else:
        assert a.y0 < b.y0, "the line with the first word must come first"


@pytest.mark.parametrize("lang", ["ti", "am"])
def test_geez_script_present(rendered: dict[str, Path], lang: str) -> None:
    text = pdftotext(rendered[lang])
    assert sum(1 for c in text if "\u1200" <= c <= "\u137f") > 100


def test_all_twelve_languages_are_known_to_babel() -> None:
    names = {lang: locale_facts(lang).native_name for lang in HANDOUT_LANGUAGES}
    assert names["ar"] == "العربية" and names["ti"] == "ትግርኛ" and names["nl"] == "Nederlands"
    assert [lang for lang in HANDOUT_LANGUAGES if locale_facts(lang).rtl] == ["ar", "fa", "ps", "ckb"]


def test_draft_notice_in_both_languages_and_not_in_dutch(rendered: dict[str, Path]) -> None:
    arabic = pdftotext(rendered["ar"])
    assert "conceptvertaling" in arabic and "ترجمة أولية" in arabic
    assert "conceptvertaling" not in pdftotext(rendered["nl"])
