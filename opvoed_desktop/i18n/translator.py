"""The active UI translation.

gettext's own `install()` writes into builtins; we keep one explicit, swappable Translator instead,
so tests and a runtime language switch can change it without side effects elsewhere.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

SOURCE_LOCALE = "nl"
RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "ckb", "he", "ur", "ug", "yi", "dv", "sd"})


@dataclass
class Translator:
    locale: str = SOURCE_LOCALE
    catalog: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)

    @classmethod
    def load(cls, locale: str, translations_dir: Path, domain: str = "ui") -> Translator:
        catalog = gettext.translation(domain, localedir=str(translations_dir), languages=[locale], fallback=True)
        return cls(locale=locale, catalog=catalog)

    @property
    def is_rtl(self) -> bool:
        return is_rtl(self.locale)

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)


def is_rtl(locale: str) -> bool:
    try:
        return Locale.parse(locale.replace("-", "_")).character_order == "right-to-left"
    except (ValueError, TypeError):
        return locale.split("_")[0] in RTL_LANGUAGES


class _Active:
    translator = Translator()


def use(translator: Translator) -> None:
    _Active.translator = translator


def active() -> Translator:
    return _Active.translator


def _(message: str) -> str:
    return _Active.translator.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _Active.translator.ngettext(singular, plural, n)
