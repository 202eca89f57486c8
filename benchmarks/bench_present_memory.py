"""Memory while presenting, on the screen of a real X server (its own Xvfb, 1920×1080): where it
grows, not only its peak. Load does not change these figures, so they can be compared between
commits on a busy machine (run it from a checkout of each).

`present --programme` is started on a data folder whose database exists (the start of the day, as in
bench_paint.py: a first start ever also imports Alembic to create it, about 11 MB more), after one
unmeasured start (bytecode and content cache); F6
puts the room's view on the one screen, then 40 keys go through the programme and back a little.
Printed: VmHWM, VmRSS and its parts after the first paint, after F6 and after the keys, and
RssAnon after every fourth key. bench_paint.py has the floor (a bare PySide6 label: 64 MB).

Run: `.venv/bin/python benchmarks/bench_present_memory.py [--rounds N]` (BENCH_DISPLAY=:N to pick
the display).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.xpaint import HEIGHT, WIDTH, Screen, XServer, stop  # noqa: E402

SLIDE_AREA = WIDTH * HEIGHT * 3 // 4
KEYS = 40
FIELDS = ("VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem")


def status(pid: int) -> dict[str, int]:
    """Memory figures of a process in MB, from /proc."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _sep, value = line.partition(":")
        if name in FIELDS:
            found[name] = int(value.split()[0]) // 1024
    return found


def show(label: str, figures: dict[str, int]) -> None:
    print(f"{label:12s} " + "  ".join(f"{name} {figures[name]} MB" for name in FIELDS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, XServer() as server:
        data = Path(tmp) / "data"
        data.mkdir(mode=0o700)
        from opvoed_desktop.paths import DataPaths
        from opvoed_desktop.storage import open_database

        with open_database(DataPaths(data)):
            pass
        (data / "settings.json").write_text('{"welcome_seen": true}', encoding="utf-8")
        screen = Screen(server.name)
        argv = [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data),
                "present", "--programme", "programma-dagdeel"]
        _s, proc = screen.spawn_to_paint(argv, min_area=SLIDE_AREA)  # unmeasured
        screen.settle()
        stop(proc)
        for _round in range(args.rounds):
            _s, proc = screen.spawn_to_paint(argv, min_area=SLIDE_AREA)
            screen.settle()
            show("first paint", status(proc.pid))
            screen.focus_window_named("presentatieconsole")
            screen.key_to_paint("F6", min_area=SLIDE_AREA)
            screen.settle()
            show("after F6", status(proc.pid))
            screen.focus_window_named("zaal")
            trace = []
            for index in range(KEYS):
                screen.key_to_paint("Right" if index < KEYS - 5 else "Left", min_area=SLIDE_AREA)
                time.sleep(0.05)
                if index % 4 == 3:
                    screen.settle()
                    trace.append(f"{index + 1}: {status(proc.pid)['RssAnon']}")
            screen.settle()
            print("RssAnon (MB) after key " + ", ".join(trace))
            show(f"after {KEYS} keys", status(proc.pid))
            stop(proc)


if __name__ == "__main__":
    main()
