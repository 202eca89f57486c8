"""The active UI translation.

gettext's own `install()` writes into builtins; we keep one explicit, swappable Translator instead,
so tests and a runtime language switch can change it without side effects elsewhere.

UI catalogs are read from the `.mo` compiled from each `.po` (i18n/compiled.py), or straight from
the `.po` when there is none or it was compiled from another version of the file; a draft
(fuzzy) translation is used, because a draft in the facilitator's language beats Dutch they may not
read — the translation editor shows which ones still need a speaker's check.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from opvoed_desktop.i18n.compiled import MoTranslations, read_mo

SOURCE_LOCALE = "nl"
CONTEXT_SEP = "\x04"  # gettext's separator between a msgctxt and its msgid
RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "ckb", "he", "ur", "ug", "yi", "dv", "sd"})
# CLDR's writing direction of the shipped languages (tests/translations check it against babel):
# asking babel loads its locale data, about 20 ms at every start for a fact that never changes.
KNOWN_RTL = {
    "nl": False, "en": False, "ar": True, "tr": False, "ti": False, "so": False,
    "fa": True, "ps": True, "uk": False, "pl": False, "am": False, "ckb": True,
}  # fmt: skip
# Pseudo-locales for layout tests: strings 40% longer, or mirrored right to left.
PSEUDO_LONG = "x-long"
PSEUDO_RTL = "x-rtl"


class PoTranslations(gettext.NullTranslations):
    """gettext lookups from a babel-parsed catalog; empty translations fall back to the source."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        from babel.messages.pofile import read_po

        with open(path, "rb") as handle:
            catalog = read_po(handle)
        self._messages: dict[str, str | tuple[str, ...]] = {}
        for message in catalog:
            if not message.id or not message.string:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            if message.context:  # stored as a .mo stores it: "context\x04msgid"
                key = f"{message.context}{CONTEXT_SEP}{key}"
            self._messages[key] = message.string if isinstance(message.string, str) else tuple(message.string)
        self._plural = gettext.c2py(catalog.plural_expr)

    @property
    def _below(self) -> gettext.NullTranslations | None:
        return self._fallback  # type: ignore[attr-defined]  # gettext's own, not in its stubs

    # What this catalog lacks comes from the one below it (an overlay holds only the translator's
    # edits: the shipped catalog under it has the rest), then the source text.
    def gettext(self, message: str) -> str:
        found = self._messages.get(message)
        if isinstance(found, str) and found:
            return found
        return self._below.gettext(message) if self._below else message

    def pgettext(self, context: str, message: str) -> str:
        found = self._messages.get(f"{context}{CONTEXT_SEP}{message}")
        if isinstance(found, str) and found:
            return found
        return self._below.pgettext(context, message) if self._below else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._messages.get(singular)
        if isinstance(found, tuple | list):
            index = self._plural(n)
            if index < len(found) and found[index]:
                return found[index]
        if self._below:
            return self._below.ngettext(singular, plural, n)
        return singular if n == 1 else plural


class PseudoTranslations(gettext.NullTranslations):
    """Makes every string 40% longer (x-long) or visibly mirrored (x-rtl), keeping placeholders."""

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode

    def _pseudo(self, text: str) -> str:
        if self.mode == PSEUDO_RTL:
            return "\u202b" + text + "\u202c"
        padding = "·" * max(2, round(len(text) * 0.4))
        return f"[{text}{padding}]"

    def gettext(self, message: str) -> str:
        return self._pseudo(message)

    def pgettext(self, context: str, message: str) -> str:
        return self._pseudo(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._pseudo(singular if n == 1 else plural)


@dataclass
class Translator:
    locale: str = SOURCE_LOCALE
    catalog: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)

    @classmethod
    def load(
        cls, locale: str, translations_dir: Path, domain: str = "ui", overlay_dir: Path | None = None
    ) -> Translator:
        if locale in (PSEUDO_LONG, PSEUDO_RTL):
            return cls(locale=locale, catalog=PseudoTranslations(locale))
        candidates = [translations_dir / locale / "LC_MESSAGES" / f"{domain}.po"]
        if overlay_dir is not None:
            candidates.insert(0, overlay_dir / locale / f"{domain}.po")
        catalog: gettext.NullTranslations = gettext.NullTranslations()
        for path in reversed(candidates):
            if path.is_file():
                loaded: gettext.NullTranslations | None = read_mo(path)  # compiled from this .po
                if loaded is None:
                    try:
                        loaded = PoTranslations(path)
                    except Exception:
                        continue
                if isinstance(catalog, PoTranslations | MoTranslations):
                    loaded.add_fallback(catalog)
                catalog = loaded
        return cls(locale=locale, catalog=catalog)

    @property
    def is_rtl(self) -> bool:
        return is_rtl(self.locale)

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        """`message` as used in `context` (one msgid, several meanings: translated apart). Until a
        catalog has the context's own entry, the msgid's translation without context stands in."""
        found = self.catalog.pgettext(context, message)
        return self.catalog.gettext(message) if found == message else found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)


def is_rtl(locale: str) -> bool:
    if locale == PSEUDO_RTL:
        return True
    if locale == PSEUDO_LONG:
        return False
    known = KNOWN_RTL.get(locale)
    if known is not None:
        return known
    from babel import Locale

    try:
        return Locale.parse(locale.replace("-", "_")).character_order == "right-to-left"
    except (ValueError, TypeError):
        return locale.split("_")[0] in RTL_LANGUAGES


def ui_languages(translations_dir: Path) -> list[str]:
    """Dutch plus every language with a shipped UI catalog."""
    found = sorted(p.parent.parent.name for p in translations_dir.glob("*/LC_MESSAGES/ui.po"))
    return [SOURCE_LOCALE, *[code for code in found if code != SOURCE_LOCALE]]


class _Active:
    """The interface language of the process, read by every `_()`.

    Process-wide on purpose (docs/architecture.md): a process shows one interface language at a
    time, as Qt's installed translators are one per application; the sentences of worker threads,
    of the services and of the error log's messages must be in that language too, without each of
    hundreds of `_()` calls being handed a translator. The AppContext owns which one it is
    (services/languages.py: installed when the context starts, given back when it closes)."""

    translator = Translator()


def use(translator: Translator) -> None:
    """Speak `translator` from now on (one assignment: safe while other threads translate)."""
    _Active.translator = translator


def active() -> Translator:
    return _Active.translator


@contextmanager
def speaking(translator: Translator) -> Iterator[Translator]:
    """Speak `translator` inside the block, then the language spoken before (tests, the self-test)."""
    previous = _Active.translator
    _Active.translator = translator
    try:
        yield translator
    finally:
        _Active.translator = previous


def _(message: str) -> str:
    return _Active.translator.gettext(message)


def pgettext(context: str, message: str) -> str:
    """Marks and translates a UI string whose msgid has several meanings: the context (msgctxt)
    tells translators which one, so each can be translated differently."""
    return _Active.translator.pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _Active.translator.ngettext(singular, plural, n)
