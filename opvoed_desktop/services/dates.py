"""Typed dates and times: exactly what was typed, or a plain sentence saying why not.

Qt's date-time edit quietly "fixes" what it cannot use (31-02 becomes 02-02, 9999 becomes this
year); these parsers never change a field. A meeting's date and time is "dag-maand-jaar uur:minuten"
(also with / or . between the numbers, or year first as in 2026-12-09); an agreement's deadline is a
date or, when it is not written as a date at all ("eind januari"), kept as text.
Digits of any script count ("١٩:٠٠" is 19:00), so a parent's phone keyboard does not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from opvoed_desktop.i18n import _

YEAR_MIN, YEAR_MAX = 2000, 2099
DISPLAY_DATE = "%d-%m-%Y"
DISPLAY_TIME = "%H:%M"

_D = r"(\d{1,2})"
_Y = r"(\d{4})"
_SEP = r"\s*[-/.]\s*"
_DATE_DMY = _D + _SEP + _D + _SEP + _Y
_DATE_YMD = _Y + _SEP + _D + _SEP + _D
_TIME = r"(\d{1,2})\s*[:.h]\s*(\d{2})"
# Anything that looks like a date, so that "31-02-2027" is an error and not a text deadline.
_DATE_LIKE = re.compile(r"\s*\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}\s*")


class DateError(ValueError):
    """A typed date or time that cannot be used; `str(exc)` is the sentence for the user."""


def _fields(text: str) -> tuple[int, int, int, int, int] | None:
    """(day, month, year, hour, minute) as typed, or None when the shape is not a date and time."""
    text = text.strip()
    for pattern, order in ((_DATE_DMY, (0, 1, 2)), (_DATE_YMD, (2, 1, 0))):
        match = re.fullmatch(pattern + r"(?:\s+|\s*[,T]\s*)" + _TIME, text)
        if match:
            numbers = [int(g) for g in match.groups()]
            day, month, year = (numbers[i] for i in order)
            return day, month, year, numbers[3], numbers[4]
    return None


def _date_fields(text: str) -> tuple[int, int, int] | None:
    text = text.strip()
    for pattern, order in ((_DATE_DMY, (0, 1, 2)), (_DATE_YMD, (2, 1, 0))):
        match = re.fullmatch(pattern, text)
        if match:
            numbers = [int(g) for g in match.groups()]
            day, month, year = (numbers[i] for i in order)
            return day, month, year
    return None


def _check_date(day: int, month: int, year: int) -> date:
    shown = f"{day:02d}-{month:02d}-{year}"
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise DateError(
            _("Het jaar {year} kan niet; kies een jaar van {first} tot en met {last}.").format(
                year=year, first=YEAR_MIN, last=YEAR_MAX
            )
        )
    if not 1 <= month <= 12:
        raise DateError(_("De datum {date} bestaat niet: een jaar heeft twaalf maanden.").format(date=shown))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(_("De datum {date} bestaat niet; kijk de dag na.").format(date=shown)) from None


def _check_time(hour: int, minute: int) -> time:
    if hour > 23 or minute > 59:
        shown = f"{hour:02d}:{minute:02d}"
        raise DateError(_("De tijd {time} bestaat niet; een tijd loopt van 00:00 tot 23:59.").format(time=shown))
    return time(hour, minute)


def parse_date_time(text: str) -> datetime:
    """The meeting's start as typed; DateError with a sentence when it cannot be that."""
    fields = _fields(text)
    if fields is None:
        if _date_fields(text) is not None:
            raise DateError(_("Vul ook de tijd in, bijvoorbeeld {example}.").format(example="09-12-2026 19:00"))
        raise DateError(
            _("Schrijf datum en tijd als dag-maand-jaar uur:minuten, bijvoorbeeld {example}.").format(
                example="09-12-2026 19:00"
            )
        )
    day, month, year, hour, minute = fields
    return datetime.combine(_check_date(day, month, year), _check_time(hour, minute))


def parse_date(text: str) -> date:
    """A date as typed (dag-maand-jaar or jaar-maand-dag); DateError with a sentence otherwise."""
    fields = _date_fields(text)
    if fields is None:
        raise DateError(_("Schrijf de datum als dag-maand-jaar, bijvoorbeeld {example}.").format(example="15-03-2027"))
    return _check_date(*fields)


@dataclass(frozen=True)
class Deadline:
    """An agreement's "when": a date, or words such as "eind januari" kept as typed."""

    day: date | None = None
    text: str = ""


def parse_deadline(text: str) -> Deadline:
    """Empty → no deadline; a date → that date; date-like but impossible → DateError; else text."""
    text = text.strip()
    if not text:
        return Deadline()
    if _DATE_LIKE.fullmatch(text):
        return Deadline(day=parse_date(text))
    return Deadline(text=text)


def looks_like_date(text: str) -> bool:
    return bool(_DATE_LIKE.fullmatch(text))


def show_date_time(value: datetime) -> str:
    return value.strftime(f"{DISPLAY_DATE} {DISPLAY_TIME}")


def show_date(value: date) -> str:
    return value.strftime(DISPLAY_DATE)


def next_week_evening(now: datetime, hour: int = 19) -> datetime:
    """A new meeting's first guess: the same weekday next week, at 19:00."""
    return datetime.combine(now.date() + timedelta(days=7), time(hour, 0))
