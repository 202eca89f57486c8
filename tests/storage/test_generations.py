"""Which backups the generations keep (storage/generations.py), for any set of backups: the newest
few, the newest of each recent day, the newest of each recent month, and nothing else. A backup
kept too few means a lost way back; one kept too many, deleted text that lingers.

The oracle asks of each backup on its own whether a rule keeps it, where the module walks the list
once, newest first."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from opvoed_desktop.storage.generations import KEEP_DAYS, KEEP_LAST, KEEP_MONTHS, to_keep

NOW = datetime(2026, 1, 20, 12, 0)


def _months_back(when: datetime, now: datetime) -> int:
    return (now.year - when.year) * 12 + (now.month - when.month)


def _oracle(stamps: list[datetime], now: datetime, last: int, days: int, months: int) -> set[int]:
    kept = set()
    for i, when in enumerate(stamps):
        newer = [other for other in stamps if other > when]
        same_day = [other for other in stamps if other.date() == when.date()]
        same_month = [other for other in stamps if (other.year, other.month) == (when.year, when.month)]
        if len(newer) < max(last, 1):
            kept.add(i)
        if when == max(same_day) and (now.date() - when.date()).days < days:
            kept.add(i)
        if when == max(same_month) and _months_back(when, now) < months:
            kept.add(i)
    return kept


stamps = st.lists(
    st.datetimes(min_value=datetime(2024, 6, 1), max_value=datetime(2026, 1, 20, 11, 59)),
    max_size=40,
    unique=True,
)


@settings(max_examples=300, deadline=None)
@given(stamps, st.integers(0, 8), st.integers(0, 10), st.integers(0, 14))
def test_the_generations_keep_exactly_what_the_rules_say(
    when: list[datetime], last: int, days: int, months: int
) -> None:
    backups = [(i, stamp) for i, stamp in enumerate(when)]
    assert to_keep(backups, NOW, last=last, days=days, months=months) == _oracle(when, NOW, last, days, months)


@settings(max_examples=100, deadline=None)
@given(stamps)
def test_the_default_generations_are_five_a_week_and_a_year(when: list[datetime]) -> None:
    backups = [(i, stamp) for i, stamp in enumerate(when)]
    assert (KEEP_LAST, KEEP_DAYS, KEEP_MONTHS) == (5, 7, 12)
    assert to_keep(backups, NOW) == _oracle(when, NOW, 5, 7, 12)


def test_the_newest_backup_is_kept_whatever_the_settings() -> None:
    backups = [("oud", datetime(2020, 1, 1)), ("nieuwst", datetime(2021, 1, 1)), ("midden", datetime(2020, 6, 1))]
    assert to_keep(backups, NOW, last=0, days=0, months=0) == {"nieuwst"}


def test_a_month_ago_counts_across_the_turn_of_the_year() -> None:
    """On 20 January the newest of December is last month's, the newest of last January the
    thirteenth month back (gone), and of each day the last evening's backup stays, not the morning's."""
    backups = {
        "december": datetime(2025, 12, 31, 22),
        "december-eerder": datetime(2025, 12, 2, 9),
        "februari": datetime(2025, 2, 3, 9),
        "januari-vorig-jaar": datetime(2025, 1, 31, 23),
        "gisteren-ochtend": datetime(2026, 1, 19, 8),
        "gisteren-avond": datetime(2026, 1, 19, 21),
        "week-terug": datetime(2026, 1, 13, 10),  # seven days back: outside the week, not January's newest
    }
    kept = to_keep([(k, v) for k, v in backups.items()], NOW, last=1)
    assert kept == {"december", "februari", "gisteren-avond"}
