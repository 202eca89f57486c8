"""Dates on paper in the reader's language (babel), with one exception per language where babel's
long form would mislead."""

from __future__ import annotations

import datetime as dt

# Tigrinya: CLDR names the Gregorian months with the Ge'ez months' names (ታሕሳስ for December),
# which a reader takes for the Ethiopian calendar, a week and seven or eight years off: digits,
# day first. (Amharic's CLDR names are the Gregorian ones, "ዲሴምበር": kept.)
NUMERIC_DATES = {"ti": "d/M/yyyy"}


def date_pattern(lang: str, form: str = "long") -> str:
    """The babel format (a named form or a pattern) for a date in `lang`."""
    return NUMERIC_DATES.get(lang.replace("-", "_").split("_")[0], form)


def printed_date(date: dt.date, lang: str, form: str = "long") -> str:
    from babel.dates import format_date

    return format_date(date, date_pattern(lang, form), locale=lang.replace("-", "_"))
