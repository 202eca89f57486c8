"""Typed dates: exactly the typed fields, or refused with a sentence; never another date."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opvoed_desktop.services.dates import (
    YEAR_MAX,
    YEAR_MIN,
    DateError,
    Deadline,
    next_week_evening,
    parse_date,
    parse_date_time,
    parse_deadline,
    show_date_time,
)


def typed_fields(text: str) -> tuple[int, ...]:
    """The numbers a person typed, in the order of a date and time (the oracle)."""
    groups = re.findall(r"\d+", text)
    numbers = [int(g) for g in groups]
    if groups and len(groups[0]) == 4:  # year first
        numbers[0], numbers[2] = numbers[2], numbers[0]
    return tuple(numbers)


def test_the_issue_examples() -> None:
    assert parse_date_time("09-12-2026 19:00") == datetime(2026, 12, 9, 19, 0)
    with pytest.raises(DateError, match="1899"):
        parse_date_time("31-02-1899 25:99")
    with pytest.raises(DateError, match="2099"):
        parse_date_time("01-01-9999 23:59")
    with pytest.raises(DateError, match="31-02-2027 bestaat niet"):
        parse_date_time("31-02-2027 10:00")
    with pytest.raises(DateError, match="25:99"):
        parse_date_time("28-02-2027 25:99")


def test_other_ways_of_writing_the_same_moment() -> None:
    expected = datetime(2026, 12, 9, 19, 5)
    for text in ("9-12-2026 19:05", "09/12/2026 19.05", " 2026-12-09 19:05 ", "09.12.2026, 19:05", "٠٩-١٢-٢٠٢٦ ١٩:٠٥"):
        assert parse_date_time(text) == expected, text


def test_a_date_without_time_asks_for_the_time() -> None:
    with pytest.raises(DateError, match="tijd"):
        parse_date_time("09-12-2026")


DATE_LIKE = st.from_regex(r"\s?\d{1,5}[-/. ]{1,2}\d{1,3}[-/.]\d{1,5}[ ,T]{0,2}\d{1,3}[:.h ]\d{1,3}\s?", fullmatch=True)


@given(st.one_of(st.text(alphabet="0123456789-/.: T,h٠١٢abc", max_size=24), DATE_LIKE))
def test_any_typed_text_is_exactly_that_moment_or_refused(text: str) -> None:
    try:
        parsed = parse_date_time(text)
    except DateError as exc:
        assert str(exc).endswith(".")  # a sentence, not a code
        return
    assert (parsed.day, parsed.month, parsed.year, parsed.hour, parsed.minute) == typed_fields(text)


@given(st.datetimes(min_value=datetime(YEAR_MIN, 1, 1), max_value=datetime(YEAR_MAX, 12, 31, 23, 59)))
def test_every_real_moment_round_trips(moment: datetime) -> None:
    moment = moment.replace(second=0, microsecond=0)
    assert parse_date_time(show_date_time(moment)) == moment


@given(st.integers(0, 40), st.integers(0, 15), st.integers(1000, 9999), st.integers(0, 30), st.integers(0, 99))
def test_impossible_fields_are_refused_never_moved(day: int, month: int, year: int, hour: int, minute: int) -> None:
    text = f"{day:02d}-{month:02d}-{year} {hour:02d}:{minute:02d}"
    try:
        parsed = parse_date_time(text)
    except DateError:
        valid = YEAR_MIN <= year <= YEAR_MAX and hour < 24 and minute < 60
        if valid:
            with pytest.raises(ValueError):
                date(year, month, day)
        return
    assert (parsed.day, parsed.month, parsed.year, parsed.hour, parsed.minute) == (day, month, year, hour, minute)


def test_deadlines_keep_words_and_refuse_impossible_dates() -> None:
    assert parse_deadline("") == Deadline()
    assert parse_deadline("eind januari") == Deadline(text="eind januari")
    assert parse_deadline("na de zomer, 2027") == Deadline(text="na de zomer, 2027")
    assert parse_deadline("15-03-2027") == Deadline(day=date(2027, 3, 15))
    with pytest.raises(DateError, match="31-02-2027"):
        parse_deadline("31-02-2027")
    with pytest.raises(DateError):
        parse_date("2027-13-01")


def test_a_new_meeting_starts_next_week_at_seven() -> None:
    assert next_week_evening(datetime(2026, 12, 2, 10, 41)) == datetime(2026, 12, 9, 19, 0)
