"""Merging a validated bundle into the database by UUID, in one transaction.

A row the database lacks is added with its own id and timestamps. A row that is the same on both
sides is left alone, so importing a bundle twice adds nothing. A row that differs is a conflict:
the newer `updated_at` wins (a tie keeps the local row) and the conflict is listed for the user.
Deleted rows are not carried in bundles, so a row deleted here comes back if a bundle has it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from opvoed_desktop.export import bundle as b
from opvoed_desktop.i18n import _
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.database import Database

LOCAL = "local"
BUNDLE = "bundle"


@dataclass(frozen=True)
class Conflict:
    """A row changed on both sides. Names the meeting and the kind of row, never its text."""

    kind: str  # "meeting", "notes", "agreements", … (bundle keys)
    record_id: str
    meeting_id: str | None
    meeting_title: str
    winner: str  # LOCAL or BUNDLE
    local_updated_at: datetime
    bundle_updated_at: datetime

    def describe(self) -> str:
        kept = _("de nieuwere uit de bundel") if self.winner == BUNDLE else _("de nieuwere van deze computer")
        return _("{kind} {id} van \u201c{title}\u201d: beide gewijzigd, {kept} is bewaard.").format(
            kind=kind_label(self.kind), id=self.record_id[:8], title=self.meeting_title, kept=kept
        )


@dataclass
class MergeResult:
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    meetings: int = 0  # meetings in the bundle

    @property
    def added_total(self) -> int:
        return sum(self.added.values())

    @property
    def updated_total(self) -> int:
        return sum(self.updated.values())


@dataclass
class _Plan:
    inserts: list[tuple[type, dict[str, Any]]] = field(default_factory=list)
    updates: list[tuple[type, dict[str, Any]]] = field(default_factory=list)
    result: MergeResult = field(default_factory=MergeResult)


def kind_label(kind: str) -> str:
    return {
        "meeting": _("Bijeenkomst"),
        "participants": _("Deelnemersgroep"),
        "agenda": _("Agendapunt"),
        "notes": _("Notitie"),
        "strengths": _("Kracht"),
        "agreements": _("Afspraak"),
        "wishes": _("Wens"),
        "evaluations": _("Evaluatie"),
        "contacts": _("Contact"),
    }.get(kind, kind)


def preview(db: Database, data: dict[str, Any]) -> MergeResult:
    """What `merge` would do, without writing (for the import dialog)."""
    with db.session() as session:
        return _plan(session, data).result


def merge(db: Database, data: dict[str, Any]) -> MergeResult:
    """Apply the bundle; any failure rolls the whole import back (db.write is one transaction)."""
    with db.write() as session:
        plan = _plan(session, data)
        # Rows were planned table by table (meetings, then children), so batching by table keeps
        # every foreign key satisfied.
        batches: dict[type, list[dict[str, Any]]] = {}
        for model, row in plan.inserts:
            batches.setdefault(model, []).append(row)
        for model, rows in batches.items():
            session.execute(insert(model), rows)
        for model, row in plan.updates:
            values = {k: v for k, v in row.items() if k != "id"}
            session.execute(update(model).where(model.id == row["id"]).values(**values))  # type: ignore[attr-defined]
    return plan.result


def _plan(session: Session, data: dict[str, Any]) -> _Plan:
    plan = _Plan()
    plan.result.meetings = len(data["meetings"])
    groups: list[tuple[str, type, list[dict[str, Any]], dict[str, tuple[str | None, str]]]] = []
    meeting_rows = []
    owners: dict[str, tuple[str | None, str]] = {}
    for meeting in data["meetings"]:
        meeting_rows.append({k: v for k, v in meeting.items() if k not in dict(b.CHILDREN)})
        owners[meeting["id"]] = (meeting["id"], meeting["title"])
    groups.append(("meeting", m.Meeting, meeting_rows, owners))
    for key, model in b.CHILDREN:
        rows, child_owners = [], {}
        for meeting in data["meetings"]:
            for row in meeting[key]:
                rows.append({**row, "meeting_id": meeting["id"]})
                child_owners[row["id"]] = (meeting["id"], meeting["title"])
        groups.append((key, model, rows, child_owners))
    contacts = {c["id"]: (None, c["municipality"]) for c in data["contacts"]}
    groups.append(("contacts", m.Contact, list(data["contacts"]), contacts))
    for kind, model, rows, owner in groups:
        _plan_rows(session, plan, kind, model, rows, owner)
    return plan


def _plan_rows(
    session: Session,
    plan: _Plan,
    kind: str,
    model: type,
    rows: list[dict[str, Any]],
    owner: dict[str, tuple[str | None, str]],
) -> None:
    names = [c.name for c in model.__table__.columns]  # type: ignore[attr-defined]
    existing: dict[str, Any] = {}
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stmt = select(model).where(model.id.in_(chunk))  # type: ignore[attr-defined]
        existing.update({r.id: r for r in session.scalars(stmt)})
    result = plan.result
    for row in rows:
        local = existing.get(row["id"])
        if local is None:
            plan.inserts.append((model, row))
            result.added[kind] = result.added.get(kind, 0) + 1
            continue
        if all(_same(getattr(local, n), row.get(n)) for n in names):
            result.unchanged += 1
            continue
        bundle_newer = row["updated_at"] > local.updated_at
        meeting_id, title = owner[row["id"]]
        result.conflicts.append(
            Conflict(
                kind,
                row["id"],
                meeting_id,
                title,
                BUNDLE if bundle_newer else LOCAL,
                local.updated_at,
                row["updated_at"],
            )
        )
        if bundle_newer:
            plan.updates.append((model, row))
            result.updated[kind] = result.updated.get(kind, 0) + 1


def _same(local: Any, incoming: Any) -> bool:
    if isinstance(local, list | tuple) and isinstance(incoming, list | tuple):
        return list(local) == list(incoming)
    return bool(local == incoming)
