"""What syncs, and the row-level facts a push and a pull both ask of a database.

The tables in the order they travel (meetings before their rows, so every foreign key holds batch by
batch), how two versions of a row are compared (content only, never the sync columns), and small
queries that work on either side: the laptop's SQLite or the hub's PostgreSQL connection.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, case, func, literal, select, update
from sqlalchemy.engine import RowMapping

from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import SYNC_COLUMNS


def table_of(model: Any) -> Table:
    table: Table = model.__table__
    return table


MEETING = table_of(m.Meeting)
CHILDREN: tuple[Table, ...] = tuple(
    table_of(model)
    for model in (m.ParticipantGroup, m.AgendaItem, m.Note, m.Strength, m.Agreement, m.Wish, m.Evaluation)
)
CONTACT = table_of(m.Contact)
TOMBSTONE = table_of(m.Tombstone)
# Parents before children: every foreign key is satisfied batch by batch.
ROW_TABLES: tuple[Table, ...] = (MEETING, *CHILDREN, CONTACT)
# References that may point at a row deleted elsewhere: the database sets them to NULL on delete
# (a note outlives its agenda item), so a row arriving with one to a row that is gone gets NULL too.
OPTIONAL_REFS: dict[str, tuple[str, Table]] = {"note": ("agenda_item_id", table_of(m.AgendaItem))}
BY_NAME: dict[str, Table] = {t.name: t for t in ROW_TABLES}


def content_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in SYNC_COLUMNS]


def same_content(
    table: Table, a: RowMapping | dict[str, Any], b: RowMapping | dict[str, Any], *, but: tuple[str, ...] = ()
) -> bool:
    """The two versions hold the same in every content column (those named in `but` aside)."""
    for name in content_columns(table):
        if name in but:
            continue
        x, y = a[name], b[name]
        if isinstance(x, list | tuple) and isinstance(y, list | tuple):
            if list(x) != list(y):
                return False
        elif x != y:
            return False
    return True


def chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def case_of(condition: Any, then: Any, otherwise: Any) -> Any:
    """SQL `CASE WHEN condition THEN then ELSE otherwise END`, `then` as a bound literal."""
    return case((condition, literal(then) if then is not None else None), else_=otherwise)


def existing(conn: Connection, table: Table, ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(ids), 500):
        found.update(conn.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return found


def dangling(conn: Connection, table: Table, rows: Iterable[RowMapping]) -> set[str]:
    """Ids the rows' optional reference points at that this side does not have."""
    ref = OPTIONAL_REFS.get(table.name)
    if ref is None:
        return set()
    column, target = ref
    wanted = {r[column] for r in rows if r[column] is not None}
    return wanted - existing(conn, target, wanted)


def cut(table: Table, values: dict[str, Any], missing: set[str]) -> dict[str, Any]:
    """`values` with an optional reference to a row in `missing` set to NULL."""
    ref = OPTIONAL_REFS.get(table.name)
    if ref is not None and values.get(ref[0]) in missing:
        values[ref[0]] = None
    return values


def deletion_times(conn: Connection, table_name: str, ids: list[str]) -> dict[str, datetime]:
    """When each of these rows was deleted, for those this side holds a tombstone of."""
    found: dict[str, datetime] = {}
    for chunk in chunks(ids, 500):
        stmt = select(TOMBSTONE.c.row_id, TOMBSTONE.c.deleted_at).where(
            TOMBSTONE.c.table_name == table_name, TOMBSTONE.c.row_id.in_(chunk)
        )
        found.update({row_id: when for row_id, when in conn.execute(stmt)})
    return found


def last_changes(conn: Connection, table: Table, ids: list[str]) -> dict[str, datetime]:
    """The latest change of each row; for a meeting, of the meeting and every row inside it."""
    latest: dict[str, datetime] = {}
    for chunk in chunks(ids, 500):
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


def overwrite_if_unchanged(conn: Connection, table: Table, row: RowMapping, theirs: dict[str, Any]) -> None:
    """Put the hub's version in place of `row`, unless someone typed in it since it was read."""
    values = {c.name: theirs[c.name] for c in table.columns if c.name not in ("id", "shared")}
    conn.execute(
        update(table).where(and_(table.c.id == row["id"], table.c.updated_at == row["updated_at"])).values(**values)
    )


def jsonable(row: RowMapping | dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    out: dict[str, Any] = {}
    for key, value in dict(row).items():
        out[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return out
