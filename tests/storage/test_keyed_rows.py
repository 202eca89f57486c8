"""Every stored row's own id and times (storage/base.py), and the names of the kinds of record a
person reads in "not found" sentences, the import preview and merge conflicts (storage/kinds.py).

Ids must never repeat (two laptops' rows merge by id: a repeated id overwrites a note), and times
are one convention (naive UTC) so a note written at 23:30 in winter sorts after one at 22:00.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from opvoed_desktop.i18n import Translator
from opvoed_desktop.i18n.translator import speaking
from opvoed_desktop.paths import DataPaths, translations_dir
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import NotFoundError, open_database
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import new_id, utcnow
from opvoed_desktop.storage.kinds import BUNDLE_KIND_TABLES, bundle_kind_label, table_labels


def test_every_row_gets_its_own_random_id(paths: DataPaths) -> None:
    with open_database(paths, check=False) as db:
        with db.write() as session:
            meetings = [m.Meeting(title=f"Avond {i}") for i in range(20)]
            session.add_all(meetings)
            session.flush()
            session.add_all(m.Note(meeting_id=meetings[0].id, text=str(i)) for i in range(20))
        with db.session() as session:
            ids = [*session.scalars(select(m.Meeting.id)), *session.scalars(select(m.Note.id))]
    assert len(ids) == len(set(ids)) == 40
    for row_id in ids:
        assert len(row_id) == 36 and uuid.UUID(row_id).version == 4 and str(uuid.UUID(row_id)) == row_id
    assert new_id() != new_id() and isinstance(new_id(), str)


def test_times_are_naive_utc_and_an_edit_moves_only_the_change_time(paths: DataPaths) -> None:
    with open_database(paths, check=False) as db:
        before = datetime.now(UTC).replace(tzinfo=None)
        service = MeetingService(db)
        mid = service.create_meeting("Avond")
        with db.session() as session:
            row = session.get(m.Meeting, mid)
            assert row is not None
            created, updated = row.created_at, row.updated_at
        assert created.tzinfo is None and before - timedelta(seconds=1) <= created <= utcnow()
        # UTC, not the laptop's local time (which may be hours off it).
        assert abs(created - datetime.now(UTC).replace(tzinfo=None)) < timedelta(minutes=1)
        service.update_meeting(mid, venue="Buurthuis")
        with db.session() as session:
            row = session.get(m.Meeting, mid)
            assert row is not None
            assert row.created_at == created and row.updated_at > updated
    now = utcnow()
    assert now.tzinfo is None and abs(now - datetime.now(UTC).replace(tzinfo=None)) < timedelta(seconds=5)


def test_each_kind_of_record_has_its_name(paths: DataPaths) -> None:
    assert bundle_kind_label("notes") == "Notitie"
    assert bundle_kind_label("participants") == "Deelnemersgroep"
    assert bundle_kind_label("onbekend") == "onbekend"  # a kind from a newer app, as it is
    labels = table_labels()
    assert labels == {
        "meeting": "Bijeenkomst",
        "participant_group": "Deelnemersgroep",
        "agenda_item": "Agendapunt",
        "note": "Notitie",
        "strength": "Kracht",
        "agreement": "Afspraak",
        "wish": "Wens",
        "evaluation": "Evaluatie",
        "contact": "Contact",
    }
    # Every kind a bundle carries names a table the app has, and so has a name.
    assert {bundle_kind_label(kind) for kind in BUNDLE_KIND_TABLES} == set(labels.values())
    with open_database(paths, check=False) as db, pytest.raises(NotFoundError) as info:
        MeetingService(db).get_meeting("0000")
    assert str(info.value) == "Bijeenkomst 0000 bestaat niet (meer); controleer het nummer."


def test_the_names_follow_the_interface_language() -> None:
    with speaking(Translator.load("en", translations_dir())):
        english = table_labels()
        assert bundle_kind_label("notes") == english["note"]
    assert english["note"] != "Notitie" and english["meeting"] != "Bijeenkomst"


def test_times_are_utc_on_a_laptop_far_from_greenwich(monkeypatch: pytest.MonkeyPatch) -> None:
    """A facilitator in Tokyo time (or a laptop set to it): stored times are still UTC, so rows
    from laptops in other zones sort and merge by when they really happened."""
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        now = utcnow()
        assert abs(now - datetime.now(UTC).replace(tzinfo=None)) < timedelta(seconds=5)
        assert abs(now - datetime.now()) > timedelta(hours=8)  # the laptop's clock says otherwise
    finally:
        monkeypatch.undo()
        time.tzset()
