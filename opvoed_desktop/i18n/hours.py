"""Opening hours: typed in Dutch ("ma–vr 9.00–17.00, za 10.00–12.00"), kept as a structure, printed
in the reader's language with babel's day names and time format ("Mon–Fri 9:00 AM–5:00 PM")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Slot:
    days: tuple[int, ...]  # 0 = Monday
    start: dt.time
    end: dt.time


def parse_hours(text: str) -> tuple[Slot, ...] | None:
    """The slots of Dutch opening hours, or None when the text is not of that form (then it is
    printed as typed): "ma–vr 9.00–17.00", "ma, wo en vr 9–12 uur; za 10.00-12.00"."""
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
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return dt.time(hour % 24, minute) if hour < 24 else dt.time(23, 59)


def format_hours(slots: tuple[Slot, ...], lang: str, separator: str = ", ") -> str:
    """The slots in `lang`: abbreviated day names (runs as "first–last"), short times."""
    from babel.dates import format_time, get_day_names

    locale = lang.replace("-", "_")
    names = get_day_names("abbreviated", locale=locale)
    out = []
    for slot in slots:
        runs: list[list[int]] = []
        for day in slot.days:
            if runs and day == runs[-1][-1] + 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        days = separator.join(
            names[run[0]] if len(run) == 1 else f"{names[run[0]]}–{names[run[-1]]}" for run in runs
        )
        times = f"{format_time(slot.start, 'short', locale=locale)}–{format_time(slot.end, 'short', locale=locale)}"
        out.append(f"{days} {times}")
    return separator.join(out)
