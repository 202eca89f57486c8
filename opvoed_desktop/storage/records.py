"""Plain, immutable records the services hand to the UI and CLI.

The UI never holds ORM objects: they would be tied to a session and could lazy-load from a
closed one. Records are cheap to build and safe to pass between threads.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, TypeVar

from opvoed_desktop.i18n.hours import Slot
from opvoed_desktop.storage.fts import Hit

__all__ = [
    "AgendaItemRecord",
    "AgreementRecord",
    "ContactRecord",
    "EvaluationRecord",
    "Hit",
    "MeetingDetail",
    "MeetingSummary",
    "NoteRecord",
    "ParticipantRecord",
    "StrengthRecord",
    "WishRecord",
    "as_dict",
    "from_row",
]

R = TypeVar("R")


def from_row(cls: type[R], row: Any) -> R:
    """Build a record from an ORM object by field name."""
    return cls(**{f.name: getattr(row, f.name) for f in dataclasses.fields(cls)})  # type: ignore[arg-type]


def as_dict(record: Any) -> dict[str, Any]:
    """JSON-ready: dates as ISO strings (for `--json` output and exports)."""

    def convert(value: Any) -> Any:
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, time):
            return value.strftime("%H:%M")
        if isinstance(value, list | tuple):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    return convert(dataclasses.asdict(record))


@dataclass(frozen=True)
class MeetingSummary:
    """One row of the meetings list: only what the list shows, so it loads fast."""

    id: str
    title: str
    starts_at: datetime | None
    venue: str
    municipality: str
    is_sample: bool
    closed_at: datetime | None
    deleted_at: datetime | None


@dataclass(frozen=True)
class ParticipantRecord:
    id: str
    side: str
    count: int
    organisations: str


@dataclass(frozen=True)
class AgendaItemRecord:
    id: str
    position: int
    kind: str
    ref: str | None
    title: str
    planned_minutes: int
    actual_start: datetime | None
    actual_end: datetime | None


@dataclass(frozen=True)
class NoteRecord:
    id: str
    agenda_item_id: str | None
    text: str
    updated_at: datetime


@dataclass(frozen=True)
class StrengthRecord:
    id: str
    side: str
    text: str


@dataclass(frozen=True)
class AgreementRecord:
    id: str
    what: str
    party: str
    due: date | None
    status: str
    due_text: str = ""


@dataclass(frozen=True)
class WishRecord:
    id: str
    text: str


@dataclass(frozen=True)
class EvaluationRecord:
    id: str
    respondent_group: str
    score: int
    remark: str


@dataclass(frozen=True)
class ContactRecord:
    id: str
    municipality: str
    organisation: str
    kind: str
    address: str
    phone: str
    website: str
    opening_hours: str  # kept as typed: a remark, or older text that is not days and times
    languages: list[str]
    opening_slots: tuple[Slot, ...] = ()  # the opening hours as days and times


@dataclass(frozen=True)
class MeetingDetail:
    """Everything of one meeting, loaded in one go for the meeting editor."""

    id: str
    title: str
    starts_at: datetime | None
    venue: str
    municipality: str
    facilitator: str
    languages: list[str]
    programme_id: str | None
    closed_at: datetime | None
    is_sample: bool
    deleted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    minutes_available: int | None = None
    participants: list[ParticipantRecord] = field(default_factory=list)
    agenda: list[AgendaItemRecord] = field(default_factory=list)
    notes: list[NoteRecord] = field(default_factory=list)
    strengths: list[StrengthRecord] = field(default_factory=list)
    agreements: list[AgreementRecord] = field(default_factory=list)
    wishes: list[WishRecord] = field(default_factory=list)
    evaluations: list[EvaluationRecord] = field(default_factory=list)

    def notes_for(self, agenda_item_id: str | None) -> list[NoteRecord]:
        return [n for n in self.notes if n.agenda_item_id == agenda_item_id]
