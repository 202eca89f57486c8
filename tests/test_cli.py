from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from opvoed_desktop.app import main as run
from tests.conftest import PART, ContentWriter


def call(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_content_check_passes_on_bundled_content() -> None:
    code, out, err = call("content", "check")
    assert code == 0, err
    assert "Inhoud in orde" in out


def test_content_list_json_shows_the_whole_toolkit() -> None:
    code, out, _err = call("content", "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert [p["number"] for p in data["parts"]] == [1, 2, 3]
    assert [e["letter"] for e in data["exercises"]] == list("ABCDEFG")
    assert all(e["minutes"] == sum(s["minutes"] for s in e["steps"]) for e in data["exercises"])
    assert len(data["background"]) >= 7 and all(b["screens"] >= 1 for b in data["background"])
    assert len(data["brochures"]) == 3
    assert {h["audience"] for h in data["handouts"]} == {"ouders", "deelnemers"}
    assert len(data["programmes"]) >= 3
    assert data["skipped"] == []


def test_content_list_plain_text_names_parts_and_exercises() -> None:
    code, out, _err = call("content", "list")
    assert code == 0
    assert "Deel 1 — Verkenning" in out
    assert "B. De kracht van de ander" in out


def test_content_check_reports_file_and_line_and_exits_1(write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    bad = write_content("kapot.md", "---\nid: kapot\nkind: onzin\ntitle: K\n---\n")
    code, _out, err = call("--content-dir", str(bad.parent), "content", "check")
    assert code == 1
    assert "kapot.md:3: onbekende soort 'onzin'" in err
    assert "1 fout gevonden" in err
    assert "Traceback" not in err


def test_unknown_command_is_one_clear_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "vliegen"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "vliegen" in proc.stderr and "--help" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_module_entry_point_runs_headless_without_qt() -> None:
    code = (
        "import sys; from opvoed_desktop.app import main as run; "
        "rc = run(['content', 'list', '--json']); "
        "assert 'PySide6' not in sys.modules, 'Qt imported on a headless path'; sys.exit(rc)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_gui_without_display_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if sys.platform == "linux":
        assert proc.returncode == 1
        assert "beeldscherm" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert not (tmp_path / "d").exists(), "nothing is written when the app cannot start"


def test_argparse_complaints_are_said_in_the_interface_language() -> None:
    for argv, expected in (
        (["content"], "vervolgopdracht"),
        (["vliegen"], "'vliegen' kan niet bij opdracht"),
        (["handout", "ouders", "--lang"], "--lang heeft een waarde nodig"),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "opvoed_desktop", *argv], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 2
        assert expected in proc.stderr, proc.stderr
        assert "required" not in proc.stderr and "invalid choice" not in proc.stderr
