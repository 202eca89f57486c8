"""Names of languages for people: never a bare code, and without loading all of babel's locales.

The list of "Talen in de zaal" names every language babel knows (about 330). Asking babel for
each language's own name loads that language's locale file: all 330 of them took 1.3-2.6 s the
first time the list was built. The own names (autonyms) and the names in NAME_LANGUAGES (the
languages a language is found by) now come from a table made beforehand (language_table.py,
checked against babel by tests/test_language_labels.py). Babel itself is asked only for an
interface language outside NAME_LANGUAGES, once, and for a code the table does not know.

A language's name in the interface language may be missing (babel's Arabic and Tigrinya name far
fewer languages than its Dutch). The name shown then falls back: the name in the interface
language, else the language's own name, else its Dutch, else its English name.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from opvoed_desktop.textdir import isolate  # a name in its own direction: "العربية (Arabisch)"

FALLBACK_LANGUAGES = ("nl", "en")


def _locale_id(code: str) -> str:
    # The pseudo-locales of the translation checks (x-long, x-rtl) show the Dutch source.
    return "nl" if code.startswith("x-") else code.replace("-", "_")


@functools.lru_cache(maxsize=64)
def names_in(shown_in: str) -> Mapping[str, str]:
    """Language code → name, in the language `shown_in` (one locale file; {} if babel lacks it)."""
    from babel import Locale, UnknownLocaleError

    from opvoed_desktop.i18n.language_table import NAMES

    if _locale_id(shown_in) in NAMES:
        return NAMES[_locale_id(shown_in)]
    try:
        return dict(Locale.parse(_locale_id(shown_in)).languages)
    except (ValueError, TypeError, UnknownLocaleError):
        return {}


@functools.lru_cache(maxsize=256)
def autonym(code: str) -> str:
    """The language's name in itself; "" when babel has none."""
    from opvoed_desktop.i18n.language_table import AUTONYMS

    if code in AUTONYMS:
        return AUTONYMS[code]
    return names_in(code).get(_locale_id(code), "")  # a code the table was not made for: ask babel


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def names(code: str, ui_locale: str) -> tuple[str, str] | None:
    """(its own name, its name for the interface) of a language, by the fallback above; None when
    no language babel knows has a name for it."""
    key = _locale_id(code)
    in_ui = names_in(ui_locale).get(key, "")
    own = autonym(code)
    fallback = next((n for n in (names_in(lang).get(key, "") for lang in FALLBACK_LANGUAGES) if n), "")
    beside = in_ui or own or fallback
    native = own or beside
    if not native:
        return None
    return _capital(native), _capital(beside)


def label(code: str, ui_locale: str) -> str:
    """ "العربية (Arabisch)", "Nederlands"; a language without any name says it is a code."""
    from opvoed_desktop.i18n.language_names import fold

    found = names(code, ui_locale)
    if found is None:
        from opvoed_desktop.i18n import _

        return _("taalcode {code}").format(code=code)
    native, beside = found
    return native if fold(native) == fold(beside) else f"{isolate(native)} ({isolate(beside)})"
