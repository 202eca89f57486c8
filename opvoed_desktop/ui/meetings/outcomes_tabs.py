"""The tabs for what a meeting yields: strengths (B), agreements (F), wishes (G), evaluation."""

from __future__ import annotations

from typing import Any

from opvoed_desktop.i18n import _
from opvoed_desktop.services.dates import Deadline
from opvoed_desktop.services.labels import sides, statuses
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.ui.record_table import Column, RecordTable


def strengths_table(service: MeetingService, meeting_id: str) -> RecordTable:
    two_sides = sides()[:2]
    return RecordTable(
        [Column("side", _("Kant"), "choice", two_sides), Column("text", _("Kracht"), stretch=True)],
        load=lambda: service.strengths(meeting_id),
        add=lambda: service.add_strength(meeting_id, "informal", ""),
        update=lambda key, field, value: service.update_strength(key, **{field: value}),
        delete=service.delete_strength,
        add_label=_("Kracht toevoegen"),
        name=_("Krachten"),
    )


def agreements_table(service: MeetingService, meeting_id: str) -> RecordTable:
    return RecordTable(
        [
            Column("what", _("Wat"), stretch=True),
            Column("party", _("Wie (welke partij)")),
            Column("due", _("Wanneer"), "deadline"),
            Column("status", _("Status"), "choice", statuses()),
        ],
        load=lambda: service.agreements(meeting_id),
        add=lambda: service.add_agreement(meeting_id, ""),
        update=lambda key, field, value: service.update_agreement(key, **_agreement_fields(field, value)),
        delete=service.delete_agreement,
        add_label=_("Afspraak toevoegen"),
        name=_("Afspraken"),
    )


def _agreement_fields(field: str, value: Any) -> dict[str, Any]:
    if isinstance(value, Deadline):  # a date, or words such as "eind januari" kept as typed
        return {"due": value.day, "due_text": value.text}
    return {field: value}


def wishes_table(service: MeetingService, meeting_id: str) -> RecordTable:
    def update(key: str, _field: str, value: Any) -> None:
        service.update_wish(key, value)

    return RecordTable(
        [Column("text", _("Wens voor de toekomst"), stretch=True)],
        load=lambda: service.wishes(meeting_id),
        add=lambda: service.add_wish(meeting_id, ""),
        update=update,
        delete=service.delete_wish,
        add_label=_("Wens toevoegen"),
        name=_("Wensen"),
    )


def evaluations_table(service: MeetingService, meeting_id: str) -> RecordTable:
    return RecordTable(
        [
            Column("respondent_group", _("Groep")),
            Column("score", _("Score (1–5)"), "score"),
            Column("remark", _("Opmerking"), stretch=True),
        ],
        load=lambda: service.evaluations(meeting_id),
        add=lambda: service.add_evaluation(meeting_id, _("iedereen"), 3),
        update=lambda key, field, value: service.update_evaluation(key, **{field: value}),
        delete=service.delete_evaluation,
        add_label=_("Evaluatie toevoegen"),
        name=_("Evaluatie"),
    )
