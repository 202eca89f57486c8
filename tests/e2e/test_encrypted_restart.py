"""Encrypted notes as a person meets them: start, a wrong passphrase, the right one, type, the
power goes; no file holds the typed words, and they are back with the passphrase."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import convert, keys, open_database
from tests.e2e.conftest import x_env
from tests.e2e.test_app_window import wait_for_window

pytestmark = pytest.mark.e2e
TEXT = "Kwispelvaders willen een avond over schoolkeuze"
MEETING = "Avond in de bibliotheek"
PASSPHRASE = "paarse olifant danst zacht"


@pytest.fixture
def display(request: pytest.FixtureRequest) -> str:
    # A display of one's own when several people share the machine; else the suite's Xvfb.
    return os.environ.get("OPVOED_E2E_DISPLAY") or request.getfixturevalue("xvfb")


def _xdotool(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env=x_env(display), check=True)


def test_passphrase_at_start_then_typing_and_a_kill(display: str, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    with open_database(paths) as db:
        meeting_id = MeetingService(db).create_meeting(MEETING)
    convert.encrypt(paths, PASSPHRASE)
    keys.forget(paths.root)

    app = subprocess.Popen(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(paths.root), "--open", meeting_id],
        env=x_env(display),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        dialog = wait_for_window(display, title="Aantekeningen openen")
        _xdotool(display, "windowfocus", "--sync", dialog)
        time.sleep(0.5)
        _xdotool(display, "type", "--delay", "15", "niet het wachtwoord")
        _xdotool(display, "key", "Return")
        time.sleep(1.5)
        # Still asking (the wrong passphrase is selected: typing replaces it).
        assert wait_for_window(display, title="Aantekeningen openen", timeout=5) == dialog
        _xdotool(display, "type", "--delay", "15", PASSPHRASE)
        _xdotool(display, "key", "Return")
        window = wait_for_window(display, title=MEETING)
        _xdotool(display, "windowfocus", "--sync", window)
        time.sleep(0.5)
        _xdotool(display, "type", "--delay", "15", TEXT)
        time.sleep(1.5)  # past the autosave debounce
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGKILL

    for path in paths.root.rglob("*"):
        if path.is_file():
            assert b"Kwispelvaders" not in path.read_bytes(), path.name

    password = tmp_path / "pw"
    password.write_text(PASSPHRASE + "\n")
    shown = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(paths.root), "meetings", "show", meeting_id, "--json"],  # noqa: E501
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "OPVOED_PASSPHRASE_FILE": str(password)},
    )
    assert shown.returncode == 0, shown.stderr
    assert TEXT in [n["text"] for n in json.loads(shown.stdout)["notes"]]
