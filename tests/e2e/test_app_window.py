"""The real app in a real window: started as a user would, looked at, driven by keys, closed."""

from __future__ import annotations

import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.e2e.conftest import x_env

pytestmark = pytest.mark.e2e
TITLE = "Opvoed Desktop"


def wait_for_window(display: str, timeout: float = 30, title: str = TITLE) -> str:
    """The first visible window whose title contains `title` (the app names the open meeting in its
    title once the database is open, after the first paint)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", title],
            capture_output=True,
            text=True,
            env=x_env(display),
        )
        if found.returncode == 0 and found.stdout.strip():
            return found.stdout.split()[0]
        time.sleep(0.2)
    raise AssertionError(f"no window titled {title!r} appeared")


def screenshot(display: str, path: Path) -> QImage:
    subprocess.run(["import", "-window", "root", str(path)], check=True, env=x_env(display), timeout=30)
    image = QImage(str(path))
    assert not image.isNull()
    return image


def distinct_colours(image: QImage, step: int = 23) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def test_app_starts_shows_library_searches_and_quits(xvfb: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data)],
        env=x_env(xvfb),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        window = wait_for_window(xvfb)
        geometry = subprocess.run(
            ["xdotool", "getwindowgeometry", window], capture_output=True, text=True, env=x_env(xvfb)
        ).stdout
        assert "Geometry:" in geometry
        time.sleep(0.5)
        before = screenshot(xvfb, tmp_path / "start.png")
        assert distinct_colours(before) > 8, "the window looks blank"

        # Keyboard: Ctrl+F, type a word; the screen must change (results list, highlighted page).
        env = x_env(xvfb)
        # No window manager runs under Xvfb: give the window the input focus directly.
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
        subprocess.run(["xdotool", "key", "ctrl+f"], env=env, check=True)
        subprocess.run(["xdotool", "type", "--delay", "20", "gastheer"], env=env, check=True)
        # The search answers within a few hundred ms on a quiet machine (benchmarks/ measure that);
        # here only that it answers: on a loaded CI machine the first search may take seconds.
        deadline = time.monotonic() + 20
        while True:
            time.sleep(0.5)
            after = screenshot(xvfb, tmp_path / "search.png")
            changed = sum(
                1
                for x in range(0, after.width(), 17)
                for y in range(0, after.height(), 17)
                if after.pixel(x, y) != before.pixel(x, y)
            )
            highlight = sum(
                1
                for x in range(0, after.width(), 3)
                for y in range(0, after.height(), 3)
                if after.pixelColor(x, y).name() == "#ffe066"
            )
            if (changed > 50 and highlight > 0) or time.monotonic() > deadline:
                break
        assert changed > 50, "typing a search did not change the window"
        assert highlight > 0, "no highlighted hit is visible"

        subprocess.run(["xdotool", "key", "ctrl+q"], env=env, check=True)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    _out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert data.is_dir()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
