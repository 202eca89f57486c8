"""The pull: what colleagues changed comes down from the hub (step 2 of sync.py's protocol).

Everything numbered above the last number pulled from this hub, read in one consistent hub snapshot
(REPEATABLE READ) so no parent is missed, applied in local transactions per batch; the watermark
moves only at the end, and rows already here (same number) are skipped, so an interrupted pull simply
runs again. A row changed here too is a conflict: the newest edit stays, the other is kept as a copy.
Deletions come down as tombstones and remove a row only when they are newer than its last change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import RowMapping

from opvoed_desktop.hub.identity import COUNTER
from opvoed_desktop.hub.rows import (
    BY_NAME,
    CHILDREN,
    MEETING,
    ROW_TABLES,
    TOMBSTONE,
    cut,
    dangling,
    existing,
    last_changes,
    same_content,
    table_of,
)
from opvoed_desktop.hub.run import SyncRun
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage import tombstones as ts
from opvoed_desktop.storage.base import new_id
from opvoed_desktop.storage.sync_state import get_state, set_state


class Pull(SyncRun):
    def _watermark_key(self) -> str:
        return f"pulled:{self.hub_id}"

    def pull(self) -> bool:
        """Bring down what is new on the hub; True when a row here was kept against a deletion
        from elsewhere and must go up again."""
        with self.db.session() as session:
            since = int(get_state(session.connection(), self._watermark_key()) or 0)
        revived = False
        with self.hub.connect() as hub:
            hub = hub.execution_options(isolation_level="REPEATABLE READ")
            with hub.begin():
                counter = table_of(m.SyncCounter)
                upto = hub.scalar(select(counter.c.value).where(counter.c.name == COUNTER)) or 0
                if upto <= since:
                    return False
                total = sum(
                    hub.scalar(
                        select(func.count()).where(t.c.server_seq > since, t.c.server_seq <= upto).select_from(t)
                    )
                    or 0
                    for t in (*ROW_TABLES, TOMBSTONE)
                )
                done = 0
                self.progress("down", 0, total)
                for table in ROW_TABLES:
                    for batch in self._hub_batches(hub, table, since, upto):
                        self._check()
                        self._apply_rows(table, batch)
                        done += len(batch)
                        self.progress("down", done, total)
                for batch in self._hub_batches(hub, TOMBSTONE, since, upto):
                    self._check()
                    revived |= self._apply_tombstones(batch)
                    done += len(batch)
                    self.progress("down", done, total)
        with self.db.write() as session:
            set_state(session.connection(), self._watermark_key(), str(upto))
        return revived

    def _hub_batches(self, hub: Connection, table: Table, since: int, upto: int) -> Iterator[list[RowMapping]]:
        after = since
        while True:
            stmt = (
                select(table)
                .where(table.c.server_seq > after, table.c.server_seq <= upto)
                .order_by(table.c.server_seq)
                .limit(self.batch_size)
            )
            rows = list(hub.execute(stmt).mappings())
            if not rows:
                return
            yield rows
            after = rows[-1]["server_seq"]

    def _apply_rows(self, table: Table, rows: list[RowMapping]) -> None:
        down = self.result.down
        ids = [r["id"] for r in rows]
        with self.db.write() as session:
            conn = session.connection()
            here = {r["id"]: r for r in conn.execute(select(table).where(table.c.id.in_(ids))).mappings()}
            deleted_here = ts.local(session, [(table.name, i) for i in ids])
            parents = existing(conn, MEETING, {r["meeting_id"] for r in rows}) if table in CHILDREN else set()
            missing = dangling(conn, table, rows)
            conflicts: list[dict[str, Any]] = []
            inserts: list[dict[str, Any]] = []
            updates: list[dict[str, Any]] = []
            for theirs in rows:
                mine = here.get(theirs["id"])
                values = cut(table, {c.name: theirs[c.name] for c in table.columns}, missing)
                if mine is None:
                    when = deleted_here.get((table.name, theirs["id"]))
                    if when is not None and when > theirs["updated_at"]:  # a tie keeps the row (push.py)
                        continue  # deleted here after that change: the tombstone goes up
                    if table in CHILDREN and theirs["meeting_id"] not in parents:
                        continue  # its meeting was deleted here
                    if table is MEETING:
                        values["shared"] = True  # it came from the organisation: it stays shared
                    inserts.append(values)
                    down.added += 1
                    continue
                if mine["server_seq"] is not None and mine["server_seq"] >= theirs["server_seq"]:
                    continue  # this version is here already (pushed from here, or pulled before)
                if table in CHILDREN and mine["meeting_id"] != theirs["meeting_id"]:
                    down.refused += 1
                    continue
                values.pop("shared", None)  # a local choice, never overwritten
                if mine["server_seq"] is not None:
                    updates.append({"b_id": theirs["id"], **{k: v for k, v in values.items() if k != "id"}})
                    down.changed += 1
                    continue
                # Changed here since the last sync.
                if mine["base_seq"] == theirs["server_seq"]:
                    # Typed here since this very version (this laptop's own, sent in this sync's push):
                    # no conflict, as in a push; the newer text goes up next.
                    continue
                # Changed on the hub too.
                if same_content(table, mine, theirs):
                    self._mark(conn, table, mine, theirs["server_seq"])
                    continue
                if same_content(table, mine, theirs, but=("updated_at",)):
                    # The same typed here and elsewhere at different moments: nothing to choose between,
                    # so no conflict copy. As in a push, this laptop takes the hub's version, its time
                    # included, so every laptop holds the same row.
                    conn.execute(update(table).where(table.c.id == theirs["id"]).values(**values))
                    continue
                down.conflicts += 1
                hub_wins = theirs["updated_at"] >= mine["updated_at"]
                conflicts.append(self._conflict(table, mine, theirs, kept="hub" if hub_wins else "local"))
                if hub_wins:
                    conn.execute(update(table).where(table.c.id == theirs["id"]).values(**values))
                    down.changed += 1
                else:
                    # The edit here is newer: it stays, based on the hub's version, and goes up next.
                    conn.execute(
                        update(table)
                        .where(table.c.id == theirs["id"])
                        .values(base_seq=theirs["server_seq"], server_seq=None, updated_at=table.c.updated_at)
                    )
            if inserts:
                conn.execute(insert(table), inserts)
            if updates:
                conn.execute(update(table).where(table.c.id == bindparam("b_id")), updates)
            if conflicts:
                conn.execute(insert(table_of(m.SyncConflict)), conflicts)

    def _apply_tombstones(self, rows: list[RowMapping]) -> bool:
        down = self.result.down
        revived = False
        with self.db.write() as session:
            conn = session.connection()
            conflicts: list[dict[str, Any]] = []
            for tomb in rows:
                table = BY_NAME.get(tomb["table_name"])
                by = tomb["updated_by"]  # the laptop that deleted it
                if table is not None:
                    mine = conn.execute(select(table).where(table.c.id == tomb["row_id"])).mappings().first()
                    if mine is not None:
                        changed = last_changes(conn, table, [mine["id"]]).get(mine["id"], mine["updated_at"])
                        if changed < tomb["deleted_at"]:
                            if mine["server_seq"] is None and mine["base_seq"] is not None:
                                # An edit made here that never reached the hub: kept as a copy.
                                conflicts.append(self._conflict(table, mine, None, kept="hub", deleted_by=by))
                                down.conflicts += 1
                            if table is MEETING:
                                # Its rows go with it: what was typed in them here and never reached
                                # the hub is kept as copies too.
                                for child in CHILDREN:
                                    stmt = select(child).where(
                                        child.c.meeting_id == mine["id"], child.c.server_seq.is_(None)
                                    )
                                    for row in conn.execute(stmt).mappings():
                                        conflicts.append(self._conflict(child, row, None, kept="hub", deleted_by=by))
                                        down.conflicts += 1
                            session.execute(
                                delete(ts.TABLES[table.name]).where(ts.TABLES[table.name].id == mine["id"]),
                                execution_options={"tombstone_time": tomb["deleted_at"]},
                            )
                            down.deleted += 1
                        elif tomb["updated_by"] == self.device:
                            # Deleted here, and changed on another laptop after that: the hub kept
                            # the colleague's text and it came back here. The copy holds the
                            # deletion as this laptop's version, so choosing it deletes the row again.
                            conflicts.append(self._conflict(table, None, mine, kept="hub"))
                            down.conflicts += 1
                        else:
                            # Changed here after it was deleted elsewhere: it stays, and goes up again.
                            # A meeting goes up with the time of the last change inside it, which is
                            # what outlived the deletion: the laptop that deleted it compares its
                            # deletion with the meeting's time when the meeting comes back down.
                            conflicts.append(self._conflict(table, mine, None, kept="local", deleted_by=by))
                            down.conflicts += 1
                            conn.execute(
                                update(table)
                                .where(table.c.id == mine["id"])
                                .values(server_seq=None, base_seq=tomb["server_seq"], updated_at=changed)
                            )
                            revived = True
                ts.record_many(
                    conn,
                    [
                        {
                            "id": new_id(),
                            "table_name": tomb["table_name"],
                            "row_id": tomb["row_id"],
                            "deleted_at": tomb["deleted_at"],
                            "server_seq": tomb["server_seq"],
                            "base_seq": tomb["server_seq"],
                            "updated_by": tomb["updated_by"],
                        }
                    ],
                )
            if conflicts:
                conn.execute(insert(table_of(m.SyncConflict)), conflicts)
        return revived
