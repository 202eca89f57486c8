"""The JSON bundle: every meeting with all its rows (ids and timestamps included), so another
laptop can rebuild them exactly, plus the local contacts of the meetings' municipalities.

The schema is generated from the storage models, so a new column cannot be forgotten here; the
importer validates a bundle against it before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON as JSONType
from sqlalchemy import Boolean, Date, DateTime, Integer, String, select
from sqlalchemy.orm import Session

from opvoed_desktop import __version__
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage import tombstones as ts
from opvoed_desktop.storage.base import SYNC_COLUMNS, utcnow

FORMAT = "opvoed-desktop-bundle"
# 2 added `tombstones` (rows deleted for good: table, id, time). Version 1 bundles still import.
# 3: meetings' languages are codes (free text before), minutes_available and agreements' due_text.
# 4: contacts' opening hours as days and times (`opening_slots`); `opening_hours` keeps what is kept
# as typed. An older bundle's typed hours are read into slots on import the way migration 0004 does.
FORMAT_VERSION = 4
READABLE_VERSIONS = (1, 2, 3, 4)
# Columns added after version 2: an older bundle lacks them and gets these values.
ADDED_COLUMNS: dict[tuple[type, str], Any] = {
    (m.Meeting, "minutes_available"): None,
    (m.Agreement, "due_text"): "",
    (m.Contact, "opening_slots"): [],
}
# Days and times of one opening-hours slot (i18n.hours checks that "to" is later than "from").
TIME_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
SLOT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "days": {
            "type": "array",
            "items": {"type": "integer", "minimum": 0, "maximum": 6},
            "minItems": 1,
            "maxItems": 7,
            "uniqueItems": True,
        },
        "from": {"type": "string", "pattern": TIME_PATTERN},
        "to": {"type": "string", "pattern": TIME_PATTERN},
    },
    "required": ["days", "from", "to"],
    "additionalProperties": False,
}
# Child tables of a meeting, in the order they are written (notes after the agenda they point to).
CHILDREN: tuple[tuple[str, Any], ...] = (
    ("participants", m.ParticipantGroup),
    ("agenda", m.AgendaItem),
    ("notes", m.Note),
    ("strengths", m.Strength),
    ("agreements", m.Agreement),
    ("wishes", m.Wish),
    ("evaluations", m.Evaluation),
)
UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
CHOICES: dict[tuple[type, str], list[str]] = {
    (m.ParticipantGroup, "side"): [s.value for s in m.Side],
    (m.Strength, "side"): [s.value for s in m.Side],
    (m.AgendaItem, "kind"): [k.value for k in m.AgendaKind],
    (m.Agreement, "status"): [s.value for s in m.AgreementStatus],
    (m.Contact, "kind"): [k.value for k in m.ContactKind],
}
BOUNDS: dict[tuple[type, str], dict[str, int]] = {
    (m.ParticipantGroup, "count"): {"minimum": 0, "maximum": 100_000},
    (m.AgendaItem, "planned_minutes"): {"minimum": 0, "maximum": 10_000},
    (m.AgendaItem, "position"): {"minimum": 0, "maximum": 100_000},
    (m.Evaluation, "score"): {"minimum": 1, "maximum": 5},
}


def columns(model: Any, *, parent: bool = False) -> list[str]:
    """The columns a bundle carries for `model`; a child's meeting_id is implied by nesting."""
    return [
        c.name
        for c in model.__table__.columns
        if (parent or c.name != "meeting_id") and c.name not in SYNC_COLUMNS  # hub bookkeeping stays here
    ]


def to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def row_dict(row: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: to_json(getattr(row, name)) for name in names}


def collect(session: Session, meeting_ids: list[str]) -> dict[str, Any]:
    """The bundle of these meetings, read in one session (a consistent snapshot)."""
    meetings = []
    municipalities: set[str] = set()
    names = {model: columns(model) for _key, model in CHILDREN}
    for chunk in _chunks(meeting_ids, 500):
        rows = {r.id: r for r in session.scalars(select(m.Meeting).where(m.Meeting.id.in_(chunk)))}
        children: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for key, model in CHILDREN:
            order = model.position if model is m.AgendaItem else model.created_at
            stmt = select(model).where(model.meeting_id.in_(chunk)).order_by(order)
            for child in session.scalars(stmt):
                children.setdefault((child.meeting_id, key), []).append(row_dict(child, names[model]))
        for meeting_id in chunk:
            meeting = rows.get(meeting_id)
            if meeting is None:
                continue
            municipalities.add(meeting.municipality)
            item = row_dict(meeting, columns(m.Meeting))
            for key, _model in CHILDREN:
                item[key] = children.get((meeting_id, key), [])
            meetings.append(item)
    contacts = [
        row_dict(c, columns(m.Contact))
        for c in session.scalars(
            select(m.Contact).where(m.Contact.municipality.in_(sorted(municipalities))).order_by(m.Contact.created_at)
        )
    ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": utcnow().isoformat(),
        "meetings": meetings,
        "contacts": contacts,
        # Every deletion this laptop knows of, so the receiver drops those rows and an older
        # bundle cannot bring them back. Ids and times only: no text of what was deleted.
        "tombstones": [
            {"table": table, "id": key, "deleted_at": to_json(when)} for table, key, when in ts.all_tombstones(session)
        ],
    }


def dumps(bundle: dict[str, Any]) -> bytes:
    return json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Schema ---------------------------------------------------------------------------------------
def _column_schema(model: Any, column: Any) -> dict[str, Any]:
    kind = column.type
    schema: dict[str, Any]
    if column.name in ("id", "meeting_id", "agenda_item_id"):
        schema = {"type": "string", "pattern": UUID_PATTERN}
    elif isinstance(kind, DateTime):
        schema = {"type": "string", "pattern": DATETIME_PATTERN}
    elif isinstance(kind, Date):
        schema = {"type": "string", "pattern": DATE_PATTERN}
    elif isinstance(kind, Boolean):
        schema = {"type": "boolean"}
    elif isinstance(kind, Integer):
        schema = {"type": "integer", **BOUNDS.get((model, column.name), {})}
    elif (model, column.name) == (m.Contact, "opening_slots"):
        from opvoed_desktop.i18n.hours import MAX_SLOTS

        schema = {"type": "array", "items": SLOT_SCHEMA, "maxItems": MAX_SLOTS}
    elif isinstance(kind, JSONType):
        schema = {"type": "array", "items": {"type": "string", "maxLength": 100}, "maxItems": 100}
    elif isinstance(kind, String) and kind.length:
        schema = {"type": "string", "maxLength": kind.length}
    else:
        schema = {"type": "string", "maxLength": 1_000_000}
    if (model, column.name) in CHOICES:
        schema["enum"] = CHOICES[(model, column.name)]
    if column.nullable and not column.primary_key:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def _record_schema(model: Any, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    names = columns(model)
    table = model.__table__
    properties = {name: _column_schema(model, table.columns[name]) for name in names}
    properties.update(extra or {})
    required = [name for name in properties if (model, name) not in ADDED_COLUMNS]
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def schema() -> dict[str, Any]:
    children = {key: {"type": "array", "maxItems": 100_000, "items": _record_schema(model)} for key, model in CHILDREN}
    tombstone = {
        "type": "object",
        "properties": {
            "table": {"enum": sorted(ts.TABLES)},
            "id": {"type": "string", "pattern": UUID_PATTERN},
            "deleted_at": {"type": "string", "pattern": DATETIME_PATTERN},
        },
        "required": ["table", "id", "deleted_at"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"enum": list(READABLE_VERSIONS)},
            "app_version": {"type": "string", "maxLength": 50},
            "exported_at": {"type": "string", "pattern": DATETIME_PATTERN},
            "meetings": {"type": "array", "maxItems": 100_000, "items": _record_schema(m.Meeting, children)},
            "contacts": {"type": "array", "maxItems": 100_000, "items": _record_schema(m.Contact)},
            "tombstones": {"type": "array", "maxItems": 1_000_000, "items": tombstone},
        },
        "required": ["format", "format_version", "meetings", "contacts"],
        # Version 1 knew no tombstones; from version 2 on the list is always there (maybe empty).
        "allOf": [
            {
                "if": {"properties": {"format_version": {"const": 1}}},
                "then": {"not": {"required": ["tombstones"]}},
                "else": {"required": ["tombstones"]},
            }
        ],
        "additionalProperties": False,
    }
