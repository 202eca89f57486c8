"""Which backups to keep: grandfather-father-son generations.

The last few of any kind (an undo after an import is one of them), the newest of each of the last
days, and the newest of each of the last months. So a year of history survives any number of
restarts and edits, in a couple of dozen files.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime
from typing import TypeVar

KEEP_LAST = 5
KEEP_DAYS = 7  # today and the six days before it
KEEP_MONTHS = 12  # this month and the eleven before it

T = TypeVar("T")


def to_keep(
    backups: Sequence[tuple[T, datetime]],
    now: datetime,
    *,
    last: int = KEEP_LAST,
    days: int = KEEP_DAYS,
    months: int = KEEP_MONTHS,
) -> set[T]:
    """The keys of `backups` (key, created) that the generations keep."""
    newest_first = sorted(backups, key=lambda item: item[1], reverse=True)
    keep = {key for key, _when in newest_first[: max(last, 1)]}
    keep |= _newest_per_period(
        newest_first, lambda when: when.date(), lambda when: (now.date() - when.date()).days, days
    )
    keep |= _newest_per_period(
        newest_first,
        lambda when: (when.year, when.month),
        lambda when: (now.year - when.year) * 12 + now.month - when.month,
        months,
    )
    return keep


def _newest_per_period(
    newest_first: Iterable[tuple[T, datetime]],
    period: Callable[[datetime], Hashable],
    age: Callable[[datetime], int],
    count: int,
) -> set[T]:
    seen: set[Hashable] = set()
    kept: set[T] = set()
    for key, when in newest_first:
        slot = period(when)
        if age(when) < count and slot not in seen:
            seen.add(slot)
            kept.add(key)
    return kept
