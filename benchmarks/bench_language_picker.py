"""The "Talen in de zaal" picker, built the first time in a fresh process (as when a meeting's
details are first opened): the list of ~330 languages with their names.

Run: `.venv/bin/python benchmarks/bench_language_picker.py`. Prints a Markdown table of medians
of 5 fresh processes per interface language (QApplication and imports made before the clock).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

CHILD = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from opvoed_desktop.ui.meetings.language_picker import LanguagePicker
app = QApplication([])
start = time.perf_counter()
picker = LanguagePicker(["ar", "ti", "Nederlands, Turks"], sys.argv[1])
print((time.perf_counter() - start) * 1000)
"""


def first_build_ms(ui_locale: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, ui_locale], capture_output=True, text=True, check=True, env=os.environ.copy()
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def main() -> None:
    print("| interface | first build of the language list (ms, median of 5 fresh processes) |")
    print("|---|---|")
    for ui_locale in ("nl", "ar", "ti"):
        print(f"| {ui_locale} | {first_build_ms(ui_locale):.0f} |")


if __name__ == "__main__":
    main()
