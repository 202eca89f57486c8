"""App start with an empty database against one with 5,000 meetings and 250,000 notes.

Each run is a fresh process, offscreen, timed from before the interpreter starts until the main
window has painted its first frame (the meetings list is filled by then). Budget: the large
database may cost at most 10% more than the empty one.

Usage: .venv/bin/python benchmarks/bench_app_start.py [--meetings N] [--runs R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from opvoed_desktop.app import build_services, open_storage
from opvoed_desktop.ui.application import configure
from opvoed_desktop.ui.main_window import MainWindow
app = QApplication([])
services = build_services(data_dir=sys.argv[1], lang="nl")
services.data.ensure()
open_storage(services)
configure(app, services)
window = MainWindow(services)
window.tabs.setCurrentIndex(1)  # the meetings list, the part that grows with the data
window.show()
def painted():
    print(len(window.meetings_view.model.rows), flush=True)
    services.close()
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""


def start_ms(data: Path, runs: int) -> tuple[float, int]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times, rows = [], 0
    for _ in range(runs):
        begin = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(data)], env=env, capture_output=True, text=True, check=True
        )
        times.append((time.perf_counter() - begin) * 1000)
        rows = int(out.stdout.split()[-1])
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from opvoed_desktop.paths import DataPaths
    from opvoed_desktop.services.sample_data import generate
    from opvoed_desktop.storage import open_database

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        big = Path(tmp) / "big"
        with open_database(DataPaths(empty)):
            pass
        with open_database(DataPaths(big)) as db:
            generate(db, args.meetings, notes_per_meeting=50)
        start_ms(empty, 1)  # warm the file cache for both, as a second start of the day would be
        start_ms(big, 1)
        empty_ms, _ = start_ms(empty, args.runs)
        big_ms, rows = start_ms(big, args.runs)
    print("| measurement | median | note |\n| --- | ---: | --- |")
    print(f"| app start, empty database | {empty_ms:.0f} ms | to the first painted frame |")
    print(f"| app start, {rows} meetings | {big_ms:.0f} ms | ratio {big_ms / empty_ms:.2f} (budget 1.10) |")


if __name__ == "__main__":
    main()
