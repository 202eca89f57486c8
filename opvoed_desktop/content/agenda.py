"""An agenda being planned: items in order, clock times from a start time, and whether it fits.

Plain data without Qt or storage, so the agenda view, the CLI and the presenter share it. Item
kinds follow the storage layer's `AgendaKind`: exercise, background, pause, own, session.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

from opvoed_desktop.content.model import Exercise, Library, Programme
from opvoed_desktop.i18n import _

KINDS = ("exercise", "background", "pause", "own", "session")


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One line of an agenda; `id` is the storage id when the agenda belongs to a meeting."""

    kind: str
    title: str
    minutes: int = 0
    ref: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class ScheduledItem:
    item: AgendaItem
    start: time
    end: time
    offset_minutes: int  # from the start of its session


@dataclass(frozen=True, slots=True)
class Fit:
    planned: int
    available: int

    @property
    def fits(self) -> bool:
        return self.available <= 0 or self.planned <= self.available

    @property
    def difference(self) -> int:
        """Positive: minutes too many; negative: minutes to spare."""
        return self.planned - self.available


def items_from_programme(programme: Programme, library: Library) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    for entry in programme.entries:
        if entry.kind == "ref":
            target = library.get(entry.ref or "")
            if isinstance(target, Exercise):
                title = _("{letter}. {title}").format(letter=target.letter, title=target.title)
                items.append(AgendaItem("exercise", title, entry.minutes or target.minutes, entry.ref))
            else:
                title = target.title if target is not None else entry.title
                items.append(AgendaItem("background", title, entry.minutes or 0, entry.ref))
        elif entry.kind == "pauze":
            items.append(AgendaItem("pause", _("Pauze"), entry.minutes or 0))
        elif entry.kind == "eigen":
            items.append(AgendaItem("own", entry.title, entry.minutes or 0))
        else:
            items.append(AgendaItem("session", entry.title))
    return items


def item_for_content(library: Library, ref: str, minutes: int | None = None) -> AgendaItem:
    """An agenda item for an exercise or a background page (or part) of the library."""
    target = library.get(ref)
    if isinstance(target, Exercise):
        title = _("{letter}. {title}").format(letter=target.letter, title=target.title)
        return AgendaItem("exercise", title, target.minutes if minutes is None else minutes, ref)
    if target is None:
        raise KeyError(ref)
    return AgendaItem("background", target.title, 10 if minutes is None else minutes, ref)


@dataclass
class AgendaPlan:
    """An editable agenda. Mutating methods keep indexes valid and never raise on a bad index."""

    items: list[AgendaItem] = field(default_factory=list)
    start: time = time(19, 0)
    minutes_available: int = 0
    title: str = ""

    @classmethod
    def from_programme(cls, programme: Programme, library: Library, start: time = time(19, 0)) -> AgendaPlan:
        return cls(items_from_programme(programme, library), start, programme.minutes_available, programme.title)

    def move(self, index: int, to: int) -> int:
        """Move item `index` so that it ends at position `to`; returns where it landed."""
        if not 0 <= index < len(self.items):
            return index
        to = max(0, min(to, len(self.items) - 1))
        item = self.items.pop(index)
        self.items.insert(to, item)
        return to

    def insert(self, index: int, item: AgendaItem) -> int:
        index = max(0, min(index, len(self.items)))
        self.items.insert(index, item)
        return index

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.items):
            del self.items[index]

    def set_minutes(self, index: int, minutes: int) -> None:
        if 0 <= index < len(self.items):
            self.items[index] = replace(self.items[index], minutes=max(0, int(minutes)))

    def set_title(self, index: int, title: str) -> None:
        if 0 <= index < len(self.items) and title.strip():
            self.items[index] = replace(self.items[index], title=title.strip())

    def schedule(self) -> list[ScheduledItem]:
        """Clock times; a session marker starts a new meeting, again at the start time."""
        rows: list[ScheduledItem] = []
        offset = 0
        for item in self.items:
            if item.kind == "session":
                offset = 0
            begin = _add_minutes(self.start, offset)
            offset += item.minutes
            rows.append(ScheduledItem(item, begin, _add_minutes(self.start, offset), offset - item.minutes))
        return rows

    def fit(self) -> Fit:
        return Fit(sum(i.minutes for i in self.items), self.minutes_available)


def _add_minutes(start: time, minutes: int) -> time:
    return (datetime.combine(datetime(2000, 1, 1), start) + timedelta(minutes=minutes)).time()


def fit_text(fit: Fit, number: Callable[[int], str] = str) -> str:
    """Whether the agenda fits the time available; `number` writes the minutes (the paper's digits)."""
    if fit.available <= 0:
        return _("Gepland: {planned} minuten.").format(planned=number(fit.planned))
    if fit.fits:
        return _("Past: {planned} van {available} minuten gepland, {spare} over.").format(
            planned=number(fit.planned), available=number(fit.available), spare=number(-fit.difference)
        )
    return _("Past niet: {planned} minuten gepland, {over} meer dan de {available} beschikbare.").format(
        planned=number(fit.planned), available=number(fit.available), over=number(fit.difference)
    )


def kind_label(kind: str) -> str:
    return {
        "exercise": _("Oefening"),
        "background": _("Achtergrond"),
        "pause": _("Pauze"),
        "own": _("Eigen onderdeel"),
        "session": _("Bijeenkomst"),
    }.get(kind, kind)


def agenda_html(plan: AgendaPlan, rtl: bool = False) -> str:
    """The printed running order: a plain table the facilitator can pin to the lectern."""
    direction = ' dir="rtl"' if rtl else ""
    rows = []
    for row in plan.schedule():
        title = html.escape(row.item.title)
        if row.item.kind == "session":
            rows.append(f'<tr><td colspan="3"><h3>{title}</h3></td></tr>')
            continue
        when = f"{row.start:%H:%M}–{row.end:%H:%M}"
        minutes = html.escape(_("{n} min").format(n=row.item.minutes))
        rows.append(f'<tr><td width="22%">{when}</td><td>{title}</td><td align="right" width="14%">{minutes}</td></tr>')
    heading = html.escape(plan.title or _("Agenda"))
    fit = html.escape(fit_text(plan.fit()))
    return (
        f"<html><body{direction}><h1>{heading}</h1>"
        f'<table width="100%" cellpadding="6" border="1" style="border-collapse:collapse">{"".join(rows)}</table>'
        f"<p>{fit}</p></body></html>"
    )
