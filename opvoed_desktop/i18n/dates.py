"""Dates on paper in the reader's language (babel) and in its own digits (CLDR's default numbering
system, see numerals), with one exception per language where babel's long form would mislead."""

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

    from opvoed_desktop.i18n.numerals import localise_digits

    return localise_digits(format_date(date, date_pattern(lang, form), locale=lang.replace("-", "_")), lang)


def long_date(date: dt.date, lang: str) -> str:
    """babel's `format_date(date, "long", locale=lang)`, the same text; for the languages of
    long_dates.py without babel and its locale data (a show names its meeting with it while the
    first keys come in), for any other through babel."""
    from opvoed_desktop.i18n.long_dates import FORMS

    form = FORMS.get(lang)
    if form is not None:
        try:
            return _written(date, *form)
        except ValueError:  # a pattern letter this does not know: babel knows them all
            pass
    from babel.dates import format_date

    return format_date(date, "long", locale=lang)


def _written(date: dt.date, pattern: str, months: tuple[str, ...]) -> str:
    """`date` after a CLDR date pattern of day, month and year fields (and quoted or plain text)."""
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "'":
            end = pattern.find("'", i + 1)
            if end == i + 1:  # '' is a quote
                out.append("'")
                i += 2
                continue
            if end < 0:
                raise ValueError(pattern)
            out.append(pattern[i + 1 : end])
            i = end + 1
            continue
        if not char.isascii() or not char.isalpha():
            out.append(char)
            i += 1
            continue
        run = len(pattern[i:]) - len(pattern[i:].lstrip(char))
        if char == "d" and run <= 2:
            out.append(str(date.day).zfill(run))
        elif char == "M" and run == 4:
            out.append(months[date.month - 1])
        elif char == "M" and run <= 2:
            out.append(str(date.month).zfill(run))
        elif char == "y" and run != 2:
            out.append(str(date.year).zfill(run))
        else:
            raise ValueError(pattern)
        i += run
    return "".join(out)
