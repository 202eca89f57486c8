"""Hub benchmark: a first sync of 500 meetings / 25,000 notes up and down, then an incremental sync
of 10 changed notes (target ≤ 1 s), against a PostgreSQL hub on this machine.

Without --hub it starts a throw-away server itself (initdb + pg_ctl, as tests/hub does; Debian's
`postgresql` package). Floor, measured in the same run: one round trip to the hub (SELECT 1).
Usage: .venv/bin/python benchmarks/bench_hub.py [--meetings N] [--notes-per-meeting N] [--hub URL]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select, update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.hub.pgserver

from opvoed_desktop.hub import connection
from opvoed_desktop.hub.identity import init_hub
from opvoed_desktop.hub.results import SyncResult
from opvoed_desktop.hub.sync import sync
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sample_data import generate
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage import open_database

INCREMENTAL_TARGET_S = 1.0


@contextlib.contextmanager
def hub_url(given: str | None) -> Iterator[str]:
    if given:
        yield given
        return
    from tests.hub.pgserver import running

    with running() as server:
        if server is None:
            raise SystemExit("PostgreSQL is not installed (apt-get install postgresql), and no --hub was given")
        yield server.new_database()


def timed(action: object) -> tuple[float, SyncResult]:
    start = time.perf_counter()
    result = action()  # type: ignore[operator]
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--notes-per-meeting", type=int, default=50)
    parser.add_argument("--hub")
    args = parser.parse_args()
    rows: list[tuple[str, float, str]] = []
    with hub_url(args.hub) as url, tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp:
        address, password = connection.parse(url)
        hub = connection.engine(address, password or connection.keyring_password(address))
        init_hub(hub)
        trips = []
        with hub.connect() as conn:
            for _ in range(20):
                start = time.perf_counter()
                conn.exec_driver_sql("SELECT 1").scalar()
                trips.append(time.perf_counter() - start)
        floor = statistics.median(trips)
        a = open_database(DataPaths(Path(tmp) / "a"))
        b = open_database(DataPaths(Path(tmp) / "b"))
        try:
            generate(a, args.meetings, notes_per_meeting=args.notes_per_meeting)
            with a.write() as session:  # sample meetings never go up: make these real, shared ones
                t = m.Meeting.__table__
                session.execute(
                    update(t).values(
                        is_sample=False, shared=True, updated_at=t.c.updated_at, server_seq=None, base_seq=None
                    )
                )
            with a.session() as session:
                notes = len(list(session.scalars(select(m.Note.id))))
            up_s, up = timed(lambda: sync(a, hub))
            down_s, down = timed(lambda: sync(b, hub))
            rows.append((f"first sync up ({args.meetings} meetings, {notes} notes)", up_s, f"{up.up.added} rows"))
            rows.append(("first sync down, other laptop", down_s, f"{down.down.added} rows"))
            with a.session() as session:
                ids = list(session.scalars(select(m.Note.id).limit(10)))
            service = MeetingService(a)
            for note_id in ids:
                service.update_note(note_id, "Aangepast na de bijeenkomst.")
            inc_up_s, inc_up = timed(lambda: sync(a, hub))
            inc_down_s, inc_down = timed(lambda: sync(b, hub))
            quiet_s, _quiet = timed(lambda: sync(b, hub))
            rows.append(("incremental sync up, 10 changed notes", inc_up_s, f"{inc_up.up.changed} changed"))
            rows.append(("incremental sync down, other laptop", inc_down_s, f"{inc_down.down.changed} changed"))
            rows.append(("sync with nothing to do", quiet_s, ""))
        finally:
            a.close()
            b.close()
            hub.dispose()
    print("| what | seconds | rows | × floor |")
    print("|---|---:|---|---:|")
    print(f"| floor: one round trip to the hub | {floor:.4f} | | 1 |")
    for what, seconds, detail in rows:
        print(f"| {what} | {seconds:.2f} | {detail} | {seconds / floor:,.0f} |")
    worst = max(inc_up_s, inc_down_s)
    verdict = "within" if worst <= INCREMENTAL_TARGET_S else "OVER"
    print(f"\nIncremental sync: {worst:.2f} s, {verdict} the target of {INCREMENTAL_TARGET_S:.0f} s.")
    return 0 if worst <= INCREMENTAL_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
