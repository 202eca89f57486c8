"""Which hand-out languages the "languages in the room" of a meeting mean.

Facilitators type them freely: "Arabisch, Tigrinya", "ar, ti", "Turkish", "العربية". A part
matches a language by its code or its name in Dutch, English, the language itself or the
interface language, ignoring case and accents; what matches nothing is handed back as typed, so
the screen can say for which languages there is no hand-out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

# Names people write that babel does not give (babel: Perzisch/Persian, Pasjtoe/Pashto, Soranî).
ALIASES = {"farsi": "fa", "tigrinja": "ti", "pashtu": "ps", "sorani": "ckb"}
_SEPARATORS = re.compile(r"[,;/+&\n·،]|\s+(?:en|and|und|et|ve|و)\s+")
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")


@functools.lru_cache(maxsize=16384)  # the ~5000 language names are folded again for every list
def fold(text: str) -> str:
    """Case, accents and spacing do not matter: "Oekraïens" == "oekraiens"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("-", " ").replace("_", " ").split())


def language_names(codes: Iterable[str], ui_locale: str = "nl") -> dict[str, str]:
    """Folded name or code → language code, for every language in `codes`."""
    from babel import Locale, UnknownLocaleError

    names: dict[str, str] = {}
    for code in codes:
        names.setdefault(fold(code), code)
        try:
            locale = Locale.parse(code.replace("-", "_"))
        except (ValueError, TypeError, UnknownLocaleError):
            continue  # a language added in the translation editor that babel does not know: its code only
        for shown_in in ("nl", "en", code, ui_locale):
            try:
                name = locale.get_display_name(shown_in.replace("-", "_"))
            except (ValueError, TypeError, UnknownLocaleError):
                continue  # pseudo-locales (x-long, x-rtl) name nothing
            if name:
                names.setdefault(fold(name), code)
    for alias, code in ALIASES.items():
        if code in codes:
            names.setdefault(alias, code)
    return names


def match_languages(
    texts: Sequence[str], codes: Sequence[str], ui_locale: str = "nl", *, names: dict[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """(codes found, in the order written, once each; parts that name no language in `codes`)."""
    if names is None:
        names = language_names(codes, ui_locale)
    found: list[str] = []
    unknown: list[str] = []
    for text in texts:
        for part in _SEPARATORS.split(text):
            part = part.strip(" .")
            if not part:
                continue
            code = _lookup(part, names)
            if code is None:
                unknown.append(part)
            elif code not in found:
                found.append(code)
    return found, unknown


def _lookup(part: str, names: dict[str, str]) -> str | None:
    key = fold(part)
    # "Arabisch (Marokkaans)" is Arabic; "Koerdisch (Sorani)" is Sorani
    for candidate in (key, fold(_BRACKETS.sub("", part)), *map(fold, re.findall(r"\((.*?)\)", part))):
        if candidate in names:
            return names[candidate]
    # "ar-MA", "nl_BE": the language of a regional code
    base = re.fullmatch(r"([a-z]{2,3})[ ][a-z]{2,4}", key)
    return names.get(base.group(1)) if base else None


# The room's languages as stored: language codes, plus (kept as typed) what matched no language.
_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
# Names are looked up in these languages too ("in any language"): the app's and a few neighbours'.
NAME_LANGUAGES = ("nl", "en", "ar", "tr", "ti", "so", "fa", "ps", "uk", "pl", "am", "ckb", "de", "fr", "es", "ru")


@functools.lru_cache(maxsize=1)
def known_languages() -> tuple[str, ...]:
    """Every language babel has a name of its own for (about 330), by code."""
    from babel import localedata

    return tuple(sorted(i for i in localedata.locale_identifiers() if "_" not in i and i != "root"))


@functools.lru_cache(maxsize=1024)
def is_code(value: str) -> bool:
    """Whether a stored entry is a language code (and not text kept as typed)."""
    if not _CODE.fullmatch(value):
        return False
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


@functools.lru_cache(maxsize=4)
def _all_names(ui_locale: str) -> dict[str, str]:
    """Folded code or name → code, for every known language, by its name in NAME_LANGUAGES, the
    interface language and itself. From one locale file per naming language and the table of own
    names (language_labels): asking babel per language loaded all ~330 locale files (a second)."""
    from opvoed_desktop.i18n.language_labels import autonym, names_in

    codes = known_languages()
    names = {fold(code): code for code in codes}
    for shown_in in dict.fromkeys(("nl", "en", ui_locale, *NAME_LANGUAGES)):
        named = names_in(shown_in)
        for code in codes:
            if named.get(code):
                names.setdefault(fold(named[code]), code)
        if shown_in == "en":  # then each language's own name, before the neighbours' names
            for code in codes:
                if autonym(code):
                    names.setdefault(fold(autonym(code)), code)
    for alias, code in ALIASES.items():
        names.setdefault(alias, code)
    return names


def normalise_languages(values: Sequence[str], ui_locale: str = "nl") -> tuple[list[str], list[str]]:
    """(language codes, parts that name no language): codes stay, free text is matched by name."""
    codes: list[str] = []
    unmatched: list[str] = []
    for value in values:
        value = value.strip()
        if is_code(value):
            found = [value]
        elif value:
            found, unknown = match_languages([value], known_languages(), ui_locale, names=_all_names(ui_locale))
            unmatched += [u for u in unknown if u not in unmatched]
        else:
            found = []
        codes += [code for code in found if code not in codes]
    return codes, unmatched
