"""The records the services hand out (storage/records.py), and their JSON form (`--json` of the CLI).

Whatever a record holds must come out of `as_dict` whole and readable: a date that stays a Python
object breaks the JSON, an opening time written another way is a different time, a list left out
is a person's notes missing from the output.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from types import SimpleNamespace

from opvoed_desktop.i18n.hours import Slot
from opvoed_desktop.storage.records import (
    AgendaItemRecord,
    AgreementRecord,
    ContactRecord,
    MeetingDetail,
    NoteRecord,
    ParticipantRecord,
    as_dict,
    from_row,
)

WHEN = datetime(2026, 3, 14, 19, 30, 5)
ITEM = "22222222-2222-4222-8222-222222222222"


def _detail() -> MeetingDetail:
    return MeetingDetail(
        id="m1",
        title="Ouderavond",
        starts_at=WHEN,
        venue="Buurthuis",
        municipality="Gouda",
        facilitator="Samira",
        languages=["nl", "ar"],
        programme_id=None,
        closed_at=None,
        is_sample=False,
        deleted_at=None,
        created_at=datetime(2026, 3, 1, 9, 0),
        updated_at=datetime(2026, 3, 14, 21, 2),
        minutes_available=90,
        participants=[ParticipantRecord("p1", "formal", 3, "school, wijkteam")],
        agenda=[AgendaItemRecord(ITEM, 1, "exercise", "oef-1", "Kennismaken", 20, WHEN, None)],
        notes=[
            NoteRecord("n1", ITEM, "Over het beeld", WHEN),
            NoteRecord("n2", None, "Algemeen", WHEN),
            NoteRecord("n3", ITEM, "Tweede bij het beeld", WHEN),
        ],
        agreements=[AgreementRecord("a1", "Terugbellen", "school", date(2026, 4, 1), "open", "begin april")],
    )


def test_a_meeting_comes_out_as_json_with_every_value_and_iso_dates() -> None:
    out = as_dict(_detail())

    assert json.loads(json.dumps(out)) == out  # nothing in it that JSON cannot hold
    assert out["starts_at"] == "2026-03-14T19:30:05"
    assert out["created_at"] == "2026-03-01T09:00:00"
    assert out["closed_at"] is None
    assert out["languages"] == ["nl", "ar"]
    assert out["minutes_available"] == 90
    assert out["is_sample"] is False
    assert out["participants"] == [{"id": "p1", "side": "formal", "count": 3, "organisations": "school, wijkteam"}]
    assert out["agenda"][0]["actual_start"] == "2026-03-14T19:30:05"
    assert out["agenda"][0]["actual_end"] is None
    assert [n["text"] for n in out["notes"]] == ["Over het beeld", "Algemeen", "Tweede bij het beeld"]
    assert out["notes"][1] == {"id": "n2", "agenda_item_id": None, "text": "Algemeen", "updated_at": WHEN.isoformat()}
    assert out["agreements"] == [
        {
            "id": "a1",
            "what": "Terugbellen",
            "party": "school",
            "due": "2026-04-01",
            "status": "open",
            "due_text": "begin april",
        }
    ]
    assert out["wishes"] == [] and out["evaluations"] == [] and out["strengths"] == []


def test_opening_hours_come_out_as_days_and_hours_and_minutes() -> None:
    contact = ContactRecord(
        id="c1",
        municipality="Gouda",
        organisation="Consultatiebureau",
        kind="health",
        address="Markt 1",
        phone="0182 000000",
        website="",
        opening_hours="na afspraak",
        languages=["nl", "tr"],
        opening_slots=(Slot((0, 2), time(9, 0), time(12, 30)), Slot((4,), time(13, 5), time(17, 0))),
    )

    out = as_dict(contact)

    assert json.loads(json.dumps(out)) == out
    assert out["opening_slots"] == [
        {"days": [0, 2], "start": "09:00", "end": "12:30"},
        {"days": [4], "start": "13:05", "end": "17:00"},
    ]
    assert out["opening_hours"] == "na afspraak"
    assert out["languages"] == ["nl", "tr"]


def test_values_inside_a_mapping_are_made_readable_too() -> None:
    # A record field that is a mapping (as a Slot becomes inside `asdict`) keeps its keys, and
    # the dates and times in it are written out like everywhere else.
    contact = ContactRecord("c1", "Gouda", "X", "health", "", "", "", "", [], (Slot((6,), time(8, 15), time(9, 45)),))
    out = as_dict(contact)
    (slot,) = out["opening_slots"]
    assert set(slot) == {"days", "start", "end"}
    assert (slot["start"], slot["end"]) == ("08:15", "09:45")


def test_a_record_is_built_from_a_row_by_field_name() -> None:
    row = SimpleNamespace(
        id="a1", what="Terugbellen", party="school", due=date(2026, 4, 1), status="done", due_text="", extra="x"
    )
    record = from_row(AgreementRecord, row)
    assert record == AgreementRecord("a1", "Terugbellen", "school", date(2026, 4, 1), "done", "")


def test_notes_are_found_by_the_agenda_item_they_belong_to() -> None:
    detail = _detail()
    assert [n.text for n in detail.notes_for(ITEM)] == ["Over het beeld", "Tweede bij het beeld"]
    assert [n.text for n in detail.notes_for(None)] == ["Algemeen"]
    assert detail.notes_for("33333333-3333-4333-8333-333333333333") == []
