"""Sync with an organisation's hub: sequence numbers and devices per row, a shared flag per meeting.

- Every synced table (and tombstone): server_seq (the hub version a row holds; NULL: changed here),
  base_seq (the hub version a local edit started from) and updated_by (the device of the edit).
  Existing rows start unsynced, so they go up on the first sync of a shared meeting.
- meeting.shared ("delen met organisatie"): off for every meeting that exists today; nothing leaves
  the laptop until the facilitator chooses it. meeting.origin_device: the laptop it came from.
- sync_state, sync_counter, sync_device, sync_conflict: the bookkeeping of opvoed_desktop/hub.
- On PostgreSQL only (the hub), triggers that refuse what a bundle import refuses too: times in the
  future and a row moved to another meeting (hub/schema.py).

updated_at is left alone: adding the columns changes no content. Every change is an ALTER TABLE ADD
COLUMN with a constant default, so SQLite's batch mode never copies a table (a copied meeting table
would take its notes with it through ON DELETE CASCADE).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SYNCED = (
    "meeting",
    "participant_group",
    "agenda_item",
    "note",
    "strength",
    "agreement",
    "wish",
    "evaluation",
    "contact",
    "tombstone",
)


def upgrade() -> None:
    for table in SYNCED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("server_seq", sa.BigInteger(), nullable=True))
            batch_op.add_column(sa.Column("base_seq", sa.BigInteger(), nullable=True))
            batch_op.add_column(sa.Column("updated_by", sa.String(length=36), nullable=True))
            batch_op.create_index(f"ix_{table}_server_seq", ["server_seq"], unique=False)
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shared", sa.Boolean(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("origin_device", sa.String(length=36), nullable=True))

    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_counter",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_counter")),
    )
    op.create_table(
        "sync_device",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("last_sync", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_device")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("local_row", sa.JSON(), nullable=True),
        sa.Column("hub_row", sa.JSON(), nullable=True),
        sa.Column("kept", sa.String(length=8), nullable=False),
        sa.Column("local_device", sa.String(length=36), nullable=True),
        sa.Column("hub_device", sa.String(length=36), nullable=True),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_row_id"), ["row_id"], unique=False)

    from opvoed_desktop.hub import schema

    schema.install_guards(op.get_bind())


def downgrade() -> None:
    from opvoed_desktop.hub import schema

    schema.uninstall_guards(op.get_bind())
    op.drop_table("sync_conflict")
    op.drop_table("sync_device")
    op.drop_table("sync_counter")
    op.drop_table("sync_state")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("origin_device")
        batch_op.drop_column("shared")
    for table in reversed(SYNCED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_server_seq")
            batch_op.drop_column("updated_by")
            batch_op.drop_column("base_seq")
            batch_op.drop_column("server_seq")
