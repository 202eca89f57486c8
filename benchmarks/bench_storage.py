"""Storage benchmark: 5,000 sample meetings with 250,000 notes in a temporary data dir.

Prints a Markdown table of medians for: opening the database (as the window does, and with the
whole-file check the CLI runs), the check alone, the meetings list, one search, opening one
meeting (all its records), one autosave of a note (median and 90th percentile: the reason meeting
notes save on a worker thread), and deleting one note (which merges the search index so the
deleted words leave the file). Usage: .venv/bin/python benchmarks/bench_storage.py [--meetings N] [--repeat R]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sample_data import generate
from opvoed_desktop.storage import open_database

TARGETS_MS = {"meetings list": 100, "search": 50, "open one meeting": 50}


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm caches, as a running app has
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _save_times(service: MeetingService, meeting_id: str, count: int) -> list[float]:
    """What one autosave of a growing note costs, as the note editor does it (synchronous=FULL)."""
    text, times = "", []
    for _ in range(count):
        text += "Vaders willen een avond over schoolkeuze. "
        start = time.perf_counter()
        service.save_item_note(meeting_id, None, text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--notes-per-meeting", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = DataPaths(Path(tmp) / "data")
        empty_open = median_ms(lambda: open_database(paths).close(), args.repeat)
        with open_database(paths) as db:
            start = time.perf_counter()
            counts = generate(db, args.meetings, notes_per_meeting=args.notes_per_meeting)
            generated_s = time.perf_counter() - start
        full_open = median_ms(lambda: open_database(paths, check=False).close(), args.repeat)
        checked_open = median_ms(lambda: open_database(paths).close(), 5)
        with open_database(paths, check=False) as db:
            service = MeetingService(db)
            meetings = service.list_meetings()
            some = meetings[len(meetings) // 2].id
            rows.append(("open database, empty", empty_open))
            rows.append((f"open database, {counts.meetings} meetings (window: check after first paint)", full_open))
            rows.append((f"open database, {counts.meetings} meetings, with quick_check (CLI)", checked_open))
            rows.append(("quick_check alone", median_ms(db.check, 5)))
            rows.append(("meetings list", median_ms(service.list_meetings, args.repeat)))
            rows.append(("search", median_ms(lambda: service.search("taalcafé"), args.repeat)))
            rows.append(("search, common word", median_ms(lambda: service.search("ouders"), args.repeat)))
            rows.append(("open one meeting", median_ms(lambda: service.get_meeting(some), args.repeat)))
            saves = _save_times(service, some, 60)
            rows.append(("autosave one note, median", statistics.median(saves)))
            rows.append(("autosave one note, 90th percentile", sorted(saves)[int(len(saves) * 0.9)]))
            note_ids = iter(service.get_meeting(some).notes)
            rows.append(
                (
                    "delete one note (with index merge)",
                    median_ms(lambda: service.delete_note(next(note_ids).id), 5),
                )
            )
            size_mb = paths.database.stat().st_size / 1e6
    print(
        f"{counts.meetings} meetings, {counts.notes} notes generated in {generated_s:.1f} s; "
        f"database {size_mb:.0f} MB\n"
    )
    print("| measurement | median (ms) | target (ms) |")
    print("|---|---:|---:|")
    for name, ms in rows:
        target = TARGETS_MS.get(name.split(",")[0])
        print(f"| {name} | {ms:.1f} | {target if target else ''} |")


if __name__ == "__main__":
    main()
