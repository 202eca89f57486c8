"""Helpers: a MeetingDetail built in memory (no database), and its bundle form."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from opvoed_desktop.storage import bundle
from opvoed_desktop.storage.records import (
    AgendaItemRecord,
    AgreementRecord,
    EvaluationRecord,
    MeetingDetail,
    NoteRecord,
    ParticipantRecord,
    StrengthRecord,
    WishRecord,
)

MEETING = "11111111-1111-4111-8111-111111111111"
ITEM = "22222222-2222-4222-8222-222222222222"
NOTE = "33333333-3333-4333-8333-333333333333"
WHEN = datetime(2026, 3, 14, 19, 30)


def detail_with(*, title: str, note: str, what: str, everywhere: bool = True) -> MeetingDetail:
    other = note if everywhere else "kort"
    return MeetingDetail(
        id=MEETING,
        title=title,
        starts_at=WHEN,
        venue=note[:50],
        municipality="Gouda",
        facilitator=what[:50],
        languages=["nl"],
        programme_id=None,
        closed_at=None,
        is_sample=False,
        deleted_at=None,
        created_at=WHEN,
        updated_at=WHEN,
        participants=[ParticipantRecord("44444444-4444-4444-8444-444444444444", "formal", 3, what)],
        agenda=[AgendaItemRecord(ITEM, 1, "exercise", None, title, 20, WHEN, None)],
        notes=[NoteRecord(NOTE, ITEM, note, WHEN)],
        strengths=[StrengthRecord("55555555-5555-4555-8555-555555555555", "informal", other)],
        agreements=[
            AgreementRecord("66666666-6666-4666-8666-666666666666", what, note[:200], date(2026, 4, 1), "open")
        ],
        wishes=[WishRecord("77777777-7777-4777-8777-777777777777", other)],
        evaluations=[EvaluationRecord("88888888-8888-4888-8888-888888888888", what[:100], 4, other)],
    )


def as_bundle(detail: MeetingDetail) -> dict[str, Any]:
    """The bundle form of an in-memory detail (timestamps: the meeting's own)."""
    stamp = {"created_at": WHEN.isoformat(), "updated_at": WHEN.isoformat()}
    meeting = {
        k: bundle.to_json(getattr(detail, k))
        for k in bundle.columns(__import__("opvoed_desktop.storage.models", fromlist=["Meeting"]).Meeting)
    }
    meeting["title"] = meeting["title"][:200]
    meeting["venue"] = meeting["venue"][:200]
    meeting["notes"] = [{"id": n.id, "agenda_item_id": None, "text": n.text, **stamp} for n in detail.notes]
    for key in ("participants", "agenda", "strengths", "agreements", "wishes", "evaluations"):
        meeting[key] = []
    return {
        "format": bundle.FORMAT,
        "format_version": bundle.FORMAT_VERSION,
        "meetings": [meeting],
        "contacts": [],
        "tombstones": [],
    }
