"""Use case: print-ready hand-outs (parents, participants) and the meeting agenda as PDF.

The UI and the CLI both call `HandoutService`; it knows the content, the catalogs and the fonts,
and takes local contacts and agenda lines as plain data (see `from_meeting` for the storage side).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from opvoed_desktop.content.model import Library, Programme
from opvoed_desktop.documents.compose import DocumentError, Side, make_side
from opvoed_desktop.documents.fonts import FontError, FontLocator
from opvoed_desktop.documents.model import AgendaLine, Contact, Layout, Tally
from opvoed_desktop.documents.pdf_engine import PDF_ENGINE
from opvoed_desktop.errors import AppError
from opvoed_desktop.fileio import write_atomic
from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.catalogs import (
    HANDOUT_LANGUAGES,
    CatalogError,
    ContentCatalog,
    available_locales,
    load_content_catalog,
)
from opvoed_desktop.i18n.dates import printed_date
from opvoed_desktop.i18n.numerals import joined

if TYPE_CHECKING:
    from opvoed_desktop.services.meetings import MeetingService

__all__ = [
    "KINDS",
    "AgendaLine",
    "Contact",
    "HandoutError",
    "HandoutRequest",
    "HandoutResult",
    "HandoutService",
    "contacts_for",
    "in_language",
    "normalise_kind",
]

# What the user may type → the canonical kind; hand-outs are content items, the agenda is not.
KINDS = {
    "ouders": "ouders",
    "handout-ouders": "ouders",
    "deelnemers": "deelnemers",
    "handout-deelnemers": "deelnemers",
    "agenda": "agenda",
    # Templates to print (content kind `template`), by a short name or their id.
    "uitnodiging": "uitnodiging",
    "sjabloon-uitnodiging": "uitnodiging",
    "afspraken": "afspraken",
    "sjabloon-afspraken": "afspraken",
    "evaluatie": "evaluatie",
    "sjabloon-evaluatie": "evaluatie",
    "drie-maanden": "drie-maanden",
    "sjabloon-drie-maanden": "drie-maanden",
}
ITEM_IDS = {
    "ouders": "handout-ouders",
    "deelnemers": "handout-deelnemers",
    "uitnodiging": "sjabloon-uitnodiging",
    "afspraken": "sjabloon-afspraken",
    "evaluatie": "sjabloon-evaluatie",
    "drie-maanden": "sjabloon-drie-maanden",
}
TEMPLATES = ("uitnodiging", "afspraken", "evaluatie", "drie-maanden")
# Type size of a template: the forms people fill in on the spot get the larger print of the parents'
# hand-out; the letter and the agreements table the participants' size.
TEMPLATE_AUDIENCE = {"evaluatie": "ouders", "drie-maanden": "ouders"}
BLANK = "_" * 18


class HandoutError(AppError):
    """One clear sentence for the user (unknown kind or language, missing font, broken catalog)."""


@dataclass(frozen=True)
class HandoutRequest:
    kind: str  # "ouders", "deelnemers", "agenda" or a template (see normalise_kind)
    lang: str
    bilingual: str | None = None  # only "nl": Dutch beside the language
    large: bool = False
    municipality: str = ""
    date: dt.date | None = None  # printed as {datum}; today when None
    contacts: tuple[Contact, ...] = ()
    agenda: tuple[tuple[str, str, int], ...] = ()  # (time, Dutch title or item id, minutes); agenda only
    start: str = "09:30"  # first time of the default agenda
    subtitle: str = ""  # agenda: meeting title, place


@dataclass
class HandoutResult:
    pdf: bytes
    tally: Tally
    lang: str
    path: Path | None = None


@dataclass
class HandoutService:
    library: Library
    translations_dir: Path
    overlay_dir: Path | None = None
    fonts: FontLocator = field(default_factory=FontLocator)

    def languages(self) -> list[str]:
        extra = [code for code in available_locales(self.translations_dir) if code not in HANDOUT_LANGUAGES]
        if self.overlay_dir is not None:  # languages the user added in the translation editor
            added = {p.parent.name for p in self.overlay_dir.glob("*/content.po")}
            extra += sorted(added - set(HANDOUT_LANGUAGES) - set(extra))
        return [*HANDOUT_LANGUAGES, *extra]

    def file_name(self, request: HandoutRequest) -> str:
        base = ITEM_IDS.get(request.kind, request.kind)
        suffix = "-nl" if request.bilingual else ""
        large = "-groot" if request.large else ""
        return f"{base}-{request.lang}{suffix}{large}.pdf"

    def render(self, request: HandoutRequest) -> HandoutResult:
        request = replace(request, kind=normalise_kind(request.kind))
        self._check_language(request.lang)
        if request.bilingual not in (None, "nl"):
            raise HandoutError(_("Tweetalig kan alleen met Nederlands ernaast: gebruik --bilingual nl."))
        layout = Layout(request.lang, request.bilingual if request.lang != "nl" else None, request.large)
        try:
            with PDF_ENGINE.lock:
                sides = self._sides(request.kind, layout)
                if request.kind == "agenda":
                    return self._agenda(request, sides)
                return self._handout(request, sides)
        except (FontError, DocumentError) as exc:
            raise HandoutError(str(exc)) from exc

    def write(self, request: HandoutRequest, path: Path) -> HandoutResult:
        result = self.render(request)
        try:
            write_atomic(path, result.pdf)
        except OSError as exc:
            raise HandoutError(
                _("Kan {path} niet schrijven ({reason}); kies een andere map.").format(
                    path=path, reason=exc.strerror or exc
                )
            ) from exc
        result.path = path
        return result

    def write_all(
        self,
        request: HandoutRequest,
        folder: Path,
        *,
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        languages: Sequence[str] | None = None,
    ) -> list[HandoutResult]:
        """One file per language (all, or `languages`) in `folder`; stops cleanly between languages."""
        if not folder.is_dir():
            raise HandoutError(_("De map {folder} bestaat niet; maak haar eerst aan.").format(folder=folder))
        results = []
        languages = list(self.languages() if languages is None else languages)
        for index, lang in enumerate(languages):
            if cancelled is not None and cancelled():
                break
            if progress is not None:
                progress(index, len(languages), lang)
            one = in_language(request, lang)
            results.append(self.write(one, folder / self.file_name(one)))
        if progress is not None:
            progress(len(results), len(languages), "")
        return results

    # Internals ------------------------------------------------------------------------
    def _check_language(self, lang: str) -> None:
        if lang not in self.languages():
            raise HandoutError(
                _("Onbekende taal '{lang}'; kies uit: {choices}.").format(
                    lang=lang, choices=", ".join(self.languages())
                )
            )

    def _catalog(self, lang: str) -> ContentCatalog:
        try:
            return load_content_catalog(lang, self.translations_dir, self.overlay_dir)
        except CatalogError as exc:
            raise HandoutError(
                _("De vertaling in {file} is beschadigd; herstel of verwijder het bestand.").format(file=exc)
            ) from exc

    def _sides(self, kind: str, layout: Layout) -> list[Side]:
        audience = TEMPLATE_AUDIENCE.get(kind, "deelnemers") if kind in TEMPLATES else kind
        scale = 0.86 if layout.bilingual else 1.0
        sides = [make_side(self._catalog(layout.lang), self.fonts, audience, layout, primary=True, scale=scale)]
        if layout.bilingual:
            sides.append(make_side(self._catalog("nl"), self.fonts, audience, layout, primary=False, scale=scale))
        return sides

    def _values(self, request: HandoutRequest, lang: str) -> dict[str, str]:
        date = request.date or dt.date.today()
        return {"gemeente": request.municipality.strip() or BLANK, "datum": printed_date(date, lang)}

    def _handout(self, request: HandoutRequest, sides: list[Side]) -> HandoutResult:
        from opvoed_desktop.documents.handout import HandoutInput, build_handout

        item = self.library.get(ITEM_IDS[request.kind])
        if item is None:
            raise HandoutError(
                _("De hand-out '{id}' ontbreekt in de inhoud; controleer met 'content check'.").format(
                    id=ITEM_IDS[request.kind]
                )
            )
        values = {lang: self._values(request, lang) for lang in {request.lang, "nl"}}
        if request.kind in TEMPLATES:
            from opvoed_desktop.documents.forms import build_form

            pdf, tally = build_form(item, sides, values)
            return HandoutResult(pdf, tally, request.lang)
        data = HandoutInput(
            item=item, values=values[request.lang], contacts=request.contacts, agreements=request.kind == "deelnemers"
        )
        pdf, tally = build_handout(data, sides, values)
        return HandoutResult(pdf, tally, request.lang)

    def _agenda(self, request: HandoutRequest, sides: list[Side]) -> HandoutResult:
        from opvoed_desktop.documents.agenda import build_agenda

        entries = list(request.agenda) or self.default_agenda(request.start)
        lines = [self._agenda_line(sides, time, title, minutes) for time, title, minutes in entries]
        subtitle = request.subtitle
        if not subtitle and (request.municipality or request.date):
            values = self._values(request, request.lang)
            subtitle = joined([request.municipality, values["datum"]], request.lang)
        pdf, tally = build_agenda(lines, sides, subtitle)
        return HandoutResult(pdf, tally, request.lang)

    def _agenda_line(self, sides: list[Side], time: str, title: str, minutes: int) -> AgendaLine:
        item = self.library.get(title)
        msgid = item.title if item is not None else title
        if title == "pauze":
            shown = [side.texts.label("break") for side in sides]
        else:
            shown = [side.texts.get(msgid) if msgid else "" for side in sides]
        return AgendaLine(time, shown[0], minutes, shown[-1] if len(shown) > 1 else "")

    def default_agenda(self, start: str = "09:30", programme_id: str | None = None) -> list[tuple[str, str, int]]:
        """The entries of a programme (the first one unless named) with clock times from `start`."""
        programmes = self.library.programmes()
        chosen: Programme | None = None
        for programme in programmes:
            if programme_id in (None, programme.id):
                chosen = programme
                break
        if chosen is None:
            return []
        return agenda_times(
            [
                ("pauze" if e.kind == "pauze" else (e.ref or e.title), e.minutes or 0)
                for e in chosen.entries
                if e.kind != "sessie"
            ],
            start,
        )


def agenda_times(entries: Sequence[tuple[str, int]], start: str) -> list[tuple[str, str, int]]:
    """(title, minutes) → (HH:MM, title, minutes), one after the other from `start`."""
    try:
        hours, minutes = (int(x) for x in start.split(":"))
    except ValueError as exc:
        raise HandoutError(_("Schrijf de begintijd als uu:mm, bijvoorbeeld 09:30.")) from exc
    clock = hours * 60 + minutes
    out = []
    for title, length in entries:
        out.append((f"{clock // 60 % 24:02d}:{clock % 60:02d}", title, length))
        clock += length
    return out


def in_language(request: HandoutRequest, lang: str) -> HandoutRequest:
    """The same hand-out in another language (Dutch beside Dutch makes no sense)."""
    return replace(request, lang=lang, bilingual=None if lang == "nl" else request.bilingual)


def normalise_kind(kind: str) -> str:
    found = KINDS.get(kind.strip().lower())
    if found is None:
        raise HandoutError(
            _(
                "Onbekende soort hand-out '{kind}'; kies ouders, deelnemers, agenda, uitnodiging, afspraken, "
                "evaluatie of drie-maanden."
            ).format(kind=kind)
        )
    return found


def from_meeting(request: HandoutRequest, meetings: MeetingService, meeting_id: str) -> HandoutRequest:
    """The request filled from a stored meeting: municipality, date, its contacts and agenda.

    `meetings` is a services.meetings.MeetingService (kept untyped: hand-outs need no storage).
    """
    detail = meetings.get_meeting(meeting_id)
    contacts = contacts_for(meetings, detail.municipality)
    start = detail.starts_at.strftime("%H:%M") if detail.starts_at else request.start
    entries = [
        ("pauze" if a.kind == "pauze" else (a.ref or a.title), a.planned_minutes or 0)
        for a in detail.agenda
        if a.kind != "sessie"
    ]
    subtitle = " · ".join(x for x in (detail.title, detail.venue, detail.municipality) if x)
    return replace(
        request,
        municipality=detail.municipality or request.municipality,
        date=detail.starts_at.date() if detail.starts_at else request.date,
        contacts=contacts,
        agenda=tuple(agenda_times(entries, start)) if entries else request.agenda,
        start=start,
        subtitle=subtitle,
    )


def contacts_for(meetings: MeetingService, municipality: str) -> tuple[Contact, ...]:
    """The stored local contacts of a municipality as hand-out data (none without a municipality)."""
    records = meetings.contacts(municipality) if municipality.strip() else []
    return tuple(
        Contact(
            organisation=c.organisation,
            kind=c.kind,
            address=c.address,
            phone=c.phone,
            website=c.website,
            opening_hours=c.opening_hours,
            languages=tuple(c.languages),
            opening_slots=c.opening_slots,
        )
        for c in records
    )
