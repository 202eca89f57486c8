"""Conflict copies: both versions of a row changed on two laptops, until the user chooses.

The row holds the newest edit meanwhile (see sync.py); choosing writes the chosen version into the
row as a new edit here (so it goes up at the next sync and reaches every laptop) and removes the
copy. Choosing a deleted version deletes the row; choosing a version of a row deleted meanwhile
brings it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from opvoed_desktop.hub.rows import BY_NAME, CHILDREN, content_columns
from opvoed_desktop.i18n import _
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage import tombstones as ts
from opvoed_desktop.storage.database import Database

# What a person reads of each kind of row, in this order (ids and times stay out of the way).
SHOWN: dict[str, tuple[str, ...]] = {
    "note": ("text",),
    "wish": ("text",),
    "strength": ("side", "text"),
    "agreement": ("what", "party", "status", "due", "due_text"),
    "evaluation": ("respondent_group", "score", "remark"),
    "participant_group": ("side", "count", "organisations"),
    "agenda_item": ("title", "planned_minutes"),
    "meeting": ("title", "starts_at", "venue", "municipality", "facilitator"),
    "contact": ("organisation", "municipality", "address", "phone", "website", "opening_hours"),
}
LOCAL, HUB = "local", "hub"


def kind_name(table: str) -> str:
    return {
        "note": _("notitie"),
        "wish": _("wens"),
        "strength": _("kracht"),
        "agreement": _("afspraak"),
        "evaluation": _("evaluatie"),
        "participant_group": _("deelnemers"),
        "agenda_item": _("agendapunt"),
        "meeting": _("bijeenkomst"),
        "contact": _("contact"),
    }.get(table, table)


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    row_id: str
    meeting_title: str
    local_text: str  # "" with local_deleted
    hub_text: str
    local_deleted: bool
    hub_deleted: bool
    kept: str  # LOCAL | HUB: what the row holds now
    local_when: str
    hub_when: str
    hub_device: str  # the colleague's laptop, by name when known
    detected_at: datetime


def readable(table: str, row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    names = SHOWN.get(table, ())
    if len(names) == 1:
        return str(row.get(names[0]) or "")
    return "\n".join(f"{name}: {row.get(name) if row.get(name) is not None else ''}" for name in names)


def list_conflicts(db: Database) -> list[ConflictView]:
    with db.session() as session:
        devices = {d.id: d.name for d in session.scalars(select(m.SyncDevice))}
        titles = {mid: title for mid, title in session.execute(select(m.Meeting.id, m.Meeting.title))}
        views = []
        for c in session.scalars(select(m.SyncConflict).order_by(m.SyncConflict.detected_at)):
            views.append(
                ConflictView(
                    id=c.id,
                    table=c.table_name,
                    row_id=c.row_id,
                    meeting_title=titles.get(c.meeting_id or "", ""),
                    local_text=readable(c.table_name, c.local_row),
                    hub_text=readable(c.table_name, c.hub_row),
                    local_deleted=c.local_row is None,
                    hub_deleted=c.hub_row is None,
                    kept=c.kept,
                    local_when=_local_time(c.local_row),
                    hub_when=_local_time(c.hub_row),
                    hub_device=devices.get(c.hub_device or "", "") or (c.hub_device or "")[:8],
                    detected_at=c.detected_at,
                )
            )
        return views


def count(db: Database) -> int:
    with db.session() as session:
        return len(list(session.scalars(select(m.SyncConflict.id))))


def resolve(db: Database, conflict_id: str, choice: str) -> bool:
    """Keep the `choice` (LOCAL or HUB) version of the row and drop the copy. False (and the copy
    stays) when that version cannot come back: its meeting was deleted for good."""
    with db.write() as session:
        conflict = session.get(m.SyncConflict, conflict_id)
        if conflict is None:
            return True  # chosen in another window already
        chosen = conflict.local_row if choice == LOCAL else conflict.hub_row
        table = BY_NAME[conflict.table_name]
        conn = session.connection()
        exists = conn.execute(select(table.c.id).where(table.c.id == conflict.row_id)).first() is not None
        if chosen is None:
            if exists:
                model = ts.TABLES[table.name]
                session.execute(delete(model).where(model.id == conflict.row_id))
        else:
            values = {name: _typed(table, name, chosen.get(name)) for name in content_columns(table)}
            values.pop("id", None)
            values.pop("created_at", None)
            values.pop("updated_at", None)  # a new edit: now, and changed here (goes up next sync)
            if exists:
                conn.execute(update(table).where(table.c.id == conflict.row_id).values(**values))
            elif table not in CHILDREN or _meeting_here(conn, chosen.get("meeting_id")):
                created = _typed(table, "created_at", chosen.get("created_at"))
                conn.execute(insert(table).values(id=conflict.row_id, created_at=created, **values))
            else:
                return False
        # Other copies of the same row are settled by this choice too.
        session.execute(delete(m.SyncConflict).where(m.SyncConflict.row_id == conflict.row_id))
    return True


def _local_time(row: dict[str, Any] | None) -> str:
    """When this version was written, on this laptop's clock (stored as UTC)."""
    value = (row or {}).get("updated_at")
    if not isinstance(value, str):
        return ""
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC).astimezone().strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return ""


def _meeting_here(conn: Any, meeting_id: object) -> bool:
    return conn.execute(select(m.Meeting.id).where(m.Meeting.id == meeting_id)).first() is not None


def _typed(table: Any, name: str, value: Any) -> Any:
    """Values come back from JSON: dates and times as text."""
    if value is None or name not in table.c:
        return value
    python_type = None
    try:
        python_type = table.c[name].type.python_type
    except NotImplementedError:
        return value
    if python_type is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if python_type is date and isinstance(value, str):
        return date.fromisoformat(value)
    return value
