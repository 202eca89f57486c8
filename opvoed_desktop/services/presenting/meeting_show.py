"""What is presented is always a meeting: its agenda, its notes, its times.

`meeting_show` reads a stored meeting into what the presenter needs; `new_meeting_for_show`
makes and names a meeting ("Bijeenkomst 9 december 2026") when none is open, with the agenda of
`programme_for_new_meeting` (the programme chosen last time, else the toolkit's first), so that
what the facilitator types during the show always lands in a meeting. The meeting service is
duck-typed, keeping this module free of the storage imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from opvoed_desktop.content.agenda import AgendaItem, items_from_programme
from opvoed_desktop.content.model import Library, Programme
from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting.notes import MeetingNoteSink
from opvoed_desktop.services.presenting.session import AgendaTimingWriter
from opvoed_desktop.services.presenting.show import AudienceSlide, holding_slide


@dataclass(frozen=True)
class MeetingShow:
    """A stored meeting, ready to present. `created`: made just now because none was open."""

    meeting_id: str
    title: str
    items: tuple[AgendaItem, ...]
    holding: AudienceSlide | None
    created: bool = False
    programme_id: str | None = None

    def sinks(self, service: Any) -> tuple[MeetingNoteSink, AgendaTimingWriter]:
        """Where quick notes and actual times go: into this meeting."""
        return MeetingNoteSink(service, self.meeting_id), AgendaTimingWriter(service.update_agenda_item)


def meeting_show(service: Any, meeting_id: str, created: bool = False) -> MeetingShow:
    detail = service.get_meeting(meeting_id)
    items = tuple(AgendaItem(a.kind, a.title, a.planned_minutes, a.ref, a.id) for a in detail.agenda)
    holding = welcome_slide(detail.title, detail.venue, detail.starts_at, items)
    return MeetingShow(detail.id, detail.title, items, holding, created, detail.programme_id)


def welcome_slide(
    title: str, venue: str, starts_at: datetime | None, items: Sequence[AgendaItem]
) -> AudienceSlide | None:
    """Title, venue and "19:00 – 21:30" (the first session's planned end) for the room while it fills."""
    when = ""
    if starts_at is not None:
        minutes = 0
        for index, item in enumerate(items):
            if item.kind == "session" and index > 0:
                break
            minutes += item.minutes
        end = starts_at + timedelta(minutes=minutes)
        when = f"{starts_at:%H:%M} – {end:%H:%M}" if minutes else f"{starts_at:%H:%M}"
    return holding_slide(title, venue, when)


def new_meeting_title(now: datetime, locale: str) -> str:
    """ "Bijeenkomst 9 december 2026", the date in the interface language (babel's long form; for
    the app's own languages from a table made beforehand, without loading babel's locale data)."""
    from opvoed_desktop.i18n.dates import long_date

    try:
        date = long_date(now.date(), locale)
    except Exception as exc:
        from babel.core import UnknownLocaleError

        if not isinstance(exc, UnknownLocaleError | ValueError):
            raise
        date = now.strftime("%d-%m-%Y")
    return _("Bijeenkomst {date}").format(date=date)


def programme_for_new_meeting(
    library: Library, remembered: str | None, own: Sequence[Programme] = ()
) -> Programme | None:
    """The programme chosen last time (of the toolkit or an own one), else the toolkit's first;
    None when there is no programme at all."""
    if remembered:
        found = library.get(remembered)
        if isinstance(found, Programme):
            return found
        for programme in own:
            if programme.id == remembered:
                return programme
    programmes = library.programmes()
    return programmes[0] if programmes else None


def new_meeting_for_show(
    service: Any,
    items: Sequence[AgendaItem],
    *,
    now: datetime,
    locale: str,
    programme_id: str | None = None,
    minutes_available: int | None = None,
) -> MeetingShow:
    """Make a meeting that starts now with this agenda, and return it ready to present."""
    starts_at = now.replace(second=0, microsecond=0)
    meeting_id = service.create_meeting(new_meeting_title(now, locale), starts_at=starts_at, programme_id=programme_id)
    service.plan_agenda(meeting_id, [(i.kind, i.ref, i.title, i.minutes) for i in items])
    if minutes_available:
        service.update_meeting(meeting_id, minutes_available=minutes_available)
    return meeting_show(service, meeting_id, created=True)


def new_meeting_from_programme(
    service: Any, library: Library, programme: Programme, *, now: datetime, locale: str
) -> MeetingShow:
    """A new meeting with this programme's agenda, its dagdeel and its programme stored."""
    return new_meeting_for_show(
        service,
        items_from_programme(programme, library),
        now=now,
        locale=locale,
        programme_id=programme.id,
        minutes_available=programme.minutes_available or None,
    )
