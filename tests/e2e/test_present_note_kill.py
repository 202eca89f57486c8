"""`present --programme`, a quick note typed at once, then the power goes: the note is in the meeting
the show made when the app comes back — typed before that meeting existed, within the 2 s the
autosave promises, through the driver-direct store (storage/show_store.py), plain and encrypted."""

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
from opvoed_desktop.storage import convert, keys, open_database
from tests.e2e.conftest import x_env
from tests.e2e.test_console_note_kill import CONSOLE, _keys, _window

pytestmark = pytest.mark.e2e
NOTE = "Een vader vraagt om een avond over schermtijd"
PASSPHRASE = "paarse olifant danst zacht"
SHOW = ("present", "--programme", "programma-dagdeel")


def _cli(data: Path, env: dict[str, str], *args: str) -> object:
    out = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), *args, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_note_typed_at_the_start_of_a_show_survives_sigkill(xvfb: str, tmp_path: Path, encrypted: bool) -> None:
    data = tmp_path / "data"
    with open_database(DataPaths(data)):
        pass  # the start of an ordinary day: the notes exist
    env = {k: v for k, v in os.environ.items() if k != "OPVOED_PASSPHRASE_FILE"}
    if encrypted:
        convert.encrypt(DataPaths(data), PASSPHRASE)
        keys.forget(data)
        secret = tmp_path / "pw"
        secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
        env["OPVOED_PASSPHRASE_FILE"] = str(secret)
    show_env = x_env(xvfb, **({"OPVOED_PASSPHRASE_FILE": env["OPVOED_PASSPHRASE_FILE"]} if encrypted else {}))
    app = subprocess.Popen(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), *SHOW],
        env=show_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        console = _window(xvfb, CONSOLE)
        subprocess.run(["xdotool", "windowfocus", "--sync", console], env=x_env(xvfb), check=True)
        _keys(xvfb, "ctrl+n")  # into the quick note of the first step, straight away
        subprocess.run(["xdotool", "type", "--delay", "20", NOTE], env=x_env(xvfb), check=True)
        time.sleep(2.0)  # the promise: stored within 2 s of typing; the show still runs
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGKILL, app.stderr.read() if app.stderr else ""

    (meeting,) = _cli(data, env, "meetings", "list")  # type: ignore[misc]
    shown = _cli(data, env, "meetings", "show", meeting["id"])
    assert [n["text"] for n in shown["notes"]] == [NOTE]  # type: ignore[index]
    if encrypted:
        assert not keys.is_plain(data / "opvoed.sqlite3")
        for path in data.rglob("*"):
            if path.is_file():
                assert b"schermtijd" not in path.read_bytes(), path.name
