"""Choosing between the two versions of a row changed on two laptops (hub/conflicts.py), through a
real PostgreSQL hub: what the person sees of each version, and that the version they choose is the
one every laptop ends up with, including a deleted one and one of a row deleted meanwhile.

Nothing typed may be lost: a copy stays until a choice can really be carried out."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from opvoed_desktop.hub import conflicts
from opvoed_desktop.hub.sync import sync
from opvoed_desktop.i18n import Translator
from opvoed_desktop.i18n.translator import speaking, ui_languages
from opvoed_desktop.paths import translations_dir
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import Database
from opvoed_desktop.storage import models as m
from tests.hub.helpers import content, laptop_content


def _shared(db: Database, title: str = "Gedeeld") -> str:
    meeting_id = MeetingService(db).create_meeting(title, municipality="Schiedam")
    set_shared(db, [meeting_id], True)
    return meeting_id


def _both(hub: Engine, a: Database, b: Database) -> None:
    """A syncs, then B: both laptops hold what the other had."""
    sync(a, hub, device_name="laptop-a")
    sync(b, hub, device_name="laptop-b")


def _converged(hub: Engine, *laptops: Database) -> None:
    with hub.connect() as conn:
        on_hub = content(conn)
    for db in laptops:
        assert laptop_content(db) == on_hub


def _row(db: Database, model: type, row_id: str) -> object | None:
    with db.session() as s:
        return s.get(model, row_id)


def _tombstoned(db: Database, row_id: str) -> bool:
    with db.session() as s:
        return s.scalar(select(m.Tombstone.id).where(m.Tombstone.row_id == row_id)) is not None


@pytest.fixture
def utc_plus_two(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This laptop's clock two hours ahead of UTC (no summer time), so "local time" is checkable."""
    monkeypatch.setenv("TZ", "Etc/GMT-2")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_note_edited_on_both_shows_both_texts_the_colleagues_laptop_and_when(
    hub: Engine, laptops: tuple[Database, Database], utc_plus_two: None
) -> None:
    a, b = laptops
    meeting = _shared(a, "Ouderavond")
    note = MeetingService(a).add_note(meeting, "begin")
    _both(hub, a, b)
    MeetingService(a).update_note(note, "tekst van A")
    MeetingService(b).update_note(note, "tekst van B")
    _both(hub, a, b)
    assert conflicts.count(b) == 1 and conflicts.count(a) == 0
    (view,) = conflicts.list_conflicts(b)
    assert (view.table, view.row_id, view.meeting_title) == ("note", note, "Ouderavond")
    assert (view.local_text, view.hub_text, view.kept) == ("tekst van B", "tekst van A", conflicts.LOCAL)
    assert not view.local_deleted and not view.hub_deleted
    assert view.hub_device == "laptop-a"
    with b.session() as s:
        (copy,) = s.scalars(select(m.SyncConflict))
        local_at = datetime.fromisoformat(copy.local_row["updated_at"])  # type: ignore[index]
        hub_at = datetime.fromisoformat(copy.hub_row["updated_at"])  # type: ignore[index]
    assert view.local_when == (local_at + timedelta(hours=2)).strftime("%d-%m-%Y %H:%M")
    assert view.hub_when == (hub_at + timedelta(hours=2)).strftime("%d-%m-%Y %H:%M")


def test_keeping_this_laptops_version_reaches_every_laptop(hub: Engine, laptops: tuple[Database, Database]) -> None:
    a, b = laptops
    meeting = _shared(a)
    note = MeetingService(a).add_note(meeting, "begin")
    _both(hub, a, b)
    MeetingService(b).update_note(note, "tekst van B, eerder")
    MeetingService(a).update_note(note, "tekst van A, later")  # the newest edit wins for now
    _both(hub, a, b)
    (view,) = conflicts.list_conflicts(b)
    assert view.kept == conflicts.HUB and view.local_text == "tekst van B, eerder"
    assert conflicts.resolve(b, view.id, conflicts.LOCAL) is True
    assert conflicts.list_conflicts(b) == [] and conflicts.count(b) == 0
    sync(b, hub)
    sync(a, hub)
    for db in (a, b):
        assert _row(db, m.Note, note).text == "tekst van B, eerder"  # type: ignore[union-attr]
    assert conflicts.count(a) == 0  # the choice is a new edit, not a new conflict
    _converged(hub, a, b)


def test_an_agreement_with_a_date_is_shown_field_by_field_and_comes_back_whole(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    meeting = _shared(a)
    agreement = MeetingService(a).add_agreement(meeting, "Folder meenemen", party="Gemeente", due=date(2026, 5, 4))
    _both(hub, a, b)
    MeetingService(a).update_agreement(agreement, what="Folder mailen", due=None, due_text="na de zomer")
    MeetingService(b).update_agreement(agreement, what="Folder printen", due=date(2026, 6, 1))
    _both(hub, a, b)
    (view,) = conflicts.list_conflicts(b)
    assert view.local_text == "what: Folder printen\nparty: Gemeente\nstatus: open\ndue: 2026-06-01\ndue_text: "
    assert view.hub_text == "what: Folder mailen\nparty: Gemeente\nstatus: open\ndue: \ndue_text: na de zomer"
    conflicts.resolve(b, view.id, conflicts.HUB)
    # Chosen already in another window: nothing more happens, and no "its meeting is gone" either.
    assert conflicts.resolve(b, view.id, conflicts.LOCAL) is True
    row = _row(b, m.Agreement, agreement)
    assert (row.what, row.due, row.due_text) == ("Folder mailen", None, "na de zomer")  # type: ignore[union-attr]
    MeetingService(b).update_agreement(agreement, what="Folder printen", due=date(2026, 6, 1), due_text="")
    MeetingService(a).update_agreement(agreement, what="Folder mailen", due=date(2026, 7, 2))
    _both(hub, a, b)
    (again,) = conflicts.list_conflicts(b)
    conflicts.resolve(b, again.id, conflicts.LOCAL)
    sync(b, hub)
    sync(a, hub)
    for db in (a, b):
        row = _row(db, m.Agreement, agreement)
        assert (row.what, row.due) == ("Folder printen", date(2026, 6, 1))  # type: ignore[union-attr]
    _converged(hub, a, b)


def test_choosing_the_deleted_version_deletes_the_row_on_every_laptop(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    meeting = _shared(a)
    note = MeetingService(a).add_note(meeting, "begin")
    keep = MeetingService(a).add_note(meeting, "blijft")
    _both(hub, a, b)
    MeetingService(a).delete_note(note)
    MeetingService(b).update_note(note, "later aangevuld op B")  # after the deletion: kept for now
    _both(hub, a, b)
    (view,) = conflicts.list_conflicts(b)
    assert view.hub_deleted and view.hub_text == "" and view.hub_when == ""
    assert view.hub_device == "laptop-a"  # the laptop that deleted it, named in the dialog
    assert view.local_text == "later aangevuld op B" and view.kept == conflicts.LOCAL
    assert conflicts.resolve(b, view.id, conflicts.HUB) is True
    assert _row(b, m.Note, note) is None and _tombstoned(b, note)  # deleted for good, and it travels
    assert _row(b, m.Note, keep) is not None
    sync(b, hub)  # the choice goes up
    sync(a, hub)
    for db in (a, b):
        assert _row(db, m.Note, note) is None
    _converged(hub, a, b)


def test_keeping_a_note_deleted_meanwhile_brings_it_back_everywhere(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    meeting = _shared(a)
    note = MeetingService(a).add_note(meeting, "begin")
    _both(hub, a, b)
    with b.session() as s:
        created = s.get(m.Note, note).created_at  # type: ignore[union-attr]
    MeetingService(b).update_note(note, "aangevuld op B")
    MeetingService(a).delete_note(note)  # later: the deletion wins for now
    sync(a, hub)
    sync(b, hub)
    assert _row(b, m.Note, note) is None
    (view,) = conflicts.list_conflicts(b)
    assert view.local_text == "aangevuld op B" and view.kept == conflicts.HUB
    assert conflicts.resolve(b, view.id, conflicts.LOCAL) is True
    back = _row(b, m.Note, note)
    assert back is not None and back.text == "aangevuld op B" and back.meeting_id == meeting  # type: ignore[attr-defined]
    assert back.created_at == created  # type: ignore[attr-defined]
    sync(b, hub)
    sync(a, hub)
    assert _row(a, m.Note, note).text == "aangevuld op B"  # type: ignore[union-attr]
    _converged(hub, a, b)


def test_a_meeting_deleted_meanwhile_can_be_kept_and_then_its_notes(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """The text typed in a meeting deleted elsewhere cannot come back while the meeting is gone; once
    the person keeps the meeting itself, its notes can be kept too."""
    a, b = laptops
    meeting = _shared(a, "Avond")
    note = MeetingService(a).add_note(meeting, "begin")
    _both(hub, a, b)
    MeetingService(b).update_meeting(meeting, title="Avond, hernoemd op B", starts_at=datetime(2026, 3, 5, 19, 30))
    MeetingService(b).update_note(note, "aangevuld op B")
    MeetingService(a).delete_meeting_permanently(meeting)  # later
    sync(a, hub)
    sync(b, hub)
    assert _row(b, m.Meeting, meeting) is None
    views = {v.table: v for v in conflicts.list_conflicts(b)}
    assert set(views) == {"meeting", "note"}
    assert views["note"].meeting_title == ""  # its meeting is gone here: no title, not "None"
    assert views["meeting"].local_text.splitlines()[:2] == [
        "title: Avond, hernoemd op B",
        "starts_at: 2026-03-05T19:30:00",
    ]
    assert conflicts.resolve(b, views["note"].id, conflicts.LOCAL) is False  # its meeting is gone: the copy stays
    assert conflicts.count(b) == 2
    assert conflicts.resolve(b, views["meeting"].id, conflicts.LOCAL) is True
    back = _row(b, m.Meeting, meeting)
    assert back is not None and back.title == "Avond, hernoemd op B"  # type: ignore[attr-defined]
    assert back.starts_at == datetime(2026, 3, 5, 19, 30)  # type: ignore[attr-defined]
    assert conflicts.resolve(b, views["note"].id, conflicts.LOCAL) is True
    assert _row(b, m.Note, note).text == "aangevuld op B"  # type: ignore[union-attr]
    assert conflicts.count(b) == 0


def test_one_choice_settles_every_copy_of_that_row_and_no_other(
    hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    meeting = _shared(a)
    first = MeetingService(a).add_note(meeting, "een")
    second = MeetingService(a).add_note(meeting, "twee")
    _both(hub, a, b)
    for round_ in (1, 2):
        MeetingService(a).update_note(first, f"A {round_}")
        MeetingService(b).update_note(first, f"B {round_}")
        _both(hub, a, b)
    MeetingService(a).update_note(second, "A twee")
    MeetingService(b).update_note(second, "B twee")
    _both(hub, a, b)
    views = conflicts.list_conflicts(b)
    assert sorted(v.row_id for v in views) == sorted([first, first, second])
    assert [v.detected_at for v in views] == sorted(v.detected_at for v in views)  # oldest first
    conflicts.resolve(b, next(v.id for v in views if v.row_id == first), conflicts.LOCAL)
    assert [v.row_id for v in conflicts.list_conflicts(b)] == [second]


KIND_NAMES = {
    "note": "notitie",
    "wish": "wens",
    "strength": "kracht",
    "agreement": "afspraak",
    "evaluation": "evaluatie",
    "participant_group": "deelnemers",
    "agenda_item": "agendapunt",
    "meeting": "bijeenkomst",
    "contact": "contact",
}


def test_each_kind_of_row_is_named_as_a_person_says_it() -> None:
    assert {table: conflicts.kind_name(table) for table in conflicts.SHOWN} == KIND_NAMES
    assert conflicts.kind_name("iets_nieuws") == "iets_nieuws"  # a kind from a newer version: as it is


@pytest.mark.parametrize("lang", ui_languages(translations_dir())[1:])
def test_each_kind_of_row_is_named_in_the_interface_language(lang: str) -> None:
    with speaking(Translator.load(lang, translations_dir())) as translator:
        for table, dutch in KIND_NAMES.items():
            assert conflicts.kind_name(table) == translator.gettext(dutch), table


def test_a_version_is_shown_by_the_fields_a_person_wrote() -> None:
    note = {"id": "x", "text": "de tekst", "updated_at": "2026-01-01T00:00:00"}
    assert conflicts.readable("note", note) == "de tekst"
    assert conflicts.readable("note", {"text": None}) == ""
    assert conflicts.readable("note", None) == ""
    assert conflicts.readable("strength", {"side": "formal", "text": "luistert goed", "id": "x"}) == (
        "side: formal\ntext: luistert goed"
    )
    assert conflicts.readable("evaluation", {"respondent_group": "ouders", "score": 0, "remark": None}) == (
        "respondent_group: ouders\nscore: 0\nremark: "
    )
