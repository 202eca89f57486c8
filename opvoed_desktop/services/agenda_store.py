"""A meeting's agenda as the agenda editor keeps it: saved whole after each change, ids kept.

Items keep their ids when they are moved or changed, so notes and recorded times stay with them;
an item taken off the agenda takes no note along (its notes become general notes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select

from opvoed_desktop.i18n import _
from opvoed_desktop.services._storage_base import StorageService, check_choice
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.errors import InvalidInputError


@dataclass(frozen=True)
class AgendaLine:
    """One line to store: `id` None for a new line."""

    kind: str
    title: str
    minutes: int
    ref: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class PastAgenda:
    meeting_id: str
    title: str
    starts_at: datetime | None


class AgendaStoreMixin(StorageService):
    def save_agenda(self, meeting_id: str, lines: Sequence[AgendaLine]) -> list[str]:
        """Make the stored agenda exactly `lines`, in this order; returns the ids in order."""
        for line in lines:
            check_choice(line.kind, m.AgendaKind, _("Soort"))
            if line.minutes < 0:
                raise InvalidInputError(_("Een onderdeel duurt 0 minuten of meer."))
            if not line.title.strip():
                raise InvalidInputError(_("Elk onderdeel van de agenda heeft een naam nodig."))
        with self.db.write() as s:
            self._get(s, m.Meeting, meeting_id)
            stored = {
                item.id: item for item in s.scalars(select(m.AgendaItem).where(m.AgendaItem.meeting_id == meeting_id))
            }
            kept = {line.id for line in lines if line.id is not None}
            for item_id, item in stored.items():
                if item_id not in kept:
                    s.delete(item)
            s.flush()
            ids: list[str] = []
            for position, line in enumerate(lines, start=1):
                found = stored.get(line.id) if line.id is not None else None
                if found is None:
                    item = m.AgendaItem(meeting_id=meeting_id)
                    s.add(item)
                else:
                    item = found
                values = {
                    "position": position,
                    "kind": line.kind,
                    "ref": line.ref,
                    "title": line.title.strip()[:200],
                    "planned_minutes": int(line.minutes),
                }
                for name, value in values.items():
                    if getattr(item, name) != value:
                        setattr(item, name, value)
                s.flush()
                ids.append(item.id)
            return ids

    def past_agendas(self, exclude: str | None = None, limit: int = 20) -> list[PastAgenda]:
        """Meetings with an agenda (not in the trash), newest first: to start a new one from."""
        mt = m.Meeting
        has_agenda = exists().where(m.AgendaItem.meeting_id == mt.id)
        stmt = (
            select(mt.id, mt.title, mt.starts_at)
            .where(mt.deleted_at.is_(None), has_agenda)
            .order_by(mt.starts_at.desc())
            .limit(limit + 1)
        )
        with self.db.session() as s:
            rows = [PastAgenda(*row) for row in s.execute(stmt)]
        return [row for row in rows if row.meeting_id != exclude][:limit]

    def agenda_lines(self, meeting_id: str) -> list[AgendaLine]:
        """A meeting's agenda as new lines (no ids, no times): to copy into another meeting."""
        with self.db.session() as s:
            self._get(s, m.Meeting, meeting_id)
            items = s.scalars(
                select(m.AgendaItem).where(m.AgendaItem.meeting_id == meeting_id).order_by(m.AgendaItem.position)
            )
            return [AgendaLine(i.kind, i.title, i.planned_minutes, i.ref) for i in items]
