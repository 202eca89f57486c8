"""Merging a validated bundle into the database by UUID, in one transaction.

A row the database lacks is added with its own id and timestamps. A row that is the same on both
sides is left alone, so importing a bundle twice adds nothing. A row that differs is a conflict:
the newer `updated_at` wins (a tie keeps the local row) and the conflict is listed for the user.

Deletions travel as tombstones (table, id, time). An incoming tombstone deletes the local row when
the row is older than the deletion, and is kept here too; an incoming row is not (re)created when a
tombstone here or in the bundle is newer than the row, and neither are the rows of such a meeting.
A row changed after it was deleted on the other side survives, and that is listed as a conflict;
a meeting survives when any row inside it changed after the deletion.

A bundle is not trusted: an id that would move a row to another meeting refuses the import (future
times were refused when it was read). Before writing anything the import takes a backup, and
restoring that backup undoes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from opvoed_desktop.i18n import _
from opvoed_desktop.storage import bundle as b
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage import tombstones as ts
from opvoed_desktop.storage.base import SYNC_COLUMNS, new_id
from opvoed_desktop.storage.database import Database
from opvoed_desktop.storage.errors import ReadOnlyError, StorageError
from opvoed_desktop.storage.merge_result import (
    BUNDLE,
    LOCAL,
    Conflict,
    ImportRefused,
    MergeResult,
    kind_label,
)

__all__ = ["BUNDLE", "LOCAL", "Conflict", "ImportRefused", "MergeResult", "kind_label", "merge", "preview"]


@dataclass
class _Plan:
    inserts: list[tuple[type, dict[str, Any]]] = field(default_factory=list)
    updates: list[tuple[type, dict[str, Any]]] = field(default_factory=list)
    # (model, deletion time) → ids of local rows an incoming tombstone removes
    deletes: dict[tuple[type, datetime], list[str]] = field(default_factory=dict)
    tombstones: list[dict[str, Any]] = field(default_factory=list)  # incoming, to keep here
    result: MergeResult = field(default_factory=MergeResult)


@dataclass
class _Deletions:
    """What is known about deletions while planning: local and incoming tombstones together."""

    newest: dict[tuple[str, str], datetime]  # (table, id) → latest deletion on either side
    local: dict[tuple[str, str], datetime]  # the tombstones this database already has
    dropped_meetings: set[str] = field(default_factory=set)  # their rows are left out as well
    alive: set[tuple[str, str]] = field(default_factory=set)  # bundle rows newer than any deletion

    def gone(self, table: str, row: dict[str, Any]) -> bool:
        when = self.newest.get((table, row["id"]))
        return when is not None and when > row["updated_at"]


def preview(db: Database, data: dict[str, Any]) -> MergeResult:
    """What `merge` would do, without writing (for the import dialog)."""
    with db.session() as session:
        return _plan(session, data).result


def merge(db: Database, data: dict[str, Any], *, take_backup: bool = True) -> MergeResult:
    """Apply the bundle; any failure rolls the whole import back (db.write is one transaction).

    A backup is taken first when the import changes anything (`result.backup`): restoring it is
    the undo. Without a backup nothing is imported.
    """
    previous = None
    if take_backup and preview(db, data).changes_anything:
        if db.read_only:
            raise db.read_only_because or ReadOnlyError(db.paths.root)
        try:
            previous = db.backup("before-import")
        except StorageError as exc:
            raise ImportRefused(
                _("Er kon vooraf geen reservekopie worden gemaakt, dus er is niets ingelezen: {reason}").format(
                    reason=str(exc)
                )
            ) from None
    with db.write() as session:
        plan = _plan(session, data)
        plan.result.backup = previous
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
        # Deletions last (children before meetings). The storage layer records their tombstones,
        # and those of the rows the database cascades to, at the incoming time.
        ts.record_many(session.connection(), plan.tombstones)
        for (model, when), ids in sorted(plan.deletes.items(), key=lambda item: item[0][0] is m.Meeting):
            for start in range(0, len(ids), 500):
                stmt = delete(model).where(model.id.in_(ids[start : start + 500]))  # type: ignore[attr-defined]
                session.execute(stmt, execution_options={"tombstone_time": when})
    return plan.result


def _plan(session: Session, data: dict[str, Any]) -> _Plan:
    plan = _Plan()
    plan.result.meetings = len(data["meetings"])
    groups: list[tuple[str, Any, list[dict[str, Any]], dict[str, tuple[str | None, str]]]] = []
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
    contacts: dict[str, tuple[str | None, str]] = {c["id"]: (None, c["municipality"]) for c in data["contacts"]}
    groups.append(("contacts", m.Contact, list(data["contacts"]), contacts))
    deletions = _known_deletions(session, plan, data, groups)
    for kind, model, rows, owner in groups:
        _plan_rows(session, plan, kind, model, rows, owner, deletions)
    _plan_deletes(session, plan, data, deletions)
    return plan


def _table(model: Any) -> str:
    return str(model.__tablename__)


_KINDS: dict[str, str] = {
    "meeting": "meeting",
    "contact": "contacts",
    **{_table(model): key for key, model in b.CHILDREN},
}


def _known_deletions(session: Session, plan: _Plan, data: dict[str, Any], groups: list[Any]) -> _Deletions:
    incoming: dict[tuple[str, str], datetime] = {}
    for tomb in data.get("tombstones", []):
        key = (tomb["table"], tomb["id"])
        incoming[key] = max(incoming.get(key, tomb["deleted_at"]), tomb["deleted_at"])
    pairs = [(_table(model), row["id"]) for _kind, model, rows, _owner in groups for row in rows]
    local = ts.local(session, [*pairs, *incoming])
    newest = dict(local)
    for key, when in incoming.items():
        if key not in local or local[key] < when:
            newest[key] = when
            plan.tombstones.append({"id": new_id(), "table_name": key[0], "row_id": key[1], "deleted_at": when})
    plan.result.tombstones = len(plan.tombstones)
    return _Deletions(newest=newest, local=local)


def _plan_deletes(session: Session, plan: _Plan, data: dict[str, Any], deletions: _Deletions) -> None:
    """Local rows that incoming tombstones remove, or keep (changed later: a conflict)."""
    wanted: dict[str, dict[str, datetime]] = {}
    for tomb in data.get("tombstones", []):
        key = (tomb["table"], tomb["id"])
        if key in deletions.alive:
            continue  # the bundle itself has the row, newer than the deletion
        when = deletions.newest[key]
        wanted.setdefault(tomb["table"], {})[tomb["id"]] = when
    for table, whens in wanted.items():
        model = ts.TABLES[table]
        ids = sorted(whens)
        for start in range(0, len(ids), 500):
            stmt = select(model).where(model.id.in_(ids[start : start + 500]))
            for local in session.scalars(stmt):
                when = whens[local.id]
                kind = _KINDS[table]
                # Never delete what was changed here after the deletion: for a meeting that means
                # any of its rows (they would go with it).
                if _last_change(session, local) < when:
                    plan.deletes.setdefault((model, when), []).append(local.id)
                    plan.result.deleted[kind] = plan.result.deleted.get(kind, 0) + 1
                    if isinstance(local, m.Meeting):
                        plan.result.deleted_meetings.append(local.title)
                else:
                    meeting_id, title = _local_owner(session, local)
                    plan.result.conflicts.append(
                        Conflict(kind, local.id, meeting_id, title, LOCAL, local.updated_at, when, deleted_on=BUNDLE)
                    )


def _last_change(session: Session, row: Any) -> datetime:
    """The latest change of a row; for a meeting, of the meeting and every row inside it."""
    latest: datetime = row.updated_at
    if isinstance(row, m.Meeting):
        for _key, model in b.CHILDREN:
            newest = session.scalar(
                select(func.max(model.updated_at)).where(model.meeting_id == row.id)
            )
            if newest is not None and newest > latest:
                latest = newest
    return latest


def _local_owner(session: Session, row: Any) -> tuple[str | None, str]:
    if isinstance(row, m.Contact):
        return None, row.municipality
    if isinstance(row, m.Meeting):
        return row.id, row.title
    meeting = session.get(m.Meeting, row.meeting_id)
    return row.meeting_id, meeting.title if meeting is not None else ""


def _plan_rows(
    session: Session,
    plan: _Plan,
    kind: str,
    model: Any,
    rows: list[dict[str, Any]],
    owner: dict[str, tuple[str | None, str]],
    deletions: _Deletions,
) -> None:
    names = [c.name for c in model.__table__.columns if c.name not in SYNC_COLUMNS]
    table = _table(model)
    existing: dict[str, Any] = {}
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stmt = select(model).where(model.id.in_(chunk))
        existing.update({r.id: r for r in session.scalars(stmt)})
    result = plan.result
    for row in rows:
        local = existing.get(row["id"])
        if deletions.gone(table, row) or row.get("meeting_id") in deletions.dropped_meetings:
            # Deleted after its last change (here or on the other laptop): never bring it back.
            if model is m.Meeting:
                deletions.dropped_meetings.add(row["id"])
            if local is None:
                result.not_restored += 1
            continue
        deletions.alive.add((table, row["id"]))
        if local is None:
            deleted_here = deletions.local.get((table, row["id"]))
            if deleted_here is not None:
                # Deleted here, but changed on the other laptop afterwards: the newer one wins.
                meeting_id, title = owner[row["id"]]
                result.conflicts.append(
                    Conflict(
                        kind, row["id"], meeting_id, title, BUNDLE, deleted_here, row["updated_at"], deleted_on=LOCAL
                    )
                )
            plan.inserts.append((model, row))
            result.added[kind] = result.added.get(kind, 0) + 1
            if model is m.Meeting:
                result.added_meetings.append(row["title"])
            continue
        if "meeting_id" in row and local.meeting_id != row["meeting_id"]:
            # Same id, another meeting: importing would move the row (and its text) out of the
            # meeting it belongs to here. Ids are random; this only happens by hand.
            _meeting_id, title = _local_owner(session, local)
            raise ImportRefused(
                _(
                    "De bundel zou {kind} {id} van \u201c{title}\u201d naar een andere bijeenkomst verplaatsen; "
                    "zo'n bundel is niet te vertrouwen en er is niets ingelezen."
                ).format(kind=kind_label(kind), id=local.id[:8], title=title)
            )
        if all(_same(getattr(local, n), row.get(n)) for n in names):
            result.unchanged += 1
            continue
        bundle_newer = row["updated_at"] > local.updated_at
        meeting_id, title = _local_owner(session, local)  # the meeting as it is known here
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
            if title not in result.changed_meetings:
                result.changed_meetings.append(title)


def _same(local: Any, incoming: Any) -> bool:
    if isinstance(local, list | tuple) and isinstance(incoming, list | tuple):
        return list(local) == list(incoming)
    return bool(local == incoming)
