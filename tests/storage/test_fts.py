"""Full-text search stays in sync with every write path and shows meeting + agenda item."""

from __future__ import annotations

from sqlalchemy import insert

from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import fts
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import new_id, utcnow


def _texts(service: MeetingService, query: str) -> list[str]:
    return sorted(hit.snippet_text for hit in service.search(query))


def test_note_hit_names_meeting_and_agenda_item(service: MeetingService) -> None:
    mid = service.create_meeting("Avond in Ede")
    (item,) = service.plan_agenda(mid, [("exercise", "oefening-b", "Krachten van elke kant", 20)])
    note = service.save_item_note(mid, item, "De vaders willen een koffieochtend")
    (hit,) = service.search("koffieochtend")
    assert (hit.source, hit.row_id, hit.meeting_id, hit.meeting_title, hit.agenda_item_title) == (
        "note",
        note,
        mid,
        "Avond in Ede",
        "Krachten van elke kant",
    )
    assert f"{fts.HIGHLIGHT_START}koffieochtend{fts.HIGHLIGHT_END}" in hit.snippet


def test_index_follows_update_and_delete(service: MeetingService) -> None:
    mid = service.create_meeting("Avond")
    note = service.add_note(mid, "eerst appelmoes")
    wish = service.add_wish(mid, "een speeltuin")
    agreement = service.add_agreement(mid, "folder drukken", party="drukkerij")
    assert _texts(service, "appelmoes") == ["eerst appelmoes"]
    service.update_note(note, "nu perenmoes")
    assert service.search("appelmoes") == []
    assert _texts(service, "perenmoes") == ["nu perenmoes"]
    service.update_wish(wish, "een bankje")
    assert service.search("speeltuin") == [] and len(service.search("bankje")) == 1
    assert [h.source for h in service.search("drukkerij")] == ["agreement"]
    service.delete_note(note)
    service.delete_agreement(agreement)
    assert service.search("perenmoes") == [] and service.search("drukkerij") == []


def test_prefix_diacritics_and_all_words(service: MeetingService) -> None:
    mid = service.create_meeting("Avond")
    service.add_note(mid, "Het taalcafé in de bibliotheek")
    service.add_note(mid, "Het taalcafé is dicht")
    assert len(service.search("taalcafe")) == 2  # diacritics ignored
    assert len(service.search("biblio")) == 1  # prefix
    assert len(service.search("taalcafé biblio")) == 1  # every word must match
    assert service.search('"; DROP TABLE note; --') == []  # FTS syntax never reaches SQLite raw
    assert service.search("   ") == []


def test_trashed_meetings_are_not_found_and_cascade_cleans_index(service: MeetingService, db) -> None:  # type: ignore[no-untyped-def]
    mid = service.create_meeting("Avond")
    service.add_note(mid, "geheimpje")
    service.trash_meeting(mid)
    assert service.search("geheimpje") == []
    service.restore_meeting(mid)
    assert len(service.search("geheimpje")) == 1
    service.delete_meeting_permanently(mid)
    with db.session() as s:
        assert s.execute(m.Note.__table__.select()).all() == []
        docs = s.connection().exec_driver_sql("SELECT count(*) FROM search_doc").scalar()
        rows = s.connection().exec_driver_sql("SELECT count(*) FROM search_fts").scalar()
    assert (docs, rows) == (0, 0)


def test_bulk_core_inserts_are_indexed(service: MeetingService, db) -> None:  # type: ignore[no-untyped-def]
    mid = service.create_meeting("Avond")
    now = utcnow()
    with db.write() as s:
        s.execute(
            insert(m.Note),
            [
                {"id": new_id(), "meeting_id": mid, "text": f"bulknotitie{i}", "created_at": now, "updated_at": now}
                for i in range(3)
            ],
        )
    assert len(service.search("bulknotitie")) == 3


def test_meeting_details_are_searchable(service: MeetingService) -> None:
    mid = service.create_meeting("Ouderavond", venue="Moskee Al Fath, Zaal 2")
    assert [h.meeting_id for h in service.search("Fath")] == [mid]
    service.update_meeting(mid, venue="Buurthuis De Schakel")
    assert service.search("Fath") == []
    assert [h.source for h in service.search("schakel")] == ["meeting"]


def test_portable_fallback_search(service: MeetingService, db) -> None:  # type: ignore[no-untyped-def]
    mid = service.create_meeting("Avond")
    service.add_note(mid, "Vaders en moeders samen")
    with db.session() as s:
        hits = fts._search_portable(s, "moeders", limit=10)
    assert [(h.source, h.meeting_id) for h in hits] == [("note", mid)]
