"""Export speed on sample data made by `opvoed-desktop sample-data --meetings N` (50 notes each).

- one meeting's PDF report, warm (median of 10; budget 300 ms), and the first one in the process
- a period of 500 meetings to one zip: a PDF per meeting + agreements CSV + bundle (budget 30 s)

Run: `.venv/bin/python benchmarks/bench_export.py [--meetings 500]`
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPORT_BUDGET = 0.300
PERIOD_BUDGET = 30.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "opvoed_desktop",
                "--data-dir",
                str(data),
                "sample-data",
                "--meetings",
                str(args.meetings),
            ],
            check=True,
            capture_output=True,
        )
        from opvoed_desktop.paths import DataPaths
        from opvoed_desktop.services.exports import ExportService
        from opvoed_desktop.storage import open_database

        with open_database(DataPaths(data)) as db:
            service = ExportService(db)
            ids = service.period_meetings(None, None, None)
            start = time.perf_counter()
            service.render(ids[0], "pdf", "nl")
            first = time.perf_counter() - start
            times = []
            for meeting_id in ids[1:11]:
                start = time.perf_counter()
                service.render(meeting_id, "pdf", "nl")
                times.append(time.perf_counter() - start)
            report = statistics.median(times)
            start = time.perf_counter()
            result = service.export_period(Path(tmp) / "period.zip", municipality=None, since=None, until=None)
            period = time.perf_counter() - start
            size = result.path.stat().st_size
    ok_report = report <= REPORT_BUDGET
    ok_period = period <= PERIOD_BUDGET
    print(
        f"PDF report, one meeting (warm median of 10): {report * 1000:.0f} ms (first in process "
        f"{first * 1000:.0f} ms; budget {REPORT_BUDGET * 1000:.0f} ms) {'OK' if ok_report else 'OVER'}"
    )
    print(
        f"Period of {result.meetings} meetings to zip: {period:.1f} s, {size / 1e6:.1f} MB "
        f"(budget {PERIOD_BUDGET:.0f} s) {'OK' if ok_period else 'OVER'}"
    )
    return 0 if ok_report and ok_period else 1


if __name__ == "__main__":
    sys.exit(main())
