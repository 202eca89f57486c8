"""Digits as the reader's language writes them: the digits of CLDR's default numbering system for the
locale (babel's `Locale.default_numbering_system`): Persian and Pashto "arabext" (۱۲۳), Central
Kurdish "arab" (١٢٣), Arabic itself, Tigrinya, Amharic and the Latin-script languages "latn" (123).

Applied to what the app formats for paper (dates, times, opening hours, counts, page numbers), never
to text someone typed: a phone number, a postcode or a house number stays exactly as typed.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

# The digit zero of each decimal numbering system of CLDR (numberingSystems.xml); the other nine
# follow it in Unicode. A system not listed here (or an algorithmic one such as "ethi") prints
# Latin digits, which every reader of the app's languages can read.
ZEROS = {
    "latn": "0",
    "arab": "\u0660",
    "arabext": "\u06f0",
    "beng": "\u09e6",
    "deva": "\u0966",
    "guru": "\u0a66",
    "gujr": "\u0ae6",
    "orya": "\u0b66",
    "tamldec": "\u0be6",
    "telu": "\u0c66",
    "knda": "\u0ce6",
    "mlym": "\u0d66",
    "thai": "\u0e50",
    "laoo": "\u0ed0",
    "tibt": "\u0f20",
    "mymr": "\u1040",
    "khmr": "\u17e0",
    "mong": "\u1810",
    "nkoo": "\u07c0",
    "fullwide": "\uff10",
}


# Systems whose zero is a dot (٠ ۰): a middle dot beside their digits reads as one more zero.
_DOT_ZERO = frozenset({"arab", "arabext"})


def _locale_name(lang: str) -> str:
    return lang.replace("-", "_")


@lru_cache(maxsize=64)
def numbering_system(lang: str) -> str:
    """CLDR's default numbering system of `lang` ("latn" for a language babel does not know)."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(_locale_name(lang)).default_numbering_system)
    except (UnknownLocaleError, ValueError, TypeError, KeyError):
        return "latn"


@lru_cache(maxsize=64)
def digits(lang: str) -> str:
    """The ten digits, zero first, that `lang` writes numbers with."""
    zero = ord(ZEROS.get(numbering_system(lang), "0"))
    return "".join(chr(zero + value) for value in range(10))


@lru_cache(maxsize=64)
def _table(lang: str) -> dict[int, str]:
    own = digits(lang)
    return {} if own == "0123456789" else {ord(str(value)): own[value] for value in range(10)}


def localise_digits(text: str, lang: str) -> str:
    """`text` (formatted by the app, never typed by a person) with its Latin digits in `lang`'s."""
    table = _table(lang)
    return text.translate(table) if table else text


def number(value: int | float, lang: str, decimals: int | None = None) -> str:
    """A count in `lang`: its grouping and decimal signs and its digits ("۱٬۲۳۴" in Persian);
    with `decimals`, exactly that many after the decimal sign ("۳٫۵")."""
    from babel import UnknownLocaleError
    from babel.numbers import format_decimal

    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    try:
        text = format_decimal(value, pattern, locale=_locale_name(lang), numbering_system="default")
    except (UnknownLocaleError, ValueError, TypeError, LookupError):
        text = str(value) if decimals is None else f"{value:.{decimals}f}"
    return localise_digits(text, lang)


def clock(value: dt.time | dt.datetime, lang: str, pattern: str = "HH:mm") -> str:
    """A time of day in `lang`'s digits; by default the 24-hour "09:30" of the agenda and sheets."""
    from babel import UnknownLocaleError
    from babel.dates import format_time

    try:
        text = format_time(value, pattern, locale=_locale_name(lang))
    except (UnknownLocaleError, ValueError, TypeError, LookupError):
        text = value.strftime("%H:%M")
    return localise_digits(text, lang)


def separator(lang: str) -> str:
    """What stands between the parts of a line such as "name · page 1": a middle dot, but a dash
    where the digits are Arabic-Indic, whose zero is a dot ("فارسی · ۱" reads as page ۱۰)."""
    return " – " if numbering_system(lang) in _DOT_ZERO else " · "


def joined(parts: list[str], lang: str) -> str:
    """The non-empty parts of one line ("Utrecht · 2 december 2026") with `separator` between them,
    each part a bidi isolate (FSI … PDI): in right-to-left text a Latin place name would otherwise
    pull the day's number of the date after it into its own left-to-right run."""
    return separator(lang).join(f"\u2068{part}\u2069" for part in parts if part)
