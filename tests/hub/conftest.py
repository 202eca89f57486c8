"""Fixtures for the hub tests: one PostgreSQL server per test session, a fresh database per test,
and laptops (data dirs) that sync with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from opvoed_desktop.hub import connection
from opvoed_desktop.hub.identity import init_hub
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import Database, open_database
from tests.hub.pgserver import PgServer, running


@pytest.fixture(autouse=True)
def _no_system_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never ask the developer's real keyring (it may pop up an unlock dialog): a keyring that holds
    nothing, as on a server without one."""
    import keyring
    from keyring.backends.null import Keyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", Keyring())


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    with running() as server:
        if server is None:
            pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run does)")
        yield server


@pytest.fixture
def hub_url(pg_server: PgServer) -> str:
    return pg_server.new_database()


@pytest.fixture
def hub(hub_url: str) -> Iterator[Engine]:
    address, _password = connection.parse(hub_url)
    engine = connection.engine(address)
    init_hub(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    a = open_database(DataPaths(tmp_path / "laptop-a"))
    b = open_database(DataPaths(tmp_path / "laptop-b"))
    yield a, b
    a.close()
    b.close()
