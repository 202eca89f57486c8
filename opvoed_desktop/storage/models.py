"""The meeting record: typed SQLAlchemy 2 models.

Only portable types and constraints here (String, Text, JSON, CHECK): the same models must run on
PostgreSQL later. Choice lists are VARCHAR + CHECK rather than native enums for that reason.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opvoed_desktop.storage.base import Base, Keyed, new_id, utcnow


class Side(StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class AgendaKind(StrEnum):
    EXERCISE = "exercise"
    BACKGROUND = "background"
    PAUSE = "pause"
    OWN = "own"
    SESSION = "session"


class AgreementStatus(StrEnum):
    OPEN = "open"
    BUSY = "busy"
    DONE = "done"


class ContactKind(StrEnum):
    INFORMAL = "informal"
    CJG = "cjg"
    WIJKTEAM = "wijkteam"
    JGZ = "jgz"
    OTHER = "other"


def _one_of(column: str, enum: type[StrEnum], name: str) -> CheckConstraint:
    values = ", ".join(f"'{m.value}'" for m in enum)
    return CheckConstraint(f"{column} IN ({values})", name=name)


def _meeting_fk() -> Mapped[str]:
    # Children go with their meeting when it is deleted for good (the database cascades, so
    # FTS triggers fire for every removed row too).
    return mapped_column(String(36), ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True)


_CHILDREN = "all, delete-orphan"


class Meeting(Keyed, Base):
    __tablename__ = "meeting"
    __table_args__ = (
        # The meetings list reads live meetings newest first; this index serves it directly.
        Index("ix_meeting_list", "deleted_at", "starts_at"),
    )

    title: Mapped[str] = mapped_column(String(200), nullable=False)
    starts_at: Mapped[datetime | None] = mapped_column(DateTime)  # local wall-clock time
    venue: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    municipality: Mapped[str] = mapped_column(String(100), default="", nullable=False, index=True)
    facilitator: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    # Language codes ("ar", "ti"); an entry that names no language stays as typed (see language_names).
    languages: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    # The dagdeel the agenda must fit in; None: the programme's own.
    minutes_available: Mapped[int | None] = mapped_column(Integer)
    programme_id: Mapped[str | None] = mapped_column(String(100))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # "Delen met organisatie": only shared meetings (and never samples) go up to the hub. Off for
    # meetings that existed before the hub was connected (migration 0005).
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0", nullable=False)
    # The laptop the meeting was first synced from (a SyncDevice id): "which laptop it came from".
    origin_device: Mapped[str | None] = mapped_column(String(36))

    participants: Mapped[list[ParticipantGroup]] = relationship(
        back_populates="meeting", cascade=_CHILDREN, passive_deletes=True
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting",
        cascade=_CHILDREN,
        passive_deletes=True,
        order_by="AgendaItem.position",
    )
    notes: Mapped[list[Note]] = relationship(cascade=_CHILDREN, passive_deletes=True)
    strengths: Mapped[list[Strength]] = relationship(cascade=_CHILDREN, passive_deletes=True)
    agreements: Mapped[list[Agreement]] = relationship(cascade=_CHILDREN, passive_deletes=True)
    wishes: Mapped[list[Wish]] = relationship(cascade=_CHILDREN, passive_deletes=True)
    evaluations: Mapped[list[Evaluation]] = relationship(cascade=_CHILDREN, passive_deletes=True)


class ParticipantGroup(Keyed, Base):
    __tablename__ = "participant_group"
    __table_args__ = (
        _one_of("side", Side, "side"),
        CheckConstraint("count >= 0", name="count"),
    )

    meeting_id: Mapped[str] = _meeting_fk()
    side: Mapped[str] = mapped_column(String(16), nullable=False)
    count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    organisations: Mapped[str] = mapped_column(Text, default="", nullable=False)

    meeting: Mapped[Meeting] = relationship(back_populates="participants")


class AgendaItem(Keyed, Base):
    __tablename__ = "agenda_item"
    __table_args__ = (
        _one_of("kind", AgendaKind, "kind"),
        CheckConstraint("planned_minutes >= 0", name="planned_minutes"),
    )

    meeting_id: Mapped[str] = _meeting_fk()
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    ref: Mapped[str | None] = mapped_column(String(100))  # content id; None for own items
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    planned_minutes: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    actual_start: Mapped[datetime | None] = mapped_column(DateTime)
    actual_end: Mapped[datetime | None] = mapped_column(DateTime)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")


class Note(Keyed, Base):
    __tablename__ = "note"

    meeting_id: Mapped[str] = _meeting_fk()
    # A note outlives the agenda item it was written under: the item goes, the note stays general.
    agenda_item_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text, default="", nullable=False)


class Strength(Keyed, Base):
    __tablename__ = "strength"
    __table_args__ = (_one_of("side", Side, "side"),)

    meeting_id: Mapped[str] = _meeting_fk()
    side: Mapped[str] = mapped_column(String(16), nullable=False)
    text: Mapped[str] = mapped_column(Text, default="", nullable=False)


class Agreement(Keyed, Base):
    __tablename__ = "agreement"
    __table_args__ = (_one_of("status", AgreementStatus, "status"),)

    meeting_id: Mapped[str] = _meeting_fk()
    what: Mapped[str] = mapped_column(Text, default="", nullable=False)
    party: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    due: Mapped[date | None] = mapped_column(Date)
    # A deadline written in words ("eind januari"), or a typed date that does not exist, kept as typed.
    due_text: Mapped[str] = mapped_column(String(100), default="", server_default="", nullable=False)
    status: Mapped[str] = mapped_column(String(8), default=AgreementStatus.OPEN, nullable=False)


class Wish(Keyed, Base):
    __tablename__ = "wish"

    meeting_id: Mapped[str] = _meeting_fk()
    text: Mapped[str] = mapped_column(Text, default="", nullable=False)


class Evaluation(Keyed, Base):
    __tablename__ = "evaluation"
    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 5", name="score"),)

    meeting_id: Mapped[str] = _meeting_fk()
    respondent_group: Mapped[str] = mapped_column(String(100), default="", nullable=False)
    score: Mapped[int] = mapped_column(Integer, nullable=False)
    remark: Mapped[str] = mapped_column(Text, default="", nullable=False)


class Contact(Keyed, Base):
    """A local organisation parents can go to; kept per municipality, not per meeting."""

    __tablename__ = "contact"
    __table_args__ = (_one_of("kind", ContactKind, "kind"),)

    municipality: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    organisation: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), default=ContactKind.OTHER, nullable=False)
    address: Mapped[str] = mapped_column(Text, default="", nullable=False)
    phone: Mapped[str] = mapped_column(String(50), default="", nullable=False)
    website: Mapped[str] = mapped_column(String(300), default="", nullable=False)
    # What is kept as typed about the opening hours: a remark ("niet op feestdagen"), or text from
    # before the hours were structured that could not be read as days and times (migration 0004).
    opening_hours: Mapped[str] = mapped_column(Text, default="", nullable=False)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    # The opening hours as slots: [{"days": [0, 1, 2, 3, 4], "from": "09:00", "to": "17:00"}], Monday
    # 0 (see i18n.hours); printed in the reader's language.
    opening_slots: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, nullable=False)


class Tombstone(Base):
    """That a row was deleted for good, and when: ids and a time only, never any of its text.

    Bundles carry tombstones so a deletion reaches other laptops and an older bundle cannot bring
    the row back. One tombstone per row (the newest deletion counts).
    """

    __tablename__ = "tombstone"
    __table_args__ = (Index("ix_tombstone_row", "table_name", "row_id", unique=True),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(32), nullable=False)
    row_id: Mapped[str] = mapped_column(String(36), nullable=False)
    deleted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    # As for Keyed rows: None until the hub has this deletion (tombstones.record_many resets it when
    # a newer deletion replaces the time).
    server_seq: Mapped[int | None] = mapped_column(BigInteger, index=True)
    base_seq: Mapped[int | None] = mapped_column(BigInteger)
    updated_by: Mapped[str | None] = mapped_column(String(36))


class SyncState(Base):
    """Per-database sync facts as key/value: this laptop's device id, the hub last seen, the last
    hub sequence number pulled. On the hub itself unused."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class SyncCounter(Base):
    """The hub's sequence: one row, updated in every push transaction. Its row lock orders the push
    transactions, so a puller that saw number N has seen every row numbered N or lower."""

    __tablename__ = "sync_counter"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False)


class SyncDevice(Base):
    """A laptop that syncs with the hub, by the name it gave (its facilitator or host name)."""

    __tablename__ = "sync_device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    last_sync: Mapped[datetime | None] = mapped_column(DateTime)


class SyncConflict(Base):
    """The same row changed on two laptops: both versions, until the user chooses (local only).

    The losing version is kept here, so nothing typed is lost; the winner (newest edit) is what the
    row holds meanwhile.
    """

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(32), nullable=False)
    row_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    meeting_id: Mapped[str | None] = mapped_column(String(36))
    local_row: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # None: deleted here
    hub_row: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # None: deleted on the hub
    kept: Mapped[str] = mapped_column(String(8), nullable=False)  # "local" | "hub": what the row holds now
    local_device: Mapped[str | None] = mapped_column(String(36))
    hub_device: Mapped[str | None] = mapped_column(String(36))
    detected_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
