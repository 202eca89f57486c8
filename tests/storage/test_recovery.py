"""Damaged files are moved aside (never deleted), the user is told in one sentence and
offered the newest backup; a read-only folder still lets the user read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import ReadOnlyError, backup, open_database

from .conftest import REV0001

REPO = Path(__file__).resolve().parents[2]


def _damage(kind: str) -> bytes:
    good = REV0001.read_bytes()
    if kind == "text":
        return b"Dit is geen database maar een boodschappenlijst.\n" * 20
    if kind == "truncated":
        return good[: len(good) // 3]
    if kind == "empty":
        return b""
    # A valid header followed by noise: only SQLite itself can tell.
    return good[:100] + os.urandom(len(good) - 100)


@pytest.mark.parametrize("kind", ["text", "truncated", "empty", "noise-after-header"])
def test_damaged_file_is_moved_aside_not_deleted(paths: DataPaths, kind: str) -> None:
    paths.ensure()
    damaged = _damage(kind)
    paths.database.write_bytes(damaged)
    wal = paths.database.with_name(paths.database.name + "-wal")
    wal.write_bytes(b"old wal")
    with open_database(paths) as db:
        assert db.recovered is not None
        moved = db.recovered.moved_to
        assert moved.parent == paths.root and moved.name.startswith("opvoed.sqlite3.corrupt-")
        assert moved.read_bytes() == damaged
        assert moved.with_name(moved.name + "-wal").read_bytes() == b"old wal"
        message = db.recovered.message
        assert moved.name in message and message.count(".") <= 3 + message.count(moved.name)
        MeetingService(db).create_meeting("Nieuwe start")  # the fresh database works


def test_recovery_offers_newest_backup(paths: DataPaths) -> None:
    with open_database(paths) as db:
        MeetingService(db).create_meeting("Bewaard")
        db.backup("manual")
        newest = db.backup("start")
    paths.database.write_bytes(b"kapot" * 100)
    with open_database(paths) as db:
        assert db.recovered is not None and db.recovered.newest_backup == newest
        assert "reservekopie" in db.recovered.message
        db.restore(newest)
        assert [m.title for m in MeetingService(db).list_meetings()] == ["Bewaard"]


def test_healthy_database_reports_no_recovery(db) -> None:  # type: ignore[no-untyped-def]
    assert db.recovered is None and not db.read_only


# Read-only folders. Root ignores permission bits, so as root the folder is bind-mounted
# read-only in a private mount namespace of the child process (the host never sees it).
def _as_read_only(code: str, root: Path) -> dict[str, object]:
    if os.geteuid() != 0:
        for p in [root, *root.rglob("*")]:
            os.chmod(p, 0o500 if p.is_dir() else 0o400)
        cmd = [sys.executable, "-c", code]
    else:
        if shutil.which("unshare") is None:
            pytest.skip("running as root without unshare: cannot make a read-only folder")
        mount = f'mount --bind "{root}" "{root}" && mount -o remount,bind,ro "{root}"'
        probe = subprocess.run(
            ["unshare", "-m", "--propagation", "private", "sh", "-c", mount], capture_output=True, check=False
        )
        if probe.returncode != 0:
            pytest.skip("running as root without mount rights: cannot make a read-only folder")
        script = f'{mount} && exec "{sys.executable}" -c "$0"'
        cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, code]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60, check=False)
    finally:
        for p in [root, *root.rglob("*")]:
            os.chmod(p, 0o700 if p.is_dir() else 0o600)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


_READ_ONLY_SCRIPT = """
import json, sys
from pathlib import Path
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import ReadOnlyError, open_database
result = {}
try:
    db = open_database(DataPaths(Path(sys.argv[1] if len(sys.argv) > 1 else %r)))
except ReadOnlyError as exc:
    result["open_error"] = str(exc)
else:
    svc = MeetingService(db)
    result["read_only"] = db.read_only
    result["titles"] = [m.title for m in svc.list_meetings()]
    result["hits"] = len(svc.search("vrijwilligers"))
    try:
        svc.create_meeting("Mag niet")
    except ReadOnlyError as exc:
        result["write_error"] = str(exc)
print(json.dumps(result))
"""


def test_read_only_folder_opens_for_reading(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    with open_database(paths) as db:
        svc = MeetingService(db)
        mid = svc.create_meeting("Alleen lezen")
        svc.add_note(mid, "Notitie over vrijwilligers")
    result = _as_read_only(_READ_ONLY_SCRIPT % str(paths.root), paths.root)
    assert result["read_only"] is True
    assert result["titles"] == ["Alleen lezen"] and result["hits"] == 1
    assert "alleen-lezen" in str(result["write_error"])


def test_read_only_folder_without_database_is_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    result = _as_read_only(_READ_ONLY_SCRIPT % str(root), root)
    assert "alleen-lezen" in str(result["open_error"])


def test_write_refused_in_read_only_mode(db, paths: DataPaths) -> None:  # type: ignore[no-untyped-def]
    MeetingService(db).create_meeting("Eerst")
    db.close()
    with open_database(paths, read_only=True) as ro:
        with pytest.raises(ReadOnlyError):
            MeetingService(ro).create_meeting("Daarna")
        assert [m.title for m in MeetingService(ro).list_meetings()] == ["Eerst"]
    assert backup.list_backups(paths) == []
