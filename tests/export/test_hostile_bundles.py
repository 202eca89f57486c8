"""Bundles made to do harm: tombstones for every meeting, a note id that moves a local note into
another meeting, timestamps in the year 9999, a second bundle.json, half an emoji. An import takes
a backup first, says what it will add, change and delete, refuses what cannot be true, never
deletes a row changed here after the deletion, and one restore undoes it."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from opvoed_desktop import app
from opvoed_desktop.export.errors import BundleError
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, backup, bundle, merge
from opvoed_desktop.storage.base import utcnow
from opvoed_desktop.storage.bundle_reading import parse_bundle, read_bundle

from .conftest import make_meeting


def dump(db: Database) -> list[str]:
    """The whole database as SQL text (sqlite3's iterdump): the oracle for "exactly as before"."""
    db.checkpoint()
    # The standard library's sqlite3 (the app's driver has no iterdump), as an immutable reader:
    # it takes no locks and never touches the log, so it cannot disturb the app's connections
    # (two SQLite libraries in one process do not see each other's locks). The checkpoint above
    # put everything in the main file.
    uri = f"file:{db.paths.database}?mode=ro&immutable=1"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        return list(conn.iterdump())


def as_received(data: dict[str, Any]) -> dict[str, Any]:
    """A bundle as it arrives: written out and read back (dates parsed, checks run)."""
    return parse_bundle(bundle.dumps(data))


def cli_run(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = app.main(["--data-dir", str(paths.root), *argv], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def three(meetings: MeetingService) -> list[str]:
    ids = [make_meeting(meetings, note=f"Notitie van avond {i}.") for i in range(3)]
    for i, mid in enumerate(ids):
        meetings.update_meeting(mid, title=f"Avond {i}")
    return ids


def _all_tombstones(exporter: ExportService, ids: list[str], when: datetime) -> dict[str, Any]:
    data = exporter.bundle([])
    data["tombstones"] = [{"table": "meeting", "id": mid, "deleted_at": when.isoformat()} for mid in ids]
    return data


# 1. Tombstones for every local meeting ----------------------------------------------------------
def test_tombstones_for_every_meeting_are_shown_first_and_undone_in_one_step(
    exporter: ExportService, meetings: MeetingService, three: list[str], db: Database
) -> None:
    data = as_received(_all_tombstones(exporter, three, utcnow()))
    before = dump(db)
    plan = merge.preview(db, data)
    assert plan.deleted["meeting"] == 3 and sorted(plan.deleted_meetings) == ["Avond 0", "Avond 1", "Avond 2"]
    assert "Verwijderen: " in "\n".join(plan.describe_plan())
    assert dump(db) == before  # the preview wrote nothing

    result = merge.merge(db, data)
    assert meetings.list_meetings() == []
    assert result.backup is not None and result.backup.name.endswith("-before-import.sqlite3")
    assert backup.newest_backup(db.paths) == result.backup
    db.restore(result.backup)  # the one step back
    assert dump(db) == before


def test_cli_dry_run_prints_what_would_be_added_changed_and_deleted(
    exporter: ExportService, three: list[str], paths: DataPaths, db: Database, tmp_path: Path
) -> None:
    data = _all_tombstones(exporter, three[:2], utcnow())
    target = tmp_path / "b.json"
    target.write_bytes(bundle.dumps(data))
    db.close()
    code, out, err = cli_run(paths, "import", str(target), "--dry-run")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Proefrit, er is niets gewijzigd.")
    assert "Verwijderen: 2 bijeenkomsten met alles erin: \u201cAvond 0\u201d, \u201cAvond 1\u201d." in lines
    assert backup.list_backups(paths) == []  # a dry run takes no backup either

    code, out, err = cli_run(paths, "import", str(target))
    assert code == 0, err
    (made,) = [b.path for b in backup.list_backups(paths) if b.reason == "before-import"]
    assert out.splitlines()[-1] == f"Ongedaan maken: opvoed-desktop --data-dir {paths.root} restore {made}"
    code, out, _ = cli_run(paths, "restore", str(made))
    assert code == 0
    code, out, _ = cli_run(paths, "meetings", "list", "--json")
    assert sorted(m["title"] for m in json.loads(out)) == ["Avond 0", "Avond 1", "Avond 2"]


# 2. An id that would move a row to another parent ------------------------------------------------
def test_a_bundle_note_with_the_id_of_a_note_in_another_meeting_is_refused(
    exporter: ExportService, meetings: MeetingService, three: list[str], db: Database
) -> None:
    victim = meetings.get_meeting(three[0]).notes[0]
    data = exporter.bundle([three[1]])
    data["meetings"][0]["notes"][0] = {
        **data["meetings"][0]["notes"][0],
        "id": victim.id,
        "text": "Overschreven",
        "updated_at": utcnow().isoformat(),
        "agenda_item_id": None,
    }
    before = dump(db)
    with pytest.raises(BundleError) as info:
        merge.merge(db, as_received(data))
    assert str(info.value) == (
        f"De bundel zou Notitie {victim.id[:8]} van \u201cAvond 0\u201d naar een andere bijeenkomst verplaatsen; "
        "zo'n bundel is niet te vertrouwen en er is niets ingelezen."
    )
    assert dump(db) == before
    with pytest.raises(BundleError):
        merge.preview(db, as_received(data))  # the dry run says the same


def test_a_conflict_names_the_meeting_the_row_belongs_to_here(
    exporter: ExportService, meetings: MeetingService, three: list[str], db: Database
) -> None:
    note = meetings.get_meeting(three[0]).notes[0]
    data = exporter.bundle([three[0]])
    data["meetings"][0]["title"] = "Andere titel in de bundel"
    data["meetings"][0]["updated_at"] = (note.updated_at - timedelta(days=1)).isoformat()
    data["meetings"][0]["notes"][0]["text"] = "Elders gewijzigd"
    data["meetings"][0]["notes"][0]["updated_at"] = (note.updated_at - timedelta(days=1)).isoformat()
    result = merge.preview(db, as_received(data))
    described = [c.describe() for c in result.conflicts if c.kind == "notes"]
    assert described == [
        f"Notitie {note.id[:8]} van \u201cAvond 0\u201d: beide gewijzigd, de nieuwere van deze computer is bewaard."
    ]


# 3. Timestamps in the future --------------------------------------------------------------------
@pytest.mark.parametrize(
    "where", ["note.updated_at", "meeting.updated_at", "meeting.created_at", "tombstone.deleted_at", "exported_at"]
)
def test_timestamps_in_the_future_are_refused(exporter: ExportService, three: list[str], where: str) -> None:
    data = exporter.bundle([three[0]])
    future = "9999-12-31T23:59:59"
    if where == "note.updated_at":
        data["meetings"][0]["notes"][0]["updated_at"] = future
    elif where.startswith("meeting."):
        data["meetings"][0][where.split(".")[1]] = future
    elif where == "tombstone.deleted_at":
        data["tombstones"] = [{"table": "note", "id": three[1], "deleted_at": future}]
    else:
        data["exported_at"] = future
    with pytest.raises(BundleError) as info:
        parse_bundle(bundle.dumps(data), "b.json")
    assert str(info.value) == (
        "b.json bevat tijden in de toekomst (tot 31-12-9999 23:59 UTC); controleer de klok van de computer "
        "waar de bundel vandaan komt; er is niets ingelezen."
    )


def test_a_few_minutes_of_clock_skew_are_accepted(exporter: ExportService, three: list[str]) -> None:
    now = datetime(2026, 6, 1, 12, 0)
    data = exporter.bundle([three[0]])
    data["exported_at"] = (now + timedelta(minutes=4, seconds=59)).isoformat()
    meeting = data["meetings"][0]
    for row in [meeting, *data["contacts"], *(r for key, _m in bundle.CHILDREN for r in meeting[key])]:
        row["created_at"] = row["updated_at"] = (now - timedelta(days=1)).isoformat()
    for stamp in ("closed_at", "deleted_at"):
        meeting[stamp] = None
    parse_bundle(bundle.dumps(data), "b.json", now=now)  # within the skew: fine
    data["exported_at"] = (now + timedelta(minutes=5, seconds=1)).isoformat()
    with pytest.raises(BundleError, match="toekomst"):
        parse_bundle(bundle.dumps(data), "b.json", now=now)


# 4. A row changed here after the deletion ------------------------------------------------------
def test_a_meeting_whose_note_changed_after_the_deletion_is_kept(
    exporter: ExportService, meetings: MeetingService, three: list[str], db: Database
) -> None:
    deleted_at = utcnow()
    note = meetings.get_meeting(three[0]).notes[0]
    with db.write() as s:  # everything of the meeting older than the deletion …
        for table in ("meeting", "note", "agenda_item", "participant_group", "strength", "agreement", "wish"):
            column = "id" if table == "meeting" else "meeting_id"
            s.connection().exec_driver_sql(
                f"UPDATE {table} SET updated_at = ? WHERE {column} = ?",
                ((deleted_at - timedelta(hours=1)).isoformat(sep=" "), three[0]),
            )
    meetings.update_note(note.id, "Na de verwijdering elders nog aangevuld.")  # … but this note
    result = merge.merge(db, as_received(_all_tombstones(exporter, [three[0]], deleted_at)))
    assert result.deleted_total == 0
    assert [(c.kind, c.winner, c.deleted_on) for c in result.conflicts] == [("meeting", merge.LOCAL, merge.BUNDLE)]
    kept = meetings.get_meeting(three[0])
    assert next(n.text for n in kept.notes if n.id == note.id) == "Na de verwijdering elders nog aangevuld."


# 5. Zips and text ------------------------------------------------------------------------------
def test_a_zip_with_two_bundles_is_refused(exporter: ExportService, three: list[str], tmp_path: Path) -> None:
    path = tmp_path / "twee.zip"
    with zipfile.ZipFile(path, "w") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        archive.writestr("bundle.json", bundle.dumps(exporter.bundle([three[0]])))
        archive.writestr("bundle.json", bundle.dumps(_all_tombstones(exporter, three, utcnow())))
    with pytest.raises(BundleError) as info:
        read_bundle(path)
    assert str(info.value) == "twee.zip bevat meer dan één bundle.json en wordt niet ingelezen."


@pytest.mark.parametrize("where", ["note", "title", "key"])
def test_half_an_emoji_in_a_bundle_is_refused_with_a_sentence(
    exporter: ExportService, three: list[str], where: str
) -> None:
    raw = bundle.dumps(exporter.bundle([three[0]])).decode("utf-8")
    if where == "note":
        raw = raw.replace("Notitie van avond 0.", "Notitie \\ud83d van avond 0.")
    elif where == "title":
        raw = raw.replace('"Avond 0"', '"Avond \\udc00 0"')
    else:
        raw = raw.replace('"format"', '"form\\ud800at"', 1)
    with pytest.raises(BundleError) as info:
        parse_bundle(raw.encode("utf-8"), "b.json")
    assert str(info.value) == "b.json bevat een ongeldig teken (een half emoji-teken); er is niets ingelezen."


def test_cli_import_of_a_bundle_with_half_an_emoji_is_one_sentence(
    exporter: ExportService, three: list[str], paths: DataPaths, db: Database, tmp_path: Path
) -> None:
    raw = bundle.dumps(exporter.bundle([three[0]])).decode("utf-8").replace("avond 0.", "avond \\ud83d.")
    target = tmp_path / "b.json"
    target.write_text(raw, encoding="utf-8")
    db.close()
    code, out, err = cli_run(paths, "import", str(target))
    assert (code, out) == (1, "")
    assert err == "b.json bevat een ongeldig teken (een half emoji-teken); er is niets ingelezen.\n"
