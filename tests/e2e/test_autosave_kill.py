"""Typing, then the power goes: the note must be there when the app comes back."""

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

pytestmark = pytest.mark.e2e
TEXT = "Vaders willen een avond over schoolkeuze"
MEETING = "Avond in de moskee"


def start_app(display: str, data: Path, meeting_id: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), "--open", meeting_id],
        env=x_env(display),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_note_survives_sigkill_after_the_debounce(xvfb: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_database(DataPaths(data)) as db:
        meeting_id = MeetingService(db).create_meeting(MEETING)

    app = start_app(xvfb, data, meeting_id)
    try:
        # The window paints before the database opens: type only once the meeting is open (its
        # title is in the window title), as a person would.
        window = wait_for_window(xvfb, title=MEETING)
        env = x_env(xvfb)
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
        time.sleep(0.5)
        subprocess.run(["xdotool", "type", "--delay", "15", TEXT], env=env, check=True)
        time.sleep(1.5)  # past the 0.7 s debounce, well within the promised 2 s
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
    notes = [n["text"] for n in json.loads(shown.stdout)["notes"]]
    assert TEXT in notes

    # And the app itself starts again on the killed database and shows the note.
    again = start_app(xvfb, data, meeting_id)
    try:
        window = wait_for_window(xvfb)
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=x_env(xvfb), check=True)
        subprocess.run(["xdotool", "key", "ctrl+q"], env=x_env(xvfb), check=True)
        again.wait(timeout=20)
    finally:
        if again.poll() is None:
            again.kill()
    assert again.returncode == 0, again.stderr.read() if again.stderr else ""


def _fluent_text(words: int) -> str:
    # Numbered words: the stored text shows exactly how far the typing got.
    return " ".join(f"w{i:03d}" for i in range(words))


def _note_text(data: Path, meeting_id: str) -> str:
    shown = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), "meetings", "show", meeting_id, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    notes = [n["text"] for n in json.loads(shown.stdout)["notes"] if n["agenda_item_id"] is None]
    return notes[0] if notes else ""


def test_ten_seconds_of_typing_without_a_pause_loses_at_most_two_seconds(xvfb: str, tmp_path: Path) -> None:
    """xdotool types for 10 s without a pause longer than the debounce; SIGKILL right after the
    last key. The stored note is the typed text minus at most the last 2 s of it."""
    data = tmp_path / "data"
    with open_database(DataPaths(data)) as db:
        service = MeetingService(db)
        meeting_id = service.create_meeting(MEETING)
        # A meeting among many: saving is not free at this size, and must not stall the keys.
        from opvoed_desktop.services.sample_data import generate

        generate(db, 300, notes_per_meeting=50)
    typed = _fluent_text(60)  # 300 characters
    # xdotool waits about half the delay between keys: ~30 keys a second, 10 s, no pause near 0.7 s.
    delay_ms = 62

    app = start_app(xvfb, data, meeting_id)
    try:
        # The window paints before the database opens: type only once the meeting is open (its
        # title is in the window title), as a person would.
        window = wait_for_window(xvfb, title=MEETING)
        env = x_env(xvfb)
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
        time.sleep(1.0)
        started = time.monotonic()
        subprocess.run(["xdotool", "type", "--delay", str(delay_ms), typed], env=env, check=True, timeout=60)
        seconds = time.monotonic() - started
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGKILL
    assert seconds >= 8.0, f"typing took only {seconds:.1f}s"

    stored = _note_text(data, meeting_id)
    assert typed.startswith(stored), "the stored note must be what was typed, in order"
    per_second = len(typed) / seconds
    lost = len(typed) - len(stored)
    assert lost <= 2.0 * per_second, f"{lost} characters lost = {lost / per_second:.1f}s of typing"
    assert len(stored) > 0
