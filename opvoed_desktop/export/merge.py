"""Merging a validated bundle into the database by UUID, in one transaction.

A row the database lacks is added with its own id and timestamps. A row that is the same on both
sides is left alone, so importing a bundle twice adds nothing. A row that differs is a conflict:
the newer `updated_at` wins (a tie keeps the local row) and the conflict is listed for the user.

Deletions travel as tombstones (table, id, time). An incoming tombstone deletes the local row when
the row is older than the deletion, and is kept here too; an incoming row is not (re)created when a
tombstone here or in the bundle is newer than the row, and neither are the rows of such a meeting.
A row changed after it was deleted on the other side survives, and that is listed as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from opvoed_desktop.export import bundle as b
from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage import tombstones as ts
from opvoed_desktop.storage.base import new_id
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
    # Set when one side deleted the row (LOCAL or BUNDLE) and the other changed it later.
    deleted_on: str | None = None

    def describe(self) -> str:
        if self.deleted_on == BUNDLE:
            return _(
                "{kind} {id} van \u201c{title}\u201d: elders verwijderd maar hier later gewijzigd, en daarom bewaard."
            ).format(kind=kind_label(self.kind), id=self.record_id[:8], title=self.meeting_title)
        if self.deleted_on == LOCAL:
            return _(
                "{kind} {id} van \u201c{title}\u201d: hier verwijderd maar in de bundel later gewijzigd, "
                "en daarom teruggezet."
            ).format(kind=kind_label(self.kind), id=self.record_id[:8], title=self.meeting_title)
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
    deleted: dict[str, int] = field(default_factory=dict)  # local rows removed by a tombstone
    not_restored: int = 0  # bundle rows left out because they were deleted (here or there)
    tombstones: int = 0  # deletions newly learnt from the bundle

    @property
    def deleted_total(self) -> int:
        return sum(self.deleted.values())

    def describe_deletions(self) -> str:
        """One sentence about deletions, or "" when the bundle carried none that mattered here."""
        if not (self.deleted_total or self.not_restored):
            return ""
        deleted, kept = self.deleted_total, self.not_restored
        return (
            ngettext(
                "{n} rij verwijderd omdat die elders is gewist",
                "{n} rijen verwijderd omdat ze elders zijn gewist",
                deleted,
            ).format(n=deleted)
            + ", "
            + ngettext("{n} gewiste rij niet teruggezet.", "{n} gewiste rijen niet teruggezet.", kept).format(n=kept)
        )

    def describe_counts(self) -> str:
        """Like "3 nieuw, 1 bijgewerkt, 0 al aanwezig, 1 conflict.": each count in its own plural form."""
        parts = (
            ngettext("{n} nieuw", "{n} nieuw", self.added_total).format(n=self.added_total),
            ngettext("{n} bijgewerkt", "{n} bijgewerkt", self.updated_total).format(n=self.updated_total),
            ngettext("{n} al aanwezig", "{n} al aanwezig", self.unchanged).format(n=self.unchanged),
            ngettext("{n} conflict", "{n} conflicten", len(self.conflicts)).format(n=len(self.conflicts)),
        )
        return ", ".join(parts) + "."

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


def _table(model: type) -> str:
    return str(model.__tablename__)  # type: ignore[attr-defined]


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
                if local.updated_at < when:
                    plan.deletes.setdefault((model, when), []).append(local.id)
                    plan.result.deleted[kind] = plan.result.deleted.get(kind, 0) + 1
                else:
                    meeting_id, title = _local_owner(session, local)
                    plan.result.conflicts.append(
                        Conflict(kind, local.id, meeting_id, title, LOCAL, local.updated_at, when, deleted_on=BUNDLE)
                    )


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
    names = [c.name for c in model.__table__.columns]
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
