"""The façade the UI and CLI use for meetings: details, participants, agenda, notes, results,
contacts, trash and search. Takes a `Database`; returns plain records, never ORM objects.

Every write is its own short transaction (synchronous=FULL), so an autosave that returned has
reached the disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import delete, func, or_, select, update

from opvoed_desktop.i18n import _
from opvoed_desktop.services._storage_base import check_choice, check_title
from opvoed_desktop.services.agenda_store import AgendaStoreMixin
from opvoed_desktop.services.outcomes import OutcomesMixin
from opvoed_desktop.services.sharing import share_new_meetings
from opvoed_desktop.storage import fts
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import utcnow
from opvoed_desktop.storage.errors import NotFoundError
from opvoed_desktop.storage.records import (
    AgendaItemRecord,
    AgreementRecord,
    EvaluationRecord,
    Hit,
    MeetingDetail,
    MeetingSummary,
    NoteRecord,
    ParticipantRecord,
    StrengthRecord,
    WishRecord,
    from_row,
)

if TYPE_CHECKING:
    from sqlalchemy import CursorResult

# (kind, ref, title, minutes): a programme entry as plain data, so services need no content.
AgendaEntry = tuple[str, str | None, str, int]

_MEETING_FIELDS = frozenset(
    {"title", "starts_at", "venue", "municipality", "facilitator", "languages", "programme_id", "minutes_available"}
)
_AGENDA_FIELDS = frozenset({"title", "planned_minutes", "actual_start", "actual_end", "ref"})
_SUMMARY_COLUMNS = (
    m.Meeting.id,
    m.Meeting.title,
    m.Meeting.starts_at,
    m.Meeting.venue,
    m.Meeting.municipality,
    m.Meeting.is_sample,
    m.Meeting.closed_at,
    m.Meeting.deleted_at,
)


class MeetingService(AgendaStoreMixin, OutcomesMixin):
    # Meetings ---------------------------------------------------------------------------
    def create_meeting(
        self,
        title: str,
        *,
        starts_at: datetime | None = None,
        venue: str = "",
        municipality: str = "",
        facilitator: str = "",
        languages: Sequence[str] = (),
        programme_id: str | None = None,
        is_sample: bool = False,
        shared: bool | None = None,
    ) -> str:
        if shared is None:  # this laptop's choice for new meetings; never samples
            shared = not is_sample and share_new_meetings(self.db)
        return self._add(
            m.Meeting,
            shared=shared and not is_sample,
            title=check_title(title),
            starts_at=starts_at,
            venue=venue,
            municipality=municipality,
            facilitator=facilitator,
            languages=list(languages),
            programme_id=programme_id,
            is_sample=is_sample,
        )

    def update_meeting(self, meeting_id: str, **fields: Any) -> None:
        """Change any of: title, starts_at, venue, municipality, facilitator, languages,
        programme_id, minutes_available."""
        if "title" in fields:
            fields["title"] = check_title(fields["title"])
        if "languages" in fields:
            fields["languages"] = list(fields["languages"])
        self._update(m.Meeting, meeting_id, _MEETING_FIELDS, fields)

    def close_meeting(self, meeting_id: str) -> Path | None:
        """Mark the meeting as held and take a backup (a natural moment to secure the notes)."""
        self._update(m.Meeting, meeting_id, {"closed_at"}, {"closed_at": utcnow()})
        return self.db.backup("closed-meeting")

    def reopen_meeting(self, meeting_id: str) -> None:
        self._update(m.Meeting, meeting_id, {"closed_at"}, {"closed_at": None})

    def list_meetings(
        self,
        *,
        text: str | None = None,
        municipality: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        include_samples: bool = True,
        trashed: bool = False,
    ) -> list[MeetingSummary]:
        """Newest first. Reads only the listed columns, through ix_meeting_list."""
        mt = m.Meeting
        stmt = select(*_SUMMARY_COLUMNS).where(mt.deleted_at.is_not(None) if trashed else mt.deleted_at.is_(None))
        if municipality:
            stmt = stmt.where(mt.municipality == municipality)
        if since is not None:
            stmt = stmt.where(mt.starts_at >= since)
        if until is not None:
            stmt = stmt.where(mt.starts_at < until)
        if not include_samples:
            stmt = stmt.where(mt.is_sample.is_(False))
        for word in (text or "").split():
            pattern = f"%{word}%"
            stmt = stmt.where(
                or_(
                    mt.title.ilike(pattern),
                    mt.venue.ilike(pattern),
                    mt.municipality.ilike(pattern),
                    mt.facilitator.ilike(pattern),
                )
            )
        stmt = stmt.order_by(mt.deleted_at.desc(), mt.starts_at.desc())
        with self.db.session() as s:
            return [MeetingSummary(*row) for row in s.execute(stmt)]

    def find_meeting_id(self, key: str) -> str:
        """The full id of a meeting given its id or a unique beginning of it (CLI, links)."""
        key = key.strip().lower()
        with self.db.session() as s:
            ids = list(s.scalars(select(m.Meeting.id).where(m.Meeting.id.startswith(key)).limit(2))) if key else []
        if len(ids) != 1:
            raise NotFoundError(_("Bijeenkomst"), key)
        return ids[0]

    def municipalities(self) -> list[str]:
        """Distinct municipalities of meetings and contacts, for filters and pickers."""
        with self.db.session() as s:
            names = set(s.scalars(select(m.Meeting.municipality).distinct()))
            names |= set(s.scalars(select(m.Contact.municipality).distinct()))
        return sorted(n for n in names if n)

    def get_meeting(self, meeting_id: str) -> MeetingDetail:
        with self.db.session() as s:
            meeting = self._get(s, m.Meeting, meeting_id)

            def rows(model: Any, order: Any) -> list[Any]:
                return list(s.scalars(select(model).where(model.meeting_id == meeting_id).order_by(order)))

            return MeetingDetail(
                **{
                    name: getattr(meeting, name)
                    for name in (
                        "id",
                        "title",
                        "starts_at",
                        "venue",
                        "municipality",
                        "facilitator",
                        "programme_id",
                        "minutes_available",
                        "closed_at",
                        "is_sample",
                        "deleted_at",
                        "created_at",
                        "updated_at",
                    )
                },
                languages=list(meeting.languages),
                participants=[
                    from_row(ParticipantRecord, r) for r in rows(m.ParticipantGroup, m.ParticipantGroup.side)
                ],
                agenda=[from_row(AgendaItemRecord, r) for r in rows(m.AgendaItem, m.AgendaItem.position)],
                notes=[from_row(NoteRecord, r) for r in rows(m.Note, m.Note.created_at)],
                strengths=[from_row(StrengthRecord, r) for r in rows(m.Strength, m.Strength.created_at)],
                agreements=[from_row(AgreementRecord, r) for r in rows(m.Agreement, m.Agreement.created_at)],
                wishes=[from_row(WishRecord, r) for r in rows(m.Wish, m.Wish.created_at)],
                evaluations=[from_row(EvaluationRecord, r) for r in rows(m.Evaluation, m.Evaluation.created_at)],
            )

    # Participants -----------------------------------------------------------------------
    def set_participants(self, meeting_id: str, side: str, count: int, organisations: str = "") -> str:
        """One group per side: creates it or replaces its figures."""
        check_choice(side, m.Side, _("Kant"))
        with self.db.write() as s:
            self._get(s, m.Meeting, meeting_id)
            group = s.scalars(
                select(m.ParticipantGroup).where(
                    m.ParticipantGroup.meeting_id == meeting_id, m.ParticipantGroup.side == side
                )
            ).first()
            if group is None:
                group = m.ParticipantGroup(meeting_id=meeting_id, side=side)
                s.add(group)
            group.count = max(0, int(count))
            group.organisations = organisations
            s.flush()
            return group.id

    # Agenda -----------------------------------------------------------------------------
    def plan_agenda(self, meeting_id: str, entries: Iterable[AgendaEntry]) -> list[str]:
        """Replace the agenda by a programme's entries. Notes on removed items are kept and
        become general notes (the foreign key sets their item to NULL)."""
        entries = list(entries)
        for kind, *_rest in entries:
            check_choice(kind, m.AgendaKind, _("Soort"))
        with self.db.write() as s:
            self._get(s, m.Meeting, meeting_id)
            s.execute(delete(m.AgendaItem).where(m.AgendaItem.meeting_id == meeting_id))
            items = [
                m.AgendaItem(
                    meeting_id=meeting_id, position=i, kind=kind, ref=ref, title=title, planned_minutes=int(minutes)
                )
                for i, (kind, ref, title, minutes) in enumerate(entries, start=1)
            ]
            s.add_all(items)
            s.flush()
            return [item.id for item in items]

    def add_agenda_item(self, meeting_id: str, kind: str, title: str, minutes: int = 0, ref: str | None = None) -> str:
        check_choice(kind, m.AgendaKind, _("Soort"))
        with self.db.write() as s:
            self._get(s, m.Meeting, meeting_id)
            last = s.scalar(select(func.max(m.AgendaItem.position)).where(m.AgendaItem.meeting_id == meeting_id))
            item = m.AgendaItem(
                meeting_id=meeting_id,
                position=(last or 0) + 1,
                kind=kind,
                ref=ref,
                title=title,
                planned_minutes=int(minutes),
            )
            s.add(item)
            s.flush()
            return item.id

    def update_agenda_item(self, item_id: str, **fields: Any) -> None:
        """Change any of: title, planned_minutes, actual_start, actual_end, ref."""
        self._update(m.AgendaItem, item_id, _AGENDA_FIELDS, fields)

    def move_agenda_item(self, item_id: str, new_position: int) -> None:
        """Move to 1-based `new_position`, renumbering the others."""
        with self.db.write() as s:
            item = self._get(s, m.AgendaItem, item_id)
            items = list(
                s.scalars(
                    select(m.AgendaItem)
                    .where(m.AgendaItem.meeting_id == item.meeting_id)
                    .order_by(m.AgendaItem.position)
                )
            )
            items.remove(item)
            items.insert(max(0, min(new_position - 1, len(items))), item)
            for i, each in enumerate(items, start=1):
                each.position = i

    def remove_agenda_item(self, item_id: str) -> None:
        self._delete(m.AgendaItem, item_id)

    # Notes ------------------------------------------------------------------------------
    def save_item_note(self, meeting_id: str, agenda_item_id: str | None, text: str) -> str:
        """Autosave target of the notes editor: the one note of an agenda item (or the
        general note when `agenda_item_id` is None), created on first save."""
        with self.db.write() as s:
            self._get(s, m.Meeting, meeting_id)
            cond = (
                m.Note.agenda_item_id.is_(None) if agenda_item_id is None else m.Note.agenda_item_id == agenda_item_id
            )
            note = s.scalars(
                select(m.Note).where(m.Note.meeting_id == meeting_id, cond).order_by(m.Note.created_at).limit(1)
            ).first()
            if note is None:
                if agenda_item_id is not None:
                    self._get(s, m.AgendaItem, agenda_item_id)
                note = m.Note(meeting_id=meeting_id, agenda_item_id=agenda_item_id)
                s.add(note)
            if note.text != text:
                note.text = text
            s.flush()
            return note.id

    def add_note(self, meeting_id: str, text: str, agenda_item_id: str | None = None) -> str:
        return self._add(m.Note, meeting_id=meeting_id, agenda_item_id=agenda_item_id, text=text)

    def update_note(self, note_id: str, text: str) -> None:
        self._update(m.Note, note_id, {"text"}, {"text": text})

    def delete_note(self, note_id: str) -> None:
        self._delete(m.Note, note_id)

    # Trash ------------------------------------------------------------------------------
    def trash_meeting(self, meeting_id: str) -> None:
        self._update(m.Meeting, meeting_id, {"deleted_at"}, {"deleted_at": utcnow()})

    def restore_meeting(self, meeting_id: str) -> None:
        self._update(m.Meeting, meeting_id, {"deleted_at"}, {"deleted_at": None})

    def list_trash(self) -> list[MeetingSummary]:
        return self.list_meetings(trashed=True)

    def empty_trash(self) -> int:
        """Delete trashed meetings for good; returns how many."""
        return self._purge(m.Meeting.deleted_at.is_not(None))

    def delete_meeting_permanently(self, meeting_id: str) -> None:
        with self.db.session() as s:
            self._get(s, m.Meeting, meeting_id)
        self._purge(m.Meeting.id == meeting_id)

    def delete_samples(self) -> int:
        # Sample meetings are local demo data: their deletion is not news for other laptops, and
        # 250,000 tombstones would only swell every bundle.
        return self._purge(m.Meeting.is_sample.is_(True), tombstones=False)

    def _purge(self, condition: Any, *, tombstones: bool = True) -> int:
        with self.db.write() as s:
            # The database cascades to every child row; the FTS triggers follow each delete. The
            # storage layer records a tombstone for the meeting and each child it takes along.
            stmt = delete(m.Meeting).where(condition)
            result = s.execute(stmt, execution_options={"tombstones": tombstones})
            count = cast("CursorResult[Any]", result).rowcount  # a DELETE's result counts its rows
            if count:
                fts.purge_deleted(s.connection())
        if count:
            # Fold the WAL back so the deleted text does not linger in the -wal file.
            self.db.checkpoint()
        return int(count or 0)

    # Search -----------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 50) -> list[Hit]:
        """Notes, agreements, wishes, strengths and meeting details of meetings not in the
        trash; every word must match, as a prefix ("ouder" finds "ouders")."""
        with self.db.session() as s:
            return fts.search(s, query, limit=limit)

    def touch_meeting(self, meeting_id: str) -> None:
        """Record that something of the meeting changed (for "recently edited" sorting)."""
        with self.db.write() as s:
            s.execute(update(m.Meeting).where(m.Meeting.id == meeting_id).values(updated_at=utcnow()))
