"""Texts of the hand-outs screen that come from data: language names, meetings, notices, errors."""

from __future__ import annotations

from datetime import datetime

from opvoed_desktop.documents.model import Tally
from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.services.handouts import HandoutError


def isolate(text: str) -> str:
    """Keep a name in its own direction inside a label of the other direction (U+2068 … U+2069)."""
    return f"\u2068{text}\u2069"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _babel_locale(code: str) -> str:
    """Pseudo-locales (x-long, x-rtl) have no names of their own: use Dutch, the source language."""
    return "nl" if code.startswith("x-") else code.replace("-", "_")


def language_label(code: str, ui_locale: str) -> str:
    """The language in its own name, with its name in the interface language beside it.

    In the Dutch interface that is the Dutch name ("العربية (Arabisch)"); a facilitator who works in
    Arabic gets the Arabic name beside the Tigrinya one instead of a Dutch word.
    """
    from babel import Locale, UnknownLocaleError

    from opvoed_desktop.i18n.catalogs import locale_facts

    try:
        native = _capital(locale_facts(code).native_name)
        beside = _capital(Locale.parse(_babel_locale(code)).get_display_name(_babel_locale(ui_locale)) or code)
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    return native if native == beside else f"{isolate(native)} ({isolate(beside)})"


def meeting_label(title: str, starts_at: datetime | None, ui_locale: str) -> str:
    from babel import UnknownLocaleError
    from babel.dates import format_date

    if starts_at is None:
        return isolate(title)
    try:
        day = format_date(starts_at.date(), "medium", locale=_babel_locale(ui_locale))
    except (ValueError, TypeError, UnknownLocaleError):
        day = starts_at.date().isoformat()
    return f"{isolate(title)} · {day}"


def draft_notice(tally: Tally) -> str:
    """The same warning the paper carries, for the person at the screen (empty when all is checked)."""
    parts = []
    if tally.draft:
        parts.append(
            ngettext(
                "Concept — nog niet nagekeken door iemand die de taal spreekt: {n} tekst.",
                "Concept — nog niet nagekeken door iemand die de taal spreekt: {n} teksten.",
                tally.draft,
            ).format(n=tally.draft)
        )
    if tally.missing:
        parts.append(
            ngettext(
                "{n} tekst staat er in het Nederlands, omdat de vertaling ontbreekt.",
                "{n} teksten staan er in het Nederlands, omdat de vertaling ontbreekt.",
                tally.missing,
            ).format(n=tally.missing)
        )
    return " ".join(parts)


def describe_error(error: BaseException) -> str:
    """One sentence for the user; a file-system error names what failed and what to do."""
    if isinstance(error, HandoutError):
        return str(error)
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        if error.filename:
            return _("Kan {path} niet schrijven ({reason}); kies een andere map.").format(
                path=error.filename, reason=reason
            )
        return _("Afdrukken of opslaan is mislukt ({reason}); controleer de printer of de map.").format(reason=reason)
    return _("Het maken van de hand-out is mislukt door een fout in de app; er is niets opgeslagen of afgedrukt.")
