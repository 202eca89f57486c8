"""At 150% scale and the largest text size on a 1366×768 laptop, every view fits: no window asks
for more than the screen (the console neither), no text is cut against its own size hint, nothing
lies outside its window unless a scroll area reaches it. Each language and theme in its own
process, because the scale and the screen are fixed when Qt starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCREEN = {
    "synchronousWindowSystemEvents": False,
    "windowFrameMargins": False,
    "screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "dpr": 1}],
}


@pytest.mark.parametrize(("lang", "theme"), [("nl", "light"), ("ar", "high-contrast")])
def test_every_view_fits_a_small_laptop_at_large_text(tmp_path: Path, lang: str, theme: str) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN), encoding="utf-8")
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": "1.5",
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.reflow_probe", str(tmp_path / "data"), lang, theme],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("REFLOW ")]
    assert lines, done.stderr[-3000:]
    result = json.loads(lines[-1][len("REFLOW ") :])
    assert result["screen"] == [911, 512]  # 1366×768 at 150%
    views = result["views"]
    assert len(views) >= 20 and "presenter console" in views
    assert {name: found for name, found in views.items() if found} == {}
