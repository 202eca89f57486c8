"""`sample-data` in bulk: the search index and the change mark are exactly as if every row had
gone in one by one, and a failure leaves nothing behind."""

from __future__ import annotations

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services import sample_data
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import fts
from opvoed_desktop.storage.database import Database
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite: one library per process


def index_rows(db: Database) -> tuple[set[tuple[str, str, str]], set[tuple[str, str]]]:
    with db.engine.connect() as conn:
        docs = {tuple(r) for r in conn.exec_driver_sql("SELECT source, row_key, meeting_id FROM search_doc")}
        bodies = {
            (r[0], r[1])
            for r in conn.exec_driver_sql(
                "SELECT d.row_key, f.body FROM search_fts f JOIN search_doc d ON d.doc_id = f.rowid"
            )
        }
    return docs, bodies  # type: ignore[return-value]


def test_the_index_holds_what_a_rebuild_from_the_rows_holds(db: Database, service: MeetingService) -> None:
    own = service.create_meeting("Eigen avond in Gouda")  # a real meeting before the samples
    service.add_note(own, "Vaders willen een avond over schoolkeuze.")
    sample_data.generate(db, 6, notes_per_meeting=7)
    bulk = index_rows(db)
    with db.engine.begin() as conn:
        fts.rebuild(conn)  # the index as the triggers' own rebuild makes it, from the rows
        conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
    assert bulk == index_rows(db)
    assert len(bulk[0]) == 1 + 1 + 6 * (1 + 7 + 4 + 2 + 2)  # own meeting and note; per sample: all sources


def test_the_triggers_are_back_after_a_bulk_insert(db: Database, service: MeetingService) -> None:
    sample_data.generate(db, 2, notes_per_meeting=1)
    meeting = service.list_meetings()[0].id
    service.add_note(meeting, "Een zeldzaam woord: kwartelkoning.")
    assert [hit.snippet_text for hit in service.search("kwartelkoning")] == ["Een zeldzaam woord: kwartelkoning."]
    with db.engine.connect() as conn:
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    tables = ("note", "agreement", "wish", "strength", "meeting")
    assert {f"fts_{t}_{s}" for t in tables for s in ("ai", "ad", "au")} <= triggers


def test_sample_rows_are_found_and_their_keys_are_uuids(db: Database, service: MeetingService) -> None:
    import uuid

    sample_data.generate(db, 3, notes_per_meeting=5)
    hits = service.search("ouders")
    assert hits and all(hit.meeting_title.endswith("(voorbeeld)") for hit in hits)
    ids = [m.id for m in service.list_meetings()]
    assert len(set(ids)) == 3 and all(uuid.UUID(i).version == 4 for i in ids)


def test_generating_sets_a_new_change_mark(db: Database, paths: DataPaths) -> None:
    def mark() -> int:
        with sqlite3.connect(paths.database) as raw:
            return int(raw.execute("PRAGMA user_version").fetchone()[0])

    before = mark()
    sample_data.generate(db, 1, notes_per_meeting=1)
    assert mark() != before


def test_a_failure_half_way_leaves_no_rows_and_the_triggers(
    db: Database, service: MeetingService, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.create_meeting("Eigen avond")
    real_insert = sample_data._Inserter.insert

    def failing(self: sample_data._Inserter, model: type, rows: list[dict[str, object]]) -> None:
        if model.__name__ == "Wish":
            raise OSError("disk full")
        real_insert(self, model, rows)

    monkeypatch.setattr(sample_data._Inserter, "insert", failing)
    with pytest.raises(OSError):
        sample_data.generate(db, 3, notes_per_meeting=2)
    assert [m.title for m in service.list_meetings()] == ["Eigen avond"]
    with sqlite3.connect(paths.database) as raw:
        triggers = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "fts_note_ai" in triggers and "fts_meeting_ai" in triggers
    service.add_note(service.list_meetings()[0].id, "Daarna gewoon verder: roerdomp.")
    assert len(service.search("roerdomp")) == 1


def test_sample_meetings_are_deleted_with_their_index_entries(db: Database, service: MeetingService) -> None:
    sample_data.generate(db, 3, notes_per_meeting=2)
    service.delete_samples()
    assert service.search("ouders") == []
    with db.engine.connect() as conn:
        sources = {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT source FROM search_doc")}
    assert sources <= {"meeting"} or not sources
