"""What a facilitator waits for, measured on the screen of a real X server (its own Xvfb, 1920×1080),
each against its floor in the same run, in turns (a busy machine slows both alike):

- the main window: spawn → first paint (first XDamage event of ≥ 100×100 pixels on the root
  window), with an empty database and with 5,000 meetings / 250,000 notes;
- `present --programme`: spawn → the first step painted on the audience window (a damage covering
  most of the screen);
- a key (XTest) → the next step's first screen change (median and 90th percentile); keys past the
  last step change nothing: they are counted as such, after a short wait instead of the long one
  (the warm-up start counts once how many steps the programme has);
- peak memory (max RSS) presenting the whole programme, and of the main window.

Floor: a bare PySide6 full-screen label (benchmarks/floors.py); a key changes its text.

Run: `.venv/bin/python benchmarks/bench_paint.py [--rounds N]` (or `make bench`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.floors import QT_LABEL  # noqa: E402
from benchmarks.xpaint import HEIGHT, WIDTH, Screen, XServer, stop  # noqa: E402

WINDOW_AREA = 100 * 100  # the main window's first paint (it is 1280×800, not full-screen)
SLIDE_AREA = WIDTH * HEIGHT * 3 // 4  # the audience window (full-screen); the console is smaller
KEYS = 40  # through the whole programme, and back a little
BACK = 5  # of those, the last ones go back
CHANGE_WAIT = 5.0  # seconds to wait for a key that should change the screen
QUIET_WAIT = 0.5  # for a key past the last step: ample for a change that was not expected after all


def app(data: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), *argv]


def floor_label() -> list[str]:
    return [sys.executable, "-c", QT_LABEL]


def keys(screen: Screen, window: str, area: int, forward: int | None = None) -> tuple[list[float], int]:
    """Latencies (ms) of the keys that changed the screen, and how many changed nothing.

    `forward`: how many "Right" keys move to a new step (None: every key changes the screen, as the
    floor's label). A key past the last step is waited for QUIET_WAIT, not CHANGE_WAIT: waiting 5 s
    for each of them measured nothing and cost most of a round. A change it makes all the same is
    measured like any other."""
    screen.settle()
    screen.focus_window_named(window)
    found = []
    unchanged = 0
    for i in range(KEYS):
        back = i >= KEYS - BACK
        expected = forward is None or back or i < forward
        wait = CHANGE_WAIT if expected else QUIET_WAIT
        latency = screen.key_to_paint("Left" if back else "Right", min_area=area, timeout=wait)
        if latency is None:
            unchanged += 1
        else:
            found.append(latency * 1000)
        time.sleep(0.05)  # a facilitator presses a key now and then, not in a burst
    return found, unchanged


def steps_forward(screen: Screen, window: str, area: int) -> int:
    """How many "Right" keys change the screen before the show's end (one long wait, at the end)."""
    screen.settle()
    screen.focus_window_named(window)
    for count in range(KEYS):
        if screen.key_to_paint("Right", min_area=area, timeout=CHANGE_WAIT) is None:
            return count
        time.sleep(0.05)
    return KEYS


def room_view(screen: Screen) -> None:
    """One screen: the console (its preview is the room's view) comes first; F6 puts the room's view
    on the whole screen, as a facilitator with one screen does."""
    screen.settle()
    screen.focus_window_named("presentatieconsole")
    screen.key_to_paint("F6", min_area=SLIDE_AREA)


def p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=5000)
    args = parser.parse_args()
    results: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory() as tmp, XServer() as server:
        empty, big = Path(tmp) / "empty", Path(tmp) / "big"
        from opvoed_desktop.paths import DataPaths
        from opvoed_desktop.services.sample_data import generate
        from opvoed_desktop.storage import open_database

        for data in (empty, big):
            with open_database(DataPaths(data)) as db:
                if data is big:
                    generate(db, args.meetings, notes_per_meeting=50)
            # Seen the welcome once; the start of the day, not the first start ever.
            (data / "settings.json").write_text('{"welcome_seen": true}', encoding="utf-8")
        screen = Screen(server.name)
        present = ("present", "--programme", "programma-dagdeel")
        # One start of each, unmeasured: bytecode, content cache and file cache as on a second start;
        # and how many steps forward the programme has.
        forward = KEYS
        for argv, area in ((floor_label(), WINDOW_AREA), (app(empty), WINDOW_AREA), (app(empty, *present), SLIDE_AREA)):
            _s, proc = screen.spawn_to_paint(argv, min_area=area)
            screen.settle()
            if area == SLIDE_AREA:
                room_view(screen)
                forward = steps_forward(screen, "zaal", SLIDE_AREA)
            stop(proc)
        for _round in range(args.rounds):
            seconds, proc = screen.spawn_to_paint(floor_label(), min_area=WINDOW_AREA)
            add("floor start", seconds)
            latencies, unchanged = keys(screen, "floor-label", SLIDE_AREA)
            for latency in latencies:
                add("floor key", latency)
            add("floor keys unchanged", unchanged)
            add("floor rss", stop(proc) / 1024)

            seconds, proc = screen.spawn_to_paint(app(empty, *present), min_area=SLIDE_AREA)
            add("present start", seconds)
            room_view(screen)
            latencies, unchanged = keys(screen, "zaal", SLIDE_AREA, forward)
            for latency in latencies:
                add("present key", latency)
            add("present keys unchanged", unchanged)
            add("present rss", stop(proc) / 1024)

            for name, data in (("window start, empty", empty), (f"window start, {args.meetings}", big)):
                seconds, proc = screen.spawn_to_paint(app(data), min_area=WINDOW_AREA)
                add(name, seconds)
                screen.settle()  # the database opens after the paint: count its memory too
                add(name.replace("start", "rss"), stop(proc) / 1024)

    med = {name: statistics.median(values) for name, values in results.items()}
    floor_s, floor_key, floor_rss = med["floor start"], med["floor key"], med["floor rss"]
    rows = [
        ("bare PySide6 full-screen label → first paint (floor)", f"{floor_s:.3f} s", "1.00"),
        ("main window, empty database → first paint", f"{med['window start, empty']:.3f} s",
         f"{med['window start, empty'] / floor_s:.2f}"),
        (f"main window, {args.meetings} meetings → first paint", f"{med[f'window start, {args.meetings}']:.3f} s",
         f"{med[f'window start, {args.meetings}'] / floor_s:.2f} "
         f"({med[f'window start, {args.meetings}'] / med['window start, empty']:.2f}× empty)"),
        ("`present --programme` → first step painted", f"{med['present start']:.3f} s",
         f"{med['present start'] / floor_s:.2f}"),
        ("key → label text changed (floor), median / p90", f"{floor_key:.1f} / {p90(results['floor key']):.1f} ms",
         "1.00"),
        ("key → next step, first screen change, median / p90",
         f"{med['present key']:.1f} / {p90(results['present key']):.1f} ms", f"{med['present key'] / floor_key:.2f}"),
        ("peak memory, bare label + 40 keys (floor)", f"{floor_rss:.0f} MB", "1.00"),
        ("peak memory, presenting the whole programme (40 keys)", f"{med['present rss']:.0f} MB",
         f"{med['present rss'] / floor_rss:.2f}"),
        ("peak memory, main window, empty database", f"{med['window rss, empty']:.0f} MB",
         f"{med['window rss, empty'] / floor_rss:.2f}"),
        (f"peak memory, main window, {args.meetings} meetings", f"{med[f'window rss, {args.meetings}']:.0f} MB",
         f"{med[f'window rss, {args.meetings}'] / floor_rss:.2f}"),
    ]
    print(f"Xvfb {WIDTH}×{HEIGHT}; medians of {args.rounds} rounds, each program in turn ({KEYS} keys per round)\n")
    print("| measurement | median | ratio to floor |\n| --- | ---: | ---: |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    past = max(0, KEYS - BACK - forward)
    print(
        f"\nKeys that changed nothing, per round (median): floor {med['floor keys unchanged']:.0f}, "
        f"present {med['present keys unchanged']:.0f} of {KEYS}; the programme moves {forward} steps forward, "
        f"so {past} keys go past its last step (waited {QUIET_WAIT} s each, the others up to {CHANGE_WAIT} s)."
    )


if __name__ == "__main__":
    main()
