"""The room's languages become language codes; deadlines in words; the agenda's dagdeel.

- meeting.languages: free text ("Nederlands, Arabisch, Tigrinya") becomes codes (nl, ar, ti),
  matched by name in any of many languages; what matches nothing is kept exactly as typed.
- agreement.due_text: a deadline such as "eind januari" that is not a date, kept as typed.
- meeting.minutes_available: how long the meeting may take (None: the programme's own).

updated_at is left alone: every laptop migrates the same text to the same codes, so a bundle
between two migrated laptops sees no conflict.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_text", sa.String(length=100), server_default="", nullable=False))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minutes_available", sa.Integer(), nullable=True))
    normalise_meeting_languages(op.get_bind())


def normalise_meeting_languages(conn: sa.Connection) -> int:
    """Rewrite each meeting's languages as codes plus unmatched text; returns how many changed."""
    from opvoed_desktop.i18n.language_names import normalise_languages

    changed = 0
    seen: dict[str, list[str] | None] = {}  # many meetings share the same languages: match each once
    rows = conn.execute(sa.text("SELECT id, languages FROM meeting")).all()
    for meeting_id, raw in rows:
        key = raw if isinstance(raw, str) else json.dumps(raw)
        if key not in seen:
            seen[key] = _normalised(raw, normalise_languages)
        result = seen[key]
        if result is not None:
            conn.execute(
                sa.text("UPDATE meeting SET languages = :languages WHERE id = :id"),
                {"languages": json.dumps(result, ensure_ascii=False), "id": meeting_id},
            )
            changed += 1
    return changed


def _normalised(raw: object, normalise_languages: object) -> list[str] | None:
    """The new value, or None when there is nothing to change (or nothing safe to change)."""
    try:
        values = json.loads(raw) if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
    except (ValueError, TypeError):
        return None  # not JSON: leave it for the app to show, never lose it here
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return None
    codes, unmatched = normalise_languages(values)  # type: ignore[operator]
    result = codes + unmatched
    return result if result != values else None


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("minutes_available")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_column("due_text")
