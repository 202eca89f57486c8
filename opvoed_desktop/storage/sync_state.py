"""The sync_state table: what a database remembers about syncing, as key/value.

On a laptop: its device id, the hub's address, the laptop's name for colleagues, whether new meetings
are shared, the last hub number pulled. On the hub: the hub's own id. Storage keeps only the table's
reading and writing; the hub (opvoed_desktop/hub) and sharing (services/sharing.py) own the keys.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table, delete, insert, select, update

from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.database import Database

_STATE: Table = m.SyncState.__table__  # type: ignore[assignment]


def get_state(conn: Connection, key: str) -> str | None:
    return conn.scalar(select(_STATE.c.value).where(_STATE.c.key == key))


def set_state(conn: Connection, key: str, value: str) -> None:
    if conn.execute(update(_STATE).where(_STATE.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(_STATE).values(key=key, value=value))


def read_state(db: Database, key: str) -> str | None:
    """`get_state` in a session of its own."""
    with db.session() as session:
        return get_state(session.connection(), key)


def write_state(db: Database, key: str, value: str) -> None:
    """`set_state` in a transaction of its own."""
    with db.write() as session:
        set_state(session.connection(), key, value)


def forget_state(db: Database, key: str) -> None:
    with db.write() as session:
        session.connection().execute(delete(_STATE).where(_STATE.c.key == key))
