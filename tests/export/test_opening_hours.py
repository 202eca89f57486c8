"""Opening hours as days and times: in the service, in bundles (format 4, and older bundles read the
way migration 0004 reads a database), refused when impossible, never losing typed text."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from opvoed_desktop.export.errors import BundleError
from opvoed_desktop.i18n.hours import (
    HoursError,
    Slot,
    dutch_hours,
    parse_hours,
    parse_time,
    read_typed_hours,
    slots_from_json,
    slots_to_json,
)
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, bundle, merge, open_database
from opvoed_desktop.storage.bundle_reading import parse_bundle
from opvoed_desktop.storage.errors import InvalidInputError

WEEKDAYS = Slot((0, 1, 2, 3, 4), dt.time(9), dt.time(17))
SATURDAY = Slot((5,), dt.time(10), dt.time(12, 30))


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Database]:
    database = open_database(DataPaths(tmp_path / "other"))
    yield database
    database.close()


def _contact_bundle(exporter: ExportService, meeting_id: str) -> dict[str, Any]:
    return exporter.bundle([meeting_id])


# The model: slots, times typed in a field, the Dutch text form -----------------------------------
slots_strategy = st.lists(
    st.builds(
        lambda days, a, b: Slot(tuple(sorted(days)), min(a, b), max(a, b)),
        st.sets(st.integers(0, 6), min_size=1),
        st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    ).filter(lambda s: s.start < s.end),
    min_size=1,
    max_size=5,
).map(tuple)


@given(slots_strategy)
def test_slots_survive_json_and_the_dutch_text_form(slots: tuple[Slot, ...]) -> None:
    assert slots_from_json(json.loads(json.dumps(slots_to_json(slots)))) == slots
    assert parse_hours(dutch_hours(slots)) == slots  # a downgrade writes text the app reads back


@given(st.integers(0, 99), st.integers(0, 99))
def test_a_typed_time_is_taken_exactly_or_refused_with_a_sentence(hour: int, minute: int) -> None:
    typed = f"{hour}.{minute:02d}"
    possible = hour <= 23 and minute <= 59
    try:
        parsed = parse_time(typed)
    except HoursError as exc:
        assert not possible and str(exc).endswith(".")  # a sentence
        return
    assert possible and (parsed.hour, parsed.minute) == (hour, minute)  # never another time


def test_impossible_slots_and_odd_texts() -> None:
    for stored in (
        [{"days": [], "from": "09:00", "to": "17:00"}],
        [{"days": [0], "from": "17:00", "to": "09:00"}],
        [{"days": [7], "from": "09:00", "to": "17:00"}],
        [{"days": [0], "from": "24:00", "to": "25:00"}],
        [{"days": [0], "from": "9:00", "to": "17:00"}],
        [{"days": [0], "from": "09:00", "to": "17:00", "note": "x"}],
        "ma–vr",
    ):
        with pytest.raises(HoursError):
            slots_from_json(stored)
    # Read into slots only when all of the text reads that way; else kept exactly as typed.
    assert read_typed_hours("ma–vr 9.00–17.00; za 10.00–12.30") == ((WEEKDAYS, SATURDAY), "")
    for typed in ("elke werkdag", "ma–vr 9–17 (niet op feestdagen)", "ma 20.00–24.00", "  op afspraak "):
        assert read_typed_hours(typed) == ((), typed)


# The service ---------------------------------------------------------------------------------------
def test_service_reads_typed_text_stores_slots_and_refuses_impossible_ones(meetings: MeetingService) -> None:
    typed = meetings.add_contact("Gouda", "CJG Gouda", "cjg", opening_hours="ma–vr 9.00–17.00")
    odd = meetings.add_contact("Gouda", "Moskee", "informal", opening_hours="na het vrijdaggebed")
    by_id = {c.id: c for c in meetings.contacts("Gouda")}
    assert (by_id[typed].opening_slots, by_id[typed].opening_hours) == ((WEEKDAYS,), "")
    assert (by_id[odd].opening_slots, by_id[odd].opening_hours) == ((), "na het vrijdaggebed")
    meetings.update_contact(typed, opening_slots=(WEEKDAYS, SATURDAY), opening_hours="niet op feestdagen")
    record = next(c for c in meetings.contacts("Gouda") if c.id == typed)
    assert record.opening_slots == (WEEKDAYS, SATURDAY) and record.opening_hours == "niet op feestdagen"
    with pytest.raises(InvalidInputError, match="sluitingstijd"):
        meetings.update_contact(typed, opening_slots=(Slot((0,), dt.time(17), dt.time(9)),))
    with pytest.raises(InvalidInputError, match="dag"):
        meetings.update_contact(typed, opening_slots=(Slot((), dt.time(9), dt.time(17)),))
    assert next(c for c in meetings.contacts("Gouda") if c.id == typed).opening_slots == (WEEKDAYS, SATURDAY)


def test_damaged_stored_slots_are_shown_as_text_not_hidden(meetings: MeetingService, db: Database) -> None:
    contact = meetings.add_contact("Gouda", "CJG Gouda", "cjg", opening_hours="op afspraak")
    with db.write() as session:
        session.execute(
            text("UPDATE contact SET opening_slots = :v WHERE id = :id"),
            {"v": json.dumps([{"days": [0], "from": "17:00", "to": "09:00"}]), "id": contact},
        )
    (record,) = meetings.contacts("Gouda")
    assert record.opening_slots == ()
    assert record.opening_hours.startswith("op afspraak; ") and "17:00" in record.opening_hours


# Bundles -------------------------------------------------------------------------------------------
def test_bundle_carries_the_slots_and_the_kept_text(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, other: Database
) -> None:
    meetings.add_contact(
        "Gouda", "CJG Gouda", "cjg", opening_slots=(WEEKDAYS, SATURDAY), opening_hours="ook op afspraak"
    )
    meetings.add_contact("Gouda", "Moskee", "informal", opening_hours="na het vrijdaggebed")
    data = _contact_bundle(exporter, meeting_id)
    assert data["format_version"] == 4
    by_name = {c["organisation"]: c for c in data["contacts"]}
    assert by_name["CJG Gouda"]["opening_slots"] == slots_to_json((WEEKDAYS, SATURDAY))
    merge.merge(other, parse_bundle(bundle.dumps(data)))
    there = {c.organisation: c for c in MeetingService(other).contacts("Gouda")}
    assert (there["CJG Gouda"].opening_slots, there["CJG Gouda"].opening_hours) == (
        (WEEKDAYS, SATURDAY),
        "ook op afspraak",
    )
    assert (there["Moskee"].opening_slots, there["Moskee"].opening_hours) == ((), "na het vrijdaggebed")
    again = merge.merge(other, parse_bundle(bundle.dumps(data)))
    assert again.conflicts == [] and not again.updated  # the same hours are the same


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_older_bundle_has_its_typed_hours_read_like_the_migration(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, other: Database, version: int
) -> None:
    meetings.add_contact("Gouda", "CJG Gouda", "cjg")
    meetings.add_contact("Gouda", "Moskee", "informal")
    data = _contact_bundle(exporter, meeting_id)
    data["format_version"] = version
    if version == 1:
        del data["tombstones"]
    for contact in data["contacts"]:
        del contact["opening_slots"]
        contact["opening_hours"] = {"CJG Gouda": "ma t/m vr 9 tot 17 uur", "Moskee": "elke werkdag"}[
            contact["organisation"]
        ]
    merge.merge(other, parse_bundle(json.dumps(data).encode()))
    there = {c.organisation: c for c in MeetingService(other).contacts("Gouda")}
    assert (there["CJG Gouda"].opening_slots, there["CJG Gouda"].opening_hours) == ((WEEKDAYS,), "")
    assert (there["Moskee"].opening_slots, there["Moskee"].opening_hours) == ((), "elke werkdag")


def test_an_older_bundle_is_read_by_the_revisions_frozen_readers_not_the_app_s(
    exporter: ExportService,
    meetings: MeetingService,
    meeting_id: str,
    other: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A version-2 bundle is converted as revisions 0003 and 0004 convert a database, whatever the
    app's own readers of typed text become later (here: they would fail)."""
    from opvoed_desktop.i18n import hours, language_names

    meetings.add_contact("Gouda", "CJG Gouda", "cjg")
    data = _contact_bundle(exporter, meeting_id)
    data["format_version"] = 2
    del data["meetings"][0]["minutes_available"]
    for agreement in data["meetings"][0]["agreements"]:
        del agreement["due_text"]
    data["meetings"][0]["languages"] = ["Nederlands, Arabisch en Tigrinya", "Klingon"]
    (contact,) = data["contacts"]
    del contact["opening_slots"]
    contact["opening_hours"] = "ma t/m vr 9 tot 17 uur"

    def changed(*_args: object) -> None:
        raise AssertionError("the app's live reader was used")

    for module, name in ((hours, "parse_hours"), (hours, "read_typed_hours"), (language_names, "normalise_languages")):
        monkeypatch.setattr(module, name, changed)
    merge.merge(other, parse_bundle(json.dumps(data).encode()))
    service = MeetingService(other)
    assert service.get_meeting(meeting_id).languages == ["nl", "ar", "ti", "Klingon"]
    (there,) = service.contacts("Gouda")
    assert (there.opening_slots, there.opening_hours) == ((WEEKDAYS,), "")


@pytest.mark.parametrize(
    ("slots", "words"),
    [
        ([{"days": [0], "from": "17:00", "to": "09:00"}], "openingstijden die niet kunnen"),
        ([{"days": [0], "from": "25:00", "to": "26:00"}], "bundelformaat"),
        ([{"days": [0, 0], "from": "09:00", "to": "10:00"}], "bundelformaat"),
        ([{"days": [], "from": "09:00", "to": "10:00"}], "bundelformaat"),
        ([{"days": [0], "from": "09:00", "to": "10:00", "x": 1}], "bundelformaat"),
        ([{"days": [0], "from": "09:00", "to": "10:00"}] * 51, "bundelformaat"),
        ("ma–vr 9–17", "bundelformaat"),
    ],
)
def test_impossible_hours_in_a_bundle_are_refused_whole(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, other: Database, slots: Any, words: str
) -> None:
    meetings.add_contact("Gouda", "CJG Gouda", "cjg")
    data = _contact_bundle(exporter, meeting_id)
    data["contacts"][0]["opening_slots"] = slots
    with pytest.raises(BundleError, match=words):
        parse_bundle(json.dumps(data).encode())
