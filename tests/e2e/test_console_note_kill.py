"""A quick note typed in the presenter console, then the power goes: the note is in the meeting
when the app comes back (stored on the autosave worker within 2 s of typing, like the meeting
notes; see tests/e2e/test_autosave_kill.py)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import open_database
from tests.e2e.conftest import x_env
from tests.e2e.test_app_window import wait_for_window
from tests.e2e.test_autosave_kill import start_app

pytestmark = pytest.mark.e2e
NOTE = "Moeders vragen om een avond over pesten"
CONSOLE = "presentatieconsole"


def _window(display: str, name: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name], capture_output=True, text=True, env=x_env(display)
        ).stdout.split()
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no window '{name}'")


def _keys(display: str, *keys: str) -> None:
    for key in keys:
        subprocess.run(["xdotool", "key", key], env=x_env(display), check=True)
        time.sleep(0.3)


def test_a_quick_note_survives_sigkill_during_the_show(xvfb: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_database(DataPaths(data)) as db:
        service = MeetingService(db)
        meeting_id = service.create_meeting("Avond in de moskee")
        first = service.add_agenda_item(meeting_id, "exercise", "Kennismaken", 20)
        service.add_agenda_item(meeting_id, "pause", "Pauze", 15)

    app = start_app(xvfb, data, meeting_id)
    try:
        main = wait_for_window(xvfb)
        subprocess.run(["xdotool", "windowfocus", "--sync", main], env=x_env(xvfb), check=True)
        time.sleep(0.5)
        _keys(xvfb, "F5")
        console = _window(xvfb, CONSOLE)
        subprocess.run(["xdotool", "windowfocus", "--sync", console], env=x_env(xvfb), check=True)
        time.sleep(0.5)
        _keys(xvfb, "Right", "ctrl+n")  # past the welcome slide to the first item; into its note
        subprocess.run(["xdotool", "type", "--delay", "20", NOTE], env=x_env(xvfb), check=True)
        time.sleep(1.5)  # past the 0.7 s debounce, within the promised 2 s; the show still runs
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGKILL

    shown = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), "meetings", "show", meeting_id, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    notes = {n["agenda_item_id"]: n["text"] for n in json.loads(shown.stdout)["notes"]}
    assert notes.get(first) == NOTE, notes
