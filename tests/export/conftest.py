"""Fixtures for the export tests: a data dir per test and one meeting with every kind of row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, open_database


@pytest.fixture(scope="session")
def fonts() -> FontLocator:
    return FontLocator()


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def db(paths: DataPaths) -> Iterator[Database]:
    database = open_database(paths)
    yield database
    database.close()


@pytest.fixture
def meetings(db: Database) -> MeetingService:
    return MeetingService(db)


@pytest.fixture
def exporter(db: Database, fonts: FontLocator) -> ExportService:
    return ExportService(db, fonts=fonts)


def make_meeting(service: MeetingService, note: str = "Ouders kennen het CJG niet.") -> str:
    meeting = service.create_meeting(
        "Ouderavond De Boog",
        starts_at=datetime(2026, 3, 14, 19, 30),
        venue="Wijkcentrum De Boog",
        municipality="Gouda",
        facilitator="Aylin Yilmaz",
        languages=["nl", "ar"],
    )
    service.set_participants(meeting, "formal", 4, "CJG, wijkteam")
    service.set_participants(meeting, "informal", 11, "moskeevereniging")
    first, second = service.plan_agenda(
        meeting, [("session", "welkom", "Welkom en kennismaking", 15), ("exercise", "oefening-b", "Krachten", 25)]
    )
    service.update_agenda_item(
        first, actual_start=datetime(2026, 3, 14, 19, 34), actual_end=datetime(2026, 3, 14, 19, 52)
    )
    service.save_item_note(meeting, first, note)
    service.save_item_note(meeting, None, "Algemene indruk: goede sfeer.")
    service.add_strength(meeting, "formal", "Kennis van opvoeding")
    service.add_strength(meeting, "informal", "Vertrouwen van ouders")
    service.add_strength(meeting, "informal", "Spreken de taal")
    service.add_agreement(meeting, "Folder vertalen", party="CJG", due=date(2026, 4, 30), status="busy")
    service.add_agreement(meeting, '=HYPERLINK("http://x")', party="+wijkteam", status="open")
    service.add_wish(meeting, "Een vaste contactpersoon.")
    service.add_evaluation(meeting, "ouders", 4, "Leerzaam.")
    service.add_evaluation(meeting, "ouders", 5, "")
    service.add_evaluation(meeting, "professionals", 3, "Meer tijd graag.")
    del second
    return meeting


@pytest.fixture
def meeting_id(meetings: MeetingService) -> str:
    return make_meeting(meetings)
