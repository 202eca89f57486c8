"""Translations (gettext through babel catalogs) and facts about locales.

`_` marks and translates a UI string. It looks up the active catalog at call time, so a language
switch takes effect on the next render without re-importing modules. The active translator is the
process's one interface language: the AppContext installs it (services/languages.py) and gives the
previous one back when it closes; `speaking(translator)` does the same for a block.
"""

from opvoed_desktop.i18n.translator import Translator, _, active, ngettext, pgettext, speaking, use

__all__ = ["Translator", "_", "active", "ngettext", "pgettext", "speaking", "use"]
