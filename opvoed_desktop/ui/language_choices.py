"""The languages the menus offer: the interface's and the toolkit's, each named in itself."""

from __future__ import annotations

from typing import Any


def language_choices() -> list[tuple[str, str]]:
    """(code, label): each language named in itself, with the Dutch name beside it."""
    from babel import Locale

    from opvoed_desktop.i18n.translator import ui_languages
    from opvoed_desktop.paths import translations_dir

    choices = []
    for code in ui_languages(translations_dir()):
        try:
            locale = Locale.parse(code)
            native, dutch = locale.get_display_name(code), locale.get_display_name("nl")
        except (ValueError, TypeError):
            native = dutch = code
        label = native if native == dutch else f"{native} ({dutch})"
        choices.append((code, label[:1].upper() + label[1:]))
    return choices


def content_language_choices(data: Any) -> list[tuple[str, str]]:
    """Dutch plus every language with a content catalog (shipped or added), named in itself."""
    from opvoed_desktop.i18n.catalogs import available_locales, locale_facts
    from opvoed_desktop.paths import translations_dir

    codes = list(available_locales(translations_dir()))
    overlay = data.translations_overlay
    if overlay.is_dir():
        codes += sorted(p.parent.name for p in overlay.glob("*/content.po") if p.parent.name not in codes)
    choices = []
    for code in codes:
        try:
            name = locale_facts(code).native_name
        except ValueError:
            name = code
        choices.append((code, name[:1].upper() + name[1:]))
    return choices
