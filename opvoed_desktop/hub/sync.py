"""The sync protocol between one laptop (SQLite) and the organisation's hub (PostgreSQL).

Every synced row carries `server_seq` (the hub version it holds; NULL: changed here since) and
`base_seq` (the hub version a local edit started from); see storage/base.py for how every local
UPDATE clears the one and keeps the other. A sync is:

1. Push (push.py), table by table (meetings before their rows), in batches, one hub transaction per
   batch. Each batch first takes the next numbers from the hub's counter row; that row's lock orders
   the push transactions, so numbers become visible in order and a puller never skips one. For each
   changed row:
   - the hub holds the same content (a push whose local bookkeeping was cut off): only marked;
   - the hub's row is still at `base_seq` (only this laptop changed it), or absent: written;
   - the hub's row moved past `base_seq` and differs: a conflict. The newest edit wins, the other
     version is kept here as a conflict copy (SyncConflict) until the user chooses.
   After the hub committed, the local rows are marked in a local transaction, only where nobody
   typed in the meantime (a row edited during the sync stays changed, with the new base).
2. Pull (pull.py) everything numbered above the last number pulled from this hub, in one consistent
   hub snapshot (REPEATABLE READ) so no parent is missed; local transactions per batch; the watermark
   moves only at the end. Rows that are here already (same number) are skipped, so an interrupted
   pull simply runs again.

Deletions travel as tombstones, with the rule of a bundle import: a row is gone when a deletion is
newer than its last change (for a meeting: of anything inside it); a deletion never removes a row
changed after it, and the hub refuses rows moved to another meeting and times in the future.
An edit made here that a deletion from elsewhere removes is kept as a conflict copy too.

Only meetings marked "delen met organisatie" (and never sample meetings) go up; local contacts go
up always; deletions go up as ids and times only.

The rest of the package: rows.py (what syncs, how rows compare), run.py (a run's state and its
bookkeeping), identity.py (device and hub ids, `hub init`), results.py (counts and the summary),
conflicts.py (the copies and the user's choice), connection.py (the URL, TLS, the password),
overview.py (counts for the organisation).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, insert, select, update

from opvoed_desktop.hub.pull import Pull
from opvoed_desktop.hub.push import Push
from opvoed_desktop.hub.results import SyncResult
from opvoed_desktop.hub.rows import table_of
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import utcnow
from opvoed_desktop.storage.database import Database


class Sync(Push, Pull):
    """One sync of this laptop with the hub: `Sync(db, hub, progress=…, cancelled=…).run()`."""

    def run(self) -> SyncResult:
        self._register_device()
        self.push()
        revived = self.pull()
        if revived:
            # Rows kept against a deletion from elsewhere (changed after it) go back up now, so one
            # sync leaves this laptop and the hub the same.
            self.push()
            self.pull()
        self._pull_devices()
        return self.result

    # -- devices: which laptops sync, by name, so a meeting can say where it came from ----------------

    def _register_device(self) -> None:
        devices = table_of(m.SyncDevice)
        with self.hub.begin() as hub:
            values = {"name": self.device_name, "last_sync": utcnow()}
            if hub.execute(update(devices).where(devices.c.id == self.device).values(**values)).rowcount == 0:
                hub.execute(insert(devices).values(id=self.device, **values))

    def _pull_devices(self) -> None:
        devices = table_of(m.SyncDevice)
        with self.hub.connect() as hub:
            rows = [dict(r) for r in hub.execute(select(devices)).mappings()]
        with self.db.write() as session:
            conn = session.connection()
            for row in rows:
                values = {k: v for k, v in row.items() if k != "id"}
                if conn.execute(update(devices).where(devices.c.id == row["id"]).values(**values)).rowcount == 0:
                    conn.execute(insert(devices).values(**row))


def sync(db: Database, hub: Engine, **options: Any) -> SyncResult:
    return Sync(db, hub, **options).run()
