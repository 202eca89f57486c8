"""The sync protocol between one laptop (SQLite) and the organisation's hub (PostgreSQL).

Every synced row carries `server_seq` (the hub version it holds; NULL: changed here since) and
`base_seq` (the hub version a local edit started from); see storage/base.py for how every local
UPDATE clears the one and keeps the other. A sync is:

1. Push, table by table (meetings before their rows), in batches, one hub transaction per batch.
   Each batch first takes the next numbers from the hub's counter row; that row's lock orders the
   push transactions, so numbers become visible in order and a puller never skips one. For each
   changed row:
   - the hub holds the same content (a push whose local bookkeeping was cut off): only marked;
   - the hub's row is still at `base_seq` (only this laptop changed it), or absent: written;
   - the hub's row moved past `base_seq` and differs: a conflict. The newest edit wins, the other
     version is kept here as a conflict copy (SyncConflict) until the user chooses.
   After the hub committed, the local rows are marked in a local transaction, only where nobody
   typed in the meantime (a row edited during the sync stays changed, with the new base).
2. Pull everything numbered above the last number pulled from this hub, in one consistent hub
   snapshot (REPEATABLE READ) so no parent is missed; local transactions per batch; the watermark
   moves only at the end. Rows that are here already (same number) are skipped, so an interrupted
   pull simply runs again.

Deletions travel as tombstones, with the rule of a bundle import: a row is gone when a deletion is
newer than its last change (for a meeting: of anything inside it); a deletion never removes a row
changed after it, and the hub refuses rows moved to another meeting and times in the future.
An edit made here that a deletion from elsewhere removes is kept as a conflict copy too.

Only meetings marked "delen met organisatie" (and never sample meetings) go up; local contacts go
up always; deletions go up as ids and times only.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    DateTime,
    Engine,
    Table,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.engine import RowMapping

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage import tombstones as ts
from opvoed_desktop.storage.base import SYNC_COLUMNS, new_id, utcnow
from opvoed_desktop.storage.database import Database

log = logging.getLogger(__name__)

BATCH = 500
COUNTER = "seq"
CLOCK_SKEW = timedelta(minutes=10)  # the same allowance as the hub's triggers (migration 0005)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


MEETING = _table(m.Meeting)
CHILDREN: tuple[Table, ...] = tuple(
    _table(model) for model in (m.ParticipantGroup, m.AgendaItem, m.Note, m.Strength, m.Agreement, m.Wish, m.Evaluation)
)
CONTACT = _table(m.Contact)
TOMBSTONE = _table(m.Tombstone)
# Parents before children: every foreign key is satisfied batch by batch.
ROW_TABLES: tuple[Table, ...] = (MEETING, *CHILDREN, CONTACT)
# References that may point at a row deleted elsewhere: the database sets them to NULL on delete
# (a note outlives its agenda item), so a row arriving with one to a row that is gone gets NULL too.
OPTIONAL_REFS: dict[str, tuple[str, Table]] = {"note": ("agenda_item_id", _table(m.AgendaItem))}
BY_NAME: dict[str, Table] = {t.name: t for t in ROW_TABLES}


class HubError(Exception):
    """The hub cannot be used as it is (not initialised, another version); the message says why."""


@dataclass
class Counts:
    added: int = 0
    changed: int = 0
    deleted: int = 0
    conflicts: int = 0
    refused: int = 0  # rows the hub's rules turned away (a time in the future, a moved row)

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class SyncResult:
    up: Counts = field(default_factory=Counts)
    down: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"up": self.up.as_dict(), "down": self.down.as_dict()}


Progress = Callable[[str, int, int], None]  # (phase "up" | "down", done, total)


class Cancelled(Exception):
    """The user stopped the sync; what was committed stays, the next sync goes on from there."""


def content_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in SYNC_COLUMNS]


def same_content(table: Table, a: RowMapping | dict[str, Any], b: RowMapping | dict[str, Any]) -> bool:
    for name in content_columns(table):
        x, y = a[name], b[name]
        if isinstance(x, list | tuple) and isinstance(y, list | tuple):
            if list(x) != list(y):
                return False
        elif x != y:
            return False
    return True


# --- local bookkeeping ------------------------------------------------------------------------------


def get_state(conn: Connection, key: str) -> str | None:
    return conn.scalar(select(m.SyncState.value).where(m.SyncState.key == key))


def set_state(conn: Connection, key: str, value: str) -> None:
    state = _table(m.SyncState)
    if conn.execute(update(state).where(state.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(state).values(key=key, value=value))


def device_id(db: Database) -> str:
    """This database's device id, made on first use (a laptop, as the hub knows it)."""
    with db.write() as session:
        conn = session.connection()
        found = get_state(conn, "device_id")
        if found is None:
            found = new_id()
            set_state(conn, "device_id", found)
        return found


def hub_identity(hub: Engine) -> str:
    """The hub's own id (made by `hub init`); refuses a database that is not an initialised hub."""
    from opvoed_desktop.storage import migrate

    with hub.connect() as conn:
        try:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            hub_id = get_state(conn, "hub_id")
        except Exception as exc:
            raise HubError("not_initialised") from exc
    if hub_id is None:
        raise HubError("not_initialised")
    if revision != migrate.HEAD:
        raise HubError("other_version")
    return hub_id


def init_hub(hub: Engine) -> str:
    """Create (or bring up to date) the schema on the hub, its counter and its id; idempotent."""
    from opvoed_desktop.storage import migrate

    migrate.upgrade(hub)
    with hub.begin() as conn:
        counter = _table(m.SyncCounter)
        if conn.scalar(select(counter.c.value).where(counter.c.name == COUNTER)) is None:
            conn.execute(insert(counter).values(name=COUNTER, value=0))
        hub_id = get_state(conn, "hub_id")
        if hub_id is None:
            hub_id = new_id()
            set_state(conn, "hub_id", hub_id)
    return hub_id


# --- the sync -------------------------------------------------------------------------------------


class Sync:
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

    def _check(self) -> None:
        if self.cancelled():
            raise Cancelled

    # -- push --------------------------------------------------------------------------------------

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
            for chunk in _chunks(ids, self.batch_size):
                self._check()
                self._push_rows(table, chunk)
                done += len(chunk)
                self.progress("up", done, total)
        for chunk in _chunks(tombstones, self.batch_size):
            self._check()
            self._push_tombstones(chunk)
            done += len(chunk)
            self.progress("up", done, total)

    def _push_rows(self, table: Table, ids: list[str]) -> None:
        up = self.result.up
        with self.db.session() as session:
            conn = session.connection()
            local = {r["id"]: r for r in conn.execute(select(table).where(table.c.id.in_(ids))).mappings()}
            last_change = _last_changes(conn, table, list(local)) if table is MEETING else {}
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
            deletions = _tombstones(hub, table.name, list(local))
            parents = _existing(hub, MEETING, {r["meeting_id"] for r in local.values()}) if table in CHILDREN else set()
            dangling = _dangling(hub, table, local.values())
            for row_id, row in local.items():
                theirs = there.get(row_id)
                if row["updated_at"] > hub_now + CLOCK_SKEW or row["created_at"] > hub_now + CLOCK_SKEW:
                    up.refused += 1
                    log.warning("hub refused %s %s: a time in the future", table.name, row_id)
                    continue
                if theirs is None:
                    deleted_at = deletions.get(row_id)
                    changed = last_change.get(row_id, row["updated_at"])
                    if deleted_at is not None and deleted_at >= changed:
                        continue  # deleted on the hub after this edit: the pull removes it here
                    if table in CHILDREN and row["meeting_id"] not in parents:
                        continue  # its meeting is gone from the hub; the pull brings the deletion
                    number = next(numbers)
                    inserts.append(_cut(table, self._hub_values(table, row, number), dangling))
                    up.added += 1
                    marks.append((row, number))
                    continue
                if same_content(table, row, theirs):
                    marks.append((row, theirs["server_seq"]))
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
                values = _cut(table, self._hub_values(table, row, number), dangling)
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
                _overwrite_if_unchanged(conn, table, row, winner)
            if conflicts:
                conn.execute(insert(_table(m.SyncConflict)), conflicts)

    def _reserve(self, hub: Connection, count: int) -> tuple[int, int]:
        """`count` new numbers from the hub's counter; its row stays locked until this commits."""
        counter = _table(m.SyncCounter)
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

    def _mark(self, conn: Connection, table: Table, row: RowMapping, number: int) -> None:
        """The local row now equals hub version `number`, unless someone typed in the meantime:
        then it stays changed, now based on `number` (so the next push is no false conflict)."""
        untouched = table.c.updated_at == row["updated_at"]
        values: dict[str, Any] = {
            "server_seq": _case(untouched, number, None),
            "base_seq": number,
            "updated_at": table.c.updated_at,  # bookkeeping, not an edit: keep the time
            "updated_by": _case(untouched, self.device, table.c.updated_by),
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
        self, table: Table, local: RowMapping | None, theirs: RowMapping | dict[str, Any] | None, *, kept: str
    ) -> dict[str, Any]:
        source = local if local is not None else theirs
        assert source is not None
        meeting_id = source["id"] if table is MEETING else source.get("meeting_id")
        return {
            "id": new_id(),
            "table_name": table.name,
            "row_id": source["id"],
            "meeting_id": meeting_id,
            "local_row": _jsonable(local),
            "hub_row": _jsonable(theirs),
            "kept": kept,
            "local_device": self.device,
            "hub_device": theirs["updated_by"] if theirs is not None else None,
            "detected_at": utcnow(),
        }

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
                        changed = _last_changes(hub, table, [tomb["row_id"]]).get(tomb["row_id"], theirs.updated_at)
                        if changed < tomb["deleted_at"]:
                            hub.execute(delete(table).where(table.c.id == tomb["row_id"]))
                            self.result.up.deleted += 1
                        # else: changed on the hub after this deletion; the row stays (and comes down)
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

    # -- pull --------------------------------------------------------------------------------------

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
                counter = _table(m.SyncCounter)
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
            parents = _existing(conn, MEETING, {r["meeting_id"] for r in rows}) if table in CHILDREN else set()
            dangling = _dangling(conn, table, rows)
            conflicts: list[dict[str, Any]] = []
            inserts: list[dict[str, Any]] = []
            updates: list[dict[str, Any]] = []
            for theirs in rows:
                mine = here.get(theirs["id"])
                values = _cut(table, {c.name: theirs[c.name] for c in table.columns}, dangling)
                if mine is None:
                    when = deleted_here.get((table.name, theirs["id"]))
                    if when is not None and when >= theirs["updated_at"]:
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
                # Changed here too since the last sync.
                if same_content(table, mine, theirs):
                    self._mark(conn, table, mine, theirs["server_seq"])
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
                conn.execute(insert(_table(m.SyncConflict)), conflicts)

    def _apply_tombstones(self, rows: list[RowMapping]) -> bool:
        down = self.result.down
        revived = False
        with self.db.write() as session:
            conn = session.connection()
            conflicts: list[dict[str, Any]] = []
            for tomb in rows:
                table = BY_NAME.get(tomb["table_name"])
                if table is not None:
                    mine = conn.execute(select(table).where(table.c.id == tomb["row_id"])).mappings().first()
                    if mine is not None:
                        changed = _last_changes(conn, table, [mine["id"]]).get(mine["id"], mine["updated_at"])
                        if changed < tomb["deleted_at"]:
                            if mine["server_seq"] is None and mine["base_seq"] is not None:
                                # An edit made here that never reached the hub: kept as a copy.
                                conflicts.append(self._conflict(table, mine, None, kept="hub"))
                                down.conflicts += 1
                            if table is MEETING:
                                # Its rows go with it: what was typed in them here and never reached
                                # the hub is kept as copies too.
                                for child in CHILDREN:
                                    stmt = select(child).where(
                                        child.c.meeting_id == mine["id"], child.c.server_seq.is_(None)
                                    )
                                    for row in conn.execute(stmt).mappings():
                                        conflicts.append(self._conflict(child, row, None, kept="hub"))
                                        down.conflicts += 1
                            session.execute(
                                delete(ts.TABLES[table.name]).where(ts.TABLES[table.name].id == mine["id"]),
                                execution_options={"tombstone_time": tomb["deleted_at"]},
                            )
                            down.deleted += 1
                        else:
                            # Changed here after it was deleted elsewhere: it stays, and goes up again.
                            conflicts.append(self._conflict(table, mine, None, kept="local"))
                            down.conflicts += 1
                            conn.execute(
                                update(table)
                                .where(table.c.id == mine["id"])
                                .values(
                                    server_seq=None,
                                    base_seq=tomb["server_seq"],
                                    updated_at=table.c.updated_at,
                                )
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
                conn.execute(insert(_table(m.SyncConflict)), conflicts)
        return revived

    # -- devices -----------------------------------------------------------------------------------

    def _register_device(self) -> None:
        devices = _table(m.SyncDevice)
        with self.hub.begin() as hub:
            values = {"name": self.device_name, "last_sync": utcnow()}
            if hub.execute(update(devices).where(devices.c.id == self.device).values(**values)).rowcount == 0:
                hub.execute(insert(devices).values(id=self.device, **values))

    def _pull_devices(self) -> None:
        devices = _table(m.SyncDevice)
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


# --- helpers ----------------------------------------------------------------------------------------


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _case(condition: Any, then: Any, otherwise: Any) -> Any:
    from sqlalchemy import case, literal

    return case((condition, literal(then) if then is not None else None), else_=otherwise)


def _existing(conn: Connection, table: Table, ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(ids), 500):
        found.update(conn.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return found


def _dangling(conn: Connection, table: Table, rows: Iterable[RowMapping]) -> set[str]:
    """Ids the rows' optional reference points at that this side does not have."""
    ref = OPTIONAL_REFS.get(table.name)
    if ref is None:
        return set()
    column, target = ref
    wanted = {r[column] for r in rows if r[column] is not None}
    return wanted - _existing(conn, target, wanted)


def _cut(table: Table, values: dict[str, Any], dangling: set[str]) -> dict[str, Any]:
    ref = OPTIONAL_REFS.get(table.name)
    if ref is not None and values.get(ref[0]) in dangling:
        values[ref[0]] = None
    return values


def _tombstones(conn: Connection, table_name: str, ids: list[str]) -> dict[str, datetime]:
    found: dict[str, datetime] = {}
    for chunk in _chunks(ids, 500):
        stmt = select(TOMBSTONE.c.row_id, TOMBSTONE.c.deleted_at).where(
            TOMBSTONE.c.table_name == table_name, TOMBSTONE.c.row_id.in_(chunk)
        )
        found.update({row_id: when for row_id, when in conn.execute(stmt)})
    return found


def _last_changes(conn: Connection, table: Table, ids: list[str]) -> dict[str, datetime]:
    """The latest change of each row; for a meeting, of the meeting and every row inside it."""
    latest: dict[str, datetime] = {}
    for chunk in _chunks(ids, 500):
        for row_id, when in conn.execute(select(table.c.id, table.c.updated_at).where(table.c.id.in_(chunk))):
            latest[row_id] = when
        if table is MEETING:
            for child in CHILDREN:
                stmt = (
                    select(child.c.meeting_id, func.max(child.c.updated_at))
                    .where(child.c.meeting_id.in_(chunk))
                    .group_by(child.c.meeting_id)
                )
                for meeting_id, when in conn.execute(stmt):
                    if when is not None and (meeting_id not in latest or when > latest[meeting_id]):
                        latest[meeting_id] = when
    return latest


def _overwrite_if_unchanged(conn: Connection, table: Table, row: RowMapping, theirs: dict[str, Any]) -> None:
    values = {c.name: theirs[c.name] for c in table.columns if c.name not in ("id", "shared")}
    conn.execute(
        update(table).where(and_(table.c.id == row["id"], table.c.updated_at == row["updated_at"])).values(**values)
    )


def _jsonable(row: RowMapping | dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    out: dict[str, Any] = {}
    for key, value in dict(row).items():
        out[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def summary(result: SyncResult) -> str:
    """Two plain lines: what went up, what came down (the CLI and the hub dialog say the same)."""

    def line(counts: Any) -> str:
        parts = [
            _("{n} toegevoegd").format(n=counts.added),
            _("{n} gewijzigd").format(n=counts.changed),
            _("{n} verwijderd").format(n=counts.deleted),
            ngettext("{n} conflict", "{n} conflicten", counts.conflicts).format(n=counts.conflicts),
        ]
        if counts.refused:
            parts.append(_("{n} geweigerd").format(n=counts.refused))
        return ", ".join(parts)

    return "\n".join(
        [
            _("Naar de hub: {counts}").format(counts=line(result.up)),
            _("Van de hub: {counts}").format(counts=line(result.down)),
        ]
    )
