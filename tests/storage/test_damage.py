"""Damage in the middle of the database: found at start and before every backup, set aside (never
deleted), said in one sentence with the newest good backup offered; a query that meets damage
later says a sentence too, never SQL; a damaged database is never copied into the backups."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shlex
from datetime import datetime
from pathlib import Path

import pytest

from opvoed_desktop import app
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import CorruptDatabaseError, backup, open_database
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite: one library per process

from .faults import damage_mid_file, damage_table, fill


def _run(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = app.main(["--data-dir", str(paths.root), *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def _moved(paths: DataPaths) -> Path:
    (moved,) = [p for p in paths.root.glob("opvoed.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
    return moved


@pytest.fixture
def damaged(paths: DataPaths) -> tuple[DataPaths, Path, bytes]:
    """A filled database with one good backup, then 8 KB of random bytes at mid-file."""
    fill(paths)
    with open_database(paths) as db:
        good = db.backup("manual")
    os.utime(good, (1_700_000_000, 1_700_000_000))  # a known "when" for the message
    content = damage_mid_file(paths.database)
    return paths, good, content


def test_mid_file_damage_is_found_at_open_set_aside_and_the_good_backup_offered(damaged) -> None:  # type: ignore[no-untyped-def]
    paths, good, content = damaged
    with open_database(paths) as db:
        recovered = db.recovered
        assert recovered is not None
        assert recovered.moved_to.read_bytes() == content  # kept, byte for byte
        assert recovered.moved_to.parent == paths.root
        assert recovered.moved_to.name.startswith("opvoed.sqlite3.corrupt-")
        assert recovered.newest_backup == good
        when = datetime.fromtimestamp(1_700_000_000).strftime("%d-%m-%Y %H:%M")
        assert recovered.message == (
            f"Het gegevensbestand was beschadigd en is apart gezet als {recovered.moved_to.name}; "
            f"u kunt de nieuwste reservekopie van {when} terugzetten."
        )
        assert MeetingService(db).list_meetings() == []  # a fresh database, ready to restore into
        db.restore(good)
        assert len(MeetingService(db).list_meetings()) == 40


def test_check_after_first_paint_finds_the_damage_and_sets_it_aside(damaged) -> None:  # type: ignore[no-untyped-def]
    paths, good, content = damaged
    db = open_database(paths, check=False)  # the window opens first
    try:
        assert db.recovered is None
        assert db.check() is False
        recovered = db.set_aside_damaged()
        assert db.recovered is recovered and recovered.moved_to.read_bytes() == content
        assert recovered.newest_backup == good
        assert MeetingService(db).list_meetings() == []
        assert db.check() is True
    finally:
        db.close()


def test_a_query_that_meets_damage_says_a_sentence_never_sql(paths: DataPaths) -> None:
    ids = fill(paths, meetings=5, notes=40)
    damage_table(paths.database, "note")
    seen: list[BaseException] = []
    db = open_database(paths, check=False)
    try:
        db.on_damage(seen.append)
        with pytest.raises(CorruptDatabaseError) as info:
            MeetingService(db).get_meeting(ids[0])
        message = str(info.value)
        assert message == (
            "Het gegevensbestand opvoed.sqlite3 is beschadigd; de app zet het apart (het wordt niet gewist) "
            "en biedt de nieuwste goede reservekopie aan."
        )
        for raw in ("SELECT", "(sqlite3.", "malformed", "[SQL"):
            assert raw not in message
        assert "SELECT" not in str(info.value.__cause__)  # SQLite's own words at most, never the query
        assert len(seen) == 1 and isinstance(seen[0], CorruptDatabaseError)
    finally:
        db.close()


def test_a_damaged_database_is_never_backed_up(damaged) -> None:  # type: ignore[no-untyped-def]
    paths, _good, _content = damaged
    before = sorted(p.name for p in paths.backups.iterdir())
    with pytest.raises(CorruptDatabaseError):
        backup.create_backup(paths, reason="manual")
    assert sorted(p.name for p in paths.backups.iterdir()) == before  # no copy, no temp file left
    # Changed since the last backup (a new change mark on the intact first page): the start
    # backup would copy it, and must refuse instead.
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.execute("PRAGMA user_version = 12345")
    with pytest.raises(CorruptDatabaseError):
        backup.backup_if_changed(paths)
    assert sorted(p.name for p in paths.backups.iterdir()) == before


def test_start_job_reports_damage_instead_of_copying_it(damaged) -> None:  # type: ignore[no-untyped-def]
    paths, _good, _content = damaged
    assert backup.start_check(paths) == backup.StartCheck(healthy=False, backup=None)


def test_ten_starts_on_a_damaged_database_keep_the_good_backup(damaged) -> None:  # type: ignore[no-untyped-def]
    paths, good, _content = damaged
    for _start in range(10):
        db = open_database(paths, check=False)
        try:
            if not backup.start_check(paths).healthy:
                db.set_aside_damaged()
            backup.backup_if_changed(paths)
        finally:
            db.close()
    assert good.exists() and sqlite_files.quick_check(good)
    assert backup.newest_good_backup(paths) == good
    for info in backup.list_backups(paths):
        assert sqlite_files.quick_check(info.path), info.path.name
    assert len([p for p in paths.root.glob("opvoed.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]) == 1


def test_newest_good_backup_skips_damaged_copies(damaged, tmp_path) -> None:  # type: ignore[no-untyped-def]
    paths, good, content = damaged
    # Copies made by an older version that backed up the damaged file: newer names, bad content.
    for n in range(3):
        (paths.backups / f"opvoed-2099010{n + 1}-120000-000000-start.sqlite3").write_bytes(content)
    assert backup.newest_backup(paths) != good
    assert backup.newest_good_backup(paths) == good
    with open_database(paths) as db:
        assert db.recovered is not None and db.recovered.newest_backup == good


# The CLI (item 10): the interface language, where the file is, how to restore; non-zero exit.
@pytest.mark.parametrize("kind", ["header", "mid-file"])
@pytest.mark.parametrize("command", [["meetings", "list", "--json"], ["meetings", "list"], ["export-check"]])
def test_cli_on_a_damaged_database_says_where_and_how_to_restore(damaged, kind, command) -> None:  # type: ignore[no-untyped-def]
    paths, good, _content = damaged
    if kind == "header":
        paths.database.write_bytes(b"kapot" * 1000)
    if command == ["export-check"]:
        command = ["meetings", "show", "abc"]
    code, out, err = _run(paths, *command)
    moved = _moved(paths)
    assert code == 1 and out == ""
    restore = f"opvoed-desktop --data-dir {shlex.quote(str(paths.root))} restore {shlex.quote(str(good))}"
    assert err == (
        f"Het gegevensbestand was beschadigd en is apart gezet als {moved}; "
        f"zet de nieuwste goede reservekopie terug met: {restore}\n"
    )
    assert "Traceback" not in err and "moved aside" not in err  # no English log line on the terminal


def test_cli_without_any_backup_says_a_fresh_database_was_started(paths: DataPaths) -> None:
    fill(paths, meetings=3, notes=2)
    paths.database.write_bytes(b"kapot" * 1000)
    code, out, err = _run(paths, "meetings", "list", "--json")
    moved = _moved(paths)
    assert (code, out) == (1, "")
    assert err == (
        f"Het gegevensbestand was beschadigd en is apart gezet als {moved}; "
        "er is geen goede reservekopie, dus de app is begonnen met een lege database.\n"
    )


def test_cli_restore_after_damage_brings_the_meetings_back(damaged) -> None:  # type: ignore[no-untyped-def]
    paths, good, _content = damaged
    assert _run(paths, "meetings", "list")[0] == 1
    code, out, err = _run(paths, "restore", str(good))
    assert code == 0, err
    code, out, _ = _run(paths, "meetings", "list", "--json")
    assert code == 0 and len(json.loads(out)) == 40


def test_cli_backup_of_a_damaged_database_is_refused(damaged) -> None:  # type: ignore[no-untyped-def]
    paths, _good, _content = damaged
    before = sorted(p.name for p in paths.backups.iterdir())
    code, out, err = _run(paths, "backup")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "beschadigd" in err and "Traceback" not in err
    assert sorted(p.name for p in paths.backups.iterdir()) == before


def test_the_cli_keeps_saying_so_until_something_takes_the_place_of_the_damaged_file(damaged) -> None:  # type: ignore[no-untyped-def]
    paths, _good, _content = damaged
    first = _run(paths, "meetings", "list", "--json")
    second = _run(paths, "meetings", "list", "--json")  # the fresh database is empty: not the truth
    assert first[0] == second[0] == 1 and first[2] == second[2] and second[1] == ""
    assert _moved(paths).name in second[2]
    code, out, err = _run(paths, "sample-data", "--meetings", "1", "--notes-per-meeting", "1")  # adding is fine
    assert code == 0 and err == second[2] and "1 voorbeeldbijeenkomst met" in out
    code, out, err = _run(paths, "meetings", "list", "--json")  # something took the empty file's place
    assert (code, err) == (0, "") and len(json.loads(out)) == 1


def test_a_later_start_of_the_window_offers_the_backup_again(damaged) -> None:  # type: ignore[no-untyped-def]
    paths, good, _content = damaged
    open_database(paths).close()  # damage found and set aside; this start's message was missed
    with open_database(paths, check=False) as db:
        assert db.recovered is not None
        assert db.recovered.moved_to == _moved(paths) and db.recovered.newest_backup == good
        db.restore(good)
    with open_database(paths, check=False) as db:
        assert db.recovered is None  # the backup took the damaged file's place
