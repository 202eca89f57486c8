"""The push: what changed on this laptop goes up to the hub (step 1 of sync.py's protocol).

Table by table (meetings before their rows), in batches, one hub transaction per batch. Each batch
first takes its numbers from the hub's counter row, whose lock orders the push transactions, so
numbers become visible in order and a puller never skips one. Per changed row: the same content on
the hub is only marked; a hub row still at `base_seq` (or none) is written; a hub row moved on and
different is a conflict, the newest edit wins and the other is kept as a copy. Then deletions go up
as tombstones. After the hub committed, the local rows are marked, only where nobody typed meanwhile.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, true, update
from sqlalchemy.engine import RowMapping

from opvoed_desktop.hub.identity import COUNTER
from opvoed_desktop.hub.rows import (
    BY_NAME,
    CHILDREN,
    MEETING,
    ROW_TABLES,
    TOMBSTONE,
    chunks,
    cut,
    dangling,
    deletion_times,
    existing,
    last_changes,
    overwrite_if_unchanged,
    same_content,
    table_of,
)
from opvoed_desktop.hub.run import SyncRun
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage import tombstones as ts

log = logging.getLogger(__name__)

CLOCK_SKEW = timedelta(minutes=10)  # the same allowance as the hub's triggers (migration 0005)


class Push(SyncRun):
    def _dirty_ids(self, conn: Connection, table: Table) -> list[str]:
        shared = select(MEETING.c.id).where(MEETING.c.shared == true(), MEETING.c.is_sample.is_(False))
        stmt = select(table.c.id).where(table.c.server_seq.is_(None))
        if table is MEETING:
            stmt = stmt.where(MEETING.c.shared == true(), MEETING.c.is_sample.is_(False))
        elif table in CHILDREN:
            stmt = stmt.where(table.c.meeting_id.in_(shared))
        return list(conn.scalars(stmt.order_by(table.c.created_at, table.c.id)))

    def push(self) -> None:
        with self.db.session() as session:
            conn = session.connection()
            work = [(table, self._dirty_ids(conn, table)) for table in ROW_TABLES]
            tombstones = list(conn.scalars(select(TOMBSTONE.c.id).where(TOMBSTONE.c.server_seq.is_(None))))
        total = sum(len(ids) for _t, ids in work) + len(tombstones)
        done = 0
        self.progress("up", 0, total)
        for table, ids in work:
            for chunk in chunks(ids, self.batch_size):
                self._check()
                self._push_rows(table, chunk)
                done += len(chunk)
                self.progress("up", done, total)
        for chunk in chunks(tombstones, self.batch_size):
            self._check()
            self._push_tombstones(chunk)
            done += len(chunk)
            self.progress("up", done, total)

    def _push_rows(self, table: Table, ids: list[str]) -> None:
        up = self.result.up
        with self.db.session() as session:
            conn = session.connection()
            local = {r["id"]: r for r in conn.execute(select(table).where(table.c.id.in_(ids))).mappings()}
            last_change = last_changes(conn, table, list(local)) if table is MEETING else {}
        marks: list[tuple[RowMapping, int]] = []  # (local row as read, hub number it now equals)
        hub_wins: list[tuple[RowMapping, dict[str, Any]]] = []
        conflicts: list[dict[str, Any]] = []
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        with self.hub.begin() as hub:
            hub_now: datetime = hub.exec_driver_sql("SELECT now() AT TIME ZONE 'UTC'").scalar_one()
            first, count = self._reserve(hub, len(local))
            numbers = iter(range(first, first + count))
            there = {
                r["id"]: r
                for r in hub.execute(select(table).where(table.c.id.in_(list(local))).with_for_update()).mappings()
            }
            deletions = deletion_times(hub, table.name, list(local))
            parents = existing(hub, MEETING, {r["meeting_id"] for r in local.values()}) if table in CHILDREN else set()
            missing = dangling(hub, table, local.values())
            for row_id, row in local.items():
                theirs = there.get(row_id)
                if row["updated_at"] > hub_now + CLOCK_SKEW or row["created_at"] > hub_now + CLOCK_SKEW:
                    up.refused += 1
                    log.warning("hub refused %s %s: a time in the future", table.name, row_id)
                    continue
                if theirs is None:
                    deleted_at = deletions.get(row_id)
                    changed = last_change.get(row_id, row["updated_at"])
                    # A deletion removes only what it is newer than (a tie keeps the row, as in
                    # _push_tombstones, the pull and a bundle import: otherwise laptops part ways).
                    if deleted_at is not None and deleted_at > changed:
                        continue  # deleted on the hub after this edit: the pull removes it here
                    if table in CHILDREN and row["meeting_id"] not in parents:
                        continue  # its meeting is gone from the hub; the pull brings the deletion
                    number = next(numbers)
                    inserts.append(cut(table, self._hub_values(table, row, number), missing))
                    up.added += 1
                    marks.append((row, number))
                    continue
                if same_content(table, row, theirs):
                    marks.append((row, theirs["server_seq"]))
                    continue
                if same_content(table, row, theirs, but=("updated_at",)):
                    # The same typed on two laptops at different moments: nothing to choose between,
                    # so no conflict copy. This laptop takes the hub's version, its time included, so
                    # every laptop holds the same row (unless someone typed in it meanwhile).
                    hub_wins.append((row, dict(theirs)))
                    continue
                if table in CHILDREN and theirs["meeting_id"] != row["meeting_id"]:
                    up.refused += 1
                    log.warning("hub refused %s %s: it would move to another meeting", table.name, row_id)
                    continue
                moved = theirs["server_seq"] != row["base_seq"]
                if moved:
                    up.conflicts += 1
                    local_wins = row["updated_at"] > theirs["updated_at"]
                    conflicts.append(self._conflict(table, row, theirs, kept="local" if local_wins else "hub"))
                    if not local_wins:
                        hub_wins.append((row, dict(theirs)))
                        continue
                number = next(numbers)
                values = cut(table, self._hub_values(table, row, number), missing)
                updates.append({"b_id": row_id, **{k: v for k, v in values.items() if k != "id"}})
                up.changed += 1
                marks.append((row, number))
            # One statement each (pipelined by the driver): a round trip per row is most of a first sync.
            if inserts:
                hub.execute(insert(table), inserts)
            if updates:
                hub.execute(update(table).where(table.c.id == bindparam("b_id")), updates)
        with self.db.write() as session:
            conn = session.connection()
            self._mark_many(conn, table, marks)
            for row, winner in hub_wins:
                overwrite_if_unchanged(conn, table, row, winner)
            if conflicts:
                conn.execute(insert(table_of(m.SyncConflict)), conflicts)

    def _reserve(self, hub: Connection, count: int) -> tuple[int, int]:
        """`count` new numbers from the hub's counter; its row stays locked until this commits."""
        counter = table_of(m.SyncCounter)
        stmt = (
            update(counter)
            .where(counter.c.name == COUNTER)
            .values(value=counter.c.value + count)
            .returning(counter.c.value)
        )
        last = hub.execute(stmt).scalar_one()
        return last - count + 1, count

    def _hub_values(self, table: Table, row: RowMapping, number: int) -> dict[str, Any]:
        values = {c.name: row[c.name] for c in table.columns}
        values.update(server_seq=number, base_seq=number, updated_by=self.device)
        if table is MEETING:
            values.update(shared=True, origin_device=row["origin_device"] or self.device)
        return values

    def _push_tombstones(self, ids: list[str]) -> None:
        with self.db.session() as session:
            rows = list(session.connection().execute(select(TOMBSTONE).where(TOMBSTONE.c.id.in_(ids))).mappings())
        marks: list[tuple[RowMapping, int]] = []
        with self.hub.begin() as hub:
            first, count = self._reserve(hub, len(rows))
            numbers = iter(range(first, first + count))
            for tomb in rows:
                number = next(numbers)
                table = BY_NAME.get(tomb["table_name"])
                if table is not None:
                    theirs = hub.execute(
                        select(table.c.id, table.c.updated_at).where(table.c.id == tomb["row_id"]).with_for_update()
                    ).first()
                    if theirs is not None:
                        changed = last_changes(hub, table, [tomb["row_id"]]).get(tomb["row_id"], theirs.updated_at)
                        if changed < tomb["deleted_at"]:
                            hub.execute(delete(table).where(table.c.id == tomb["row_id"]))
                            self.result.up.deleted += 1
                        else:
                            # Changed on the hub after this deletion: the row stays, and comes down
                            # again to the laptops that deleted it. A new number, and for a meeting
                            # the time of the last change inside it (which is what outlived the
                            # deletion): a meeting's own number and time can be older than anything a
                            # laptop would pull again, or take back against its deletion.
                            again, _count = self._reserve(hub, 1)
                            hub.execute(
                                update(table)
                                .where(table.c.id == tomb["row_id"])
                                .values(server_seq=again, updated_at=changed)
                            )
                ts.record_many(
                    hub,
                    [
                        {
                            "id": tomb["id"],
                            "table_name": tomb["table_name"],
                            "row_id": tomb["row_id"],
                            "deleted_at": tomb["deleted_at"],
                            "server_seq": number,
                            "base_seq": number,
                            "updated_by": self.device,
                        }
                    ],
                )
                marks.append((tomb, number))
        with self.db.write() as session:
            conn = session.connection()
            for tomb, number in marks:
                conn.execute(
                    update(TOMBSTONE)
                    .where(TOMBSTONE.c.id == tomb["id"], TOMBSTONE.c.deleted_at == tomb["deleted_at"])
                    .values(server_seq=number, base_seq=number, updated_by=self.device)
                )
