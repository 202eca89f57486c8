"""Deletions travel in bundles as tombstones: a row deleted on one laptop is removed on the other,
an older bundle cannot bring it back, version-1 bundles still import, and no text is kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from opvoed_desktop.export.errors import BundleError
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, bundle, merge, open_database
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.bundle_reading import parse_bundle, read_bundle

from .conftest import make_meeting
from .test_import import row_counts

SECRET = "Vertrouwelijkwoord Pqzxkw"


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Database]:
    """Laptop B."""
    database = open_database(DataPaths(tmp_path / "other"))
    yield database
    database.close()


def export(service: ExportService, meeting_ids: list[str]) -> dict[str, Any]:
    """A bundle as it arrives on the other laptop: written out and read back (dates parsed)."""
    return parse_bundle(bundle.dumps(service.bundle(meeting_ids)))


def tombstones(db: Database) -> dict[tuple[str, str], Any]:
    with db.session() as s:
        return {(t.table_name, t.row_id): t.deleted_at for t in s.scalars(select(m.Tombstone))}


def test_a_deletion_on_a_reaches_b_through_a_bundle(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, other: Database
) -> None:
    merge.merge(other, export(exporter, [meeting_id]))
    detail = meetings.get_meeting(meeting_id)
    note, agreement, contact = detail.notes[0].id, detail.agreements[0].id, None
    meetings.delete_note(note)
    meetings.delete_agreement(agreement)
    contact = meetings.add_contact("Gouda", "CJG Gouda", "cjg")
    meetings.delete_contact(contact)

    data = export(exporter, [meeting_id])
    assert data["format_version"] == 4
    assert {(t["table"], t["id"]) for t in data["tombstones"]} == {
        ("note", note),
        ("agreement", agreement),
        ("contact", contact),
    }
    result = merge.merge(other, data)
    assert result.deleted == {"notes": 1, "agreements": 1}
    assert result.tombstones == 3 and not result.conflicts and result.added_total == 0
    on_b = MeetingService(other).get_meeting(meeting_id)
    assert note not in {n.id for n in on_b.notes}
    assert agreement not in {a.id for a in on_b.agreements}
    assert on_b == meetings.get_meeting(meeting_id)
    # B keeps the tombstones, with A's deletion times, so it can pass them on.
    assert tombstones(other) == tombstones(exporter.db)

    before = row_counts(other), tombstones(other)
    again = merge.merge(other, data)  # importing twice changes nothing
    assert again.deleted_total == 0 and again.tombstones == 0 and again.added_total == 0
    assert not again.conflicts and (row_counts(other), tombstones(other)) == before


def test_an_old_bundle_does_not_bring_a_deleted_row_back(
    exporter: ExportService, meetings: MeetingService, meeting_id: str
) -> None:
    old = export(exporter, [meeting_id])
    detail = meetings.get_meeting(meeting_id)
    note, wish = detail.notes[0].id, detail.wishes[0].id
    meetings.delete_note(note)
    meetings.delete_wish(wish)
    result = merge.merge(exporter.db, old)
    assert result.added_total == 0 and result.not_restored == 2 and not result.conflicts
    after = meetings.get_meeting(meeting_id)
    assert note not in {n.id for n in after.notes} and wish not in {w.id for w in after.wishes}


def test_a_meeting_deleted_for_good_goes_on_b_with_its_rows_and_does_not_come_back(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, other: Database
) -> None:
    old = export(exporter, [meeting_id])
    merge.merge(other, old)
    keep = make_meeting(meetings, note="Deze blijft.")
    meetings.trash_meeting(meeting_id)
    meetings.empty_trash()
    deleted = tombstones(exporter.db)
    assert ("meeting", meeting_id) in deleted
    assert {t for t, _id in deleted} >= {"note", "agreement", "wish", "evaluation", "strength", "agenda_item"}
    assert len({when for when in deleted.values()}) == 1  # one deletion, one time

    result = merge.merge(other, export(exporter, [keep]))
    assert result.deleted["meeting"] == 1
    assert [s.id for s in MeetingService(other).list_meetings()] == [keep]
    assert row_counts(other) == row_counts(exporter.db)

    # The old bundle, with the meeting and all its rows, is refused quietly on both laptops.
    for db in (exporter.db, other):
        before = row_counts(db)
        again = merge.merge(db, old)
        assert again.added_total == 0 and again.not_restored > 10 and not again.conflicts
        assert row_counts(db) == before


def test_a_row_changed_after_it_was_deleted_elsewhere_survives_as_a_conflict(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, other: Database
) -> None:
    merge.merge(other, export(exporter, [meeting_id]))
    wish = meetings.get_meeting(meeting_id).wishes[0].id
    meetings.delete_wish(wish)  # A deletes …
    MeetingService(other).update_wish(wish, "Later nog aangepast.")  # … then B edits
    result = merge.merge(other, export(exporter, [meeting_id]))
    assert result.deleted_total == 0
    (conflict,) = result.conflicts
    assert (conflict.kind, conflict.winner, conflict.deleted_on) == ("wishes", merge.LOCAL, merge.BUNDLE)
    assert "Later" not in conflict.describe()
    assert wish in {w.id for w in MeetingService(other).get_meeting(meeting_id).wishes}

    # Back on A, B's newer wish wins over A's older deletion.
    result = merge.merge(exporter.db, export(ExportService(other), [meeting_id]))
    assert [(c.kind, c.winner, c.deleted_on) for c in result.conflicts] == [("wishes", merge.BUNDLE, merge.LOCAL)]
    assert wish in {w.id for w in meetings.get_meeting(meeting_id).wishes}


def test_preview_reports_deletions_without_writing(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, other: Database
) -> None:
    merge.merge(other, export(exporter, [meeting_id]))
    meetings.delete_note(meetings.get_meeting(meeting_id).notes[0].id)
    data = export(exporter, [meeting_id])
    before = row_counts(other), tombstones(other)
    assert merge.preview(other, data).deleted == {"notes": 1}
    assert (row_counts(other), tombstones(other)) == before


def test_a_version_1_bundle_still_imports(exporter: ExportService, meeting_id: str, other: Database) -> None:
    data = exporter.bundle([meeting_id])
    data["format_version"] = 1
    del data["tombstones"]
    result = merge.merge(other, parse_bundle(json.dumps(data).encode()))
    assert result.added["meeting"] == 1 and result.deleted_total == 0


def test_tombstones_are_checked_by_the_schema(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    def refused(data: dict[str, Any]) -> None:
        path = tmp_path / "b.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(BundleError, match="bundelformaat"):
            read_bundle(path)

    data = exporter.bundle([meeting_id])
    refused({k: v for k, v in data.items() if k != "tombstones"})  # version 2 needs the list
    refused({**data, "format_version": 1})  # version 1 had none
    stone = {"table": "note", "id": "0" * 8 + "-0000-0000-0000-" + "0" * 12, "deleted_at": "2026-01-01T10:00:00"}
    refused({**data, "tombstones": [{**stone, "table": "alembic_version"}]})
    refused({**data, "tombstones": [{**stone, "text": SECRET}]})  # ids and times only
    refused({**data, "tombstones": [{**stone, "id": "../x"}]})


def test_tombstones_hold_no_text(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, db: Database, tmp_path: Path
) -> None:
    note = meetings.add_note(meeting_id, SECRET)
    strength = meetings.add_strength(meeting_id, "formal", SECRET + " kracht")
    db.checkpoint()
    assert SECRET.lower().encode() in _file_bytes(db.paths.database).lower()  # the probe works
    meetings.delete_note(note)
    meetings.delete_strength(strength)
    assert {("note", note), ("strength", strength)} <= set(tombstones(db))
    raw = _file_bytes(db.paths.database).lower()
    for word in SECRET.lower().split():
        assert word.encode() not in raw, word
    out = tmp_path / "b.json"
    exporter.export_meeting(meeting_id, "json", out)
    text = out.read_text(encoding="utf-8")
    assert note in text and SECRET.split()[0] not in text


def test_sample_meetings_leave_no_tombstones(meetings: MeetingService, db: Database) -> None:
    sample = meetings.create_meeting("Voorbeeld", is_sample=True)
    meetings.add_note(sample, "voorbeeldnotitie")
    assert meetings.delete_samples() == 1
    assert tombstones(db) == {}


def _file_bytes(db_path: Path) -> bytes:
    data = db_path.read_bytes()
    for suffix in ("-wal", "-journal"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def test_a_version_2_bundle_gets_language_codes_and_the_new_columns(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, other: Database
) -> None:
    meetings.add_agreement(meeting_id, "Folder", due_text="eind januari")
    data = exporter.bundle([meeting_id])
    data["format_version"] = 2
    (meeting,) = data["meetings"]
    del meeting["minutes_available"]
    meeting["languages"] = ["Nederlands, Arabisch en Tigrinya", "Klingon"]
    for agreement in meeting["agreements"]:
        del agreement["due_text"]
    merge.merge(other, parse_bundle(json.dumps(data).encode()))
    detail = MeetingService(other).get_meeting(meeting_id)
    assert detail.languages == ["nl", "ar", "ti", "Klingon"]
    assert {a.due_text for a in detail.agreements} == {""}
    assert detail.minutes_available is None
