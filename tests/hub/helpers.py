"""What the hub tests compare: the content of a laptop's (or the hub's) rows, without bookkeeping."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from opvoed_desktop.hub.rows import ROW_TABLES, content_columns
from opvoed_desktop.storage import Database


def content(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for table in ROW_TABLES:
        names = content_columns(table)
        rows = conn.execute(select(*[table.c[n] for n in names])).all()
        out[table.name] = sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)
    return out


def laptop_content(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.session() as session:
        return content(session.connection())


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
