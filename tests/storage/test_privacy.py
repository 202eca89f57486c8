"""Deleted for good means gone from the file; note text never shows in errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, DiskFullError
from opvoed_desktop.storage.driver import dbapi

SECRET = "Zwijgplichtgeheim Qwxvbn"


def _file_bytes(db_path: Path) -> bytes:
    data = db_path.read_bytes()
    for suffix in ("-wal", "-journal"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def test_empty_trash_removes_text_from_file_bytes(service: MeetingService, db: Database) -> None:
    keep = service.create_meeting("Blijft")
    service.add_note(keep, "gewone notitie over de buurt")
    gone = service.create_meeting("Weg")
    service.add_note(gone, SECRET)
    service.add_wish(gone, SECRET + " wens")
    db.checkpoint()
    raw = _file_bytes(db.paths.database).lower()
    assert SECRET.lower().encode() in raw  # the probe works: the text is there before
    service.trash_meeting(gone)
    service.empty_trash()
    raw = _file_bytes(db.paths.database).lower()
    for word in SECRET.lower().split():
        assert word.encode() not in raw, word
    assert b"gewone notitie" in raw


def test_deleted_note_leaves_no_words_in_file(service: MeetingService, db: Database) -> None:
    mid = service.create_meeting("Avond")
    for i in range(20):
        service.add_note(mid, f"notitie {i} over ouders")
    note = service.add_note(mid, SECRET)
    db.checkpoint()
    assert b"qwxvbn" in _file_bytes(db.paths.database)  # the index holds the lowercase word
    service.delete_note(note)
    raw = _file_bytes(db.paths.database).lower()
    for word in SECRET.lower().split():
        assert word.encode() not in raw, word


def test_edited_out_words_leave_file_at_close(paths, service: MeetingService, db: Database) -> None:  # type: ignore[no-untyped-def]
    mid = service.create_meeting("Avond")
    note = service.add_note(mid, SECRET)
    service.update_note(note, "naam weggehaald")
    db.close()
    raw = _file_bytes(paths.database).lower()
    for word in SECRET.lower().split():
        assert word.encode() not in raw, word
    assert b"weggehaald" in raw


def test_disk_full_is_a_clear_error_without_note_text(service: MeetingService, db: Database) -> None:
    mid = service.create_meeting("Avond")

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi_conn, _rec):  # type: ignore[no-untyped-def]
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()
    with pytest.raises(DiskFullError) as info:
        service.add_note(mid, SECRET + " " + "x" * 200_000)
    assert SECRET not in str(info.value) and "vol" in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_deleted_for_good_is_out_of_the_file_even_with_a_reader_and_a_crash(
    service: MeetingService, db: Database
) -> None:
    """A reader (the window's list, a backup) holds the WAL for a moment while the trash is emptied.

    The checkpoint keeps trying until the reader lets go instead of giving up until the next clean
    close; the bytes on disk then are what a SIGKILL would leave behind.
    """
    for i in range(30):
        keep = service.create_meeting(f"Gewoon {i}")
        service.add_note(keep, f"notitie {i} over ouders en school " * 20)
    gone = service.create_meeting("Weg")
    service.add_note(gone, SECRET)
    db.checkpoint()
    assert b"qwxvbn" in _file_bytes(db.paths.database).lower()
    service.trash_meeting(gone)
    reading = threading.Event()

    def reader() -> None:
        # The app's own driver: two SQLite libraries in one process do not see each other's
        # POSIX locks (closing one's file drops the other's), so an in-process reader must share it.
        conn = dbapi.connect(db.paths.database)
        conn.isolation_level = None
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM note").fetchall()  # a read snapshot, held open
        reading.set()
        time.sleep(0.6)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=reader)
    thread.start()
    assert reading.wait(5)
    service.empty_trash()  # waits a moment, then leaves the rest to a background retry
    thread.join()
    wal = db.paths.database.with_name("opvoed.sqlite3-wal")
    deadline = time.monotonic() + 10
    while wal.stat().st_size and time.monotonic() < deadline:
        time.sleep(0.05)
    raw = _file_bytes(db.paths.database).lower()
    for word in SECRET.lower().split():
        assert word.encode() not in raw, word
    assert db.paths.database.with_name("opvoed.sqlite3-wal").stat().st_size == 0


_HOLD_READER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1])
conn.isolation_level = None
conn.execute("BEGIN")
conn.execute("SELECT count(*) FROM note").fetchall()
print("reading", flush=True)
time.sleep(120)
"""
_EMPTY_TRASH_THEN_DIE = """
import os, signal, sys
from pathlib import Path
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import open_database
db = open_database(DataPaths(Path(sys.argv[1])))
MeetingService(db).empty_trash()
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_after_a_crash_the_next_start_takes_deleted_text_out_of_the_file(paths) -> None:  # type: ignore[no-untyped-def]
    """Another program reads for longer than SQLite waits, the app empties the trash and is killed.

    The deleted text then still sits in the main file (the WAL holds the zeroed pages). The next
    start folds the WAL in before anything else, not only at a clean close.
    """
    from opvoed_desktop.storage import open_database

    with open_database(paths) as db:
        service = MeetingService(db)
        for i in range(20):
            service.add_note(service.create_meeting(f"Gewoon {i}"), f"notitie {i} over ouders " * 20)
        gone = service.create_meeting("Weg")
        service.add_note(gone, SECRET)
        service.trash_meeting(gone)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    reader = subprocess.Popen(
        [sys.executable, "-c", _HOLD_READER, str(paths.database)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "reading"
        app = subprocess.run(
            [sys.executable, "-c", _EMPTY_TRASH_THEN_DIE, str(paths.root)], env=env, timeout=120, check=False
        )
        assert app.returncode == -signal.SIGKILL
    finally:
        reader.kill()
        reader.wait(10)
    with open_database(paths) as db:
        assert [m.title for m in MeetingService(db).list_trash()] == []
        raw = _file_bytes(paths.database).lower()  # the new start, before any close
        for word in SECRET.lower().split():
            assert word.encode() not in raw, word
