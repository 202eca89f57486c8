"""Deleted for good means gone from the file; note text never shows in errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, DiskFullError

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
