"""Which meetings go to the hub: "delen met organisatie", per meeting, off unless chosen.

Sharing is a local choice, not an edit of the meeting: it keeps the meeting's time and its place in
the sync (the UPDATE names those columns, so the storage layer's "changed here" marking does not
fire). A meeting shared after it was written goes up whole at the next sync, because its rows have
never been synced. Sample meetings are never shared.

A service, not part of opvoed_desktop/hub: choosing never connects, and making a meeting
(services/meetings.py) asks this laptop's default, while the hub sits above the services.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table, select, update

from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.database import Database
from opvoed_desktop.storage.sync_state import read_state, write_state

SHARE_NEW_KEY = "share_new_meetings"


def set_shared(db: Database, meeting_ids: Iterable[str] | None, shared: bool) -> int:
    """Share (or stop sharing) these meetings, or every meeting when `meeting_ids` is None;
    returns how many changed. Sample meetings are left out."""
    t: Table = m.Meeting.__table__  # type: ignore[assignment]
    stmt = (
        update(t)
        .where(t.c.is_sample.is_(False), t.c.shared.is_not(shared))
        .values(
            shared=shared,
            updated_at=t.c.updated_at,
            server_seq=t.c.server_seq,
            base_seq=t.c.base_seq,
        )
    )
    if meeting_ids is not None:
        stmt = stmt.where(t.c.id.in_(list(meeting_ids)))
    with db.write() as session:
        return int(session.connection().execute(stmt).rowcount)


def share_new_meetings(db: Database) -> bool:
    """This laptop's default for meetings made from now on (off unless chosen)."""
    return read_state(db, SHARE_NEW_KEY) == "1"


def set_share_new_meetings(db: Database, share: bool) -> None:
    write_state(db, SHARE_NEW_KEY, "1" if share else "0")


def shared_ids(db: Database) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(m.Meeting.id).where(m.Meeting.shared.is_(True))))
