"""Fixtures for the headless storage tests: every test gets its own data dir."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, open_database

FIXTURES = Path(__file__).parent / "fixtures"
REV0001 = FIXTURES / "rev0001.sqlite3"


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def db(paths: DataPaths) -> Iterator[Database]:
    database = open_database(paths)
    yield database
    database.close()


@pytest.fixture
def service(db: Database) -> MeetingService:
    return MeetingService(db)


@pytest.fixture
def rev0001_paths(paths: DataPaths) -> DataPaths:
    """A data dir holding a copy of the checked-in revision-0001 database."""
    paths.ensure()
    shutil.copyfile(REV0001, paths.database)
    return paths
