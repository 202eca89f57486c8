"""Full disk, read-only folder, a target that disappears, cancel: a clear sentence, no partial
file under the final name, an older file there untouched, the database untouched."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from opvoed_desktop import fileio
from opvoed_desktop.export import safe_write
from opvoed_desktop.export.errors import Cancelled, ExportError
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import open_database


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_export_is_private_and_complete(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    exporter.export_meeting(meeting_id, "pdf", path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"%PDF") and not leftovers(tmp_path)


def test_full_disk(exporter: ExportService, meeting_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.docx"
    path.write_bytes(b"older export")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", no_space)
    with pytest.raises(ExportError, match="schijf is vol"):
        exporter.export_meeting(meeting_id, "docx", path)
    assert path.read_bytes() == b"older export"
    assert not leftovers(tmp_path)


def test_target_disappears_at_rename(
    exporter: ExportService, meeting_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pulled(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(safe_write.os, "replace", pulled)
    with pytest.raises(ExportError, match="niet \\(meer\\) bereikbaar"):
        exporter.export_meeting(meeting_id, "md", tmp_path / "r.md")
    assert not (tmp_path / "r.md").exists() and not leftovers(tmp_path)


def test_read_only_folder_for_real(tmp_path: Path) -> None:
    """A really read-only folder (a read-only bind mount: root ignores permission bits) → one
    sentence from the CLI, exit 1, nothing written."""
    data = tmp_path / "data"
    with open_database(DataPaths(data)) as db:
        meeting_id = MeetingService(db).create_meeting("Alleen-lezen proef")
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "r.md"
    export = [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), "export", meeting_id]
    export += ["--format", "md", "-o", str(target)]
    if os.geteuid() != 0:
        folder.chmod(0o500)
        cmd = export
    else:
        mount = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}"'
        cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c", f'{mount} && exec "$@"', "sh", *export]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    finally:
        folder.chmod(0o700)
    assert proc.returncode == 1, proc.stderr
    assert "mag niet worden geschreven" in proc.stderr and "Traceback" not in proc.stderr
    assert list(folder.iterdir()) == []


def test_read_only_folder_simulated(
    exporter: ExportService, meeting_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", read_only)
    with pytest.raises(ExportError, match="mag niet worden geschreven"):
        exporter.export_meeting(meeting_id, "csv", tmp_path / "a.csv")
    assert not (tmp_path / "a.csv").exists()


def test_missing_folder_is_refused_before_work(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="bestaat niet"):
        exporter.export_meeting(meeting_id, "pdf", tmp_path / "nope" / "r.pdf")


def test_cancelled_period_leaves_nothing(exporter: ExportService, meeting_id: str, tmp_path: Path) -> None:
    target = tmp_path / "p.zip"
    with pytest.raises(Cancelled):
        exporter.export_period(
            target, municipality="Gouda", since=date(2026, 1, 1), until=date(2026, 12, 31), cancelled=lambda: True
        )
    assert not target.exists() and not leftovers(tmp_path)


def test_database_untouched_by_a_failed_export(
    exporter: ExportService, meeting_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = exporter.meetings.get_meeting(meeting_id)
    monkeypatch.setattr(safe_write.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(ExportError):
        exporter.export_period(tmp_path / "p.zip", municipality="Gouda", since=None, until=None)
    assert exporter.meetings.get_meeting(meeting_id) == before


def test_cli_full_disk_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from opvoed_desktop.app import main as run
    from opvoed_desktop.paths import DataPaths
    from opvoed_desktop.services.meetings import MeetingService
    from opvoed_desktop.storage import open_database
    from tests.export.conftest import make_meeting

    data = tmp_path / "d"
    with open_database(DataPaths(data)) as db:
        meeting = make_meeting(MeetingService(db))
    monkeypatch.setattr(safe_write.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    err = io.StringIO()
    code = run(
        ["--data-dir", str(data), "export", meeting[:8], "--format", "pdf", "-o", str(tmp_path / "r.pdf")],
        io.StringIO(),
        err,
    )
    assert code == 1 and "schijf is vol" in err.getvalue() and "Traceback" not in err.getvalue()
