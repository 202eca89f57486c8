"""Translations (gettext through babel catalogs) and facts about locales.

`_` marks and translates a UI string. It looks up the active catalog at call time, so a language
switch takes effect on the next render without re-importing modules.
"""

from opvoed_desktop.i18n.translator import Translator, _, active, ngettext, use

__all__ = ["Translator", "_", "active", "ngettext", "use"]
