"""Digits on paper: each language's dates, times, opening hours and counts in the digits of CLDR's
default numbering system for it (babel is the oracle: `Locale.default_numbering_system`, and
babel's own formatting with the digits read back); phone numbers and other typed text as typed."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.export.pdf_report import render_pdf
from opvoed_desktop.export.report import build_report
from opvoed_desktop.export.words import Words
from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES
from opvoed_desktop.i18n.dates import date_pattern, printed_date
from opvoed_desktop.i18n.hours import Slot, format_hours
from opvoed_desktop.i18n.numerals import ZEROS, clock, digits, localise_digits, number, numbering_system
from opvoed_desktop.services.handouts import HandoutRequest, HandoutService
from tests.documents.conftest import CONTACTS
from tests.documents.pdftools import pdftotext
from tests.export.test_records import detail_with

LANGUAGES = [*HANDOUT_LANGUAGES, "ar_EG", "ar_MA", "ur_IN", "bn", "mr", "my"]
DAY = dt.date(2026, 12, 2)


def system_of(lang: str) -> str:
    return str(Locale.parse(lang.replace("-", "_")).default_numbering_system)


def as_latin(text: str) -> str:
    """Every decimal digit, of whatever script, as its Latin digit (Unicode's own digit values)."""
    return "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c for c in text)


def digit_chars(text: str) -> set[str]:
    return {c for c in text if unicodedata.decimal(c, None) is not None}


def test_the_app_languages_follow_cldr() -> None:
    # What CLDR (through babel) decides today, written out so a change of data is noticed:
    # Persian and Pashto use Extended Arabic-Indic digits, Central Kurdish Arabic-Indic ones, and
    # Arabic without a region (like Tigrinya, Amharic and the rest) Latin digits.
    decided = {lang: system_of(lang) for lang in HANDOUT_LANGUAGES}
    assert {lang for lang, system in decided.items() if system != "latn"} == {"fa", "ps", "ckb"}
    assert decided["fa"] == decided["ps"] == "arabext" and decided["ckb"] == "arab"
    for lang in LANGUAGES:
        assert numbering_system(lang) == system_of(lang)


@pytest.mark.parametrize("system", sorted(ZEROS))
def test_every_known_system_has_ten_decimal_digits_in_order(system: str) -> None:
    zero = ord(ZEROS[system])
    assert [unicodedata.decimal(chr(zero + value)) for value in range(10)] == list(range(10))


@pytest.mark.parametrize("lang", ["fa", "ps", "ur_IN"])
def test_extended_arabic_digits_agree_with_babels_own_symbols(lang: str) -> None:
    # CLDR writes the exponent sign of Extended Arabic-Indic numbers with its digits: "×۱۰^".
    exponential = Locale.parse(lang).number_symbols["arabext"]["exponential"]
    assert digits(lang)[1] + digits(lang)[0] in exponential


@pytest.mark.parametrize("lang", LANGUAGES)
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_printed_date_is_babels_date_in_the_languages_digits(lang: str, day: dt.date) -> None:
    printed = printed_date(day, lang)
    assert as_latin(printed) == format_date(day, date_pattern(lang), locale=lang)  # only the digits differ
    assert digit_chars(printed) <= set(digits(lang))
    if system_of(lang) == "latn":
        assert digit_chars(printed) <= set("0123456789")
    else:
        assert not digit_chars(printed) & set("0123456789")


@pytest.mark.parametrize("lang", HANDOUT_LANGUAGES)
def test_counts_times_and_opening_hours_in_the_languages_digits(lang: str) -> None:
    own = digits(lang)
    for text in (
        number(1234, lang),
        number(4.5, lang, 1),
        clock(dt.time(9, 5), lang),
        format_hours((Slot((0, 1, 2, 3, 4), dt.time(9), dt.time(17, 30)),), lang),
    ):
        assert digit_chars(text) and digit_chars(text) <= set(own), text
    assert as_latin(clock(dt.time(9, 5), lang)) == "09:05"
    assert as_latin(number(1234, lang)).replace("\u00a0", " ").replace("\u202f", " ") in {
        "1234",
        "1,234",
        "1.234",
        "1 234",
        "1٬234",
        "1’234",
    }


def test_typed_text_is_never_changed_only_what_the_app_formats() -> None:
    typed = "Bel 030 123 45 67, Kerkstraat 12"
    assert localise_digits(typed, "nl") == typed
    assert localise_digits("12", "fa") == "۱۲" and localise_digits("12", "ckb") == "١٢"
    assert localise_digits("12", "ar") == "12" and localise_digits("12", "xx-unknown") == "12"
    # A language babel does not know (a code typed in the translation editor): plain digits, no crash.
    assert number(1234, "qq") == "1234" and clock(dt.time(9, 5), "qq") == "09:05"


@pytest.mark.parametrize("lang", ["fa", "ps", "ckb", "ar", "ti", "am", "nl"])
def test_parents_hand_out_dates_and_hours_in_own_digits_phone_numbers_as_typed(
    service: HandoutService, tmp_path: Path, lang: str
) -> None:
    path = tmp_path / f"{lang}.pdf"
    service.write(HandoutRequest("ouders", lang, municipality="Utrecht", contacts=CONTACTS, date=DAY), path)
    text = " ".join(pdftotext(path).split())
    assert printed_date(DAY, lang) in text
    assert as_latin(printed_date(DAY, lang)) == format_date(DAY, date_pattern(lang), locale=lang)
    assert "030 123 45 67" in text and "+31 30 286 00 00" in text  # typed: as typed
    assert "3511 AB" in text  # a postcode is typed too
    hours = format_hours((Slot((0, 1, 2, 3, 4), dt.time(9), dt.time(17)),), lang)  # "ma–vr 9:00–17:00"
    assert " ".join(hours.split()) in text and digit_chars(hours) <= set(digits(lang))
    last_page = pdftotext(path).split("\f")[-2]
    footer = [line for line in last_page.splitlines() if line.strip()][-1]
    assert footer.strip().endswith(number(len(pdftotext(path).split("\f")) - 1, lang))


@pytest.mark.parametrize("lang", ["fa", "ckb", "nl"])
def test_agenda_times_and_minutes_in_own_digits(service: HandoutService, tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"agenda-{lang}.pdf"
    agenda = (("09:30", "pauze", 15), ("09:45", "pauze", 120))
    service.write(HandoutRequest("agenda", lang, agenda=agenda), path)
    text = " ".join(pdftotext(path).split())
    for clock_text, minutes in (("09:30", 15), ("09:45", 120)):
        assert localise_digits(clock_text, lang) in text
        assert number(minutes, lang) in text
    if lang != "nl":
        assert "09:30" not in text and "120" not in text


@pytest.mark.parametrize("lang", ["fa", "ckb"])
def test_report_counts_and_dates_in_own_digits_notes_as_typed(tmp_path: Path, lang: str) -> None:
    note = "Bel 06 1234 5678 voor 12 december."
    report = build_report(detail_with(title="Avond 7", note=note, what="afspraak"), Words.load(lang))
    pdf, _replaced = render_pdf(report, FontLocator(), today=DAY)
    path = tmp_path / f"report-{lang}.pdf"
    path.write_bytes(pdf)
    text = " ".join(pdftotext(path).split())
    assert note in text and "Avond 7" in text  # typed: as typed
    assert printed_date(DAY, lang) in text
    assert as_latin(printed_date(DAY, lang)) != printed_date(DAY, lang)
    # Three participants, 20 minutes planned, a score of 4 (see detail_with): in the language's digits.
    for count in (3, 20, 4):
        assert number(count, lang) in text


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_agenda_subtitle_keeps_the_day_with_its_month_right_to_left(
    service: HandoutService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """The line "Utrecht · 2 december 2026" in right-to-left text: the place stands on the right (read first)
    and the whole date to its left. Without isolates the day's number joined "Utrecht"'s
    left-to-right run and stood right of it ("Utrecht – ۲" read as one); the visual order is the
    engine's, which test_engine_oracle holds to Qt's."""
    from opvoed_desktop.documents.engine.bidi import display
    from tests.documents.test_paper_details import texts_drawn

    path = tmp_path / f"agenda-{lang}.pdf"
    request = HandoutRequest("agenda", lang, municipality="Utrecht", date=DAY)
    (subtitle,) = [text for text in texts_drawn(service, request, path, monkeypatch) if "Utrecht" in text]
    shown = display(subtitle, rtl=True).translate(dict.fromkeys(range(0x2066, 0x206A)))
    assert shown.endswith("Utrecht"), shown
    assert printed_date(DAY, lang) in " ".join(pdftotext(path).split())
