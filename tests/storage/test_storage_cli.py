"""`meetings list|show`, `backup`, `restore`, `sample-data` through the real CLI entry."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from opvoed_desktop import app
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import backup

REPO = Path(__file__).resolve().parents[2]


def _run(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = app.main(["--data-dir", str(paths.root), *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def test_sample_data_then_list_and_show(paths: DataPaths) -> None:
    code, out, _ = _run(paths, "sample-data", "--meetings", "4", "--notes-per-meeting", "3")
    assert code == 0 and "4" in out and "12" in out
    code, out, _ = _run(paths, "meetings", "list", "--json")
    meetings = json.loads(out)
    assert code == 0 and len(meetings) == 4
    assert all(m["is_sample"] and "(voorbeeld)" in m["title"] for m in meetings)
    code, out, _ = _run(paths, "meetings", "show", meetings[0]["id"][:8], "--json")
    detail = json.loads(out)
    assert code == 0 and detail["id"] == meetings[0]["id"] and len(detail["notes"]) == 3
    assert len(detail["agenda"]) == 8 and detail["agreements"]
    code, out, _ = _run(paths, "meetings", "show", meetings[0]["id"])
    assert code == 0 and detail["title"] in out and detail["notes"][0]["text"] in out
    code, out, _ = _run(paths, "meetings", "list")
    assert code == 0 and out.count("[voorbeeld]") == 4


def test_unknown_meeting_is_one_dutch_sentence(paths: DataPaths) -> None:
    code, out, err = _run(paths, "meetings", "show", "onbekend")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "bestaat niet" in err and "Traceback" not in err


def test_backup_and_restore_commands(paths: DataPaths, tmp_path: Path) -> None:
    _run(paths, "sample-data", "--meetings", "2", "--notes-per-meeting", "1")
    target = tmp_path / "kopie.sqlite3"
    assert _run(paths, "backup", "-o", str(target))[0] == 0 and target.is_file()
    code, _, _ = _run(paths, "backup")
    assert code == 0 and len(backup.list_backups(paths)) == 1
    _run(paths, "sample-data", "--meetings", "3", "--notes-per-meeting", "1")
    code, _, err = _run(paths, "restore", str(target))
    assert code == 0, err
    assert len(json.loads(_run(paths, "meetings", "list", "--json")[1])) == 2


def test_backup_without_database_and_bad_restore_fail_cleanly(paths: DataPaths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = _run(paths, "backup")
    assert code == 1 and "nog geen database" in err
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("x")
    for name in (str(junk), str(tmp_path / "bestaat-niet.sqlite3")):
        code, _, err = _run(paths, "restore", name)
        assert code == 1 and "geen bruikbare reservekopie" in err and err.count("\n") == 1


def test_python_dash_m_meetings_list(paths: DataPaths) -> None:
    _run(paths, "sample-data", "--meetings", "2", "--notes-per-meeting", "1")
    proc = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(paths.root), "meetings", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("[voorbeeld]") == 2


def test_storage_layers_stay_headless_and_cli_module_light() -> None:
    code = (
        "import sys\n"
        "import opvoed_desktop.cli.commands.storage\n"
        "assert 'sqlalchemy' not in sys.modules, 'storage_cli must import sqlalchemy lazily'\n"
        "import opvoed_desktop.services.meetings, opvoed_desktop.services.sample_data\n"
        "import opvoed_desktop.storage.backup\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
