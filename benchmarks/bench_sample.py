"""`opvoed-desktop sample-data --meetings 5000` (250,000 notes), a fresh process each time, against
its floor in the same run, in turns: the same number of rows written by plain sqlite3 into
tables of the same width without indexes, triggers or search index (what the disk and SQLite cost).

Goal: ≤ 10 s on a quiet machine. Run: `.venv/bin/python benchmarks/bench_sample.py [--runs R]`.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = """
import sqlite3, sys, uuid
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA journal_mode = WAL"); conn.execute("PRAGMA synchronous = FULL")
conn.execute("CREATE TABLE row (id TEXT PRIMARY KEY, a TEXT, b TEXT, c TEXT, d TEXT, e TEXT)")
text = "Ouders weten vaak niet waar het CJG zit of wat het doet. Vaders komen weinig."
rows = int(sys.argv[2])
with conn:
    conn.executemany("INSERT INTO row VALUES (?, ?, ?, ?, ?, ?)",
                     ((f"{n:08x}-0000-4000-8000-000000000000", "2024-01-01 19:30:00.000000",
                       "2024-01-01 19:30:00.000000", "m", "a", text) for n in range(rows)))
conn.close()
"""


def run(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env={k: v for k, v in os.environ.items()
                                                               if k != "PYTHONDONTWRITEBYTECODE"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = args.meetings * 74  # what one sample meeting writes: 50 notes, 8 agenda items, 16 more
    ours, floor = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            floor.append(run([sys.executable, "-c", FLOOR, str(Path(tmp) / f"floor-{n}.sqlite3"), str(rows)]))
            ours.append(run([sys.executable, "-m", "opvoed_desktop", "--data-dir", str(Path(tmp) / f"data-{n}"),
                             "sample-data", "--meetings", str(args.meetings)]))
    wall, cpu = statistics.median(w for w, _ in ours), statistics.median(c for _, c in ours)
    floor_wall, floor_cpu = statistics.median(w for w, _ in floor), statistics.median(c for _, c in floor)
    print(f"medians of {args.runs} runs, each in a fresh process, in turns\n")
    print("| measurement | wall | CPU | ratio to floor (wall) |\n| --- | ---: | ---: | ---: |")
    print(f"| floor: {rows} rows by plain sqlite3, no indexes | {floor_wall:.1f} s | {floor_cpu:.1f} s | 1.00 |")
    print(f"| `sample-data --meetings {args.meetings}` | {wall:.1f} s | {cpu:.1f} s | {wall / floor_wall:.2f} |")


if __name__ == "__main__":
    main()
