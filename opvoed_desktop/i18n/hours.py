"""Opening hours as a structure: slots of days and a time from and to, stored as JSON
(`[{"days": [0, 1, 2, 3, 4], "from": "09:00", "to": "17:00"}]`), printed in the reader's language
with babel's day names and time format ("Mon–Fri 9:00 AM–5:00 PM").

Text typed in Dutch before hours were structured ("ma–vr 9.00–17.00, za 10.00–12.00") is read into
slots only when all of it has that form (`read_typed_hours`); anything else is kept as typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n.translator import _

DAYS = {
    "ma": 0, "maandag": 0, "di": 1, "dinsdag": 1, "wo": 2, "woensdag": 2, "do": 3, "donderdag": 3,
    "vr": 4, "vrijdag": 4, "za": 5, "zaterdag": 5, "zo": 6, "zondag": 6,
}  # fmt: skip
_DASH = r"\s*[-–—]\s*|\s+t/m\s+|\s+tot\s+"
_DAY = "|".join(sorted(DAYS, key=len, reverse=True))
_TIME = r"(\d{1,2})(?:[.:](\d{2}))?(?:\s*uur)?"
_SLOT = re.compile(
    rf"(?P<days>\b(?:{_DAY})(?:(?:{_DASH}|\s*,\s*|\s+en\s+)(?:{_DAY}))*)\b\.?\s+"
    rf"(?:van\s+)?(?P<from>{_TIME})(?:{_DASH})(?P<to>{_TIME})(?!\d)",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"[\s,;]*")


MAX_SLOTS = 50  # more rows than any week needs; a bundle with more is refused


class HoursError(AppError, ValueError):
    """Opening hours that cannot be: `str(exc)` is the sentence to show at the field."""


@dataclass(frozen=True)
class Slot:
    days: tuple[int, ...]  # 0 = Monday, ascending, no repeats
    start: dt.time
    end: dt.time  # later than start on the same day


def check_slot(days: tuple[int, ...] | list[int], start: dt.time, end: dt.time) -> Slot:
    """A slot, or HoursError saying what is impossible about it."""
    if not days:
        raise HoursError(_("Kies minstens één dag voor deze openingstijd."))
    if any(not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6 for d in days):
        raise HoursError(_("Een dag is maandag tot en met zondag."))
    if end <= start:
        raise HoursError(_("De sluitingstijd moet later op de dag liggen dan de openingstijd."))
    return Slot(tuple(sorted(set(days))), start, end)


_TYPED_TIME = re.compile(r"\s*(\d{1,2})(?:\s*[.:uh]\s*(\d{1,2}))?\s*(?:uur)?\s*", re.IGNORECASE)


def parse_time(text: str) -> dt.time:
    """A time typed in a field ("9", "9.30", "09:30", "17 uur"), or HoursError with a sentence."""
    match = _TYPED_TIME.fullmatch(text)
    if not text.strip():
        raise HoursError(_("Vul een tijd in, bijvoorbeeld 9.00 of 17:30."))
    if match is None:
        raise HoursError(
            _("\u201c{text}\u201d is geen tijd; schrijf bijvoorbeeld 9.00 of 17:30.").format(text=text.strip())
        )
    hour, minute_text = int(match.group(1)), match.group(2)
    if minute_text is not None and len(minute_text) != 2:
        raise HoursError(_("Schrijf de minuten met twee cijfers, bijvoorbeeld 9.05."))
    minute = int(minute_text or 0)
    if hour > 23 or minute > 59:
        raise HoursError(
            _("\u201c{text}\u201d bestaat niet: een tijd loopt van 0.00 tot 23.59.").format(text=text.strip())
        )
    return dt.time(hour, minute)


def slots_to_json(slots: tuple[Slot, ...] | list[Slot]) -> list[dict[str, Any]]:
    return [{"days": list(s.days), "from": s.start.strftime("%H:%M"), "to": s.end.strftime("%H:%M")} for s in slots]


_STORED_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def slots_from_json(value: Any) -> tuple[Slot, ...]:
    """Stored or imported slots; HoursError when they are not of that form or cannot be."""
    if not isinstance(value, list) or len(value) > MAX_SLOTS:
        raise HoursError(_("De openingstijden zijn niet als lijst van dagen en tijden opgeslagen."))
    slots = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"days", "from", "to"} or not isinstance(item["days"], list):
            raise HoursError(_("De openingstijden zijn niet als lijst van dagen en tijden opgeslagen."))
        times = []
        for key in ("from", "to"):
            match = _STORED_TIME.fullmatch(item[key]) if isinstance(item[key], str) else None
            if match is None:
                raise HoursError(_("Een openingstijd heeft geen geldige tijd (uu:mm)."))
            times.append(dt.time(int(match.group(1)), int(match.group(2))))
        slots.append(check_slot(item["days"], times[0], times[1]))
    return tuple(slots)


def read_typed_hours(text: str) -> tuple[tuple[Slot, ...], str]:
    """Opening hours typed as Dutch text, as (slots, what is kept as typed): all slots and no text
    when the whole text reads as days and times, else no slots and the text exactly as typed."""
    slots = parse_hours(text)
    return (slots, "") if slots else ((), text)


def parse_hours(text: str) -> tuple[Slot, ...] | None:
    """The slots of Dutch opening hours, or None when the text is not wholly of that form (then
    it is kept as typed): "ma–vr 9.00–17.00", "ma, wo en vr 9–12 uur; za 10.00-12.00"."""
    text = text.strip()
    slots = []
    position = 0
    for match in _SLOT.finditer(text):
        if not _BETWEEN.fullmatch(text, position, match.start()):
            return None
        position = match.end()
        days = _days(match.group("days"))
        start, end = _time(match.group("from")), _time(match.group("to"))
        if days is None or start is None or end is None or end <= start:
            return None
        slots.append(Slot(days, start, end))
    if not _BETWEEN.fullmatch(text, position):
        return None
    return tuple(slots) or None


def _days(text: str) -> tuple[int, ...] | None:
    days: list[int] = []
    for group in re.split(r"\s*,\s*|\s+en\s+", text.strip(), flags=re.IGNORECASE):
        ends = re.split(_DASH, group, flags=re.IGNORECASE)
        first, last = DAYS[ends[0].lower()], DAYS[ends[-1].lower()]
        if last < first:
            return None
        days.extend(range(first, last + 1))
    return tuple(sorted(set(days)))


def _time(text: str) -> dt.time | None:
    match = re.match(_TIME, text)
    assert match is not None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None  # 24.00 too: it has no time of its own, and 23.59 would change what was typed
    return dt.time(hour, minute)


_DUTCH_DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def _runs(days: tuple[int, ...]) -> list[list[int]]:
    """Consecutive days together: (0, 1, 2, 4) → [[0, 1, 2], [4]]."""
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def dutch_hours(slots: tuple[Slot, ...]) -> str:
    """The slots as Dutch text that `parse_hours` reads back: "ma–vr 9.00–17.00; za 10.00–12.00"."""

    def days(run: list[int]) -> str:
        return _DUTCH_DAYS[run[0]] if len(run) == 1 else f"{_DUTCH_DAYS[run[0]]}–{_DUTCH_DAYS[run[-1]]}"

    def time(value: dt.time) -> str:
        return f"{value.hour}.{value.minute:02d}"

    return "; ".join(f"{', '.join(days(run) for run in _runs(s.days))} {time(s.start)}–{time(s.end)}" for s in slots)


def format_hours(slots: tuple[Slot, ...], lang: str, separator: str = ", ") -> str:
    """The slots in `lang`: abbreviated day names (runs as "first–last"), short times, its digits."""
    from babel.dates import format_time, get_day_names

    from opvoed_desktop.i18n.numerals import localise_digits

    locale = lang.replace("-", "_")
    names = get_day_names("abbreviated", locale=locale)
    out = []
    for slot in slots:
        runs = _runs(slot.days)
        days = separator.join(names[run[0]] if len(run) == 1 else f"{names[run[0]]}–{names[run[-1]]}" for run in runs)
        times = f"{format_time(slot.start, 'short', locale=locale)}–{format_time(slot.end, 'short', locale=locale)}"
        out.append(f"{days} {times}")
    return localise_digits(separator.join(out), lang)
