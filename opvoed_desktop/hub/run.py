"""One sync run's state, and the bookkeeping its push (push.py) and pull (pull.py) share.

The state: the laptop's database, the hub's engine, this laptop's device id, the counts so far, the
batch size, and how to report progress and notice a stop. The bookkeeping: marking a local row as
equal to a hub version (unless someone typed in it meanwhile) and writing a conflict copy.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

from sqlalchemy import BigInteger, Connection, DateTime, Engine, Table, bindparam, case, func, literal, update
from sqlalchemy.engine import RowMapping

from opvoed_desktop.hub.identity import device_id, hub_identity
from opvoed_desktop.hub.results import Cancelled, Progress, SyncResult
from opvoed_desktop.hub.rows import MEETING, case_of, jsonable
from opvoed_desktop.storage.base import new_id, utcnow
from opvoed_desktop.storage.database import Database

BATCH = 500


class SyncRun:
    def __init__(
        self,
        db: Database,
        hub: Engine,
        *,
        device_name: str = "",
        batch_size: int = BATCH,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.db = db
        self.hub = hub
        self.batch_size = batch_size
        self.progress = progress or (lambda _phase, _done, _total: None)
        self.cancelled = cancelled or (lambda: False)
        self.device = device_id(db)
        # How colleagues see this laptop ("Afkomstig van: …"); the computer's name unless chosen.
        self.device_name = device_name or socket.gethostname()
        self.hub_id = hub_identity(hub)
        self.result = SyncResult()

    def _check(self) -> None:
        if self.cancelled():
            raise Cancelled

    def _mark(self, conn: Connection, table: Table, row: RowMapping, number: int) -> None:
        """The local row now equals hub version `number`, unless someone typed in the meantime:
        then it stays changed, now based on `number` (so the next push is no false conflict)."""
        untouched = table.c.updated_at == row["updated_at"]
        values: dict[str, Any] = {
            "server_seq": case_of(untouched, number, None),
            "base_seq": number,
            "updated_at": table.c.updated_at,  # bookkeeping, not an edit: keep the time
            "updated_by": case_of(untouched, self.device, table.c.updated_by),
        }
        if table is MEETING:
            values["origin_device"] = func.coalesce(table.c.origin_device, self.device)
        conn.execute(update(table).where(table.c.id == row["id"]).values(**values))

    def _mark_many(self, conn: Connection, table: Table, marks: list[tuple[RowMapping, int]]) -> None:
        """`_mark` for many rows in one executemany."""
        if not marks:
            return
        untouched = table.c.updated_at == bindparam("b_read", type_=DateTime)
        seq = bindparam("b_seq", type_=BigInteger)
        values: dict[str, Any] = {
            "server_seq": case((untouched, seq), else_=None),
            "base_seq": seq,
            "updated_at": table.c.updated_at,
            "updated_by": case((untouched, literal(self.device)), else_=table.c.updated_by),
        }
        if table is MEETING:
            values["origin_device"] = func.coalesce(table.c.origin_device, self.device)
        stmt = update(table).where(table.c.id == bindparam("b_id")).values(**values)
        conn.execute(stmt, [{"b_id": row["id"], "b_read": row["updated_at"], "b_seq": n} for row, n in marks])

    def _conflict(
        self,
        table: Table,
        local: RowMapping | None,
        theirs: RowMapping | dict[str, Any] | None,
        *,
        kept: str,
        deleted_by: str | None = None,
    ) -> dict[str, Any]:
        """A conflict copy (a SyncConflict row): both versions, and which one the row now holds.
        `deleted_by`: the laptop whose deletion is the other version, when `theirs` is a deletion, so
        the conflicts dialog names the colleague rather than "the hub"."""
        source = local if local is not None else theirs
        assert source is not None
        meeting_id = source["id"] if table is MEETING else source.get("meeting_id")
        return {
            "id": new_id(),
            "table_name": table.name,
            "row_id": source["id"],
            "meeting_id": meeting_id,
            "local_row": jsonable(local),
            "hub_row": jsonable(theirs),
            "kept": kept,
            "local_device": self.device,
            "hub_device": theirs["updated_by"] if theirs is not None else deleted_by,
            "detected_at": utcnow(),
        }
