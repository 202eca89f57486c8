"""Encryption at rest: what it adds to a start and to an autosave (issue #20).

Builds N sample meetings in a temporary data dir, measures opening (as the window does: without
the whole-file check, plus the first meetings list) and autosaving a note, encrypts the data dir,
and measures the same again with the passphrase: the key derivation (Argon2id) included. Target:
the encrypted start adds at most 300 ms; autosave stays as fast.
Usage: .venv/bin/python benchmarks/bench_encrypted_open.py [--meetings 5000] [--notes-per-meeting 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sample_data import generate
from opvoed_desktop.storage import convert, crypto, keys, open_database

PASSPHRASE = "paarse olifant danst zacht"
TARGET_ADDED_MS = 300


def _start(paths: DataPaths, *, encrypted: bool) -> float:
    """One start: (key derivation,) open, first list. Milliseconds."""
    if encrypted:
        keys.forget(paths.root)
    begin = time.perf_counter()
    if encrypted:
        crypto.unlock(paths, PASSPHRASE)
    with open_database(paths, check=False) as db:
        MeetingService(db).list_meetings()
    return (time.perf_counter() - begin) * 1000


def _saves(paths: DataPaths, count: int) -> list[float]:
    with open_database(paths, check=False) as db:
        service = MeetingService(db)
        meeting = service.list_meetings()[0].id
        text, times = "", []
        for _ in range(count):
            text += "Vaders willen een avond over schoolkeuze. "
            begin = time.perf_counter()
            service.save_item_note(meeting, None, text)
            times.append((time.perf_counter() - begin) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--notes-per-meeting", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = DataPaths(Path(tmp) / "data")
        with open_database(paths) as db:
            counts = generate(db, args.meetings, notes_per_meeting=args.notes_per_meeting)
        plain = statistics.median(_start(paths, encrypted=False) for _ in range(args.repeat))
        plain_saves = _saves(paths, 40)
        begin = time.perf_counter()
        convert.encrypt(paths, PASSPHRASE)
        converted_s = time.perf_counter() - begin
        kdf = []
        for _ in range(args.repeat):
            keys.forget(paths.root)
            begin = time.perf_counter()
            crypto.unlock(paths, PASSPHRASE)
            kdf.append((time.perf_counter() - begin) * 1000)
        encrypted = statistics.median(_start(paths, encrypted=True) for _ in range(args.repeat))
        encrypted_saves = _saves(paths, 40)
    added = encrypted - plain
    print(f"{counts.meetings} meetings, {counts.notes} notes; load average {os.getloadavg()[0]:.1f}\n")
    print("| measure | plain | encrypted |")
    print("| --- | ---: | ---: |")
    print(f"| start: (key derivation,) open, first list, median ms | {plain:.0f} | {encrypted:.0f} |")
    print(f"| of which key derivation (Argon2id), median ms | – | {statistics.median(kdf):.0f} |")
    print(
        f"| autosave one note, median ms | {statistics.median(plain_saves):.1f} "
        f"| {statistics.median(encrypted_saves):.1f} |"
    )
    print(
        f"| autosave one note, 90th percentile ms | {sorted(plain_saves)[36]:.1f} "
        f"| {sorted(encrypted_saves)[36]:.1f} |"
    )
    print(f"\nconverting the data dir (backup, export, verify, swap): {converted_s:.1f} s")
    verdict = "within" if added <= TARGET_ADDED_MS else "OVER"
    print(f"encryption adds {added:.0f} ms to a start: {verdict} the {TARGET_ADDED_MS} ms target")


if __name__ == "__main__":
    main()
