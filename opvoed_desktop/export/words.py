"""The words and dates of a report in its language, and text cleaning shared by every format.

Labels are Dutch source strings looked up through gettext in the report's language (the `ui`
catalog and the user's overlay first, then the small `export` catalog that ships the English
report words), so a report can be in another language than the app. Dates come from babel.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.dates import date_pattern
from opvoed_desktop.i18n.translator import Translator

# C0/C1 controls except tab and newline, and U+FFFE/U+FFFF: no document format can hold them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
# Dutch-speaking locales use ';' in CSV because Excel there takes ',' as the decimal sign.
SEMICOLON_LANGUAGES = frozenset({"nl", "de", "fr", "it", "es", "pt", "pl", "tr", "uk", "ru", "da", "fi", "sv", "no"})


def clean_text(text: str) -> str:
    """Text as documents can hold it: CRLF/CR as newlines, control characters dropped, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text))


def check_language(lang: str) -> str:
    """`lang` as babel knows it; a mistake is a sentence for the user (ValueError)."""
    try:
        Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(
            _("De taal '{lang}' is onbekend; gebruik een code als nl, en of ar.").format(lang=lang)
        ) from None
    return lang


@dataclass
class Words:
    """gettext and babel for one report language."""

    lang: str
    translators: list[Translator] = field(default_factory=list)

    @classmethod
    def load(cls, lang: str, translations_dir: Path | None = None, overlay_dir: Path | None = None) -> Words:
        check_language(lang)
        if translations_dir is None:
            from opvoed_desktop.paths import translations_dir as default_dir

            translations_dir = default_dir()
        chain = [
            Translator.load(lang, translations_dir, "ui", overlay_dir),
            Translator.load(lang, translations_dir, "export", overlay_dir),
        ]
        return cls(lang, chain)

    def gettext(self, message: str) -> str:
        for translator in self.translators:
            found = translator.gettext(message)
            if found != message:
                return found
        return message

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang.replace("-", "_"))

    @property
    def rtl(self) -> bool:
        return self.locale.character_order == "right-to-left"

    @property
    def csv_separator(self) -> str:
        return ";" if self.locale.language in SEMICOLON_LANGUAGES else ","

    def date(self, value: date | datetime | None, *, form: str = "long") -> str:
        if value is None:
            return "—"
        day = value.date() if isinstance(value, datetime) else value
        return format_date(day, date_pattern(str(self.locale), form), locale=self.locale)

    def time(self, value: datetime | None) -> str:
        return format_time(value, "short", locale=self.locale) if value else "—"

    def when(self, value: datetime | None) -> str:
        """A meeting's start: full date and time, in words where the language has them."""
        if value is None:
            return "—"
        day = format_date(value.date(), date_pattern(str(self.locale), "full"), locale=self.locale)
        text = f"{day}, {self.time(value)}"
        return text[:1].upper() + text[1:]

    def side(self, side: str) -> str:
        _ = self.gettext
        return {
            "formal": _("Formele kant"),
            "informal": _("Informele kant"),
            "municipality": _("Gemeente"),
            "other": _("Anders"),
        }.get(side, side)

    def status(self, status: str) -> str:
        _ = self.gettext
        return {"open": _("open"), "busy": _("bezig"), "done": _("klaar")}.get(status, status)

    def kind(self, kind: str) -> str:
        _ = self.gettext
        return {
            "exercise": _("oefening"),
            "background": _("achtergrond"),
            "pause": _("pauze"),
            "own": _("eigen onderdeel"),
            "session": _("programma"),
        }.get(kind, kind)


__all__ = ["SEMICOLON_LANGUAGES", "Words", "check_language", "clean_text"]
