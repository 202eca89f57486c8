"""Tombstones: every row deleted for good leaves its table, id and time behind (never its text).

Recorded in one place, by two session events, in the transaction of the deletion itself:
- `before_flush` for rows deleted through the ORM (`session.delete(row)`),
- `do_orm_execute` for bulk `delete(Model).where(...)` statements (the trash purge, a replaced
  agenda).
Both also record the rows the database cascades to (a meeting's notes, agreements, …), looked up
before the DELETE runs, because SQLite removes those without the ORM seeing them.

Execution options of a bulk delete steer it: `tombstones=False` records nothing (sample meetings),
`tombstone_time=<datetime>` records that time instead of now (an import applying a tombstone that
came from another laptop keeps the original time).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Table, event, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import new_id, utcnow

# Tables whose deletions are carried in bundles.
TRACKED: tuple[Any, ...] = (
    m.Meeting,
    m.ParticipantGroup,
    m.AgendaItem,
    m.Note,
    m.Strength,
    m.Agreement,
    m.Wish,
    m.Evaluation,
    m.Contact,
)
TABLES: dict[str, Any] = {model.__tablename__: model for model in TRACKED}
_CHUNK = 500


def _cascades() -> dict[str, list[tuple[Table, Any]]]:
    """table name → (child table, foreign-key column) for children the database deletes with it."""
    found: dict[str, list[tuple[Table, Any]]] = {}
    for model in TRACKED:
        table: Table = model.__table__
        for fk in table.foreign_keys:
            if (fk.ondelete or "").upper() == "CASCADE" and fk.column.table.name in TABLES:
                found.setdefault(fk.column.table.name, []).append((table, fk.parent))
    return found


_CASCADES = _cascades()


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def with_cascade(conn: Connection, table_name: str, ids: Iterable[str]) -> list[tuple[str, str]]:
    """(table, id) of these rows plus every tracked row the database would cascade-delete."""
    found: list[tuple[str, str]] = []
    todo = [(table_name, list(ids))]
    while todo:
        name, keys = todo.pop()
        if not keys:
            continue
        found.extend((name, key) for key in keys)
        for child, column in _CASCADES.get(name, []):
            child_ids: list[str] = []
            for chunk in _chunks(keys):
                child_ids.extend(conn.scalars(select(child.c.id).where(column.in_(chunk))))
            todo.append((child.name, child_ids))
    return found


def record(conn: Connection, rows: Iterable[tuple[str, str]], when: datetime | None = None) -> int:
    """Store tombstones for (table, id) pairs; an existing one keeps the newer time."""
    when = when or utcnow()
    values = [
        {"id": new_id(), "table_name": name, "row_id": key, "deleted_at": when} for name, key in dict.fromkeys(rows)
    ]
    return record_many(conn, values)


def record_many(conn: Connection, values: list[dict[str, Any]]) -> int:
    """Upsert tombstone rows (dicts with id, table_name, row_id, deleted_at), newest time wins."""
    if not values:
        return 0
    table: Table = m.Tombstone.__table__  # type: ignore[assignment]
    dialect = conn.dialect.name
    upsert: Any
    newest: Any
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgres_insert

        upsert, newest = postgres_insert, func.greatest
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        upsert, newest = sqlite_insert, func.max  # SQLite's two-argument max() is a scalar function
    stmt = upsert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.table_name, table.c.row_id],
        # The hub sequence comes with the values (a deletion pulled from the hub) or is None (a
        # deletion here, or a newer time for an old one): then the tombstone goes up at the next sync.
        set_={
            "deleted_at": newest(table.c.deleted_at, stmt.excluded.deleted_at),
            "server_seq": stmt.excluded.server_seq,
            "base_seq": func.coalesce(table.c.server_seq, table.c.base_seq),
        },
    )
    for start in range(0, len(values), _CHUNK):
        conn.execute(stmt, values[start : start + _CHUNK])
    return len(values)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    by_table: dict[str, list[str]] = {}
    for obj in session.deleted:
        name = getattr(obj, "__tablename__", None)
        if name in TABLES:
            by_table.setdefault(name, []).append(obj.id)
    if not by_table:
        return
    conn = session.connection()
    rows: list[tuple[str, str]] = []
    for name, ids in by_table.items():
        rows.extend(with_cascade(conn, name, ids))
    record(conn, rows)


def _do_orm_execute(state: ORMExecuteState) -> None:
    if not state.is_delete or not state.execution_options.get("tombstones", True):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name not in TABLES:
        return
    conn = state.session.connection()
    where = state.statement.whereclause  # type: ignore[attr-defined]
    stmt = select(table.c.id)  # type: ignore[union-attr]
    if where is not None:
        stmt = stmt.where(where)
    ids = list(conn.scalars(stmt))
    if ids:
        record(conn, with_cascade(conn, name, ids), state.execution_options.get("tombstone_time"))


# Factories that already leave tombstones. Not `event.contains`: SQLAlchemy keys its registry by id(),
# and a new factory at the address of a collected one was taken as already listening (no tombstones,
# a few times in a hundred databases opened in one process).
_INSTALLED: weakref.WeakSet[sessionmaker[Session]] = weakref.WeakSet()


def install(sessions: sessionmaker[Session]) -> None:
    """Make the sessions of this factory leave tombstones behind (idempotent)."""
    if sessions in _INSTALLED:
        return
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "do_orm_execute", _do_orm_execute)
    _INSTALLED.add(sessions)


def local(session: Session, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], datetime]:
    """The local tombstone time of each (table, id) pair that has one."""
    by_table: dict[str, list[str]] = {}
    for name, key in pairs:
        by_table.setdefault(name, []).append(key)
    t = m.Tombstone
    found: dict[tuple[str, str], datetime] = {}
    for name, keys in by_table.items():
        for chunk in _chunks(sorted(set(keys))):
            stmt = select(t.row_id, t.deleted_at).where(t.table_name == name, t.row_id.in_(chunk))
            for row_id, deleted_at in session.execute(stmt):
                found[(name, row_id)] = deleted_at
    return found


def all_tombstones(session: Session) -> list[tuple[str, str, datetime]]:
    """Every tombstone as (table, id, deleted_at), oldest first (for bundles)."""
    t = m.Tombstone
    stmt = select(t.table_name, t.row_id, t.deleted_at).order_by(t.deleted_at, t.table_name, t.row_id)
    return [(name, key, when) for name, key, when in session.execute(stmt)]
