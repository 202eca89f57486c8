"""The interface's language and the one the toolkit's texts are read in: choosing, switching, remembering.

The language menus of the window call `Languages`; the window only rebuilds itself afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n import Translator, active, use
from opvoed_desktop.paths import DataPaths, translations_dir

if TYPE_CHECKING:
    from opvoed_desktop.content.search import SearchIndex

# Dutch unit of the toolkit → (its text in the reading language, the translation's state).
ContentLookup = Callable[[str], tuple[str, str]]

# Share of the toolkit's texts a language needs before the library follows the interface into it.
MOSTLY_TRANSLATED = 0.5


def choose_content_language(data: DataPaths, ui_locale: str, library: Library | None = None) -> str:
    """The saved choice; else the interface language when most of the toolkit is translated into it
    (a page of Dutch set right to left helps nobody); else Dutch."""
    from opvoed_desktop.settings import Settings

    chosen = Settings.load(data).content_language
    if chosen:
        return chosen if chosen == "nl" or content_lookup(chosen, data) is not None else "nl"
    if ui_locale == "nl" or library is None:
        return "nl"
    lookup = content_lookup(ui_locale, data)
    if lookup is None:
        return "nl"
    from opvoed_desktop.content.units import units

    texts = [u.text for item in library.items.values() for u in units(item)]
    translated = sum(1 for text in texts if lookup(text)[1] != "missing")
    return ui_locale if texts and translated >= MOSTLY_TRANSLATED * len(texts) else "nl"


def content_lookup(language: str, data: DataPaths) -> ContentLookup | None:
    """A function Dutch unit → (text, state) for the library, or None for Dutch (or no catalog)."""
    if language == "nl":
        return None
    shipped = translations_dir() / language / "LC_MESSAGES" / "content.po"
    if not shipped.is_file() and not (data.translations_overlay / language / "content.po").is_file():
        return None
    from opvoed_desktop.i18n.catalogs import CatalogError, load_content_catalog

    try:
        lookup: ContentLookup = load_content_catalog(language, translations_dir(), data.translations_overlay).lookup
        return lookup
    except (CatalogError, OSError):
        return None


@dataclass
class Languages:
    """The active translator, the reading language with its lookup, and the search index in that language.

    Owned by the application context; changed only through `use_interface`, `speak` and `read_in`.
    The translator is the process's interface language behind every `_()` (i18n.use): `start`
    installs it, `close` gives back the one spoken before, so a second context in one process (the
    self-test's window, a test) leaves no language behind.
    """

    data: DataPaths
    library: Library
    translator: Translator
    content_language: str = "nl"
    content_lookup: ContentLookup | None = None
    _search: SearchIndex | None = field(default=None, repr=False)
    _before: Translator | None = field(default=None, repr=False)

    @classmethod
    def start(cls, data: DataPaths, library: Library, translator: Translator) -> Languages:
        before = active()
        use(translator)
        content_language = choose_content_language(data, translator.locale, library)
        languages = cls(data, library, translator, content_language, content_lookup(content_language, data))
        languages._before = before
        return languages

    def speak(self, translator: Translator) -> None:
        """Speak `translator` from now on, without remembering it (use_interface remembers)."""
        self.translator = translator
        use(translator)

    def close(self) -> None:
        """Give the process back the interface language spoken before `start` (unless another
        context has taken over since)."""
        before, self._before = self._before, None
        if before is not None and active() is self.translator:
            use(before)

    @property
    def search(self) -> SearchIndex:
        """The library's search index, built on first use (presenting and hand-outs never search)."""
        if self._search is None:
            from opvoed_desktop.content.search import SearchIndex

            lookup = self.content_lookup
            self._search = SearchIndex(self.library, (lambda text: lookup(text)[0]) if lookup else None)
        return self._search

    def use_interface(self, code: str) -> bool:
        """Speak `code` from now on, and remember it; False when the choice could not be saved (it
        still holds until the app closes). The library follows unless a reading language was chosen."""
        from opvoed_desktop.settings import Settings

        self.speak(Translator.load(code, translations_dir(), overlay_dir=self.data.translations_overlay))
        saved = True
        try:
            settings = Settings.load(self.data)  # keep the other preferences (welcome seen)
            settings.ui_language = code
            settings.save(self.data)
        except OSError:
            saved = False
        if Settings.load(self.data).content_language is None:
            self.read_in(choose_content_language(self.data, code, self.library))
        return saved

    def choose_reading(self, code: str) -> bool:
        """The reader chose `code` for the toolkit's texts: show it and remember it (False: not saved)."""
        from opvoed_desktop.settings import Settings

        saved = True
        try:
            settings = Settings.load(self.data)
            settings.content_language = code
            settings.save(self.data)
        except OSError:
            saved = False
        self.read_in(code)
        return saved

    def read_in(self, code: str) -> None:
        """Show the toolkit in `code` (Dutch where it is not translated); the next search indexes that."""
        self.content_language = code
        self.content_lookup = content_lookup(code, self.data)
        self._search = None
