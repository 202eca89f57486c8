"""Sync with an organisation's hub: sequence numbers and devices per row, a shared flag per meeting.

- Every synced table (and tombstone): server_seq (the hub version a row holds; NULL: changed here),
  base_seq (the hub version a local edit started from) and updated_by (the device of the edit).
  Existing rows start unsynced, so they go up on the first sync of a shared meeting.
- meeting.shared ("delen met organisatie"): off for every meeting that exists today; nothing leaves
  the laptop until the facilitator chooses it. meeting.origin_device: the laptop it came from.
- sync_state, sync_counter, sync_device, sync_conflict: the bookkeeping of opvoed_desktop/hub.
- On PostgreSQL only (the hub), triggers that refuse what a bundle import refuses too: times in the
  future and a row moved to another meeting (written out below).

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
from sqlalchemy import Connection

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

    _install_guards(op.get_bind())


def downgrade() -> None:
    _uninstall_guards(op.get_bind())
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


# The hub's guards as this revision made them, written out here (not imported from the hub's code)
# so a later change to the hub cannot change what revision 0005 creates: a new rule is a new revision.
# No '%' in this SQL: the driver reads it as a parameter marker.

# How far a laptop's clock may run ahead of the hub's before its rows count as "in the future".
CLOCK_SKEW = "10 minutes"

CHILD_TABLES = ("participant_group", "agenda_item", "note", "strength", "agreement", "wish", "evaluation")
GUARDED = ("meeting", "contact", *CHILD_TABLES)

_ROW_GUARD = f"""
CREATE OR REPLACE FUNCTION opvoed_row_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.updated_at > (now() AT TIME ZONE 'UTC') + interval '{CLOCK_SKEW}'
       OR NEW.created_at > (now() AT TIME ZONE 'UTC') + interval '{CLOCK_SKEW}' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'opvoed: ' || TG_TABLE_NAME || ' ' || NEW.id || ' has a time in the future';
    END IF;
    IF TG_OP = 'UPDATE' AND TG_ARGV[0] = 'child' THEN
        -- nested: NEW.meeting_id only exists on child tables
        IF NEW.meeting_id IS DISTINCT FROM OLD.meeting_id THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
                MESSAGE = 'opvoed: ' || TG_TABLE_NAME || ' ' || NEW.id || ' would move to another meeting';
        END IF;
    END IF;
    RETURN NEW;
END $$;
"""

_TOMBSTONE_GUARD = f"""
CREATE OR REPLACE FUNCTION opvoed_tombstone_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.deleted_at > (now() AT TIME ZONE 'UTC') + interval '{CLOCK_SKEW}' THEN
        RAISE EXCEPTION 'opvoed: a deletion with a time in the future' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
"""


def _install_guards(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(_ROW_GUARD)
    conn.exec_driver_sql(_TOMBSTONE_GUARD)
    for table in GUARDED:
        kind = "child" if table in CHILD_TABLES else "parent"
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS opvoed_guard ON {table}")
        conn.exec_driver_sql(
            f"CREATE TRIGGER opvoed_guard BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION opvoed_row_guard('{kind}')"
        )
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS opvoed_guard ON tombstone")
    conn.exec_driver_sql(
        "CREATE TRIGGER opvoed_guard BEFORE INSERT OR UPDATE ON tombstone "
        "FOR EACH ROW EXECUTE FUNCTION opvoed_tombstone_guard()"
    )


def _uninstall_guards(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    for table in (*GUARDED, "tombstone"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS opvoed_guard ON {table}")
    conn.exec_driver_sql("DROP FUNCTION IF EXISTS opvoed_row_guard()")
    conn.exec_driver_sql("DROP FUNCTION IF EXISTS opvoed_tombstone_guard()")
