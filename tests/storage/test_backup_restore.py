"""Restoring a backup: nothing the person had is lost, a damaged file is kept aside, never copied
back or deleted, and the restored database is as private as the one it replaced.

These are the cases the older backup tests left open (issue #22): a backup that looks fine from the
outside but has a damaged page inside, restoring over a damaged or missing database, two damaged
files set aside in the same second, the folder made durable, and what the failed write says.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import InvalidBackupError, backup, open_database
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite
from opvoed_desktop.storage.errors import BackupFailedError, DatabaseIsFolderError

from .faults import damage_mid_file, fill


def _titles(path: Path) -> set[str]:
    with contextlib.closing(sqlite_files.open_read_only(path)) as conn:
        return {r[0] for r in conn.execute("SELECT title FROM meeting")}


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def saved(paths: DataPaths) -> Path:
    """A database with one meeting, and a manual backup of it; then a second meeting."""
    with open_database(paths) as db:
        service = MeetingService(db)
        service.create_meeting("In de kopie")
        copy = db.backup("manual")
        service.create_meeting("Daarna")
    return copy


def test_a_backup_with_a_damaged_page_inside_is_refused_and_nothing_changes(paths: DataPaths) -> None:
    """Its header and schema revision are fine, so only the full check can tell: it must be run."""
    fill(paths)
    with open_database(paths) as db:
        copy = db.backup("manual")
        MeetingService(db).create_meeting("Vanavond getypt")
    assert backup.validate_backup(copy) is not None  # whole: it is one of ours
    damage_mid_file(copy)
    assert sqlite_files.header_ok(copy) and sqlite_files.inspect_file(copy).revision is not None
    before = paths.database.read_bytes()
    with pytest.raises(InvalidBackupError):
        backup.restore(paths, copy)
    assert paths.database.read_bytes() == before
    assert "Vanavond getypt" in _titles(paths.database)
    assert backup.newest_good_backup(paths) is None


def test_restore_over_a_damaged_database_keeps_the_damaged_file_aside(paths: DataPaths, saved: Path) -> None:
    damaged = damage_mid_file_of_live(paths)
    previous = backup.restore(paths, saved)
    assert previous is None, "a damaged database is not a backup"
    assert _titles(paths.database) == {"In de kopie"}
    (aside,) = [p for p in paths.root.glob("opvoed.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == damaged, "the damaged file is kept byte for byte, for rescue"
    assert [b.reason for b in backup.list_backups(paths)] == ["manual"]


def damage_mid_file_of_live(paths: DataPaths) -> bytes:
    fill(paths)
    with contextlib.closing(sqlite3.connect(paths.database)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return damage_mid_file(paths.database)


def test_restore_over_a_file_that_is_not_a_database_keeps_it(paths: DataPaths, saved: Path) -> None:
    paths.database.write_bytes(b"dit is geen database maar wel iemands bestand")
    for side in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + side).unlink(missing_ok=True)
    backup.restore(paths, saved)
    assert _titles(paths.database) == {"In de kopie"}
    (aside,) = paths.root.glob("opvoed.sqlite3.corrupt-*")
    assert aside.read_bytes() == b"dit is geen database maar wel iemands bestand"


def test_restore_when_the_database_is_gone(paths: DataPaths, saved: Path) -> None:
    for path in [paths.database, *sqlite_files.side_files(paths.database)]:
        path.unlink()
    assert backup.restore(paths, saved) is None
    assert _titles(paths.database) == {"In de kopie"}
    assert not list(paths.root.glob("*.corrupt-*"))


def test_restore_keeps_the_replaced_database_as_a_backup(paths: DataPaths, saved: Path) -> None:
    previous = backup.restore(paths, saved)
    assert previous is not None and _titles(previous) == {"In de kopie", "Daarna"}
    assert "before-restore" in previous.name
    assert _titles(paths.database) == {"In de kopie"}
    assert not list(paths.root.glob("*.tmp")), "no half-copied file is left beside the database"


def test_restore_over_a_folder_is_refused_and_the_folder_kept(paths: DataPaths, saved: Path) -> None:
    for path in [paths.database, *sqlite_files.side_files(paths.database)]:
        path.unlink()
    paths.database.mkdir()
    (paths.database / "iemands-bestand.txt").write_text("blijft")
    with pytest.raises(DatabaseIsFolderError) as refused:
        backup.restore(paths, saved)
    assert refused.value.path == paths.database
    assert (paths.database / "iemands-bestand.txt").read_text() == "blijft"


def test_the_restored_database_is_private_whatever_the_umask(paths: DataPaths, saved: Path) -> None:
    saved.chmod(0o644)  # a backup copied around by hand
    with umask(0):
        backup.restore(paths, saved)
        with open_database(paths) as db:
            MeetingService(db).create_meeting("Na het terugzetten")
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in paths.root.iterdir() if p.is_file()}
    assert modes and all(mode == 0o600 for name, mode in modes.items() if name.startswith("opvoed.sqlite3")), modes


def test_restore_makes_the_swap_durable(paths: DataPaths, saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The restored file is on disk before the rename, and the folder is synced after it."""
    real_fsync = os.fsync
    events: list[str] = []

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode) and info.st_ino == paths.root.stat().st_ino:
            events.append("folder:" + ",".join(sorted(_titles(paths.database))))
        elif not stat.S_ISDIR(info.st_mode):
            events.append("file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    backup.restore(paths, saved)
    assert events[-1] == "folder:In de kopie", events
    assert "file" in events[:-1]


class _OneSecond(datetime):
    """The clock stands still: everything happens within the same second."""

    @classmethod
    def now(cls, tz: object = None) -> _OneSecond:  # type: ignore[override]
        return cls(2026, 3, 4, 20, 15, 0)


def test_damaged_files_set_aside_in_the_same_second_are_all_kept(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "datetime", _OneSecond)
    paths.root.mkdir(parents=True, exist_ok=True)
    db = paths.database
    moved = []
    for n in range(3):
        db.write_bytes(f"beschadigd {n}".encode())
        db.with_name(db.name + "-wal").write_bytes(f"log {n}".encode())
        moved.append(backup.move_aside(db, "corrupt"))
    assert [p.name for p in moved] == [
        "opvoed.sqlite3.corrupt-20260304-201500",
        "opvoed.sqlite3.corrupt-20260304-201500-2",
        "opvoed.sqlite3.corrupt-20260304-201500-3",
    ]
    for n, path in enumerate(moved):
        assert path.read_bytes() == f"beschadigd {n}".encode()
        assert path.with_name(path.name + "-wal").read_bytes() == f"log {n}".encode(), "the log goes with its file"
    assert not db.exists() and not db.with_name(db.name + "-wal").exists()


def test_a_backup_into_a_read_only_folder_names_that_folder(paths: DataPaths, saved: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    locked = tmp_path / "alleen-lezen"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(BackupFailedError) as failed:
            backup.export_backup(paths, locked / "nieuw" / "kopie.sqlite3")
    finally:
        locked.chmod(0o700)
    assert failed.value.reason == "read-only" and failed.value.folder == locked


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "full"),
        (errno.EDQUOT, "full"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "read-only"),
        (errno.EPERM, "read-only"),
        (errno.EIO, "other"),
    ],
)
def test_a_failed_backup_says_why_and_keeps_nothing_half_written(
    paths: DataPaths, saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    target = tmp_path / "stick" / "kopie.sqlite3"

    def failing(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(BackupFailedError) as failed:
        backup.export_backup(paths, target)
    monkeypatch.undo()
    assert failed.value.reason == reason
    assert failed.value.folder == target.parent
    assert list(target.parent.iterdir()) == [], "no half copy and no .tmp left"


def test_a_backup_onto_an_existing_folder_is_refused(paths: DataPaths, saved: Path, tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    with pytest.raises(BackupFailedError) as failed:
        backup.export_backup(paths, folder)
    assert failed.value.reason == "other" and list(folder.iterdir()) == []


def test_export_backup_makes_its_folders_private(paths: DataPaths, saved: Path, tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "kopie.sqlite3"
    with umask(0):
        made = backup.export_backup(paths, target)
    assert made == target and _titles(target) == {"In de kopie", "Daarna"}
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("database or disk is full", "full"),
        ("attempt to write a readonly database", "read-only"),
        ("unable to open database file", "other"),
    ],
)
def test_what_sqlite_says_while_copying_becomes_the_right_sentence(
    paths: DataPaths, saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message: str, reason: str
) -> None:
    def failing(source: Path, target: Path, **kwargs: object) -> None:
        target.write_bytes(b"half")
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(sqlite_files, "copy_database", failing)
    target = tmp_path / "stick" / "kopie.sqlite3"
    with pytest.raises(BackupFailedError) as failed:
        backup.export_backup(paths, target)
    assert failed.value.reason == reason and failed.value.folder == target.parent
    assert list(target.parent.iterdir()) == [], "the half copy is gone"


def test_a_folder_that_cannot_be_made_names_the_nearest_one_that_exists(
    paths: DataPaths, saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person must fix the folder that exists (a read-only stick), not one that was never made."""

    def read_only(self: Path, mode: int = 0o777, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(BackupFailedError) as failed:
        backup.export_backup(paths, tmp_path / "stick" / "map" / "kopie.sqlite3")
    assert failed.value.reason == "read-only" and failed.value.folder == tmp_path


def test_the_start_check_of_a_data_dir_without_a_database_is_healthy(paths: DataPaths) -> None:
    assert backup.start_check(paths) == backup.StartCheck(True, None)


def test_the_start_check_backs_up_what_changed_and_says_where(paths: DataPaths, saved: Path) -> None:
    result = backup.start_check(paths)
    assert result.healthy is True and result.backup is not None
    assert result == backup.StartCheck(True, result.backup)
    assert "-start." in result.backup.name and _titles(result.backup) == {"In de kopie", "Daarna"}
    again = backup.start_check(paths)  # nothing changed since: the live file is checked instead
    assert again == backup.StartCheck(True, None)


def test_a_backup_onto_a_folder_names_that_folder(paths: DataPaths, saved: Path, tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    with pytest.raises(BackupFailedError) as failed:
        backup.export_backup(paths, folder)
    assert failed.value.folder == folder


def test_the_start_check_of_a_damaged_database_says_so_and_stores_no_copy(paths: DataPaths) -> None:
    damage_mid_file_of_live(paths)
    assert backup.start_check(paths) == backup.StartCheck(False, None)
    assert backup.list_backups(paths) == [], "a damaged database is never stored as a backup"


def test_the_start_backup_is_named_for_the_start(paths: DataPaths, saved: Path) -> None:
    made = backup.backup_if_changed(paths)
    assert made is not None and backup.list_backups(paths)[0].reason == "start"
    assert backup.backup_if_changed(paths, reason="before-migration") is None  # nothing changed since


def test_a_database_without_a_change_mark_is_always_backed_up_at_start(paths: DataPaths, saved: Path) -> None:
    """A file written by an older version carries no change mark: the start cannot tell whether it
    changed since the newest backup, so it backs it up rather than risk missing a change."""
    for path in [paths.database, saved]:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA user_version = 0")
    assert backup.fingerprint(paths.database) == 0 == backup.fingerprint(saved)
    assert backup.backup_if_changed(paths) is not None


def test_a_database_damaged_where_its_rows_are_is_reported_at_start_not_taken_for_empty(paths: DataPaths) -> None:
    from opvoed_desktop.storage import CorruptDatabaseError

    from .faults import damage_table

    fill(paths)
    damage_table(paths.database, "meeting")
    with pytest.raises(CorruptDatabaseError):
        backup.backup_if_changed(paths)
    assert backup.list_backups(paths) == []


def test_a_refused_backup_names_the_file_that_was_chosen(paths: DataPaths, saved: Path, tmp_path: Path) -> None:
    folder = tmp_path / "een-map.sqlite3"
    folder.mkdir()
    other = tmp_path / "foto.jpg"
    other.write_bytes(b"\xff\xd8\xff" + b"x" * 2000)
    damaged = tmp_path / "kapot.sqlite3"
    fill(DataPaths(tmp_path / "vol"))
    with open_database(DataPaths(tmp_path / "vol")) as db:
        made = db.backup("manual")
    damaged.write_bytes(made.read_bytes())
    damage_mid_file(damaged)
    for path in (folder, other, damaged, tmp_path / "weg.sqlite3"):
        with pytest.raises(InvalidBackupError) as refused:
            backup.restore(paths, path)
        assert refused.value.path == path and path.name in str(refused.value)
    assert _titles(paths.database) == {"In de kopie", "Daarna"}


def test_a_backup_from_a_newer_version_says_so_and_changes_nothing(paths: DataPaths, saved: Path) -> None:
    from opvoed_desktop.storage import NewerDatabaseError

    with contextlib.closing(sqlite3.connect(saved)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    with pytest.raises(NewerDatabaseError) as refused:
        backup.restore(paths, saved)
    assert refused.value.path == saved and refused.value.revision == "ffff9999"
    assert _titles(paths.database) == {"In de kopie", "Daarna"}


def test_the_backup_before_a_restore_is_listed_as_such(paths: DataPaths, saved: Path) -> None:
    backup.restore(paths, saved)
    assert [b.reason for b in backup.list_backups(paths)] == ["before-restore", "manual"]


def test_a_restore_that_runs_out_of_room_keeps_the_database_and_says_so(
    paths: DataPaths, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_copy = sqlite_files.copy_database

    def full_at_restore(source: Path, target: Path, **kwargs: object) -> None:
        if not target.name.endswith(".restore.tmp"):
            return real_copy(source, target, **kwargs)  # the backup before the restore still fits
        target.write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_files, "copy_database", full_at_restore)
    with pytest.raises(BackupFailedError) as failed:
        backup.restore(paths, saved)
    assert failed.value.reason == "full" and failed.value.folder == paths.root
    assert _titles(paths.database) == {"In de kopie", "Daarna"}
    assert not list(paths.root.glob("*.tmp")), "the half copy is gone"


def test_a_backups_folder_that_cannot_be_made_names_the_data_folder(
    paths: DataPaths, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for old in paths.backups.iterdir():
        old.unlink()
    paths.backups.rmdir()

    def read_only(self: Path, mode: int = 0o777, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(BackupFailedError) as failed:
        backup.create_backup(paths)
    assert failed.value.reason == "read-only" and failed.value.folder == paths.root


def test_a_plain_backup_restored_into_encrypted_notes_is_encrypted_on_the_way_in(
    paths: DataPaths, tmp_path: Path
) -> None:
    """A backup from before the notes were encrypted (or one exported plain): restoring it must not
    leave the notes readable on disk."""
    from opvoed_desktop.storage import keys

    keys.register(paths.root, os.urandom(keys.KEY_BYTES))
    try:
        with open_database(paths) as db:
            MeetingService(db).create_meeting("Ouderavond Gouda")
        assert not keys.is_plain(paths.database)
        plain = tmp_path / "van-voor-de-versleuteling.sqlite3"
        sqlite_files.copy_database(paths.database, plain, key=None)
        assert keys.is_plain(plain)
        with open_database(paths) as db:
            MeetingService(db).create_meeting("Later")
            db.restore(plain)
            assert [m.title for m in MeetingService(db).list_meetings()] == ["Ouderavond Gouda"]
        assert not keys.is_plain(paths.database) and b"Ouderavond Gouda" not in paths.database.read_bytes()
    finally:
        keys.forget(paths.root)
