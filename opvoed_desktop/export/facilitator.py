"""The facilitator's sheets of one meeting, in the interface language: the running order (one
page) and the materials checklist, both from the meeting's own agenda."""

from __future__ import annotations

from datetime import time

from opvoed_desktop.content.agenda import AgendaItem, AgendaPlan, fit_text, kind_label
from opvoed_desktop.content.model import Exercise, Library
from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.export.sheets import MaterialsBlock, RunningLine, SheetTexts, materials_pdf, running_order_pdf
from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.i18n.numerals import clock, joined, localise_digits, number
from opvoed_desktop.storage.records import MeetingDetail


def meeting_plan(detail: MeetingDetail, minutes_available: int = 0) -> AgendaPlan:
    start = detail.starts_at.time() if detail.starts_at else time(19, 0)
    items = [AgendaItem(a.kind, a.title, a.planned_minutes, a.ref, a.id) for a in detail.agenda]
    return AgendaPlan(items, start, minutes_available, detail.title)


def _subtitle(detail: MeetingDetail, lang: str) -> str:
    from babel.dates import format_datetime

    parts = []
    if detail.starts_at is not None:
        try:
            when = format_datetime(detail.starts_at, "EEEE d MMMM y, HH:mm", locale=lang.replace("-", "_"))
            parts.append(localise_digits(when, lang))
        except (ValueError, LookupError):
            parts.append(detail.starts_at.strftime("%d-%m-%Y %H:%M"))
    parts += [p for p in (detail.venue, detail.municipality) if p]
    return joined(parts, lang)


def _language(lang: str) -> str:
    return "nl" if lang.startswith("x-") else lang


def running_order(detail: MeetingDetail, library: Library, lang: str, minutes_available: int = 0) -> bytes:
    lang = _language(lang)
    plan = meeting_plan(detail, minutes_available)
    lines = []
    for row in plan.schedule():
        item = row.item
        if item.kind == "session":
            lines.append(RunningLine("", item.title, "", "", heading=True))
            continue
        target = library.get(item.ref or "")
        what = target.group_form if isinstance(target, Exercise) and target.group_form else kind_label(item.kind)
        times = f"{clock(row.start, lang)}–{clock(row.end, lang)}"
        lines.append(RunningLine(times, item.title, number(item.minutes, lang), what))
    closing = fit_text(plan.fit(), lambda value: number(value, lang))
    schedule = plan.schedule()
    if schedule:
        closing += " " + _("Begint om {start}, eindigt om {end}.").format(
            start=clock(plan.start, lang), end=clock(schedule[-1].end, lang)
        )
    texts = SheetTexts(
        title=_("Draaiboek: {title}").format(title=detail.title),
        subtitle=_subtitle(detail, lang),
        columns=(_("Tijd"), _("Onderdeel"), _("Min."), _("Werkvorm")),
        footer=_("Draaiboek"),
        closing=closing if lines else _("Deze bijeenkomst heeft nog geen agenda."),
    )
    return running_order_pdf(lines, texts, lang, FontLocator())


def materials_blocks(detail: MeetingDetail, library: Library, lang: str = "nl") -> list[MaterialsBlock]:
    """Per exercise of the agenda (in its order, with its start time) what it needs."""
    blocks: list[MaterialsBlock] = []
    for row in meeting_plan(detail).schedule():
        target = library.get(row.item.ref or "")
        if row.item.kind == "exercise" and isinstance(target, Exercise):
            blocks.append(MaterialsBlock(row.item.title, clock(row.start, lang), target.materials))
    return blocks


def materials(detail: MeetingDetail, library: Library, lang: str) -> bytes:
    lang = _language(lang)
    blocks = materials_blocks(detail, library, lang)
    count = len(blocks)
    subtitle = _subtitle(detail, lang)
    if count:
        subtitle += "\n" + ngettext(
            "Wat {n} oefening nodig heeft; vink af wat klaarligt.",
            "Wat de {n} oefeningen nodig hebben; vink af wat klaarligt.",
            count,
        ).format(n=number(count, lang))
    texts = SheetTexts(
        title=_("Materialen: {title}").format(title=detail.title),
        subtitle=subtitle,
        footer=_("Materialenlijst"),
        empty=_("Er staan geen oefeningen op de agenda, dus er is geen materiaal nodig."),
    )
    return materials_pdf(blocks, texts, lang, FontLocator())
