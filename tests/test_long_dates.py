"""The long date of the app's languages without babel (i18n/dates.py `long_date`, the table in
i18n/long_dates.py) is babel's long date, letter for letter, on every day of three years; and the
table is what packaging/make_long_dates.py makes from the babel in uv.lock and the languages in
translations/."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import babel
import pytest
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from opvoed_desktop.i18n.dates import _written, long_date
from opvoed_desktop.i18n.long_dates import BABEL_VERSION, FORMS

REPO = Path(__file__).resolve().parent.parent


def _maker():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_long_dates", REPO / "packaging" / "make_long_dates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_made_from_this_babel_and_these_languages() -> None:
    """Fails after a babel upgrade or a new language: run packaging/make_long_dates.py."""
    assert babel.__version__ == BABEL_VERSION
    maker = _maker()
    assert (REPO / "opvoed_desktop" / "i18n" / "long_dates.py").read_text(encoding="utf-8") == maker.render(
        maker.table()
    )
    assert {"nl", "en", "ar", "tr", "fa", "ti", "uk", "ckb"} <= set(FORMS)


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_every_day_of_three_years_reads_as_babel_writes_it(lang: str) -> None:
    day = dt.date(2026, 1, 1)
    differ = []
    while day < dt.date(2029, 1, 1):  # 2028 is a leap year
        if _written(day, *FORMS[lang]) != format_date(day, "long", locale=lang):
            differ.append(day)
        day += dt.timedelta(days=1)
    assert differ == []


@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), st.sampled_from(sorted(FORMS)))
def test_any_day_reads_as_babel_writes_it(day: dt.date, lang: str) -> None:
    assert long_date(day, lang) == format_date(day, "long", locale=lang)


def test_another_language_is_asked_of_babel() -> None:
    assert "de" not in FORMS
    assert long_date(dt.date(2026, 12, 9), "de") == format_date(dt.date(2026, 12, 9), "long", locale="de")


@pytest.mark.parametrize("pattern", ["EEEE d MMMM y", "d MMM y", "'unclosed"])
def test_a_pattern_letter_it_does_not_know_is_refused_not_guessed(pattern: str) -> None:
    with pytest.raises(ValueError):
        _written(dt.date(2026, 12, 9), pattern, tuple(str(m) for m in range(12)))


def test_a_show_names_its_meeting_without_loading_babel() -> None:
    code = (
        "import sys, datetime\n"
        "from opvoed_desktop.services.presenting.meeting_show import new_meeting_title\n"
        "title = new_meeting_title(datetime.datetime(2026, 12, 9, 19, 30), 'nl')\n"
        "print(title, '|', sorted(m for m in sys.modules if m.startswith('babel')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert out.stdout.strip() == "Bijeenkomst 9 december 2026 | []", out.stderr
