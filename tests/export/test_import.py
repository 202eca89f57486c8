"""Bundles back in: equal meetings in an empty data dir, no duplicates, conflicts, refusals."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from opvoed_desktop.export.errors import BundleError
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import merge, open_database
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.bundle_reading import read_bundle


def write_bundle(exporter: ExportService, meeting_id: str, path: Path) -> Path:
    exporter.export_meeting(meeting_id, "json", path)
    return path


def row_counts(db: object) -> dict[str, int]:
    with db.session() as s:  # type: ignore[attr-defined]
        return {
            t.__tablename__: s.scalar(select(func.count()).select_from(t))
            for t in (
                m.Meeting,
                m.AgendaItem,
                m.Note,
                m.Strength,
                m.Agreement,
                m.Wish,
                m.Evaluation,
                m.ParticipantGroup,
            )
        }


def test_bundle_rebuilds_equal_meetings_in_an_empty_data_dir(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, tmp_path: Path
) -> None:
    path = write_bundle(exporter, meeting_id, tmp_path / "b.json")
    with open_database(DataPaths(tmp_path / "other")) as other:
        result = ExportService(other).import_bundle(path)
        assert result.added["meeting"] == 1 and not result.conflicts
        assert MeetingService(other).get_meeting(meeting_id) == meetings.get_meeting(meeting_id)
        # and searchable there: the FTS triggers saw the imported rows
        assert MeetingService(other).search("CJG")


def test_importing_twice_adds_nothing(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    path = write_bundle(exporter, meeting_id, tmp_path / "b.json")
    with open_database(DataPaths(tmp_path / "other")) as other:
        service = ExportService(other)
        service.import_bundle(path)
        before = row_counts(other)
        again = service.import_bundle(path)
        assert again.added_total == 0 and again.updated_total == 0 and not again.conflicts
        assert row_counts(other) == before


def test_import_into_the_same_database_is_a_no_op(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    path = write_bundle(exporter, meeting_id, tmp_path / "b.json")
    before = row_counts(exporter.db)
    result = exporter.import_bundle(path)
    assert result.added_total == 0 and not result.conflicts
    assert row_counts(exporter.db) == before


def test_conflict_newer_wins_and_is_listed(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, tmp_path: Path
) -> None:
    detail = meetings.get_meeting(meeting_id)
    wish, note = detail.wishes[0].id, detail.notes[0].id
    old = write_bundle(exporter, meeting_id, tmp_path / "old.json")
    with open_database(DataPaths(tmp_path / "other")) as other:
        other_service = MeetingService(other)
        ExportService(other).import_bundle(old)
        other_service.update_wish(wish, "Xyzzy elders.")  # the other laptop edits later
        newer = tmp_path / "newer.json"
        ExportService(other).export_meeting(meeting_id, "json", newer)
    meetings.update_note(note, "Plugh hier.")  # this laptop edits a different row
    result = exporter.import_bundle(newer)
    kinds = {(c.kind, c.winner) for c in result.conflicts}
    assert ("wishes", merge.BUNDLE) in kinds  # the bundle's wish is newer
    assert ("notes", merge.LOCAL) in kinds  # the local note is newer
    after = meetings.get_meeting(meeting_id)
    assert next(w.text for w in after.wishes if w.id == wish) == "Xyzzy elders."
    assert next(n.text for n in after.notes if n.id == note) == "Plugh hier."
    assert all(
        "Xyzzy" not in c.describe() and "Plugh" not in c.describe() for c in result.conflicts
    )  # no note text in messages


def test_a_failing_import_leaves_the_database_exactly_as_it_was(
    exporter: ExportService, meeting_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_bundle(exporter, meeting_id, tmp_path / "b.json")
    with open_database(DataPaths(tmp_path / "other")) as other:
        real = merge.insert
        calls = {"n": 0}

        def failing_insert(model: type) -> object:
            calls["n"] += 1
            if calls["n"] == 4:  # after meetings, participants and agenda went in
                raise RuntimeError("disk pulled")
            return real(model)

        monkeypatch.setattr(merge, "insert", failing_insert)
        with pytest.raises(RuntimeError):
            ExportService(other).import_bundle(path)
        assert set(row_counts(other).values()) == {0}


# Refusals --------------------------------------------------------------------------------------
def refused(path: Path, match: str) -> None:
    with pytest.raises(BundleError, match=match):
        read_bundle(path)


def test_refuses_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"format": "opvoed-desktop-bundle", ', encoding="utf-8")
    refused(path, "geen geldige JSON")


def test_refuses_unknown_format_version(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    data = exporter.bundle([meeting_id])
    data["format_version"] = 99
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    refused(path, "onbekende formaatversie")


def test_refuses_schema_violations_without_quoting_the_text(
    exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    data = exporter.bundle([meeting_id])
    data["meetings"][0]["evaluations"][0]["score"] = 9
    data["meetings"][0]["notes"][0]["text"] = 12345
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BundleError) as info:
        read_bundle(path)
    assert "klopt niet met het bundelformaat" in str(info.value)
    assert "12345" not in str(info.value)


def test_refuses_files_over_50_mb(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    refused(path, "groter dan 50 MB")


def test_refuses_zip_with_paths_outside_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bundle.json", "{}")
        archive.writestr("../../etc/passwd", "x")
    refused(path, "paden buiten")


def test_refuses_zip_bombs(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bundle.json", b"\x00" * (20 * 1024 * 1024))
    refused(path, "verdacht sterk ingepakt")


def test_refuses_notes_pointing_at_unknown_agenda_items(
    exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    data = exporter.bundle([meeting_id])
    data["meetings"][0]["notes"][0]["agenda_item_id"] = "00000000-0000-4000-8000-000000000000"
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    refused(path, "onbekend agendapunt")


def test_cli_import_refusal_is_one_sentence(tmp_path: Path) -> None:
    import io

    from opvoed_desktop.app import main as run

    bad = tmp_path / "b.json"
    bad.write_text("nonsense", encoding="utf-8")
    err = io.StringIO()
    assert run(["--data-dir", str(tmp_path / "d"), "import", str(bad)], io.StringIO(), err) == 1
    assert err.getvalue().count("\n") == 1 and "Traceback" not in err.getvalue()
    assert not (tmp_path / "d").exists()  # refused before the database was even opened
