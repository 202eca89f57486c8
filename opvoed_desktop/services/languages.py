"""Which language the toolkit's texts are read in, and the lookup that translates them."""

from __future__ import annotations

from typing import Any

from opvoed_desktop.content.model import Library
from opvoed_desktop.paths import DataPaths, translations_dir

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


def content_lookup(language: str, data: DataPaths) -> Any:
    """A function Dutch unit → (text, state) for the library, or None for Dutch (or no catalog)."""
    if language == "nl":
        return None
    shipped = translations_dir() / language / "LC_MESSAGES" / "content.po"
    if not shipped.is_file() and not (data.translations_overlay / language / "content.po").is_file():
        return None
    from opvoed_desktop.i18n.catalogs import CatalogError, load_content_catalog

    try:
        return load_content_catalog(language, translations_dir(), data.translations_overlay).lookup
    except (CatalogError, OSError):
        return None
