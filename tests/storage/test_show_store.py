"""A show's meeting and notes written without SQLAlchemy (storage/show_store.py): the same rows as the
services write, read back by them, durable, encrypted when the notes are; and every case that is
not the ordinary one is left to the full way, untouched.

The oracle is MeetingService itself: the same meeting made through it and through the store gives
the same rows, column by column, stored types included (ids and times compared by form only).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_share_new_meetings
from opvoed_desktop.storage import (
    CorruptDatabaseError,
    DatabaseInUseError,
    InvalidInputError,
    NotFoundError,
    StorageError,
    convert,
    crypto,
    keys,
    migrate,
    models,
    open_database,
    recovery,
)
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite: one library per process
from opvoed_desktop.storage.show_store import AGENDA_KIND_ORDER, AGENDA_KINDS, SCHEMA, open_show_store

from .faults import damage_mid_file, damage_table, fill

REPO = Path(__file__).resolve().parents[2]
TABLES = ("meeting", "agenda_item", "note", "search_doc", "tombstone", "sync_state")
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
ENTRIES = [
    ("session", None, "Sessie 1: kennismaken", 0),
    ("exercise", "oefening-wie-ben-ik", "Wie ben ik?", 20),
    ("pause", None, "Pauze", 15),
    ("own", None, "Eigen punt", 10),
]
PASSPHRASE = "paarse olifant danst zacht"


@pytest.fixture(scope="module")
def empty_at_head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose database exists at the newest schema, empty: the start of a day."""
    root = tmp_path_factory.mktemp("head") / "data"
    with open_database(DataPaths(root)):
        pass
    return root


@pytest.fixture
def day(empty_at_head: Path, tmp_path: Path) -> DataPaths:
    root = tmp_path / "data"
    shutil.copytree(empty_at_head, root)
    return DataPaths(root)


def _copy(template: Path, target: Path) -> DataPaths:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target)
    return DataPaths(target)


def _rows(paths: DataPaths) -> dict[str, list[dict[str, Any]]]:
    """Every row of the tables a show writes, each value with SQLite's own type of it; ids replaced
    by their order of appearance and times by their form, so two databases compare."""
    names: dict[str, str] = {}

    def same(value: Any) -> Any:
        if isinstance(value, str) and ID.fullmatch(value):
            return names.setdefault(value, f"id{len(names)}")
        if isinstance(value, str) and STORED_TIME.fullmatch(value):
            return "<time>"
        return value

    found = {}
    with contextlib.closing(sqlite_files.open_read_only(paths.database)) as conn:
        for table in TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            order = "created_at, rowid" if "created_at" in columns else "rowid"
            select = ", ".join(f"{c}, typeof({c})" for c in columns)
            found[table] = [
                {c: (same(row[2 * i]), row[2 * i + 1]) for i, c in enumerate(columns)}
                for row in conn.execute(f"SELECT {select} FROM {table} ORDER BY {order}")
            ]
        found["search_fts"] = [{"body": r[0]} for r in conn.execute("SELECT body FROM search_fts ORDER BY rowid")]
    return found


def _show(
    service: Any,
    saves: list[tuple[int | None, str]],
    times: list[tuple[int, str, datetime]],
    synced: Path | None = None,
) -> str:
    """What `present --programme` does through either: the meeting, its agenda, notes, times.
    `synced`: the database, whose rows then look as if the hub had them (server_seq 5) before the
    notes and times change them."""
    meeting_id = service.create_meeting(
        "Bijeenkomst 2 december 2026", starts_at=datetime(2026, 12, 2, 19, 30), programme_id="programma-dagdeel"
    )
    items = service.plan_agenda(meeting_id, ENTRIES)
    if synced is not None:
        service.save_item_note(meeting_id, items[0], "al gedeeld")
        with contextlib.closing(sqlite3.connect(synced)) as conn, conn:
            for table in ("meeting", "agenda_item", "note"):
                conn.execute(f"UPDATE {table} SET server_seq = 5, base_seq = 3")
    for index, text in saves:
        service.save_item_note(meeting_id, None if index is None else items[index], text)
    for index, field, at in times:
        service.update_agenda_item(items[index], **{field: at})
    return str(meeting_id)


saves_strategy = st.lists(
    st.tuples(st.sampled_from([None, 0, 1, 3]), st.text(st.characters(exclude_categories=("Cs",)), max_size=40)),
    max_size=6,
)
times_strategy = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.sampled_from(["actual_start", "actual_end"]),
        st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1)),
    ),
    max_size=4,
)


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(saves=saves_strategy, times=times_strategy, share=st.booleans(), synced=st.booleans())
def test_a_show_writes_the_rows_the_service_writes(
    empty_at_head: Path,
    tmp_path: Path,
    saves: list[tuple[int | None, str]],
    times: list[Any],
    share: bool,
    synced: bool,
) -> None:
    through_service, through_store = _copy(empty_at_head, tmp_path / "a"), _copy(empty_at_head, tmp_path / "b")
    with open_database(through_service) as db:
        set_share_new_meetings(db, share)
        _show(MeetingService(db), saves, times, through_service.database if synced else None)
    with open_database(through_store) as db:
        set_share_new_meetings(db, share)
    store = open_show_store(through_store)
    assert store is not None
    with store:
        _show(store, saves, times, through_store.database if synced else None)
    assert _rows(through_store) == _rows(through_service)


def test_the_service_reads_what_the_show_wrote_and_finds_it(day: DataPaths) -> None:
    before = _mark(day)
    with open_show_store(day) as store:  # type: ignore[union-attr]
        meeting_id = _show(store, [(1, "Moeders vragen naar pesten"), (None, "Algemeen: koffie")], [])
        marks = {_mark(day)}
        store.save_item_note(meeting_id, None, "Algemeen: koffie en thee")
        marks.add(_mark(day))
        store.save_item_note(meeting_id, None, "Algemeen: koffie en thee")  # unchanged: no new mark
        marks.add(_mark(day))
        shown = store.get_meeting(meeting_id)
    assert before not in marks and len(marks) == 2  # every change says so to the backups (fingerprint)
    with open_database(day) as db:
        service = MeetingService(db)
        detail = service.get_meeting(meeting_id)
        hits = service.search("pesten")
    items = [a.id for a in detail.agenda]
    assert [(a.kind, a.ref, a.title, a.planned_minutes) for a in detail.agenda] == ENTRIES
    assert {(n.agenda_item_id, n.text) for n in detail.notes} == {
        (items[1], "Moeders vragen naar pesten"),
        (None, "Algemeen: koffie en thee"),
    }
    assert [(h.source, h.meeting_id) for h in hits] == [("note", meeting_id)]
    assert (shown.title, shown.starts_at, shown.programme_id) == (detail.title, detail.starts_at, detail.programme_id)
    assert [(a.id, a.kind, a.ref, a.title, a.planned_minutes) for a in shown.agenda] == [
        (a.id, a.kind, a.ref, a.title, a.planned_minutes) for a in detail.agenda
    ]
    assert {(n.agenda_item_id, n.text) for n in shown.notes} == {(n.agenda_item_id, n.text) for n in detail.notes}


def _mark(paths: DataPaths) -> int:
    with contextlib.closing(sqlite_files.open_read_only(paths.database)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def test_notes_saved_from_several_threads_all_land(day: DataPaths) -> None:
    with open_show_store(day) as store:  # type: ignore[union-attr]
        meeting_id = store.create_meeting("Bijeenkomst")
        items = store.plan_agenda(meeting_id, ENTRIES)
        errors: list[BaseException] = []

        def typist(item: str, n: int) -> None:
            try:
                for k in range(15):
                    store.save_item_note(meeting_id, item, f"schrijver {n}, versie {k}")
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=typist, args=(items[n], n)) for n in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    with open_database(day) as db:
        notes = MeetingService(db).get_meeting(meeting_id).notes
    assert sorted((n.agenda_item_id, n.text) for n in notes) == sorted(
        (items[n], f"schrijver {n}, versie 14") for n in range(3)
    )


def test_what_cannot_be_stored_is_said_as_the_service_says_it(day: DataPaths) -> None:
    with open_show_store(day) as store:  # type: ignore[union-attr]
        meeting_id = store.create_meeting("Bijeenkomst")
        (item,) = store.plan_agenda(meeting_id, ENTRIES[:1])
        with pytest.raises(InvalidInputError):
            store.save_item_note(meeting_id, item, "half \ud83d emoji")
        with pytest.raises(NotFoundError):
            store.save_item_note("niet-bestaand", None, "tekst")
        with pytest.raises(NotFoundError):
            store.save_item_note(meeting_id, "geen-agendapunt", "tekst")
        with pytest.raises(NotFoundError):
            store.update_agenda_item("geen-agendapunt", actual_start=datetime(2026, 12, 2))
        with pytest.raises(TypeError):
            store.update_agenda_item(item, title="een show zet alleen tijden")
        with pytest.raises(ValueError, match="plans only"):
            store.plan_agenda("een andere bijeenkomst", ENTRIES)
        assert store.get_meeting(meeting_id).notes == []


def test_the_notes_are_free_for_the_next_window_once_closed_and_not_before(day: DataPaths) -> None:
    store = open_show_store(day)
    assert store is not None
    with pytest.raises(DatabaseInUseError):
        open_database(day)
    store.close()
    store.close()  # twice is harmless (the show's end and a failure path)
    with open_database(day):
        pass


def test_words_typed_over_leave_the_files_when_the_show_ends(day: DataPaths, caplog: pytest.LogCaptureFixture) -> None:
    """As at the close of the full way: the search index merged (FTS5 keeps an overwritten note's
    words until then) and the log folded into the file, so the words the facilitator replaced are
    in no file of the data dir."""
    with open_show_store(day) as store:  # type: ignore[union-attr]
        meeting_id = store.create_meeting("Bijeenkomst")
        store.save_item_note(meeting_id, None, "eerst stond hier kwispelgeheimx")
        store.save_item_note(meeting_id, None, "nu staat hier iets anders")
    assert "could not merge" not in caplog.text
    assert recovery.wal_size(day.database) == 0
    for path in day.root.rglob("*"):
        if path.is_file():
            assert b"kwispelgeheimx" not in path.read_bytes(), path.name


def test_a_saved_note_survives_sigkill(day: DataPaths) -> None:
    """The save returned: the note is in the file, whatever happens to the process next."""
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\nfrom opvoed_desktop.paths import DataPaths\n"
        "from opvoed_desktop.storage.show_store import open_show_store\n"
        f"store = open_show_store(DataPaths(Path({str(day.root)!r})))\n"
        "mid = store.create_meeting('Bijeenkomst')\n"
        "(item,) = store.plan_agenda(mid, [('exercise', None, 'Oefening', 10)])\n"
        "store.save_item_note(mid, item, 'Vader vraagt om een vervolg')\n"
        "print(mid, 'sqlalchemy' in sys.modules, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    meeting_id, imported = proc.stdout.split()
    assert imported == "False"  # the whole way without SQLAlchemy
    with open_database(day) as db:
        notes = MeetingService(db).get_meeting(meeting_id).notes
    assert [n.text for n in notes] == ["Vader vraagt om een vervolg"]


# Encrypted notes ----------------------------------------------------------------------------------
@pytest.fixture
def encrypted(day: DataPaths, tmp_path: Path) -> Iterator[DataPaths]:
    fill(day, meetings=2, notes=2)
    convert.encrypt(day, PASSPHRASE)
    keys.forget(day.root)  # a new process: the key comes from the passphrase file
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    crypto.passphrase_file = secret
    yield day
    keys.forget(day.root)
    crypto.passphrase_file = None


def test_encrypted_notes_stay_encrypted(encrypted: DataPaths) -> None:
    secret = "Kwispeldoorn-ouderavond zwxqmirtel"
    with open_show_store(encrypted) as store:  # type: ignore[union-attr]
        meeting_id = store.create_meeting("Bijeenkomst")
        store.save_item_note(meeting_id, None, secret)
    assert not keys.is_plain(encrypted.database)
    for path in encrypted.root.rglob("*"):
        if path.is_file():
            assert b"zwxqmirtel" not in path.read_bytes(), path.name
    with open_database(encrypted) as db:
        assert [n.text for n in MeetingService(db).get_meeting(meeting_id).notes] == [secret]


def test_encrypted_notes_without_their_passphrase_say_so_as_the_full_way_does(encrypted: DataPaths) -> None:
    crypto.passphrase_file = None
    with pytest.raises(crypto.PassphraseNeededError) as light:
        open_show_store(encrypted)
    with pytest.raises(crypto.PassphraseNeededError) as full:
        open_database(encrypted)
    assert str(light.value) == str(full.value)


# Everything else goes the full way, untouched ------------------------------------------------------
def _files(paths: DataPaths) -> dict[str, tuple[int, bytes]]:
    """Every file of the data dir with its mode and content, but the lock and SQLite's side files
    (an inspection that reads the file may make those, the full way's as well)."""
    return {
        str(p.relative_to(paths.root)): (p.stat().st_mode, p.read_bytes() if p.is_file() else b"")
        for p in sorted(paths.root.rglob("*"))
        if p.name != "opvoed.lock" and not p.name.endswith(("-wal", "-shm"))
    }


def _older(paths: DataPaths) -> None:
    from .conftest import REV0001

    paths.ensure()
    shutil.copyfile(REV0001, paths.database)


def _newer(paths: DataPaths) -> None:
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()


def _damaged(paths: DataPaths) -> None:
    fill(paths)
    damage_mid_file(paths.database)


def _missing(paths: DataPaths) -> None:
    paths.database.unlink()


def _folder(paths: DataPaths) -> None:
    paths.database.unlink()
    paths.database.mkdir()


@pytest.mark.parametrize("make", [_missing, _older, _newer, _damaged, _folder], ids=lambda f: f.__name__[1:])
def test_anything_but_the_ordinary_start_is_left_to_the_full_way(tmp_path: Path, make: Any) -> None:
    paths = DataPaths(tmp_path / "data")
    if make is not _older:
        with open_database(paths):
            pass
    make(paths)
    before = _files(paths)
    assert open_show_store(paths) is None
    assert _files(paths) == before  # nothing moved, migrated or written
    with open_database(paths, check=True) if make not in (_newer, _folder) else contextlib.nullcontext():
        pass  # and the full way still opens it (or says why, as before: tested elsewhere)


def test_a_damaged_log_is_left_to_the_full_way_as_it_is(day: DataPaths) -> None:
    """A write-ahead log that is damaged (a crash mid-write, a bad sector): the full way keeps a copy
    of it before anything else, so the show's way must not open (SQLite would reset it) nor touch it."""
    log = day.database.with_name(day.database.name + "-wal")
    log.write_bytes(b"\x37\x7f\x06\x82 half a header")
    assert open_show_store(day) is None
    assert log.read_bytes() == b"\x37\x7f\x06\x82 half a header"


def test_notes_held_by_another_window_are_left_to_the_full_way(day: DataPaths) -> None:
    with open_database(day):
        assert open_show_store(day) is None


def test_a_crash_log_is_folded_in_at_open(day: DataPaths) -> None:
    """What a killed process left in the write-ahead log goes into the file first, as at a full open."""
    code = (
        "import os, signal\n"
        "from pathlib import Path\nfrom opvoed_desktop.paths import DataPaths\n"
        "from opvoed_desktop.services.meetings import MeetingService\n"
        "from opvoed_desktop.storage import open_database\n"
        f"db = open_database(DataPaths(Path({str(day.root)!r})))\n"
        "MeetingService(db).create_meeting('Voor de crash')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", code], timeout=120, cwd=REPO, check=False)
    wal = day.database.with_name(day.database.name + "-wal")
    assert wal.stat().st_size > 0
    with open_show_store(day):  # type: ignore[union-attr]
        assert wal.stat().st_size == 0
    with open_database(day) as db:
        assert [m.title for m in MeetingService(db).list_meetings()] == ["Voor de crash"]


# What the store was written against -------------------------------------------------------------
def test_the_store_was_written_for_the_newest_schema() -> None:
    # A new migration: check show_store.py's statements against it (the row test above compares
    # them with the services'), then move SCHEMA on. Until then shows open their notes the full way.
    assert SCHEMA == migrate.HEAD
    assert tuple(k.value for k in models.AgendaKind) == AGENDA_KIND_ORDER
    assert frozenset(AGENDA_KIND_ORDER) == AGENDA_KINDS


def test_the_store_imports_no_sqlalchemy() -> None:
    code = (
        "import sys\nimport opvoed_desktop.storage.show_store\n"
        "print(sorted(m for m in sys.modules if 'sqlalchemy' in m or 'alembic' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert out.stdout.strip() == "[]", out.stderr


def test_a_storage_error_from_the_store_is_a_sentence(day: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk during a save: the error the autosave shows (a StorageError), never SQLite's."""
    with open_show_store(day) as store:  # type: ignore[union-attr]
        meeting_id = store.create_meeting("Bijeenkomst")
        full = sqlite3.OperationalError("database or disk is full")
        full.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]

        class Full:
            total_changes = 0

            def execute(self, sql: str, *args: Any) -> Any:
                if sql.startswith("INSERT"):
                    raise full
                return real.execute(sql, *args)

        real = store._conn
        monkeypatch.setattr(store, "_conn", Full())
        with pytest.raises(StorageError) as info:
            store.save_item_note(meeting_id, None, "tekst")
        monkeypatch.setattr(store, "_conn", real)
    assert "vol" in str(info.value).lower() and "SQL" not in str(info.value)


# Reading back (a show resumed after a restart) -----------------------------------------------------
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
agenda_strategy = st.lists(
    st.tuples(st.sampled_from(sorted(AGENDA_KINDS)), st.none() | texts, texts, st.integers(0, 120)),
    min_size=1,
    max_size=5,
)
moments = st.none() | st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=texts.filter(str.strip),
    starts_at=moments,
    venue=texts,
    programme_id=st.none() | texts,
    entries=agenda_strategy,
    moves=st.lists(st.tuples(st.integers(0, 4), st.integers(1, 5)), max_size=3),
    notes=st.lists(st.tuples(st.none() | st.integers(0, 4), texts), max_size=5),
    times=st.lists(st.tuples(st.integers(0, 4), moments, moments), max_size=3),
)
def test_a_resumed_show_reads_its_meeting_as_the_service_does(
    empty_at_head: Path,
    tmp_path: Path,
    title: str,
    starts_at: datetime | None,
    venue: str,
    programme_id: str | None,
    entries: list[tuple[str, str | None, str, int]],
    moves: list[tuple[int, int]],
    notes: list[tuple[int | None, str]],
    times: list[tuple[int, datetime | None, datetime | None]],
) -> None:
    """Every field the show reads to carry on (title, start, venue, programme, the agenda in its
    order with its planned and actual times, the notes with their item, in the order typed) is what
    MeetingService reads of the same meeting; items moved so their order is not the order made."""
    paths = _copy(empty_at_head, tmp_path / "resumed")
    with open_database(paths) as db:
        service = MeetingService(db)
        meeting_id = service.create_meeting(title, starts_at=starts_at, venue=venue, programme_id=programme_id)
        items = service.plan_agenda(meeting_id, entries)
        for index, position in moves:
            service.move_agenda_item(items[index % len(items)], position)
        for index, text in notes:
            service.add_note(meeting_id, text, None if index is None else items[index % len(items)])
        for index, start, end in times:
            service.update_agenda_item(items[index % len(items)], actual_start=start, actual_end=end)
        detail = service.get_meeting(meeting_id)
    with open_show_store(paths) as store:  # type: ignore[union-attr]
        shown = store.get_meeting(meeting_id)
    assert (shown.id, shown.title, shown.starts_at, shown.venue, shown.programme_id) == (
        detail.id,
        detail.title,
        detail.starts_at,
        detail.venue,
        detail.programme_id,
    )
    assert [
        (a.id, a.position, a.kind, a.ref, a.title, a.planned_minutes, a.actual_start, a.actual_end)
        for a in shown.agenda
    ] == [
        (a.id, a.position, a.kind, a.ref, a.title, a.planned_minutes, a.actual_start, a.actual_end)
        for a in detail.agenda
    ]
    assert [a.position for a in shown.agenda] == list(range(1, len(entries) + 1))
    assert [(n.id, n.agenda_item_id, n.text) for n in shown.notes] == [
        (n.id, n.agenda_item_id, n.text) for n in detail.notes
    ]


def _agenda_row(paths: DataPaths, item_id: str) -> dict[str, Any]:
    with contextlib.closing(sqlite_files.open_read_only(paths.database)) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("SELECT * FROM agenda_item WHERE id = ?", (item_id,)).fetchone())


@contextlib.contextmanager
def _writer(way: str, paths: DataPaths) -> Iterator[Any]:
    """MeetingService on the full way, or the show's store: the same calls either way."""
    if way == "service":
        with open_database(paths) as db:
            yield MeetingService(db)
    else:
        store = open_show_store(paths)
        assert store is not None
        with store:
            yield store


def test_actual_times_a_show_sets_are_written_as_the_service_writes_them(empty_at_head: Path, tmp_path: Path) -> None:
    """Start and end set in one go, the same again (nothing written: the hub must not get the item
    again, the backups see no change), then the end corrected (marked for the hub): each step leaves
    the rows MeetingService leaves."""
    start, end = datetime(2026, 12, 2, 19, 31, 5, 250), datetime(2026, 12, 2, 19, 52)
    later = datetime(2026, 12, 2, 19, 55)
    steps = [
        {"actual_start": start, "actual_end": end},
        {"actual_end": end, "actual_start": start},
        {"actual_end": later},
    ]
    seen: dict[str, list[Any]] = {}
    for way in ("service", "store"):
        paths = _copy(empty_at_head, tmp_path / way)
        with _writer(way, paths) as writer:
            items = writer.plan_agenda(writer.create_meeting("Bijeenkomst"), ENTRIES)
        with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
            conn.execute("UPDATE agenda_item SET server_seq = 5, base_seq = 3")  # as if the hub had them
        seen[way] = []
        for fields in steps:
            with _writer(way, paths) as writer:
                writer.update_agenda_item(items[1], **fields)
            seen[way].append((_agenda_row(paths, items[1]), _mark(paths), _rows(paths)))
        first, same, corrected = seen[way]
        assert same[:2] == first[:2]  # updated_at, server_seq and the change mark all as they were
        assert (first[0]["actual_start"], first[0]["actual_end"]) == (
            "2026-12-02 19:31:05.000250",
            "2026-12-02 19:52:00.000000",
        )
        assert (first[0]["server_seq"], first[0]["base_seq"]) == (None, 5)
        assert (corrected[0]["server_seq"], corrected[0]["base_seq"]) == (None, 5)
        assert corrected[0]["actual_end"] == "2026-12-02 19:55:00.000000" and corrected[1] != same[1]
    assert [rows for _row, _mark_, rows in seen["store"]] == [rows for _row, _mark_, rows in seen["service"]]


def test_what_a_show_cannot_find_or_store_is_said_as_the_service_says_it(empty_at_head: Path, tmp_path: Path) -> None:
    """A meeting or agenda item that is gone, an empty title, a kind no agenda has: the service's
    sentence, naming which, and nothing written; a field a show does not set: the service's
    TypeError, naming the field."""
    calls = [
        lambda s, meeting, item: s.get_meeting("weg-1234"),
        lambda s, meeting, item: s.update_agenda_item("weg-5678", actual_start=datetime(2026, 12, 2)),
        lambda s, meeting, item: s.update_agenda_item(item, kleur="rood", actual_end=datetime(2026, 12, 2)),
        lambda s, meeting, item: s.save_item_note("weg-1234", None, "tekst"),
        lambda s, meeting, item: s.save_item_note(meeting, "weg-9012", "tekst"),
        lambda s, meeting, item: s.create_meeting("  \t "),
        lambda s, meeting, item: s.plan_agenda(meeting, [*ENTRIES, ("spel", None, "Spel", 5)]),
    ]
    said: dict[str, list[tuple[type, str]]] = {}
    for way in ("service", "store"):
        paths = _copy(empty_at_head, tmp_path / way)
        said[way] = []
        with _writer(way, paths) as writer:
            meeting_id = writer.create_meeting("Bijeenkomst")
            (item,) = writer.plan_agenda(meeting_id, ENTRIES[:1])
            before = _rows(paths)
            for call in calls:
                with pytest.raises((StorageError, TypeError)) as info:
                    call(writer, meeting_id, item)
                said[way].append((type(info.value), str(info.value)))
            assert _rows(paths) == before  # nothing half written
    assert said["store"] == said["service"]
    sentences = [text for _kind, text in said["service"]]
    assert "weg-1234" in sentences[0] and "weg-5678" in sentences[1] and "kleur" in sentences[2]
    assert sentences[0] == sentences[3] and sentences[0] != sentences[1].replace("weg-5678", "weg-1234")
    assert "weg-9012" in sentences[4] and "spel" in sentences[6] and said["service"][5][0] is InvalidInputError


def test_a_note_saved_again_is_the_same_note(day: DataPaths) -> None:
    """The autosave's second save changes the note the first made and says which it is, as the
    service does: the show keeps the one note per agenda item."""
    with open_show_store(day) as store:  # type: ignore[union-attr]
        meeting_id = store.create_meeting("Bijeenkomst")
        (item,) = store.plan_agenda(meeting_id, ENTRIES[1:2])
        ids = [store.save_item_note(meeting_id, item, text) for text in ("Moe", "Moeder", "Moeder")]
        ids.append(store.save_item_note(meeting_id, None, "Algemeen"))
        shown = store.get_meeting(meeting_id)
    assert ids[0] == ids[1] == ids[2] != ids[3]
    assert [(n.id, n.agenda_item_id, n.text) for n in shown.notes] == [
        (ids[0], item, "Moeder"),
        (ids[3], None, "Algemeen"),
    ]


def test_notes_damaged_under_a_running_show_are_said_as_damage(day: DataPaths) -> None:
    """Reading the meeting back meets a damaged page: the sentence that names the file and offers a
    backup (as the full way says it), never SQLite's own words."""
    with open_show_store(day) as store:  # type: ignore[union-attr]
        meeting_id = store.create_meeting("Bijeenkomst")
        store.save_item_note(meeting_id, None, "Moeder vertelt over de buren")
        damage_table(day.database, "note")
        said = []
        for call in (
            lambda: store.get_meeting(meeting_id),
            lambda: store.save_item_note(meeting_id, None, "en de buren"),
        ):
            with pytest.raises(StorageError) as info:
                call()
            said.append(info.value)
    for error in said:
        assert type(error) is CorruptDatabaseError
        assert day.database.name in str(error) and "malformed" not in str(error) and "buren" not in str(error)


def test_a_show_that_cannot_merge_its_index_at_the_end_still_ends(
    day: DataPaths, caplog: pytest.LogCaptureFixture
) -> None:
    """The merge at close fails (a full disk): the notes already saved stay, the data dir is free
    for the next window, and the log says which SQLite error it was (never the note)."""
    store = open_show_store(day)
    assert store is not None
    meeting_id = store.create_meeting("Bijeenkomst")
    store.save_item_note(meeting_id, None, "Opa komt ook")
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
    real = store._conn

    class Full:
        def execute(self, sql: str, *args: Any) -> Any:
            if "optimize" in sql:
                raise full
            return real.execute(sql, *args)

        def close(self) -> None:
            real.close()

    store._conn = Full()  # type: ignore[assignment]
    with caplog.at_level("WARNING", logger="opvoed_desktop.storage.show_store"):
        store.close()
    assert [r.getMessage() for r in caplog.records if r.name.endswith("show_store")] == [
        "could not merge the search index at close: SQLITE_FULL"
    ]
    with open_database(day) as db:
        assert [n.text for n in MeetingService(db).get_meeting(meeting_id).notes] == ["Opa komt ook"]


def test_a_show_ends_even_when_the_merge_fails_without_an_sqlite_code(day: DataPaths) -> None:
    """An error the driver raises itself (no SQLite code) at the merge: close still ends the show
    and frees the notes for the next window."""
    store = open_show_store(day)
    assert store is not None
    store.create_meeting("Bijeenkomst")
    real = store._conn

    class Closed:
        def execute(self, sql: str, *args: Any) -> Any:
            if "optimize" in sql:
                raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
            return real.execute(sql, *args)

        def close(self) -> None:
            real.close()

    store._conn = Closed()  # type: ignore[assignment]
    store.close()
    with open_database(day):
        pass


def test_a_show_abroad_stores_times_in_utc(day: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """A laptop set to Dutch time (or any other): the rows' times are UTC, as the services write
    them, so the hub and the lists order them with everyone else's."""
    import time

    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: no clock error hides it
    time.tzset()
    try:
        before = datetime.now(UTC).replace(tzinfo=None)
        with open_show_store(day) as store:  # type: ignore[union-attr]
            meeting_id = store.create_meeting("Bijeenkomst")
        after = datetime.now(UTC).replace(tzinfo=None)
    finally:
        monkeypatch.undo()
        time.tzset()
    with open_database(day) as db:
        made = MeetingService(db).get_meeting(meeting_id).created_at
    assert before <= made <= after
