"""Which meetings go to the hub: "delen met organisatie", per meeting, off unless chosen.

Sharing is a local choice, not an edit of the meeting: it keeps the meeting's time and its place in
the sync (the UPDATE names those columns, so the storage layer's "changed here" marking does not
fire). A meeting shared after it was written goes up whole at the next sync, because its rows have
never been synced. Sample meetings are never shared. `meeting_sharing` is what a meeting's Details
tab shows: shared or not, and the laptop it came from.

A service, not part of opvoed_desktop/hub: choosing never connects, and making a meeting
(services/meetings.py) asks this laptop's default, while the hub sits above the services.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class MeetingSharing:
    """What the meeting's Details tab says about the organisation."""

    shared: bool
    sample: bool  # never shared
    origin_device: str | None  # the laptop it came from; None when made on this one
    origin_name: str | None  # that laptop's name, as its owner gave it (None: not known here)


def meeting_sharing(db: Database, meeting_id: str) -> MeetingSharing:
    with db.session() as session:
        meeting = session.get(m.Meeting, meeting_id)
        origin = meeting.origin_device if meeting else None
        here = session.scalar(select(m.SyncState.value).where(m.SyncState.key == "device_id"))
        if origin == here:
            origin = None
        name = session.scalar(select(m.SyncDevice.name).where(m.SyncDevice.id == origin)) if origin else None
        return MeetingSharing(
            shared=bool(meeting and meeting.shared),
            sample=bool(meeting and meeting.is_sample),
            origin_device=origin,
            origin_name=name,
        )
