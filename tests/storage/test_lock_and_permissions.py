"""One writer per data dir (checked from a real second process); private file modes."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from opvoed_desktop import app
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import DatabaseInUseError, open_database

REPO = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import open_database
db = open_database(DataPaths(Path(sys.argv[1])))
MeetingService(db).create_meeting("Van het eerste venster")
print("ready", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def holder(paths: DataPaths):  # type: ignore[no-untyped-def]
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(paths.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


def test_second_instance_is_refused(paths: DataPaths, holder) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatabaseInUseError) as info:
        open_database(paths)
    assert str(info.value).startswith("De app is al geopend")


def test_lock_is_released_when_the_holder_is_killed(paths: DataPaths, holder) -> None:  # type: ignore[no-untyped-def]
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    with open_database(paths) as db:
        titles = [m.title for m in MeetingService(db).list_meetings()]
    assert titles == ["Van het eerste venster"]  # committed before the kill: not lost


def test_cli_reads_while_app_is_open_but_does_not_write(paths: DataPaths, holder, capsys) -> None:  # type: ignore[no-untyped-def]
    assert app.main(["--data-dir", str(paths.root), "meetings", "list"]) == 0
    assert "Van het eerste venster" in capsys.readouterr().out
    assert app.main(["--data-dir", str(paths.root), "sample-data", "--meetings", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("De app is al geopend") and err.count("\n") == 1


def test_lock_released_on_close(paths: DataPaths) -> None:
    open_database(paths).close()
    open_database(paths).close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_files_are_private_whatever_the_umask(paths: DataPaths) -> None:
    old = os.umask(0)
    try:
        with open_database(paths) as db:
            MeetingService(db).create_meeting("Privé")
            db.backup("manual")
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in paths.root.iterdir()}
            modes.update({f"backups/{p.name}": stat.S_IMODE(p.stat().st_mode) for p in paths.backups.iterdir()})
    finally:
        os.umask(old)
    assert stat.S_IMODE(paths.root.stat().st_mode) == 0o700
    assert modes.pop("backups") == 0o700
    assert {"opvoed.sqlite3", "opvoed.sqlite3-wal", "opvoed.lock"} <= set(modes)
    assert all(mode == 0o600 for mode in modes.values()), modes
