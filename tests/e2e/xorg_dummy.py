"""Two monitors for real: Xorg with the dummy video driver, driven with xrandr.

Qt does not see Xvfb's xinerama screens as separate monitors; with the dummy driver every
`xrandr --output DUMMY1 …` is a real RandR change, so Qt emits screenAdded/screenRemoved as it
would when a beamer is plugged in.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import _free_display, x_env

CONFIG = """
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0 - 1000.0
  VertRefresh 5.0 - 200.0
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 3200 1080
  EndSubSection
EndSection
"""
BEAMER_MODE = "1280x800_60.00"
BEAMER_MODELINE = ["83.50", "1280", "1352", "1480", "1680", "800", "803", "809", "831", "-hsync", "+vsync"]


class TwoMonitors:
    def __init__(self, display: str) -> None:
        self.display = display

    def xrandr(self, *args: str) -> None:
        subprocess.run(["xrandr", *args], check=True, env=x_env(self.display), timeout=20, capture_output=True)

    def plug_beamer(self) -> None:
        self.xrandr("--output", "DUMMY1", "--mode", BEAMER_MODE, "--pos", "1920x0")

    def unplug_beamer(self) -> None:
        self.xrandr("--output", "DUMMY1", "--off")


@pytest.fixture(scope="session")
def two_monitors(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoMonitors]:
    # No skip: CI installs these (.ci/run); a missing binary must fail loudly.
    for tool in ("Xorg", "xrandr", "xdotool"):
        assert shutil.which(tool), f"{tool} is not installed; run .ci/run"
    folder = tmp_path_factory.mktemp("xorg")
    conf = folder / "xorg.conf"
    conf.write_text(CONFIG, encoding="utf-8")
    number = _free_display()
    proc = subprocess.Popen(
        ["Xorg", f":{number}", "-config", str(conf), "-noreset", "-nolisten", "tcp", "-logfile", str(folder / "x.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"Xorg did not start; see {folder / 'x.log'}")
        time.sleep(0.05)
    monitors = TwoMonitors(f":{number}")
    try:
        monitors.xrandr("--output", "DUMMY0", "--mode", "1920x1080", "--pos", "0x0")
        monitors.xrandr("--newmode", BEAMER_MODE, *BEAMER_MODELINE)
        monitors.xrandr("--addmode", "DUMMY1", BEAMER_MODE)
        monitors.plug_beamer()
        yield monitors
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
