"""Full-text search: SQLite FTS5 over notes, agreements, wishes, strengths and meeting details.

The index is kept in sync by triggers, so every write path (ORM, bulk insert, cascade delete)
updates it and none can forget. `search_doc` maps the UUID keys of the source rows to FTS5's
integer rowids; a lookup by UUID in FTS5 itself would scan the whole index.
On other databases (PostgreSQL later) `search` falls back to portable LIKE queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, or_, select, text
from sqlalchemy.orm import Session

from opvoed_desktop.storage import models as m

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"

# source name -> (table, indexed text expression over NEW/OLD row, meeting id expression)
_SOURCES: dict[str, tuple[str, str, str]] = {
    "note": ("note", "{r}.text", "{r}.meeting_id"),
    "agreement": ("agreement", "{r}.what || ' ' || {r}.party", "{r}.meeting_id"),
    "wish": ("wish", "{r}.text", "{r}.meeting_id"),
    "strength": ("strength", "{r}.text", "{r}.meeting_id"),
    "meeting": (
        "meeting",
        "{r}.title || ' ' || {r}.venue || ' ' || {r}.municipality || ' ' || {r}.facilitator",
        "{r}.id",
    ),
}
_TEXT_COLUMNS = {
    "note": "text",
    "agreement": "what, party",
    "wish": "text",
    "strength": "text",
    "meeting": "title, venue, municipality, facilitator",
}


@dataclass(frozen=True)
class Hit:
    source: str  # note | agreement | wish | strength | meeting
    row_id: str
    meeting_id: str
    meeting_title: str
    starts_at: datetime | None
    agenda_item_title: str | None
    snippet: str  # matched words wrapped in HIGHLIGHT_START/HIGHLIGHT_END

    @property
    def snippet_text(self) -> str:
        return self.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


def install(conn: Connection) -> None:
    """Create the index tables and triggers and index existing rows (idempotent)."""
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS search_doc ("
        " doc_id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
        " row_key TEXT NOT NULL UNIQUE, meeting_id TEXT NOT NULL)"
    )
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for source, (table, body, _meeting) in _SOURCES.items():
        new_body = body.format(r="new")
        doc = "(SELECT doc_id FROM search_doc WHERE row_key = {r}.id)"
        _create_insert_trigger(conn, source)
        conn.exec_driver_sql(
            f"CREATE TRIGGER IF NOT EXISTS fts_{table}_ad AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM search_fts WHERE rowid = {doc.format(r='old')}; "
            f"DELETE FROM search_doc WHERE row_key = old.id; END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER IF NOT EXISTS fts_{table}_au "
            f"AFTER UPDATE OF {_TEXT_COLUMNS[source]} ON {table} BEGIN "
            f"UPDATE search_fts SET body = {new_body} WHERE rowid = {doc.format(r='new')}; END"
        )
    rebuild(conn)


def _create_insert_trigger(conn: Connection, source: str) -> None:
    table, body, meeting = _SOURCES[source]
    conn.exec_driver_sql(
        f"CREATE TRIGGER IF NOT EXISTS fts_{table}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO search_doc(source, row_key, meeting_id) "
        f"VALUES ('{source}', new.id, {meeting.format(r='new')}); "
        f"INSERT INTO search_fts(rowid, body) VALUES (last_insert_rowid(), {body.format(r='new')}); END"
    )


@contextmanager
def bulk_insert(conn: Connection) -> Iterator[None]:
    """Rows inserted inside are indexed in one pass at the end instead of by a trigger per row
    (about half the time of a large import). Use inside one transaction: an error rolls the
    dropped triggers back with the rows; on success the index holds exactly what the triggers
    would have put in it, and the triggers are back."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.driver_connection
    if raw is not None and not raw.in_transaction:
        # Python's sqlite3 opens a transaction only before a DML statement: the DROP TRIGGER below
        # would otherwise be committed at once, and a failure would leave the triggers gone.
        conn.exec_driver_sql("BEGIN")
    marks = {}
    for source, (table, _body, _meeting) in _SOURCES.items():
        marks[source] = conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {table}").scalar_one()
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS fts_{table}_ai")
    try:
        yield
        for source, (table, body, meeting) in _SOURCES.items():
            first_doc = conn.exec_driver_sql("SELECT coalesce(max(doc_id), 0) FROM search_doc").scalar_one()
            conn.exec_driver_sql(
                f"INSERT INTO search_doc(source, row_key, meeting_id) "
                f"SELECT '{source}', id, {meeting.format(r=table)} FROM {table} WHERE rowid > ? ORDER BY rowid",
                (marks[source],),
            )
            conn.exec_driver_sql(
                f"INSERT INTO search_fts(rowid, body) SELECT d.doc_id, {body.format(r='t')} "
                f"FROM search_doc d JOIN {table} t ON t.id = d.row_key WHERE d.doc_id > ? ORDER BY d.doc_id",
                (first_doc,),
            )
    finally:
        for source in _SOURCES:
            _create_insert_trigger(conn, source)


def uninstall(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    for table, *_ in _SOURCES.values():
        for suffix in ("ai", "ad", "au"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS fts_{table}_{suffix}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_doc")


def rebuild(conn: Connection) -> None:
    """Re-index every source row (repair, or after installing on a filled database)."""
    conn.exec_driver_sql("DELETE FROM search_fts")
    conn.exec_driver_sql("DELETE FROM search_doc")
    for source, (table, body, meeting) in _SOURCES.items():
        conn.exec_driver_sql(
            f"INSERT INTO search_doc(source, row_key, meeting_id) "
            f"SELECT '{source}', id, {meeting.format(r=table)} FROM {table}"
        )
        conn.exec_driver_sql(
            f"INSERT INTO search_fts(rowid, body) SELECT d.doc_id, {body.format(r='t')} "
            f"FROM {table} t JOIN search_doc d ON d.row_key = t.id"
        )


def purge_deleted(conn: Connection) -> None:
    """Merge the index so terms of deleted rows leave the file (FTS5 keeps delete markers)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def optimize(conn: Connection) -> None:
    purge_deleted(conn)


def match_query(user_text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word, as a prefix, all required."""
    words = re.findall(r"\w+", user_text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def search(session: Session, user_text: str, *, limit: int = 50) -> list[Hit]:
    if session.get_bind().dialect.name != "sqlite":
        return _search_portable(session, user_text, limit=limit)
    query = match_query(user_text)
    if query is None:
        return []
    # Newest rows first: FTS5 walks rowids in order and stops at LIMIT, so a common word
    # stays as fast as a rare one (ranking all matches would not).
    rows = session.execute(
        text(
            "SELECT d.source, d.row_key, d.meeting_id, mt.title, mt.starts_at, ai.title,"
            " snippet(search_fts, 0, :hs, :he, '…', 12)"
            " FROM search_fts JOIN search_doc d ON d.doc_id = search_fts.rowid"
            " JOIN meeting mt ON mt.id = d.meeting_id"
            " LEFT JOIN note n ON d.source = 'note' AND n.id = d.row_key"
            " LEFT JOIN agenda_item ai ON ai.id = n.agenda_item_id"
            " WHERE search_fts MATCH :q AND mt.deleted_at IS NULL"
            " ORDER BY search_fts.rowid DESC LIMIT :limit"
        ),
        {"q": query, "hs": HIGHLIGHT_START, "he": HIGHLIGHT_END, "limit": limit},
    ).all()
    return [Hit(r[0], r[1], r[2], r[3], _as_datetime(r[4]), r[5], r[6]) for r in rows]


def _as_datetime(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _search_portable(session: Session, user_text: str, *, limit: int) -> list[Hit]:
    words = re.findall(r"\w+", user_text)
    if not words:
        return []
    hits: list[Hit] = []
    sources: list[tuple[str, Any, Any]] = [
        ("note", m.Note, m.Note.text),
        ("agreement", m.Agreement, m.Agreement.what),
        ("wish", m.Wish, m.Wish.text),
        ("strength", m.Strength, m.Strength.text),
    ]
    for source, model, column in sources:
        stmt = (
            select(model.id, m.Meeting.id, m.Meeting.title, m.Meeting.starts_at, column)
            .join(m.Meeting, m.Meeting.id == model.meeting_id)
            .where(m.Meeting.deleted_at.is_(None), *(column.ilike(f"%{w}%") for w in words))
            .limit(limit)
        )
        for row in session.execute(stmt):
            hits.append(Hit(source, row[0], row[1], row[2], row[3], None, row[4][:160]))
    meetings = select(m.Meeting.id, m.Meeting.title, m.Meeting.starts_at).where(
        m.Meeting.deleted_at.is_(None),
        *(or_(m.Meeting.title.ilike(f"%{w}%"), m.Meeting.venue.ilike(f"%{w}%")) for w in words),
    )
    for row in session.execute(meetings.limit(limit)):
        hits.append(Hit("meeting", row[0], row[0], row[1], row[2], None, row[1]))
    return hits[:limit]
