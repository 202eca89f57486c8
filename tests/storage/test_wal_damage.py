"""A damaged write-ahead log: SQLite quietly drops everything from the damaged frame on and then
overwrites the log. We keep a copy of it aside and say so; an ordinary interrupted transaction or
stale frames from an earlier round of the log are not damage and say nothing."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import open_database, wal
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite: one library per process

WAL_HEADER = 32
FRAME_HEADER = 24


def _frozen_copy(paths: DataPaths, target: DataPaths, commits: list[str], *, uncommitted: str | None = None) -> None:
    """A data dir whose WAL holds `commits` (one meeting each), as a crash would leave it."""
    with open_database(paths) as db:
        MeetingService(db).create_meeting("Al in het hoofdbestand")
    conn = sqlite3.connect(paths.database)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for title in commits:
        conn.execute(
            "INSERT INTO meeting (id, title, venue, municipality, facilitator, languages, is_sample, created_at,"
            " updated_at) VALUES (lower(hex(randomblob(18))), ?, '', '', '', '[]', 0, '2026-01-01', '2026-01-01')",
            (title,),
        )
        conn.commit()
    if uncommitted is not None:
        conn.execute("PRAGMA cache_size = 1")  # force frames out before the commit
        conn.execute("BEGIN")
        conn.execute("UPDATE note SET text = ?", (uncommitted,))
        conn.execute(
            "INSERT INTO meeting (id, title, venue, municipality, facilitator, languages, is_sample, created_at,"
            " updated_at) VALUES (lower(hex(randomblob(18))), ?, '', '', '', '[]', 0, '2026-01-01', '2026-01-01')",
            ("Nooit bevestigd " + "x" * 50_000,),
        )
    target.root.mkdir(parents=True)
    shutil.copyfile(paths.database, target.database)
    shutil.copyfile(paths.database.with_name("opvoed.sqlite3-wal"), target.database.with_name("opvoed.sqlite3-wal"))
    conn.close()


def _titles(paths: DataPaths) -> set[str]:
    with open_database(paths) as db:
        return {m.title for m in MeetingService(db).list_meetings()}


def _frames(wal_path: Path) -> int:
    page_size = int.from_bytes(wal_path.read_bytes()[8:12], "big")
    return (wal_path.stat().st_size - WAL_HEADER) // (FRAME_HEADER + page_size)


def test_our_reading_of_the_log_agrees_with_sqlite(tmp_path: Path) -> None:
    source, copy = DataPaths(tmp_path / "a"), DataPaths(tmp_path / "b")
    _frozen_copy(source, copy, ["Een", "Twee", "Drie"])
    report = wal.inspect(copy.database.with_name("opvoed.sqlite3-wal"))
    assert not report.damaged and report.valid_frames == report.committed_frames > 0
    with contextlib.closing(sqlite3.connect(copy.database)) as conn:
        # SQLite's own count of the frames it recovers: the oracle for our checksum walk.
        busy, in_log, _done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert (busy, in_log) == (0, report.committed_frames)


def test_a_damaged_last_commit_is_kept_aside_and_said(tmp_path: Path) -> None:
    source, copy = DataPaths(tmp_path / "a"), DataPaths(tmp_path / "b")
    _frozen_copy(source, copy, ["Een", "Twee", "Drie"])
    log = copy.database.with_name("opvoed.sqlite3-wal")
    data = bytearray(log.read_bytes())
    data[-100] ^= 0xFF  # one flipped byte in the page of the last frame (the last commit)
    log.write_bytes(bytes(data))
    report = wal.inspect(log)
    assert report.damaged and report.valid_frames < _frames(log)
    with open_database(copy) as db:
        notice = db.wal_damage
        assert notice is not None
        kept = notice.kept_as
        assert kept.parent == copy.root and kept.name.startswith("opvoed.sqlite3-wal.damaged-")
        assert kept.read_bytes() == bytes(data)  # the log as it was, byte for byte
        assert kept.stat().st_mode & 0o777 == 0o600
        assert notice.message == (
            "Het logboek van de database was beschadigd, dus de laatste wijziging is misschien niet bewaard; "
            f"een kopie van het logboek staat apart als {kept.name}."
        )
        titles = {m.title for m in MeetingService(db).list_meetings()}
    assert {"Al in het hoofdbestand", "Een", "Twee"} <= titles  # what came before is recovered
    assert _titles(copy) == titles  # the next start is quiet
    with open_database(copy) as db:
        assert db.wal_damage is None


def test_a_damaged_log_header_is_damage_too(tmp_path: Path) -> None:
    source, copy = DataPaths(tmp_path / "a"), DataPaths(tmp_path / "b")
    _frozen_copy(source, copy, ["Een"])
    log = copy.database.with_name("opvoed.sqlite3-wal")
    data = bytearray(log.read_bytes())
    data[20] ^= 0x01  # salt-2: the header checksum no longer matches
    log.write_bytes(bytes(data))
    assert wal.inspect(log).damaged
    with open_database(copy) as db:
        assert db.wal_damage is not None


def test_an_interrupted_transaction_is_not_damage(tmp_path: Path) -> None:
    source, copy = DataPaths(tmp_path / "a"), DataPaths(tmp_path / "b")
    _frozen_copy(source, copy, ["Een", "Twee"], uncommitted="half geschreven")
    log = copy.database.with_name("opvoed.sqlite3-wal")
    report = wal.inspect(log)
    assert not report.damaged and report.valid_frames > report.committed_frames  # there is a tail
    with open_database(copy) as db:
        assert db.wal_damage is None
        assert {m.title for m in MeetingService(db).list_meetings()} == {"Al in het hoofdbestand", "Een", "Twee"}
    assert not list(copy.root.glob("*damaged*"))


def test_stale_frames_of_an_earlier_round_are_not_damage(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "a")
    with open_database(paths) as db:
        MeetingService(db).create_meeting("Begin")
    conn = sqlite3.connect(paths.database)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(20):
        conn.execute("UPDATE meeting SET venue = ?", (f"zaal {i} " * 200,))
        conn.commit()
    conn.execute("PRAGMA wal_checkpoint(RESTART)")  # the next writer starts the log over
    conn.execute("UPDATE meeting SET venue = 'kort'")
    conn.commit()
    log = paths.database.with_name("opvoed.sqlite3-wal")
    report = wal.inspect(log)
    assert not report.damaged and report.committed_frames >= 1 and _frames(log) > report.valid_frames
    conn.close()


@pytest.mark.parametrize("content", [b"", b"\x00" * 10])
def test_an_empty_or_tiny_log(tmp_path: Path, content: bytes) -> None:
    log = tmp_path / "x-wal"
    log.write_bytes(content)
    assert wal.inspect(log).damaged is (len(content) > 0)
