"""What a person reads when SQLite fails under the app (storage/failures.py), caused for real where
SQLite can be made to fail in-process: a database that may not grow (SQLITE_FULL), a connection that
may not write (SQLITE_READONLY), a damaged table (SQLITE_CORRUPT). Each gives its one sentence, the
notes already saved stay, and `PRAGMA integrity_check` (SQLite's own oracle) says the file is whole.

Fast on purpose (a fresh database each, no fsync-heavy filling): `make mutate` runs these once per
mutant of failures.py and engine.py's error classifiers.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError, InterfaceError, ProgrammingError

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import (
    CorruptDatabaseError,
    Database,
    DiskFullError,
    InvalidInputError,
    ReadOnlyError,
    StorageError,
    failures,
    open_database,
)
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.driver import dbapi as sqlite3
from opvoed_desktop.storage.errors import DatabaseIOError, InvalidTextError, NotFoundError

from .faults import damage_table

DISK_FULL = "De schijf is vol, dus de laatste wijziging is niet bewaard; maak ruimte vrij en probeer het opnieuw."
DAMAGED = (
    "Het gegevensbestand opvoed.sqlite3 is beschadigd; de app zet het apart (het wordt niet gewist) "
    "en biedt de nieuwste goede reservekopie aan."
)
SECRET = "Moeder vertelde over de scheiding"  # note text: never in a sentence or a log line


def _read_only_sentence(folder: Path) -> str:
    return (
        f"De map {folder} is alleen-lezen, dus wijzigingen kunnen niet worden bewaard; "
        "kies een map waarin u mag schrijven."
    )


@pytest.fixture
def saved(paths: DataPaths) -> Iterator[tuple[Database, str, list[str]]]:
    """An open database with one meeting and three notes, written in one transaction."""
    db = open_database(paths, check=False)
    texts = [f"{SECRET} {i}" for i in range(3)]
    with db.write() as session:
        meeting = m.Meeting(title="Ouderavond")
        session.add(meeting)
        session.flush()
        session.add_all(m.Note(meeting_id=meeting.id, text=t) for t in texts)
    try:
        yield db, meeting.id, texts
    finally:
        db.close()


def _on_every_connection(db: Database, pragma: Callable[[Any], str]) -> None:
    """Apply a pragma to every connection the database hands out from now on."""
    db.engine.dispose()

    def apply(dbapi_conn: Any, _record: object) -> None:
        dbapi_conn.execute(pragma(dbapi_conn))

    event.listen(db.engine, "connect", apply)


def _notes(path: Path) -> list[str]:
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        return sorted(r[0] for r in conn.execute("SELECT text FROM note"))


def _whole(path: Path) -> bool:
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def _add_note(db: Database, meeting_id: str, body: str) -> None:
    with db.write() as session:
        session.add(m.Note(meeting_id=meeting_id, text=body))


def test_a_database_that_cannot_grow_says_the_disk_is_full_and_keeps_every_note(
    saved: tuple[Database, str, list[str]], caplog: pytest.LogCaptureFixture
) -> None:
    db, meeting_id, texts = saved
    # SQLite's own "disk is full": the file may not grow by a single page.
    _on_every_connection(db, lambda c: f"PRAGMA max_page_count = {c.execute('PRAGMA page_count').fetchone()[0]}")
    caplog.set_level(logging.WARNING)
    with pytest.raises(DiskFullError) as info:
        _add_note(db, meeting_id, SECRET + " " + "x" * 200_000)
    assert str(info.value) == DISK_FULL
    assert info.value.path == db.paths.root
    assert info.value.__cause__ is None and info.value.__suppress_context__  # no SQL behind the sentence
    # The log (for whoever helps the facilitator) says which fault, never what was being saved.
    assert "database error: SQLITE_FULL" in caplog.messages and SECRET not in caplog.text
    db.close()
    assert _notes(db.paths.database) == sorted(texts) and _whole(db.paths.database)


def test_a_connection_that_may_not_write_says_the_folder_is_read_only_and_changes_nothing(
    saved: tuple[Database, str, list[str]],
) -> None:
    db, meeting_id, texts = saved
    _on_every_connection(db, lambda _c: "PRAGMA query_only = ON")  # SQLITE_READONLY on every write
    with pytest.raises(ReadOnlyError) as info:
        _add_note(db, meeting_id, SECRET)
    assert str(info.value) == _read_only_sentence(db.paths.root)
    with db.session() as session:  # reading still works
        assert sorted(session.scalars(select(m.Note.text))) == sorted(texts)
    db.close()
    assert _notes(db.paths.database) == sorted(texts) and _whole(db.paths.database)


def test_a_read_that_meets_damage_says_a_sentence_and_tells_the_window_once(paths: DataPaths) -> None:
    with open_database(paths, check=False) as db, db.write() as session:
        meeting = m.Meeting(title="Ouderavond")
        session.add(meeting)
        session.flush()
        session.add_all(m.Note(meeting_id=meeting.id, text=f"{SECRET} {i} " * 300) for i in range(40))
    damage_table(paths.database, "note")
    seen: list[CorruptDatabaseError] = []
    db = open_database(paths, check=False)
    try:
        db.on_damage(seen.append)
        with pytest.raises(CorruptDatabaseError) as info, db.session() as session:
            list(session.scalars(select(m.Note.text)))
        assert str(info.value) == DAMAGED and info.value.path == paths.database
        assert SECRET not in str(info.value) and "SELECT" not in str(info.value)
        assert seen == [info.value]
        # A read elsewhere is untouched by the damage and says nothing.
        with db.session() as session:
            assert session.scalars(select(m.Meeting.title)).all() == ["Ouderavond"]
        assert seen == [info.value]
    finally:
        db.close()


def test_half_an_emoji_is_refused_with_its_sentence_and_the_notes_stay(
    saved: tuple[Database, str, list[str]],
) -> None:
    db, meeting_id, texts = saved
    with pytest.raises(InvalidTextError) as info:
        _add_note(db, meeting_id, "Ouders \ud83d kwamen")
    assert str(info.value) == (
        "De tekst bevat een ongeldig teken (een half emoji-teken) en is niet bewaard; haal het teken weg."
    )
    # Through a plain query too, outside the ORM's own checks.
    with pytest.raises(InvalidInputError), db.engine.connect() as conn:
        conn.execute(text("SELECT :t"), {"t": "\udcff"})
    db.close()
    assert _notes(db.paths.database) == sorted(texts)


@pytest.mark.parametrize(
    ("mistake", "raised"),
    [
        # A programming mistake stays loud (a traceback for the developer), never a plain sentence
        # that would hide it as "the database gave an error".
        (
            lambda c: c.exec_driver_sql("INSERT INTO note (id, meeting_id, text) VALUES ('x', 'no meeting', '')"),
            IntegrityError,
        ),
        (lambda c: c.exec_driver_sql("SELECT ?, ?", ("one",)), ProgrammingError),
        (lambda c: c.exec_driver_sql("SELECT ?", (object(),)), InterfaceError),
    ],
)
def test_a_programming_mistake_is_not_dressed_up_as_a_storage_fault(
    saved: tuple[Database, str, list[str]], mistake: Callable[[Any], object], raised: type[Exception]
) -> None:
    db, _meeting_id, texts = saved
    seen: list[CorruptDatabaseError] = []
    db.on_damage(seen.append)
    with pytest.raises(raised) as info, db.engine.begin() as conn:
        mistake(conn)
    assert not isinstance(info.value, StorageError) and seen == []
    db.close()
    assert _notes(db.paths.database) == sorted(texts)


def _sqlite_error(cls: type[Exception], message: str, code: str | None) -> Exception:
    exc = cls(message)
    if code is not None:
        exc.sqlite_errorname = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (_sqlite_error(sqlite3.OperationalError, "database or disk is full", "SQLITE_FULL"), DiskFullError),
        (_sqlite_error(sqlite3.OperationalError, "database or disk is full", None), DiskFullError),
        (
            _sqlite_error(sqlite3.OperationalError, "attempt to write a readonly database", "SQLITE_READONLY_DBMOVED"),
            ReadOnlyError,
        ),
        (_sqlite_error(sqlite3.OperationalError, "attempt to write a readonly database", None), ReadOnlyError),
        (
            _sqlite_error(sqlite3.DatabaseError, "database disk image is malformed", "SQLITE_CORRUPT"),
            CorruptDatabaseError,
        ),
        (_sqlite_error(sqlite3.DatabaseError, "file is not a database", "SQLITE_NOTADB"), CorruptDatabaseError),
        (_sqlite_error(sqlite3.DatabaseError, "database disk image is malformed", None), CorruptDatabaseError),
    ],
)
def test_each_sqlite_fault_becomes_its_own_sentence(paths: DataPaths, exc: Exception, expected: type) -> None:
    translated = failures.translate(exc, paths)
    assert type(translated) is expected
    sentences = {
        DiskFullError: DISK_FULL,
        ReadOnlyError: _read_only_sentence(paths.root),
        CorruptDatabaseError: DAMAGED,
    }
    assert str(translated) == sentences[expected]


def test_a_disk_io_error_on_a_full_disk_says_the_disk_is_full(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.ensure()
    exc = _sqlite_error(sqlite3.OperationalError, "disk I/O error", "SQLITE_IOERR_SHMSIZE")
    # With room on the disk it is some other fault, named by its code (never the statement).
    other = failures.translate(exc, paths)
    assert type(other) is DatabaseIOError and other.code == "SQLITE_IOERR_SHMSIZE"
    assert str(other) == (
        "De database gaf een fout (SQLITE_IOERR_SHMSIZE); probeer het opnieuw of start de app opnieuw."
    )
    free = shutil.disk_usage(paths.root)
    monkeypatch.setattr(sqlite_files.shutil, "disk_usage", lambda _p: free._replace(free=4096))
    full = failures.translate(exc, paths)
    assert type(full) is DiskFullError and str(full) == DISK_FULL and full.path == paths.root
    # A code SQLite does not name is named by the error's class.
    assert str(failures.translate(sqlite3.OperationalError("something else"), paths)) == (
        "De database gaf een fout (OperationalError); probeer het opnieuw of start de app opnieuw."
    )


def test_our_own_errors_and_half_emoji_pass_through_as_they_are(paths: DataPaths) -> None:
    ours = NotFoundError("Notitie", "abc")
    assert failures.translate(ours, paths) is ours

    class Wrapped(Exception):
        orig = ours

    assert failures.translate(Wrapped(), paths) is ours
    half = "\ud83d".encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")
    try:
        half.encode("utf-8")
    except UnicodeEncodeError as exc:
        assert type(failures.translate(exc, paths)) is InvalidTextError


def test_change_marks_are_fresh_positive_and_fit_sqlites_user_version() -> None:
    marks = [failures.new_mark() for _ in range(300)]
    # Backups compare marks to tell whether anything changed: a mark seen before would make a
    # changed database look like an old backup of itself.
    assert len(set(marks)) == len(marks)
    assert all(0 < mark < 2**31 for mark in marks)
    with contextlib.closing(sqlite3.connect(":memory:")) as conn:
        for mark in marks:
            conn.execute(f"PRAGMA user_version = {mark}")
            assert conn.execute("PRAGMA user_version").fetchone()[0] == mark
    # Never the mark the database has now, whatever it is.
    for current in marks[:50]:
        assert failures.new_mark(current) != current
