"""Contacts' opening hours become days and times.

- contact.opening_slots: the opening hours as slots of days and a time from and to (JSON, see
  i18n.hours), read from the text typed before (`opening_hours`, Dutch: "ma–vr 9.00–17.00").
- contact.opening_hours keeps what is kept as typed: text that does not read wholly as days and
  times stays exactly as it was (the app shows it as typed text); text that does is emptied, its
  content now in the slots.

updated_at is left alone: every laptop reads the same text into the same slots, so a bundle
between two migrated laptops sees no conflict (and an older bundle is read the same way on import).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opening_slots", sa.JSON(), server_default="[]", nullable=False))
    structure_opening_hours(op.get_bind())


def structure_opening_hours(conn: sa.Connection) -> int:
    """Read each contact's typed opening hours into slots where all of it reads as days and times;
    returns how many contacts changed. Text of any other form is left exactly as typed."""
    from opvoed_desktop.i18n.hours import read_typed_hours, slots_to_json

    changed = 0
    for contact_id, typed in conn.execute(sa.text("SELECT id, opening_hours FROM contact")).all():
        if not isinstance(typed, str) or not typed.strip():
            continue
        slots, kept = read_typed_hours(typed)
        if not slots:
            continue
        conn.execute(
            sa.text("UPDATE contact SET opening_slots = :slots, opening_hours = :kept WHERE id = :id"),
            {"slots": json.dumps(slots_to_json(slots)), "kept": kept, "id": contact_id},
        )
        changed += 1
    return changed


def downgrade() -> None:
    # Back to text: the slots written out in Dutch the way they are read, so nothing is lost.
    from opvoed_desktop.i18n.hours import dutch_hours, slots_from_json

    conn = op.get_bind()
    for contact_id, stored, typed in conn.execute(
        sa.text("SELECT id, opening_slots, opening_hours FROM contact")
    ).all():
        slots = slots_from_json(json.loads(stored) if isinstance(stored, str) else stored)
        if slots:
            text = "; ".join(part for part in (dutch_hours(slots), typed) if part)
            conn.execute(
                sa.text("UPDATE contact SET opening_hours = :text WHERE id = :id"), {"text": text, "id": contact_id}
            )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("opening_slots")
