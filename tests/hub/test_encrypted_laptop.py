"""A laptop whose notes are encrypted at rest syncs like any other, and what comes down from the hub
is encrypted on its disk too (issue #20: "everything that touches the database works encrypted")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from opvoed_desktop.hub.sync import sync
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import convert, crypto, keys, open_database
from opvoed_desktop.storage import models as m
from tests.hub.helpers import content, laptop_content

PASSPHRASE = "blauwe giraf fluistert"
UP = "kwartelbosje-omhoog"  # words found nowhere but in these notes
DOWN = "zilverplompen-omlaag"


@pytest.fixture
def encrypted_root(tmp_path: Path) -> Iterator[DataPaths]:
    paths = DataPaths(tmp_path / "versleuteld")
    with open_database(paths) as db:
        meeting = MeetingService(db).create_meeting("Versleutelde laptop", municipality="Delft")
        MeetingService(db).add_note(meeting, f"van deze laptop: {UP}")
        set_shared(db, [meeting], True)
    convert.encrypt(paths, PASSPHRASE)
    yield paths
    keys.forget(paths.root)
    crypto.passphrase_file = None


def _plain_hits(root: Path, words: tuple[str, ...]) -> list[str]:
    return [
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and any(w.encode() in p.read_bytes() for w in words)
    ]


def test_an_encrypted_laptop_syncs_both_ways_and_keeps_what_came_down_encrypted(
    hub: Engine, encrypted_root: DataPaths, tmp_path: Path
) -> None:
    keys.forget(encrypted_root.root)
    crypto.unlock(encrypted_root, PASSPHRASE)  # as at a start with the passphrase
    with open_database(DataPaths(tmp_path / "gewoon")) as plain:
        meeting = MeetingService(plain).create_meeting("Gewone laptop", municipality="Delft")
        MeetingService(plain).add_note(meeting, f"van de andere laptop: {DOWN}")
        set_shared(plain, [meeting], True)
        sync(plain, hub)
        with open_database(encrypted_root) as secret:
            result = sync(secret, hub)
            assert result.up.added == 2 and result.down.added == 2  # a meeting and a note each way
            with secret.session() as s:
                texts = sorted(n.text for n in s.scalars(select(m.Note)))
            assert texts == [f"van de andere laptop: {DOWN}", f"van deze laptop: {UP}"]
            with hub.connect() as conn:
                assert laptop_content(secret) == content(conn)
        sync(plain, hub)
        with hub.connect() as conn:
            assert laptop_content(plain) == content(conn)
    # The oracle sees plain notes where they are plain (the other laptop's own data dir) ...
    assert _plain_hits(tmp_path / "gewoon", (UP, DOWN))
    # ... and neither the note that went up nor the one that came down lies readable on the encrypted disk.
    assert _plain_hits(encrypted_root.root, (UP, DOWN)) == []
