"""The same models and migrations on PostgreSQL: an empty database migrated to head matches them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, insert, text
from sqlalchemy.exc import IntegrityError

from opvoed_desktop.hub import connection
from opvoed_desktop.hub.identity import init_hub
from opvoed_desktop.storage import migrate
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import utcnow


def test_empty_postgresql_migrates_to_head_and_matches_the_models(hub_url: str) -> None:
    address, _ = connection.parse(hub_url)
    engine = connection.engine(address)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == migrate.HEAD
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, m.Base.metadata)
            # No FTS5 tables or triggers on PostgreSQL: SQLite-only SQL stays in SQLite code paths.
            names = set(conn.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
        assert diff == []
        assert not {"search_fts", "search_doc"} & names
    finally:
        engine.dispose()


def test_hub_init_is_idempotent(hub_url: str) -> None:
    address, _ = connection.parse(hub_url)
    engine = connection.engine(address)
    try:
        first = init_hub(engine)
        assert init_hub(engine) == first
    finally:
        engine.dispose()


def _meeting(**values: object) -> dict[str, object]:
    now = utcnow()
    return {
        "id": "m1",
        "title": "t",
        "venue": "",
        "municipality": "",
        "facilitator": "",
        "languages": [],
        "is_sample": False,
        "shared": True,
        "created_at": now,
        "updated_at": now,
        **values,
    }


def test_hub_refuses_a_time_in_the_future(hub: Engine) -> None:
    with pytest.raises(IntegrityError), hub.begin() as conn:
        conn.execute(insert(m.Meeting.__table__), _meeting(updated_at=utcnow() + timedelta(days=2)))


def test_hub_refuses_a_row_moved_to_another_meeting(hub: Engine) -> None:
    now = utcnow()
    with hub.begin() as conn:
        conn.execute(insert(m.Meeting.__table__), [_meeting(id="m1"), _meeting(id="m2")])
        conn.execute(
            insert(m.Note.__table__),
            {"id": "n1", "meeting_id": "m1", "text": "x", "created_at": now, "updated_at": now},
        )
    with pytest.raises(IntegrityError), hub.begin() as conn:
        conn.execute(text("UPDATE note SET meeting_id = 'm2' WHERE id = 'n1'"))


def test_meetings_that_existed_before_the_hub_are_not_shared(tmp_path: object) -> None:
    import shutil
    from pathlib import Path

    from sqlalchemy import select

    from opvoed_desktop.paths import DataPaths
    from opvoed_desktop.storage import open_database
    from tests.storage.conftest import REV0001

    paths = DataPaths(Path(str(tmp_path)) / "data")
    paths.ensure()
    shutil.copyfile(REV0001, paths.database)
    with open_database(paths) as db, db.session() as s:
        meetings = list(s.scalars(select(m.Meeting)))
        assert meetings and all(not x.shared and x.server_seq is None for x in meetings)
        notes = list(s.scalars(select(m.Note)))
        assert notes and all(n.server_seq is None and n.base_seq is None for n in notes)  # go up when shared
