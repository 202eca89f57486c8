"""Driving the real app as a person does, for the journey tests: keys and clicks with xdotool on
a laptop-sized Xvfb screen, answers from the CLI and the PDFs.

Where a widget is comes from the probe (probe_app.py); everything else goes through the screen.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import _free_display, x_env

PROBE_APP = Path(__file__).with_name("probe_app.py")
MAIN_TITLE = "samenwerking formele en informele opvoedondersteuning"


@pytest.fixture(scope="module")
def laptop_screen() -> Iterator[str]:
    """A 1366×768 screen, the borrowed laptop's (no window manager, no beamer)."""
    for tool in ("Xvfb", "xdotool", "import", "pdftotext"):
        assert shutil.which(tool), f"{tool} is not installed; run .ci/run"
    number = _free_display()
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("Xvfb did not start")
        time.sleep(0.05)
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class App:
    """One run of the app on `display` with its data in `root`/data."""

    def __init__(self, display: str, root: Path, lang: str = "nl") -> None:
        self.display = display
        self.root = root
        self.data = root / "data"
        self.probe = root / "probe"
        self.probe.mkdir(parents=True, exist_ok=True)
        self.lang = lang
        self.proc: subprocess.Popen[str] | None = None
        self.shots = 0

    # Starting and stopping -------------------------------------------------------------
    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(PROBE_APP), "--data-dir", str(self.data), "--lang", self.lang],
            env=x_env(self.display, OPVOED_PROBE_DIR=str(self.probe)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.focus_main()
        time.sleep(0.5)

    def focus_main(self) -> None:
        """The main window gets the keyboard (found by its tabs, so in any interface language)."""
        self.focus(self.wait_window(self.where(name="mainTabs", timeout=60)["window"]))

    def quit(self) -> tuple[int, str]:
        """Ctrl+Q in the main window; the exit status and what went to stderr."""
        assert self.proc is not None
        self.focus_main()
        self.key("ctrl+q")
        try:
            self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        _out, err = self.proc.communicate()
        return self.proc.returncode, err

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()

    # Windows -----------------------------------------------------------------------------
    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], capture_output=True, text=True, env=x_env(self.display), timeout=30)
        return done.stdout.strip() if done.returncode == 0 else ""

    def wait_window(self, name: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.xdotool("search", "--onlyvisible", "--name", name)
            if found:
                return found.split()[0]
            assert self.proc is None or self.proc.poll() is None, self._died()
            time.sleep(0.2)
        raise AssertionError(f"no window '{name}' appeared")

    def wait_gone(self, name: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while self.xdotool("search", "--onlyvisible", "--name", name):
            assert time.monotonic() < deadline, f"the window '{name}' did not close"
            time.sleep(0.2)

    def focus(self, window: str) -> None:
        # No window manager: the window gets the keyboard only when told so.
        self.xdotool("windowfocus", "--sync", window)

    def _died(self) -> str:
        assert self.proc is not None
        return f"the app stopped: {self.proc.stderr.read() if self.proc.stderr else ''}"

    # Keys, typing, clicks ----------------------------------------------------------------
    def key(self, *keys: str, pause: float = 0.25) -> None:
        for name in keys:
            subprocess.run(["xdotool", "key", name], check=True, env=x_env(self.display), timeout=20)
            time.sleep(pause)

    def type(self, text: str) -> None:
        # Characters outside the keyboard map are typed by remapping a key for each; give the app
        # time to see every remapping.
        delay = "25" if text.isascii() else "90"
        subprocess.run(["xdotool", "type", "--delay", delay, text], check=True, env=x_env(self.display), timeout=120)
        time.sleep(0.2)

    def type_into_focus(self, text: str, attempts: int = 3) -> None:
        """Type at the end of the focused field and check that the field shows it. Under load
        xdotool can lose a character it types through a remapped key (an X race, not the app's):
        then the typed part is taken back with Backspace and typed again."""
        before = str(self.focused()["text"])
        for _attempt in range(attempts):
            self.type(text)
            after = str(self.focused()["text"])
            if after == before + text:
                return
            self.key(*["BackSpace"] * (len(after) - len(before)), pause=0.02)
        raise AssertionError(f"the field does not show what was typed: {text!r}")

    def ask(self, timeout: float = 15, **question: Any) -> dict[str, Any]:
        """The probe answers between two turns of the app's event loop: it can take a while when the
        app is busy (starting on a loaded machine)."""
        answer = self.probe / "answer.json"
        answer.unlink(missing_ok=True)
        partial = self.probe / "ask.part"
        partial.write_text(json.dumps(question), encoding="utf-8")
        partial.replace(self.probe / "ask.json")
        deadline = time.monotonic() + timeout
        while not answer.exists():
            assert time.monotonic() < deadline, f"the probe did not answer {question}"
            assert self.proc is None or self.proc.poll() is None, self._died()
            time.sleep(0.05)
        result: dict[str, Any] = json.loads(answer.read_text(encoding="utf-8"))
        answer.unlink()
        return result

    # A ceiling, not a pause: it returns as soon as the widget shows. Generous, because a loaded CI
    # machine (two cores) can take many seconds to reopen the app where it was left.
    def where(self, text: str | None = None, name: str | None = None, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            found = self.ask(timeout=max(timeout, 15), text=text, name=name)
            if "error" not in found:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(found["error"])
            time.sleep(0.2)

    def click(self, text: str | None = None, name: str | None = None) -> None:
        found = self.where(text, name)
        assert found["enabled"], f"'{text or name}' is greyed out"
        self.xdotool("mousemove", "--sync", str(found["x"]), str(found["y"]))
        under = self.xdotool("getmouselocation", "--shell")
        window = next((line.split("=")[1] for line in under.splitlines() if line.startswith("WINDOW=")), "")
        if window:
            self.focus(window)
        self.xdotool("click", "1")
        time.sleep(0.4)

    def focused(self) -> dict[str, Any]:
        return self.ask(focus=True)

    def screenshot(self, name: str) -> Path:
        self.shots += 1
        path = self.root / f"{self.shots:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True, env=x_env(self.display), timeout=30)
        return path

    # The app's own answers ---------------------------------------------------------------
    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(self.data), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def meetings(self) -> list[dict[str, Any]]:
        return list(json.loads(self.cli("meetings", "list", "--json")))

    def meeting(self, meeting_id: str) -> dict[str, Any]:
        return dict(json.loads(self.cli("meetings", "show", meeting_id, "--json")))


def wait_for_file(path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not (path.is_file() and path.stat().st_size > 0):
        assert time.monotonic() < deadline, f"{path} was not written"
        time.sleep(0.2)
