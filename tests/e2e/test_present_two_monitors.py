"""The real app presenting on two monitors: the beamer is unplugged and plugged back mid-show."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.e2e.conftest import x_env
from tests.e2e.xorg_dummy import TwoMonitors, two_monitors  # noqa: F401 (fixture)

pytestmark = pytest.mark.e2e
AUDIENCE = "scherm voor de zaal"
CONSOLE = "presentatieconsole"


def xdotool(display: str, *args: str) -> str:
    done = subprocess.run(["xdotool", *args], capture_output=True, text=True, env=x_env(display), timeout=20)
    return done.stdout.strip() if done.returncode == 0 else ""


def find_window(display: str, name: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = xdotool(display, "search", "--onlyvisible", "--name", name)
        if found:
            return found.split()[0]
        time.sleep(0.2)
    raise AssertionError(f"no window '{name}' appeared")


def geometry(display: str, window: str) -> tuple[int, int, int, int]:
    text = xdotool(display, "getwindowgeometry", window)
    x, y = map(int, re.search(r"Position: (-?\d+),(-?\d+)", text).groups())  # type: ignore[union-attr]
    w, h = map(int, re.search(r"Geometry: (\d+)x(\d+)", text).groups())  # type: ignore[union-attr]
    return x, y, w, h


def wait_geometry(display: str, window: str, wanted: tuple[int, int, int, int], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if geometry(display, window) == wanted:
            return
        time.sleep(0.1)
    raise AssertionError(f"window at {geometry(display, window)}, expected {wanted}")


def grab(display: str, path: Path) -> QImage:
    subprocess.run(["import", "-window", "root", str(path)], check=True, env=x_env(display), timeout=30)
    image = QImage(str(path))
    assert not image.isNull()
    return image


def region_signature(image: QImage, x0: int, y0: int, w: int, h: int) -> list[int]:
    return [image.pixel(x, y) for x in range(x0, x0 + w, 29) for y in range(y0, y0 + h, 29)]


def key(display: str, window: str, *keys: str) -> None:
    # No window manager: give the window the input focus directly before typing.
    xdotool(display, "windowfocus", "--sync", window)
    subprocess.run(["xdotool", "key", *keys], check=True, env=x_env(display), timeout=20)


def test_audience_on_second_monitor_survives_unplug_and_replug(two_monitors: TwoMonitors, tmp_path: Path) -> None:  # noqa: F811
    display = two_monitors.display
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "opvoed_desktop",
            "--data-dir",
            str(tmp_path / "data"),
            "present",
            "--programme",
            "programma-kennismaking",
        ],
        env=x_env(display),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        audience = find_window(display, AUDIENCE)
        console = find_window(display, CONSOLE)
        beamer = (1920, 0, 1280, 800)
        wait_geometry(display, audience, beamer)
        assert geometry(display, console)[0] < 1920  # the console stays on the laptop screen
        time.sleep(0.5)
        first = grab(display, tmp_path / "first.png")
        room = region_signature(first, 1920, 0, 1280, 800)
        assert len(set(room)) > 2, "the beamer shows nothing"

        key(display, console, "Right")
        time.sleep(0.5)
        second = grab(display, tmp_path / "second.png")
        assert region_signature(second, 1920, 0, 1280, 800) != room, "the key did not advance the show"
        room = region_signature(second, 1920, 0, 1280, 800)

        two_monitors.unplug_beamer()
        wait_geometry(display, audience, (0, 0, 1920, 1080))  # one screen: the room sees the laptop
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""

        two_monitors.plug_beamer()
        wait_geometry(display, audience, beamer)
        time.sleep(0.5)
        back = grab(display, tmp_path / "back.png")
        assert region_signature(back, 1920, 0, 1280, 800) == room, "the show lost its place"
        assert proc.poll() is None

        key(display, console, "Right")
        time.sleep(0.4)
        assert region_signature(grab(display, tmp_path / "third.png"), 1920, 0, 1280, 800) != room
        key(display, console, "Escape")
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
        two_monitors.plug_beamer()
    _out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
