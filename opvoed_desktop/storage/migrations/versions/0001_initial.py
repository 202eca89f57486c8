"""Initial schema: meetings and their records, local contacts, and the search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 11:56:30.329574
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The search index as fts.install created it when this revision was written, frozen: a later change to
# fts._SOURCES belongs in a new revision, not here (tests/storage/test_migrations.py compares them).
# The tables are empty at this revision, so there is nothing to index yet.
SEARCH_INDEX = (
    (
        "CREATE TABLE IF NOT EXISTS search_doc ( doc_id INTEGER PRIMARY KEY, source TEXT NOT NULL, "
        "row_key TEXT NOT NULL UNIQUE, meeting_id TEXT NOT NULL)"
    ),
    ("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_note_ai AFTER INSERT ON note BEGIN INSERT INTO "
        "search_doc(source, row_key, meeting_id) VALUES ('note', new.id, new.meeting_id); INSERT INTO "
        "search_fts(rowid, body) VALUES (last_insert_rowid(), new.text); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_note_ad AFTER DELETE ON note BEGIN DELETE FROM search_fts "
        "WHERE rowid = (SELECT doc_id FROM search_doc WHERE row_key = old.id); DELETE FROM search_doc "
        "WHERE row_key = old.id; END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_note_au AFTER UPDATE OF text ON note BEGIN UPDATE search_fts "
        "SET body = new.text WHERE rowid = (SELECT doc_id FROM search_doc WHERE row_key = new.id); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_agreement_ai AFTER INSERT ON agreement BEGIN INSERT INTO "
        "search_doc(source, row_key, meeting_id) VALUES ('agreement', new.id, new.meeting_id); INSERT "
        "INTO search_fts(rowid, body) VALUES (last_insert_rowid(), new.what || ' ' || new.party); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_agreement_ad AFTER DELETE ON agreement BEGIN DELETE FROM "
        "search_fts WHERE rowid = (SELECT doc_id FROM search_doc WHERE row_key = old.id); DELETE FROM "
        "search_doc WHERE row_key = old.id; END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_agreement_au AFTER UPDATE OF what, party ON agreement BEGIN "
        "UPDATE search_fts SET body = new.what || ' ' || new.party WHERE rowid = (SELECT doc_id FROM "
        "search_doc WHERE row_key = new.id); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_wish_ai AFTER INSERT ON wish BEGIN INSERT INTO "
        "search_doc(source, row_key, meeting_id) VALUES ('wish', new.id, new.meeting_id); INSERT INTO "
        "search_fts(rowid, body) VALUES (last_insert_rowid(), new.text); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_wish_ad AFTER DELETE ON wish BEGIN DELETE FROM search_fts "
        "WHERE rowid = (SELECT doc_id FROM search_doc WHERE row_key = old.id); DELETE FROM search_doc "
        "WHERE row_key = old.id; END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_wish_au AFTER UPDATE OF text ON wish BEGIN UPDATE search_fts "
        "SET body = new.text WHERE rowid = (SELECT doc_id FROM search_doc WHERE row_key = new.id); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_strength_ai AFTER INSERT ON strength BEGIN INSERT INTO "
        "search_doc(source, row_key, meeting_id) VALUES ('strength', new.id, new.meeting_id); INSERT "
        "INTO search_fts(rowid, body) VALUES (last_insert_rowid(), new.text); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_strength_ad AFTER DELETE ON strength BEGIN DELETE FROM "
        "search_fts WHERE rowid = (SELECT doc_id FROM search_doc WHERE row_key = old.id); DELETE FROM "
        "search_doc WHERE row_key = old.id; END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_strength_au AFTER UPDATE OF text ON strength BEGIN UPDATE "
        "search_fts SET body = new.text WHERE rowid = (SELECT doc_id FROM search_doc WHERE row_key = "
        "new.id); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_meeting_ai AFTER INSERT ON meeting BEGIN INSERT INTO "
        "search_doc(source, row_key, meeting_id) VALUES ('meeting', new.id, new.id); INSERT INTO "
        "search_fts(rowid, body) VALUES (last_insert_rowid(), new.title || ' ' || new.venue || ' ' || "
        "new.municipality || ' ' || new.facilitator); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_meeting_ad AFTER DELETE ON meeting BEGIN DELETE FROM "
        "search_fts WHERE rowid = (SELECT doc_id FROM search_doc WHERE row_key = old.id); DELETE FROM "
        "search_doc WHERE row_key = old.id; END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS fts_meeting_au AFTER UPDATE OF title, venue, municipality, "
        "facilitator ON meeting BEGIN UPDATE search_fts SET body = new.title || ' ' || new.venue || ' ' "
        "|| new.municipality || ' ' || new.facilitator WHERE rowid = (SELECT doc_id FROM search_doc "
        "WHERE row_key = new.id); END"
    ),
)
DROP_SEARCH_INDEX = (
    "DROP TRIGGER IF EXISTS fts_note_ai",
    "DROP TRIGGER IF EXISTS fts_note_ad",
    "DROP TRIGGER IF EXISTS fts_note_au",
    "DROP TRIGGER IF EXISTS fts_agreement_ai",
    "DROP TRIGGER IF EXISTS fts_agreement_ad",
    "DROP TRIGGER IF EXISTS fts_agreement_au",
    "DROP TRIGGER IF EXISTS fts_wish_ai",
    "DROP TRIGGER IF EXISTS fts_wish_ad",
    "DROP TRIGGER IF EXISTS fts_wish_au",
    "DROP TRIGGER IF EXISTS fts_strength_ai",
    "DROP TRIGGER IF EXISTS fts_strength_ad",
    "DROP TRIGGER IF EXISTS fts_strength_au",
    "DROP TRIGGER IF EXISTS fts_meeting_ai",
    "DROP TRIGGER IF EXISTS fts_meeting_ad",
    "DROP TRIGGER IF EXISTS fts_meeting_au",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_doc",
)


def upgrade() -> None:
    op.create_table(
        "contact",
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("opening_hours", sa.Text(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('informal', 'cjg', 'wijkteam', 'jgz', 'other')", name=op.f("ck_contact_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_municipality"), ["municipality"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("facilitator", sa.String(length=200), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("programme_id", sa.String(length=100), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_list", ["deleted_at", "starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_municipality"), ["municipality"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=100), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("actual_start", sa.DateTime(), nullable=True),
        sa.Column("actual_end", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('exercise', 'background', 'pause', 'own', 'session')", name=op.f("ck_agenda_item_kind")
        ),
        sa.CheckConstraint("planned_minutes >= 0", name=op.f("ck_agenda_item_planned_minutes")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_agenda_item_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "agreement",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("party", sa.String(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'busy', 'done')", name=op.f("ck_agreement_status")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_agreement_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "evaluation",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("respondent_group", sa.String(length=100), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_evaluation_score")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_evaluation_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation")),
    )
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "participant_group",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("organisations", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "side IN ('formal', 'informal', 'municipality', 'other')", name=op.f("ck_participant_group_side")
        ),
        sa.CheckConstraint("count >= 0", name=op.f("ck_participant_group_count")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_participant_group_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant_group")),
    )
    with op.batch_alter_table("participant_group", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_group_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "strength",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("side IN ('formal', 'informal', 'municipality', 'other')", name=op.f("ck_strength_side")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_strength_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strength")),
    )
    with op.batch_alter_table("strength", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_strength_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "wish",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_wish_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wish")),
    )
    with op.batch_alter_table("wish", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wish_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "note",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("agenda_item_id", sa.String(length=36), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"], ["agenda_item.id"], name=op.f("fk_note_agenda_item_id_agenda_item"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_note_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_agenda_item_id"), ["agenda_item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_note_meeting_id"), ["meeting_id"], unique=False)

    # FTS5 tables and sync triggers (SQLite only; a no-op on other databases).
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SEARCH_INDEX:
            bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in DROP_SEARCH_INDEX:
            bind.exec_driver_sql(statement)
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_note_agenda_item_id"))

    op.drop_table("note")
    with op.batch_alter_table("wish", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wish_meeting_id"))

    op.drop_table("wish")
    with op.batch_alter_table("strength", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strength_meeting_id"))

    op.drop_table("strength")
    with op.batch_alter_table("participant_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_group_meeting_id"))

    op.drop_table("participant_group")
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_meeting_id"))

    op.drop_table("evaluation")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_meeting_id"))

    op.drop_table("agreement")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_municipality"))
        batch_op.drop_index("ix_meeting_list")

    op.drop_table("meeting")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_municipality"))

    op.drop_table("contact")
