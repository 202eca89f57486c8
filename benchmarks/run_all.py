"""Run every benchmark one after the other and print their tables (see docs/performance.md).

Usage: .venv/bin/python benchmarks/run_all.py  (or `make bench`). Takes a quarter of an hour on a
quiet machine: several benchmarks first generate 5,000 sample meetings. Each prints its floor,
measured in the same run, and the ratios to it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "bench_paint.py",
    "bench_present_memory.py",
    "bench_handouts.py",
    "bench_sample.py",
    "bench_present.py",
    "bench_library.py",
    "bench_storage.py",
]


def main() -> int:
    failed = 0
    scripts = ORDER + sorted(p.name for p in HERE.glob("bench_*.py") if p.name not in ORDER)
    for name in scripts:
        print(f"\n## {name}\n", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / name)], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
