"""Peak memory (max RSS) of the app's main jobs, each in a fresh process.

Usage: .venv/bin/python benchmarks/bench_memory.py  (offscreen; generates 5,000 sample meetings for
the large-database rows). Prints a Markdown table of medians of 3 runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PEAK = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"

WINDOW = """
import sys
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
window.tabs.setCurrentIndex(1)
window.show()
app.processEvents()
services.close()
"""

HANDOUTS = """
import sys
from opvoed_desktop.cli import run
run(["handout", "ouders", "--all-languages", "-o", sys.argv[1]])
"""

PRESENT = """
import sys
from PySide6.QtWidgets import QApplication
from opvoed_desktop.app import build_services
from opvoed_desktop.services.presenting import AgendaPlan, MemoryNoteSink, build_show
from opvoed_desktop.ui.presenter import PresenterController
app = QApplication([])
services = build_services(data_dir=sys.argv[1], lang="nl")
plan = AgendaPlan.from_programme(services.library.get("programma-dagdeel"), services.library)
controller = PresenterController(build_show(plan.items, services.library), services.library, MemoryNoteSink())
controller.start(0)
for _ in range(40):
    controller.do("next")
    app.processEvents()
controller.stop()
"""


def peak_mb(code: str, arg: str, runs: int = 3) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    values = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code + "\n" + PEAK, arg], env=env, capture_output=True, text=True, check=True
        )
        values.append(int(out.stdout.split()[-1]) / 1024)
    return statistics.median(values)


def main() -> None:
    from opvoed_desktop.paths import DataPaths
    from opvoed_desktop.services.sample_data import generate
    from opvoed_desktop.storage import open_database

    with tempfile.TemporaryDirectory() as tmp:
        empty, big, out = Path(tmp) / "empty", Path(tmp) / "big", Path(tmp) / "out"
        out.mkdir()
        with open_database(DataPaths(empty)):
            pass
        with open_database(DataPaths(big)) as db:
            generate(db, 5000, notes_per_meeting=50)
        rows = [
            ("main window, meetings tab, empty database", peak_mb(WINDOW, str(empty))),
            ("main window, meetings tab, 5,000 meetings / 250,000 notes", peak_mb(WINDOW, str(big))),
            ("presenting the whole programme (40 slides)", peak_mb(PRESENT, str(empty))),
            ("parents' hand-out in all 12 languages (CLI)", peak_mb(HANDOUTS, str(out))),
        ]
    print("| job | peak memory (max RSS, median of 3) |\n| --- | ---: |")
    for name, value in rows:
        print(f"| {name} | {value:.0f} MB |")


if __name__ == "__main__":
    main()
