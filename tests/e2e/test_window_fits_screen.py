"""No window grows past a 1366×768 laptop screen, whatever tab or meeting section is opened
(the old agenda planner widened it to 1813 px), in Dutch, Arabic and 40% longer text."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import _free_display, x_env

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def laptop_display() -> Iterator[str]:
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


@pytest.mark.parametrize("lang", ["nl", "ar", "x-long"])
def test_every_tab_fits_a_1366_screen(laptop_display: str, tmp_path: Path, lang: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.e2e.width_probe", str(tmp_path / "data"), lang],
        env=x_env(laptop_display, QT_QPA_PLATFORM="xcb"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["screen"] == 1366
    assert seen["widest"] <= seen["screen"], seen
    assert seen["min_hint"] <= seen["screen"], seen
