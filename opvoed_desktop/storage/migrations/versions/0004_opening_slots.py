"""Contacts' opening hours become days and times.

- contact.opening_slots: the opening hours as slots of days and a time from and to (JSON, the form
  of i18n.hours), read from the text typed before (`opening_hours`, Dutch: "ma–vr 9.00–17.00").
- contact.opening_hours keeps what is kept as typed: text that does not read wholly as days and
  times stays exactly as it was (the app shows it as typed text); text that does is emptied, its
  content now in the slots.

updated_at is left alone: every laptop reads the same text into the same slots, so a bundle
between two migrated laptops sees no conflict (and an older bundle is read the same way on import).

The reading (and the writing back on a downgrade) is a frozen copy of i18n/hours.py as it was when
this revision was written, not an import of it: a later change to how the app reads typed hours
must not change what this revision does to a database that meets it years later.
tests/storage/test_frozen_migrations.py checks that the copy started out equal to the app's reader.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opening_slots", sa.JSON(), server_default="[]", nullable=False))
    structure_opening_hours(op.get_bind())


def structure_opening_hours(conn: sa.Connection) -> int:
    """Read each contact's typed opening hours into slots where all of it reads as days and times;
    returns how many contacts changed. Text of any other form is left exactly as typed."""
    changed = 0
    for contact_id, typed in conn.execute(sa.text("SELECT id, opening_hours FROM contact")).all():
        if not isinstance(typed, str) or not typed.strip():
            continue
        slots = parse_hours(typed)
        if not slots:
            continue
        conn.execute(
            sa.text("UPDATE contact SET opening_slots = :slots, opening_hours = :kept WHERE id = :id"),
            {"slots": json.dumps(slots_to_json(slots)), "kept": "", "id": contact_id},
        )
        changed += 1
    return changed


def downgrade() -> None:
    # Back to text: the slots written out in Dutch the way they are read, so nothing is lost.
    conn = op.get_bind()
    for contact_id, stored, typed in conn.execute(
        sa.text("SELECT id, opening_slots, opening_hours FROM contact")
    ).all():
        slots = slots_from_json(json.loads(stored) if isinstance(stored, str) else stored)
        if slots:
            text = "; ".join(part for part in (dutch_hours(slots), typed) if part)
            conn.execute(
                sa.text("UPDATE contact SET opening_hours = :text WHERE id = :id"), {"text": text, "id": contact_id}
            )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("opening_slots")


# The frozen copy of i18n/hours.py (2026-12-03). A slot is (days, from, to): days 0 = Monday,
# ascending, no repeats; `to` later than `from` on the same day.
Slot = tuple[tuple[int, ...], dt.time, dt.time]

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
_STORED_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
_DUTCH_DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
MAX_SLOTS = 50


def parse_hours(text: str) -> tuple[Slot, ...] | None:
    """The slots of Dutch opening hours, or None when the text is not wholly of that form (then
    it is kept as typed): "ma–vr 9.00–17.00", "ma, wo en vr 9–12 uur; za 10.00-12.00"."""
    text = text.strip()
    slots: list[Slot] = []
    position = 0
    for match in _SLOT.finditer(text):
        if not _BETWEEN.fullmatch(text, position, match.start()):
            return None
        position = match.end()
        days = _days(match.group("days"))
        start, end = _time(match.group("from")), _time(match.group("to"))
        if days is None or start is None or end is None or end <= start:
            return None
        slots.append((days, start, end))
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


def slots_to_json(slots: Sequence[Slot]) -> list[dict[str, Any]]:
    return [
        {"days": list(days), "from": start.strftime("%H:%M"), "to": end.strftime("%H:%M")} for days, start, end in slots
    ]


def slots_from_json(value: Any) -> tuple[Slot, ...]:
    """Stored slots (what upgrade and the app wrote); ValueError when they are not of that form."""
    if not isinstance(value, list) or len(value) > MAX_SLOTS:
        raise ValueError("opening_slots is not a list of slots")
    slots: list[Slot] = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"days", "from", "to"} or not isinstance(item["days"], list):
            raise ValueError("opening_slots holds something other than a slot")
        times = []
        for key in ("from", "to"):
            match = _STORED_TIME.fullmatch(item[key]) if isinstance(item[key], str) else None
            if match is None:
                raise ValueError("a slot has no valid time (hh:mm)")
            times.append(dt.time(int(match.group(1)), int(match.group(2))))
        days = item["days"]
        if not days or any(not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6 for d in days):
            raise ValueError("a slot has no days or a day outside Monday to Sunday")
        if times[1] <= times[0]:
            raise ValueError("a slot closes before it opens")
        slots.append((tuple(sorted(set(days))), times[0], times[1]))
    return tuple(slots)


def _runs(days: tuple[int, ...]) -> list[list[int]]:
    """Consecutive days together: (0, 1, 2, 4) → [[0, 1, 2], [4]]."""
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def dutch_hours(slots: Sequence[Slot]) -> str:
    """The slots as Dutch text that `parse_hours` reads back: "ma–vr 9.00–17.00; za 10.00–12.00"."""

    def days(run: list[int]) -> str:
        return _DUTCH_DAYS[run[0]] if len(run) == 1 else f"{_DUTCH_DAYS[run[0]]}–{_DUTCH_DAYS[run[-1]]}"

    def time(value: dt.time) -> str:
        return f"{value.hour}.{value.minute:02d}"

    return "; ".join(
        f"{', '.join(days(run) for run in _runs(slot_days))} {time(start)}–{time(end)}"
        for slot_days, start, end in slots
    )
