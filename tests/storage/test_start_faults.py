"""Start-up faults: a full disk, a folder where the database file should be, a read-only data
folder. The app opens and says what is wrong in one sentence, read-only where it cannot write; the
CLI says a sentence, never a traceback; nothing of the user's is changed or made writable."""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from opvoed_desktop import app
from opvoed_desktop.app import build_services, open_storage
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import DatabaseIsFolderError, DiskFullError, lock, open_database

from .faults import REPO, give_to_nobody, json_line, nobody_dir, run_as_nobody, tree

FULL_DISK = (
    "De schijf is vol, dus de app kan niets bewaren; u kunt de aantekeningen lezen, "
    "en na het vrijmaken van ruimte en opnieuw starten weer schrijven."
)


def _run(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = app.main(["--data-dir", str(paths.root), *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def _with_meeting(paths: DataPaths) -> str:
    with open_database(paths) as db:
        return MeetingService(db).create_meeting("Ouderavond Gouda")


# Full disk: writing the pid into opvoed.lock fails with ENOSPC --------------------------------
@pytest.fixture
def full_disk(paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data dir with one meeting, then a disk with no room for the pid in opvoed.lock."""
    _with_meeting(paths)
    real_write = os.write
    pid = str(os.getpid()).encode()

    def no_space(fd: int, data: bytes) -> int:
        if bytes(data) == pid:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(lock.os, "write", no_space)


def test_full_disk_at_start_opens_read_only_and_says_so(paths: DataPaths, full_disk: None) -> None:
    with open_database(paths) as db:
        assert db.read_only
        assert isinstance(db.read_only_because, DiskFullError)
        assert str(db.read_only_because) == FULL_DISK
        assert [m.title for m in MeetingService(db).list_meetings()] == ["Ouderavond Gouda"]
        with pytest.raises(DiskFullError):
            MeetingService(db).create_meeting("Past niet meer")


def test_full_disk_at_start_gui_services_say_one_sentence(paths: DataPaths, full_disk: None) -> None:
    services = build_services(str(paths.root), "nl")
    open_storage(services)
    try:
        assert services.storage_message == FULL_DISK
        assert services.meetings is not None and services.database.read_only
    finally:
        services.close()


def test_full_disk_at_start_cli(paths: DataPaths, full_disk: None) -> None:
    code, out, err = _run(paths, "meetings", "list")
    assert code == 0 and "Ouderavond Gouda" in out
    code, out, err = _run(paths, "sample-data", "--meetings", "1")
    assert (code, out, err) == (1, "", FULL_DISK + "\n")


_TMPFS_SCRIPT = textwrap.dedent(
    """
    set -e
    mount -t tmpfs -o size=2m,mode=0700 tmpfs "$1"
    cp -a "$2"/. "$1"/
    dd if=/dev/zero of="$1/vulling" bs=4k 2>/dev/null || true
    cd "$3"
    for args in "meetings list" "sample-data --meetings 1"; do
      "$4" -m opvoed_desktop --data-dir "$1" $args > "$5/out-${args%% *}" 2> "$5/err-${args%% *}" \\
        && echo 0 > "$5/rc-${args%% *}" || echo $? > "$5/rc-${args%% *}"
    done
    QT_QPA_PLATFORM=offscreen "$4" -c "$6" "$1" > "$5/gui" 2> "$5/gui-err" || true
    """
)
_GUI_PROBE = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtWidgets import QApplication
    from opvoed_desktop.app import build_services, open_storage
    from opvoed_desktop.ui.main_window import MainWindow
    app = QApplication([])
    services = build_services(sys.argv[1], "nl")
    open_storage(services)
    window = MainWindow(services)
    window.show()
    app.processEvents()
    banner = window.findChild(type(window.storage_banner), "storageBanner")
    print(json.dumps({"banner": banner.text() if banner else None,
                      "meetings": [m.title for m in services.meetings.list_meetings()]}))
    services.close()
    """
)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root for a private tmpfs")
def test_a_really_full_disk(tmp_path: Path) -> None:
    """A 2 MB tmpfs filled to the last byte, in a private mount namespace (the host never sees it)."""
    paths = DataPaths(tmp_path / "data")
    _with_meeting(paths)
    mount, results = tmp_path / "vol", tmp_path / "results"
    mount.mkdir()
    results.mkdir()
    script_args = [str(mount), str(paths.root), str(REPO), sys.executable, str(results), _GUI_PROBE]
    proc = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", _TMPFS_SCRIPT, "sh", *script_args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )
    if proc.returncode != 0 and "mount" in proc.stderr:
        pytest.skip("no mount rights here: " + proc.stderr)

    def read(name: str) -> str:
        return (results / name).read_text()

    assert read("rc-meetings").strip() == "0", read("err-meetings")
    assert "Ouderavond Gouda" in read("out-meetings")
    assert read("rc-sample-data").strip() == "1"
    assert read("err-sample-data") == FULL_DISK + "\n"
    assert "Traceback" not in read("err-meetings") + read("gui-err")
    gui = json_line(subprocess.CompletedProcess([], 0, read("gui"), read("gui-err")))
    assert gui == {"banner": FULL_DISK, "meetings": ["Ouderavond Gouda"]}


# A folder where the database file should be ------------------------------------------------------
FOLDER = (
    "Op de plaats van het gegevensbestand {path} staat een map; verplaats of hernoem die map, "
    "dan kan de app weer bewaren."
)


def test_a_folder_where_the_database_should_be(paths: DataPaths) -> None:
    paths.database.mkdir(parents=True)
    (paths.database / "iets-van-de-gebruiker.txt").write_text("blijft")
    with pytest.raises(DatabaseIsFolderError) as info:
        open_database(paths)
    assert str(info.value) == FOLDER.format(path=paths.database)
    assert (paths.database / "iets-van-de-gebruiker.txt").read_text() == "blijft"
    code, out, err = _run(paths, "meetings", "list")
    assert (code, out, err) == (1, "", FOLDER.format(path=paths.database) + "\n")
    services = build_services(str(paths.root), "nl")
    open_storage(services)
    assert services.storage_message == FOLDER.format(path=paths.database) and services.meetings is None
    services.close()


def test_the_gui_window_opens_when_the_database_is_a_folder(qtbot, paths: DataPaths) -> None:  # type: ignore[no-untyped-def]
    from opvoed_desktop.ui.main_window import MainWindow

    paths.database.mkdir(parents=True)
    services = build_services(str(paths.root), "nl")
    open_storage(services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert window.storage_banner is not None and window.storage_banner.text() == FOLDER.format(path=paths.database)
    services.close()


def test_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.write_text("geen map")
    code, out, err = _run(DataPaths(root), "meetings", "list")
    assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert str(root) in err
    assert root.read_text() == "geen map"


# Read-only data folders, as a real unprivileged user -------------------------------------------
_OPEN_AS_GUI = textwrap.dedent(
    """
    import json, os, sys, stat
    from PySide6.QtWidgets import QApplication
    from opvoed_desktop.app import build_services, open_storage
    from opvoed_desktop.ui.main_window import MainWindow
    app = QApplication([])
    services = build_services(sys.argv[1], "nl")
    services.data.ensure()
    open_storage(services)
    window = MainWindow(services)
    window.show()
    for _ in range(20):
        app.processEvents()
    result = {
        "mode": stat.S_IMODE(os.stat(sys.argv[1]).st_mode),
        "read_only": services.database.read_only,
        "message": services.storage_message,
        "meetings": [m.title for m in services.meetings.list_meetings()],
        "banner": window.storage_banner.text() if window.storage_banner else None,
    }
    window.close()
    services.close()
    print(json.dumps(result))
    """
)


@pytest.mark.skipif(os.geteuid() != 0, reason="drops from root to nobody")
def test_a_read_only_data_folder_is_respected_by_the_app() -> None:
    with nobody_dir() as home:
        paths = DataPaths(home / "data")
        _with_meeting(paths)
        give_to_nobody(home)
        os.chmod(paths.root, 0o500)
        before = tree(paths.root)
        proc = run_as_nobody(["-c", _OPEN_AS_GUI, str(paths.root)], home=home)
        result = json_line(proc)
        assert result["mode"] == 0o500  # not chmod-ed to 0700
        assert result["read_only"] is True and result["meetings"] == ["Ouderavond Gouda"]
        message = (
            f"De map {paths.root} is alleen-lezen, dus wijzigingen kunnen niet worden bewaard; "
            "kies een map waarin u mag schrijven."
        )
        assert result["message"] == result["banner"] == message
        assert tree(paths.root) == before  # no backups folder, no WAL, nothing written


@pytest.mark.skipif(os.geteuid() != 0, reason="drops from root to nobody")
def test_cli_backup_into_a_read_only_folder_is_a_sentence() -> None:
    with nobody_dir() as home:
        paths = DataPaths(home / "data")
        _with_meeting(paths)
        closed = home / "dicht"
        closed.mkdir()
        give_to_nobody(home)
        os.chmod(closed, 0o500)
        proc = run_as_nobody(
            ["-m", "opvoed_desktop", "--data-dir", str(paths.root), "backup", "-o", str(closed / "kopie.sqlite3")],
            home=home,
        )
        assert proc.returncode == 1 and proc.stdout == ""
        refused = "mag niet worden geschreven, dus er is geen reservekopie gemaakt; kies een andere map.\n"
        assert proc.stderr == f"In de map {closed} {refused}"
        assert list(closed.iterdir()) == []
        # The data folder itself read-only: `backup` to the usual place is a sentence as well.
        os.chmod(paths.root, 0o500)
        proc = run_as_nobody(["-m", "opvoed_desktop", "--data-dir", str(paths.root), "backup"], home=home)
        assert proc.returncode == 1 and proc.stdout == ""
        assert proc.stderr == f"In de map {paths.root} {refused}"  # the folder that exists, not backups/


def test_backup_output_creates_missing_folders_private(paths: DataPaths, tmp_path: Path) -> None:
    _with_meeting(paths)
    target = tmp_path / "a" / "b" / "c.sqlite3"
    old = os.umask(0)
    try:
        code, _out, err = _run(paths, "backup", "-o", str(target))
    finally:
        os.umask(old)
    assert code == 0, err
    assert target.is_file() and stat.S_IMODE(target.stat().st_mode) == 0o600
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_ensure_never_widens_permissions(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir(mode=0o500)
    os.chmod(root, 0o500)
    DataPaths(root).ensure()
    assert stat.S_IMODE(root.stat().st_mode) == 0o500
    os.chmod(root, 0o755)
    DataPaths(root).ensure()
    assert stat.S_IMODE(root.stat().st_mode) == 0o700  # others lose access; the owner gains nothing
    os.chmod(root, 0o700)
    fresh = tmp_path / "nieuw" / "data"
    old = os.umask(0)
    try:
        DataPaths(fresh).ensure()
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700


def test_a_log_file_on_a_full_disk_never_fails_the_app(paths: DataPaths) -> None:
    import logging

    from opvoed_desktop.errorlog import ErrorLog

    class FullDisk(io.StringIO):
        def write(self, _text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

    paths.ensure()
    log = ErrorLog(paths.logs)
    log.attach()
    log.attach()  # the window after the CLI entry: still one handler on the one file
    assert logging.getLogger("opvoed_desktop").handlers.count(log.handler) == 1
    try:
        logging.getLogger("opvoed_desktop.storage").warning("a line before the disk is full")
        log.handler.stream = FullDisk()  # type: ignore[assignment]
        logging.getLogger("opvoed_desktop.storage").warning("a line the disk has no room for")
    finally:
        log.detach()  # closing flushes the full stream: must not raise
    assert stat.S_IMODE((paths.logs / "opvoed-desktop.log").stat().st_mode) == 0o600
