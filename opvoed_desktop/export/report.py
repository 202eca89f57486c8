"""The report of one meeting as plain, translated strings: what every format (PDF, DOCX,
Markdown) shows, decided once, so the formats cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import zip_longest

from opvoed_desktop.export.words import Words, clean_text
from opvoed_desktop.i18n.numerals import number
from opvoed_desktop.storage.records import MeetingDetail

SIDES = ("formal", "informal", "municipality", "other")


@dataclass(frozen=True)
class AgendaRow:
    position: int
    title: str
    kind: str
    planned: str  # "09:30–09:45" or "" without a start time
    planned_minutes: int
    actual: str  # "09:34–09:52" or "—"
    actual_minutes: str


@dataclass(frozen=True)
class NoteGroup:
    heading: str
    texts: list[str]


@dataclass(frozen=True)
class Score:
    group: str
    average: float
    count: int


@dataclass
class Report:
    lang: str
    rtl: bool
    title: str
    is_sample: bool
    heads: dict[str, str]  # section and column headings, by key
    details: list[tuple[str, str]]
    participants: list[tuple[str, int, str]]  # side, count, organisations
    agenda: list[AgendaRow]
    notes: list[NoteGroup]
    strength_sides: tuple[str, str]
    strength_rows: list[tuple[str, str]]
    other_strengths: list[tuple[str, str]]  # (side, text) for sides outside the two columns
    agreements: list[tuple[str, str, str, str]]  # what, who, by when, status
    wishes: list[str]
    evaluations: list[tuple[str, int, str]]  # group, score, remark
    scores: list[Score] = field(default_factory=list)

    @property
    def participant_total(self) -> int:
        return sum(count for _side, count, _orgs in self.participants)

    def number(self, value: float, decimals: int | None = None) -> str:
        """A count, minutes or a score as the report's language writes it (its own digits)."""
        return number(value, self.lang, decimals)

    def agenda_cells(self, row: AgendaRow) -> list[str]:
        """#, title, planned, minutes, as run, minutes: one row of the agenda table of every format."""
        return [
            self.number(row.position),
            row.title,
            row.planned,
            self.number(row.planned_minutes),
            row.actual,
            row.actual_minutes,
        ]

    def average(self, score: Score) -> str:
        """A group's average score and how many gave one: "4,5 (2)"."""
        return f"{self.number(score.average, 1)} ({self.number(score.count)})"

    def evaluation_cells(self) -> list[list[str]]:
        return [[group, self.number(score), remark] for group, score, remark in self.evaluations]


def build_report(detail: MeetingDetail, words: Words) -> Report:
    _ = words.gettext
    heads = {
        "details": _("Gegevens"),
        "participants": _("Deelnemers"),
        "agenda": _("Agenda"),
        "notes": _("Notities per agendapunt"),
        "strengths": _("Krachten"),
        "agreements": _("Afspraken"),
        "wishes": _("Wensen"),
        "evaluation": _("Evaluatie"),
        "side": _("Kant"),
        "count": _("Aantal"),
        "organisations": _("Organisaties"),
        "total": _("Totaal"),
        "item": _("Onderdeel"),
        "planned": _("Gepland"),
        "actual": _("Zo ging het"),
        "minutes": _("Minuten"),
        "min": _("Min."),
        "what": _("Wat"),
        "who": _("Wie"),
        "due": _("Wanneer klaar"),
        "status": _("Status"),
        "group": _("Groep"),
        "score": _("Score"),
        "average": _("Gemiddelde score (1–5)"),
        "remark": _("Opmerking"),
        "general": _("Algemene notities"),
        "none": _("Niets vastgelegd."),
        "sample": _("Voorbeeld: deze bijeenkomst is verzonnen om de app te leren kennen."),
        "report": _("Verslag van de bijeenkomst"),
        "made": _("Gemaakt met opvoed-desktop op {date}"),
        "page": _("pagina {n}"),
    }
    details = [
        (_("Datum en tijd"), words.when(detail.starts_at)),
        (_("Locatie"), clean_text(detail.venue) or "—"),
        (_("Gemeente"), clean_text(detail.municipality) or "—"),
        (_("Begeleider"), clean_text(detail.facilitator) or "—"),
        (_("Talen"), _languages(detail.languages, words) or "—"),
    ]
    if detail.closed_at is not None:
        details.append((_("Afgesloten op"), words.date(detail.closed_at)))
    by_side = {p.side: p for p in detail.participants}
    participants = [
        (words.side(side), by_side[side].count, clean_text(by_side[side].organisations))
        for side in SIDES
        if side in by_side
    ]
    left, right = "formal", "informal"
    columns = {side: [clean_text(s.text) for s in detail.strengths if s.side == side] for side in (left, right)}
    return Report(
        lang=words.lang,
        rtl=words.rtl,
        title=clean_text(detail.title),
        is_sample=detail.is_sample,
        heads=heads,
        details=details,
        participants=participants,
        agenda=_agenda(detail, words),
        notes=_notes(detail, heads["general"]),
        strength_sides=(words.side(left), words.side(right)),
        strength_rows=[(a or "", b or "") for a, b in zip_longest(columns[left], columns[right])],
        other_strengths=[
            (words.side(s.side), clean_text(s.text)) for s in detail.strengths if s.side not in (left, right)
        ],
        agreements=[
            (
                clean_text(a.what),
                clean_text(a.party),
                words.date(a.due, form="medium") if a.due else (clean_text(a.due_text) or "—"),
                words.status(a.status),
            )
            for a in detail.agreements
        ],
        wishes=[clean_text(w.text) for w in detail.wishes],
        evaluations=[(clean_text(e.respondent_group), e.score, clean_text(e.remark)) for e in detail.evaluations],
        scores=_scores(detail),
    )


def _languages(codes: list[str], words: Words) -> str:
    """Language codes by name; anything else (text kept from before, an odd bundle) as written."""
    from opvoed_desktop.i18n.language_names import is_code

    names = []
    for code in codes:
        name = ""
        if is_code(code):
            from babel import Locale

            name = Locale.parse(code.replace("-", "_")).get_display_name(words.locale) or ""
        names.append(name or clean_text(code))
    return ", ".join(names)


def _agenda(detail: MeetingDetail, words: Words) -> list[AgendaRow]:
    rows = []
    clock: datetime | None = detail.starts_at
    for item in detail.agenda:
        planned = ""
        if clock is not None:
            end = clock + timedelta(minutes=item.planned_minutes)
            planned = f"{words.time(clock)}–{words.time(end)}"
            clock = end
        actual, minutes = "—", "—"
        if item.actual_start is not None:
            actual = f"{words.time(item.actual_start)}–{words.time(item.actual_end) if item.actual_end else '…'}"
            if item.actual_end is not None:
                minutes = words.number(round((item.actual_end - item.actual_start).total_seconds() / 60))
        rows.append(
            AgendaRow(
                item.position,
                clean_text(item.title),
                words.kind(item.kind),
                planned,
                item.planned_minutes,
                actual,
                minutes,
            )
        )
    return rows


def _notes(detail: MeetingDetail, general: str) -> list[NoteGroup]:
    groups = []
    for item in detail.agenda:
        texts = [clean_text(n.text) for n in detail.notes_for(item.id) if n.text.strip()]
        if texts:
            groups.append(NoteGroup(clean_text(item.title), texts))
    loose = [clean_text(n.text) for n in detail.notes_for(None) if n.text.strip()]
    known = {item.id for item in detail.agenda}
    # A note whose item is missing from the agenda (an odd bundle) still belongs in the report.
    loose += [clean_text(n.text) for n in detail.notes if n.agenda_item_id not in known | {None} and n.text.strip()]
    if loose:
        groups.append(NoteGroup(general, loose))
    return groups


def _scores(detail: MeetingDetail) -> list[Score]:
    groups: dict[str, list[int]] = {}
    for e in detail.evaluations:
        groups.setdefault(clean_text(e.respondent_group) or "—", []).append(e.score)
    return [Score(group, sum(s) / len(s), len(s)) for group, s in groups.items()]
