"""Declarative base and the columns every table shares: a UUID key and timestamps.

Keys are UUIDs stored as 36-character strings, so records created on several laptops merge
without clashes and the same schema works on PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, MetaData, String, func, literal_column, null
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Deterministic constraint names keep Alembic migrations (and batch mode on SQLite) predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Naive UTC: SQLite keeps no time zone, so we store one convention everywhere."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Keyed:
    """Mixin: UUID primary key plus created/updated timestamps (UTC)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)
    # Sync with the organisation's hub (opvoed_desktop/hub): the hub's sequence number of the version
    # this row holds (None: changed here since the last sync, or never synced), and the hub version a
    # local edit started from. Every UPDATE that does not set them itself (any edit through the app,
    # ORM or bulk) marks the row as changed here in the same statement, so no write path can forget;
    # the right-hand sides read the old values on SQLite and PostgreSQL alike.
    server_seq: Mapped[int | None] = mapped_column(BigInteger, index=True, onupdate=null())
    base_seq: Mapped[int | None] = mapped_column(
        BigInteger, onupdate=func.coalesce(literal_column("server_seq"), literal_column("base_seq"))
    )
    # The device (laptop) whose edit this version is; set when it goes up to the hub.
    updated_by: Mapped[str | None] = mapped_column(String(36))


# Columns that describe a row's place in the sync, not its content: never in a bundle, never
# compared to decide whether two versions differ.
SYNC_COLUMNS = frozenset({"server_seq", "base_seq", "updated_by", "shared", "origin_device"})
