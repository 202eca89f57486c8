"""The language on the audience screen: the meeting's content language, not the interface's.

Slides are built in Dutch (the source). `RoomLanguage.translate` looks every text up in that
language's content catalog, unit by unit, falling back to Dutch; the few phrases the app itself
puts on the screen (a break, the closing slide) come from the interface catalog of the same
language. A draft translation is shown as is; the result says so, for the facilitator only.

Only texts are swapped: the result has exactly the fields of the Dutch slide, so translating
can never bring private text onto the beamer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from opvoed_desktop.i18n.translator import SOURCE_LOCALE
from opvoed_desktop.services.presenting.show import (
    END_TITLE,
    PAUSE_MINUTES,
    PAUSE_TITLE,
    RESUME_AT,
    AudienceLine,
    AudienceSlide,
)

if TYPE_CHECKING:
    from opvoed_desktop.i18n.catalogs import ContentCatalog

SOURCE_NAME = "Nederlands"  # Dutch named in Dutch; other names come from babel
_PAUSE_MINUTES = re.compile("^" + re.escape(PAUSE_MINUTES).replace(re.escape("{n}"), r"(\d+)") + "$")
_RESUME_AT = re.compile("^" + re.escape(RESUME_AT).replace(re.escape("{time}"), r"(\d{1,2}:\d{2})") + "$")
_PHRASES = frozenset({PAUSE_TITLE, END_TITLE})


@dataclass(frozen=True, slots=True)
class RoomSlide:
    """A slide in the room's language; `draft`: some text is an unchecked translation, `dutch`:
    some text of the toolkit has no translation yet and is shown in Dutch."""

    slide: AudienceSlide
    draft: bool = False
    dutch: bool = False


class RoomLanguage:
    def __init__(
        self,
        code: str = SOURCE_LOCALE,
        catalog: ContentCatalog | None = None,
        phrases: Callable[[str], str] | None = None,
        rtl: bool = False,
    ) -> None:
        self.code = code
        self.rtl = rtl
        self._catalog = catalog
        self._phrases = phrases or (lambda text: text)
        self._memo: dict[AudienceSlide, RoomSlide] = {}

    @property
    def is_source(self) -> bool:
        return self._catalog is None or self.code == SOURCE_LOCALE

    def slide(self, slide: AudienceSlide) -> AudienceSlide:
        return self.translate(slide).slide

    def translate(self, slide: AudienceSlide) -> RoomSlide:
        if self.is_source:
            return RoomSlide(slide)
        found = self._memo.get(slide)
        if found is None:
            found = self._memo[slide] = self._translate(slide)
        return found

    def _translate(self, slide: AudienceSlide) -> RoomSlide:
        states: list[str] = []
        # Titles of the app's own slides may be typed by the facilitator: not a missing translation.
        counts = slide.style == "content"

        def text(source: str) -> str:
            assert self._catalog is not None
            if source in _PHRASES:
                return self._phrases(source)
            translated, state = self._catalog.lookup(source)
            if state != "missing" or counts:
                states.append(state)
            return translated

        lines = tuple(replace(line, text=self._line(line, slide.style, text)) for line in slide.lines)
        result = replace(
            slide,
            title=text(slide.title),
            lines=lines,
            question=text(slide.question) if slide.question else None,
        )
        return RoomSlide(result, draft="draft" in states, dutch="missing" in states)

    def _line(self, line: AudienceLine, style: str, text: Callable[[str], str]) -> str:
        minutes = _PAUSE_MINUTES.match(line.text) if style == "pause" else None
        if minutes:
            return self._phrases(PAUSE_MINUTES).format(n=int(minutes.group(1)))
        resume = _RESUME_AT.match(line.text) if style == "pause" else None
        if resume:
            phrase = self._phrases(RESUME_AT)
            # Not translated yet: the time alone says it in every language, a Dutch sentence does not.
            return phrase.format(time=resume.group(1)) if phrase != RESUME_AT else resume.group(1)
        return text(line.text)


def load_room_language(code: str, translations_dir: Path, overlay_dir: Path | None = None) -> RoomLanguage:
    """The room language `code`; Dutch costs nothing (no catalog is read, babel is not asked)."""
    if code == SOURCE_LOCALE:
        return RoomLanguage()
    from opvoed_desktop.i18n.catalogs import load_content_catalog, locale_facts
    from opvoed_desktop.i18n.translator import Translator

    catalog = load_content_catalog(code, translations_dir, overlay_dir)
    ui = Translator.load(code, translations_dir, "ui", overlay_dir)
    try:
        rtl = locale_facts(code).rtl
    except ValueError:
        rtl = False
    return RoomLanguage(code, catalog, ui.gettext, rtl)


def room_languages(translations_dir: Path, overlay_dir: Path | None = None) -> list[tuple[str, str]]:
    """(code, name in its own language) for Dutch and every language with a content catalog,
    shipped or added by the user."""
    from opvoed_desktop.i18n.catalogs import DOMAIN, available_locales, locale_facts
    from opvoed_desktop.i18n.language_labels import autonym

    codes = available_locales(translations_dir)
    if overlay_dir is not None and overlay_dir.is_dir():
        codes += sorted({p.parent.name for p in overlay_dir.glob(f"*/{DOMAIN}.po")} - set(codes))
    named: list[tuple[str, str]] = []
    for code in codes:
        if code == SOURCE_LOCALE:
            named.append((code, SOURCE_NAME))
            continue
        # The own name from the table made beforehand: asking babel loads each language's whole
        # locale (0.8 s for the shipped ones, on the console's GUI thread during the show).
        own = autonym(code) if "_" not in code and "-" not in code else ""
        if own:
            named.append((code, own))
            continue
        try:
            named.append((code, locale_facts(code).native_name))
        except ValueError:
            named.append((code, code))
    return named


def is_room_language(code: str, translations_dir: Path, overlay_dir: Path | None = None) -> bool:
    from opvoed_desktop.i18n.catalogs import overlay_path, shipped_path

    if code == SOURCE_LOCALE:
        return True
    paths = [shipped_path(translations_dir, code)]
    if overlay_dir is not None:
        paths.append(overlay_path(overlay_dir, code))
    return any(path.is_file() for path in paths)
