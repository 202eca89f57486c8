"""The search index (storage/fts.py) on small databases built by hand, checked against an oracle
written here: for every note, agreement, wish, strength and meeting, the text a person can find it
by. A row the index misses is a note the search never shows; a row it keeps after a delete leaves
the words of deleted text in the file.

The databases are the models' tables (`create_all`) with `fts.install` on top, so every test reaches
the module's own SQL, not the frozen copy the first migration keeps.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from opvoed_desktop.storage import fts
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import Base, new_id

WHEN = datetime(2026, 3, 14, 19, 30)

# The oracle: the text each kind of row is found by (what the person typed in those fields).
BODY = {
    "note": lambda r: r["text"],
    "agreement": lambda r: f"{r['what']} {r['party']}",
    "wish": lambda r: r["text"],
    "strength": lambda r: r["text"],
    "meeting": lambda r: f"{r['title']} {r['venue']} {r['municipality']} {r['facilitator']}",
}
TABLES = {"note": m.Note, "agreement": m.Agreement, "wish": m.Wish, "strength": m.Strength, "meeting": m.Meeting}


def _engine(url: str) -> sa.Engine:
    engine = sa.create_engine(url, poolclass=sa.pool.StaticPool if url == "sqlite://" else None)

    @sa.event.listens_for(engine, "connect")
    def _foreign_keys(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA foreign_keys = ON")  # as the app's engine: deletes cascade

    Base.metadata.create_all(engine)
    return engine


@pytest.fixture
def engine() -> Iterator[sa.Engine]:
    engine = _engine("sqlite://")
    with engine.begin() as conn:
        fts.install(conn)
    yield engine
    engine.dispose()


def meeting(conn: sa.Connection, title: str = "Avond", **values: Any) -> str:
    key = new_id()
    conn.execute(sa.insert(m.Meeting).values(id=key, title=title, **values))
    return key


def child(conn: sa.Connection, source: str, meeting_id: str, **values: Any) -> str:
    key = new_id()
    if source == "strength":
        values.setdefault("side", "formal")
    conn.execute(sa.insert(TABLES[source]).values(id=key, meeting_id=meeting_id, **values))
    return key


def indexed(conn: sa.Connection) -> set[tuple[str, str, str, str]]:
    """What the index holds: (source, row id, meeting id, text) for every entry."""
    rows = conn.exec_driver_sql(
        "SELECT d.source, d.row_key, d.meeting_id, f.body FROM search_doc d JOIN search_fts f ON f.rowid = d.doc_id"
    ).all()
    entries = conn.exec_driver_sql("SELECT count(*) FROM search_doc").scalar_one()
    documents = conn.exec_driver_sql("SELECT count(*) FROM search_fts").scalar_one()
    assert entries == documents == len(rows), "an entry without its text or text without its entry"
    return {(r[0], r[1], r[2], r[3]) for r in rows}


def expected(conn: sa.Connection) -> set[tuple[str, str, str, str]]:
    """What it should hold, from the rows themselves."""
    out = set()
    for source, model in TABLES.items():
        for row in conn.execute(sa.select(model.__table__)).mappings():
            meeting_id = row["id"] if source == "meeting" else row["meeting_id"]
            out.add((source, row["id"], meeting_id, BODY[source](row)))
    return out


def integrity_ok(conn: sa.Connection) -> None:
    # FTS5's own check: the index matches the content it was given (raises when it does not).
    conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")


def search(engine: sa.Engine, words: str, limit: int = 50) -> list[fts.Hit]:
    with Session(engine) as session:
        return fts.search(session, words, limit=limit)


def test_installing_on_a_filled_database_indexes_every_row_already_there(tmp_path: Path) -> None:
    engine = _engine(f"sqlite:///{tmp_path / 'filled.sqlite'}")
    with engine.begin() as conn:
        mid = meeting(conn, "Ouderavond", venue="Buurthuis", municipality="Gouda", facilitator="Samira")
        child(conn, "note", mid, text="De vaders willen een koffieochtend")
        child(conn, "agreement", mid, what="Folder drukken", party="drukkerij")
        child(conn, "wish", mid, text="Een speeltuin")
        child(conn, "strength", mid, text="Goed netwerk")
    with engine.begin() as conn:
        fts.install(conn)
    with engine.begin() as conn:
        assert len(expected(conn)) == 5
        assert indexed(conn) == expected(conn)
        integrity_ok(conn)
        fts.install(conn)  # installing again (every start of an old file) adds nothing twice
        assert indexed(conn) == expected(conn)
    assert [h.source for h in search(engine, "koffieochtend")] == ["note"]
    assert [h.source for h in search(engine, "drukkerij")] == ["agreement"]
    engine.dispose()


def test_every_kind_of_row_is_found_and_follows_its_edits(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = meeting(conn, "Ouderavond", venue="Moskee Al Fath", municipality="Ede", facilitator="Karim")
        note = child(conn, "note", mid, text="eerst appelmoes")
        agreement = child(conn, "agreement", mid, what="folder drukken", party="drukkerij")
        wish = child(conn, "wish", mid, text="een speeltuin")
        strength = child(conn, "strength", mid, text="sterk netwerk")
        conn.execute(sa.update(m.Note).where(m.Note.id == note).values(text="nu perenmoes"))
        conn.execute(sa.update(m.Agreement).where(m.Agreement.id == agreement).values(party="gemeente"))
        conn.execute(sa.update(m.Agreement).where(m.Agreement.id == agreement).values(what="flyer maken"))
        conn.execute(sa.update(m.Wish).where(m.Wish.id == wish).values(text="een bankje"))
        conn.execute(sa.update(m.Strength).where(m.Strength.id == strength).values(text="warme sfeer"))
        conn.execute(sa.update(m.Meeting).where(m.Meeting.id == mid).values(venue="Buurthuis De Schakel"))
        conn.execute(sa.update(m.Meeting).where(m.Meeting.id == mid).values(title="Vaderavond"))
        conn.execute(sa.update(m.Meeting).where(m.Meeting.id == mid).values(municipality="Wageningen"))
        conn.execute(sa.update(m.Meeting).where(m.Meeting.id == mid).values(facilitator="Fatima"))
        assert indexed(conn) == expected(conn)
        integrity_ok(conn)
    for gone in ("appelmoes", "drukkerij", "folder", "speeltuin", "netwerk", "Fath", "Ouderavond", "Ede", "Karim"):
        assert search(engine, gone) == [], gone
    found = {w: [h.source for h in search(engine, w)] for w in ("perenmoes", "gemeente", "flyer", "bankje", "sfeer")}
    assert found == {
        "perenmoes": ["note"],
        "gemeente": ["agreement"],
        "flyer": ["agreement"],
        "bankje": ["wish"],
        "sfeer": ["strength"],
    }
    for word in ("Schakel", "Vaderavond", "Wageningen", "Fatima"):
        assert [(h.source, h.row_id) for h in search(engine, word)] == [("meeting", mid)], word


def test_a_hit_names_its_meeting_its_time_and_its_agenda_item(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = meeting(conn, "Avond in Ede", starts_at=WHEN)
        item = new_id()
        conn.execute(
            sa.insert(m.AgendaItem).values(id=item, meeting_id=mid, position=1, kind="exercise", title="Krachten")
        )
        note = child(conn, "note", mid, text="De vaders willen een koffieochtend", agenda_item_id=item)
        general = child(conn, "note", mid, text="Nog een koffieochtend, algemeen")
        wish = child(conn, "wish", mid, text="koffieochtend elke maand")

    hits = {h.row_id: h for h in search(engine, "koffieochtend")}
    assert set(hits) == {note, general, wish}
    assert (hits[note].source, hits[note].meeting_id, hits[note].meeting_title) == ("note", mid, "Avond in Ede")
    assert hits[note].starts_at == WHEN
    assert hits[note].agenda_item_title == "Krachten"
    assert hits[general].agenda_item_title is None
    assert hits[wish].agenda_item_title is None  # a wish is never read as a note of an agenda item
    assert f"{fts.HIGHLIGHT_START}koffieochtend{fts.HIGHLIGHT_END}" in hits[note].snippet
    assert hits[note].snippet_text == "De vaders willen een koffieochtend"


def test_a_meeting_without_a_time_is_found_with_none(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = meeting(conn, "Zonder datum")
        child(conn, "note", mid, text="kwartelkoning")
    (hit,) = search(engine, "kwartelkoning")
    assert (hit.meeting_id, hit.starts_at) == (mid, None)


def test_newest_rows_come_first_and_the_limit_counts(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = meeting(conn)
        notes = [child(conn, "note", mid, text=f"ouders vraag {i}") for i in range(6)]
    assert [h.row_id for h in search(engine, "ouders", limit=4)] == notes[::-1][:4]
    assert len(search(engine, "ouders")) == 6


def test_what_a_person_types_is_searched_word_by_word_as_prefixes(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = meeting(conn)
        library = child(conn, "note", mid, text="Het taalcafé in de bibliotheek")
        closed = child(conn, "note", mid, text="Het taalcafé is dicht")
        child(conn, "note", mid, text='een "quote" en ster*')

    def found(words: str) -> set[str]:
        return {h.row_id for h in search(engine, words)}

    assert found("taalcafe") == {library, closed}  # diacritics ignored
    assert found("biblio") == {library}  # prefix
    assert found("taalcafé biblio") == {library}  # every word must match
    assert found("TAALCAFÉ, dicht!") == {closed}  # punctuation between words is not a word
    assert search(engine, '"; DROP TABLE note; --') == []  # FTS syntax never reaches SQLite raw
    assert search(engine, "   ") == [] and search(engine, "?!") == []
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM note").scalar_one() == 3


def test_the_query_a_person_types_becomes_quoted_prefixes() -> None:
    assert fts.match_query("taalcafé, biblio") == '"taalcafé"* "biblio"*'
    assert fts.match_query('a"b OR c') == '"a"* "b"* "OR"* "c"*'
    assert fts.match_query(" ;-- ") is None


def test_rows_of_a_trashed_meeting_are_not_found(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        gone = meeting(conn, "Weg")
        kept = meeting(conn, "Blijft")
        child(conn, "note", gone, text="geheimpje weg")
        note = child(conn, "note", kept, text="geheimpje blijft")
        conn.execute(sa.update(m.Meeting).where(m.Meeting.id == gone).values(deleted_at=WHEN))
    assert [h.row_id for h in search(engine, "geheimpje")] == [note]


def test_deleting_rows_or_a_whole_meeting_takes_them_out_of_the_index(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        gone = meeting(conn, "Weg")
        kept = meeting(conn, "Blijft")
        for source in ("note", "agreement", "wish", "strength"):
            field = "what" if source == "agreement" else "text"
            child(conn, source, gone, **{field: f"geheim {source}"})
            child(conn, source, kept, **{field: f"gewoon {source}"})
        lone = child(conn, "note", kept, text="losse notitie")
        conn.execute(sa.delete(m.Note).where(m.Note.id == lone))
        conn.execute(sa.delete(m.Meeting).where(m.Meeting.id == gone))  # its rows go by cascade
        assert indexed(conn) == expected(conn)
        assert {s for s, _r, meeting_id, _b in indexed(conn)} == {"meeting", "note", "agreement", "wish", "strength"}
        assert all(meeting_id == kept for _s, _r, meeting_id, _b in indexed(conn))
        integrity_ok(conn)


def test_purging_takes_the_words_of_deleted_rows_out_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "purge.sqlite"
    engine = _engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        fts.install(conn)
        conn.exec_driver_sql("PRAGMA secure_delete = ON")  # as the app's engine
        mid = meeting(conn)
        for i in range(20):
            child(conn, "note", mid, text=f"notitie {i} over ouders")
        secret = child(conn, "note", mid, text="Zwijgplichtgeheim Qwxvbn")
    assert b"qwxvbn" in path.read_bytes()  # the index holds the lowercase word
    with engine.begin() as conn:
        conn.execute(sa.delete(m.Note).where(m.Note.id == secret))
    assert b"qwxvbn" in path.read_bytes()  # FTS5 keeps the word until it merges its index
    with engine.begin() as conn:
        fts.purge_deleted(conn)
    assert b"qwxvbn" not in path.read_bytes().lower()
    with engine.begin() as conn:
        integrity_ok(conn)
        assert indexed(conn) == expected(conn)
    engine.dispose()


def test_optimizing_after_a_bulk_delete_keeps_what_is_left_findable(tmp_path: Path) -> None:
    path = tmp_path / "optimize.sqlite"
    engine = _engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        fts.install(conn)
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
        gone = meeting(conn, "Voorbeeld")
        kept = meeting(conn, "Eigen")
        for i in range(10):
            child(conn, "note", gone, text=f"voorbeeldtekst{i} Qwxvbn")
        child(conn, "note", kept, text="eigen tekst")
        conn.execute(sa.delete(m.Meeting).where(m.Meeting.id == gone))
        fts.optimize(conn)
    assert b"qwxvbn" not in path.read_bytes().lower()
    assert [h.meeting_id for h in search(engine, "eigen")] == [kept, kept]  # the meeting and its note
    engine.dispose()


def test_uninstalling_leaves_no_index_and_writes_still_work(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = meeting(conn)
        note = child(conn, "note", mid, text="blijft staan")
        fts.uninstall(conn)
        left = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name LIKE 'search%' OR name LIKE 'fts_%'"
        ).all()
        assert left == []
        # No trigger left behind to write into an index that is gone: every write still works.
        child(conn, "wish", mid, text="nieuw")
        conn.execute(sa.update(m.Note).where(m.Note.id == note).values(text="anders"))
        conn.execute(sa.delete(m.Meeting).where(m.Meeting.id == mid))
        assert conn.exec_driver_sql("SELECT count(*) FROM note").scalar_one() == 0
        fts.install(conn)  # and it comes back whole
        assert indexed(conn) == expected(conn)


# Bulk inserts: the index is filled in one pass at the end, and must hold exactly what the triggers
# would have put in it.
def _fill(conn: sa.Connection, mid: str, n: int, word: str) -> None:
    for i in range(n):
        child(conn, "note", mid, text=f"{word} notitie {i}")
        child(conn, "agreement", mid, what=f"{word} afspraak {i}", party="school")
        child(conn, "wish", mid, text=f"{word} wens {i}")
        child(conn, "strength", mid, text=f"{word} kracht {i}")


def _triggers(conn: sa.Connection) -> set[str]:
    return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def test_a_bulk_insert_indexes_exactly_what_the_triggers_would(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        before = meeting(conn, "Eerder")
        _fill(conn, before, 2, "oud")  # rows from before: indexed once, not again
        triggers = _triggers(conn)
    with engine.begin() as conn, fts.bulk_insert(conn):
        assert not {t for t in triggers if t.endswith("_ai")} & _triggers(conn)
        mid = meeting(conn, "Voorbeeld", venue="Bibliotheek")
        _fill(conn, mid, 3, "nieuw")
        _fill(conn, before, 1, "later")
    with engine.begin() as conn:
        assert indexed(conn) == expected(conn)
        integrity_ok(conn)
        assert _triggers(conn) == triggers
        child(conn, "note", mid, text="na de bulk")  # the insert trigger is back
        assert indexed(conn) == expected(conn)
    assert len(search(engine, "nieuw")) == 12
    assert len(search(engine, "later")) == 4
    assert [h.source for h in search(engine, "bibliotheek")] == ["meeting"]


def test_a_bulk_insert_into_an_empty_database(engine: sa.Engine) -> None:
    with engine.begin() as conn, fts.bulk_insert(conn):
        mid = meeting(conn, "Eerste")
        _fill(conn, mid, 2, "begin")
    with engine.begin() as conn:
        assert len(indexed(conn)) == 1 + 2 * 4
        assert indexed(conn) == expected(conn)
        integrity_ok(conn)


def test_a_bulk_insert_that_fails_leaves_no_rows_and_the_triggers(tmp_path: Path) -> None:
    path = tmp_path / "bulk.sqlite"
    engine = _engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        fts.install(conn)
        kept = meeting(conn, "Eigen")
        triggers = _triggers(conn)
    with pytest.raises(OSError), engine.begin() as conn, fts.bulk_insert(conn):
        mid = meeting(conn, "Voorbeeld")
        _fill(conn, mid, 2, "half")
        raise OSError("disk full")
    # Read past SQLAlchemy: the file itself has the triggers and no half-written rows.
    with contextlib.closing(sqlite3.connect(path)) as raw:
        assert {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} == triggers
        assert raw.execute("SELECT id FROM meeting").fetchall() == [(kept,)]
        assert raw.execute("SELECT count(*) FROM note").fetchone() == (0,)
    with engine.begin() as conn:
        assert indexed(conn) == expected(conn)
        child(conn, "note", kept, text="daarna gewoon")
        assert indexed(conn) == expected(conn)
    engine.dispose()


def test_a_bulk_insert_on_a_connection_outside_a_transaction_is_one_transaction(tmp_path: Path) -> None:
    # The DBAPI connection has no transaction open yet (SQLAlchemy's begin() is lazy): dropping the
    # insert triggers must not be committed on its own, or a failure would leave them gone.
    path = tmp_path / "lazy.sqlite"
    engine = _engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        fts.install(conn)
        triggers = _triggers(conn)
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None and not raw.in_transaction
        with pytest.raises(RuntimeError), fts.bulk_insert(conn):
            meeting(conn, "Voorbeeld")
            raise RuntimeError("stopped")
        conn.rollback()
    with contextlib.closing(sqlite3.connect(path)) as other:
        assert {r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")} == triggers
        assert other.execute("SELECT count(*) FROM meeting").fetchone() == (0,)
    engine.dispose()


# Any order of writes: the index is always what the rows say.
_WORDS = st.sampled_from(["ouders", "school", "taalcafé", "wijk", "koffie", "jeugd", "", "zorg én hulp"])
_OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"), st.sampled_from(["note", "agreement", "wish", "strength"]), st.integers(0, 2), _WORDS
        ),
        st.tuples(st.just("edit"), st.integers(0, 20), _WORDS),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("drop_meeting"), st.integers(0, 2)),
        st.tuples(
            st.just("edit_meeting"), st.integers(0, 2), st.sampled_from(["title", "venue", "facilitator"]), _WORDS
        ),
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS, bulk=st.booleans())
def test_after_any_writes_the_index_is_what_the_rows_say(ops: list[tuple[Any, ...]], bulk: bool) -> None:
    engine = _engine("sqlite://")
    try:
        with engine.begin() as conn:
            fts.install(conn)
            meetings = [meeting(conn, f"Avond {i}") for i in range(3)]
        rows: list[tuple[str, str]] = []
        dropped: set[int] = set()
        with engine.begin() as conn, fts.bulk_insert(conn) if bulk else contextlib.nullcontext():
            for op in ops:
                if op[0] == "add" and op[2] not in dropped:
                    _, source, which, word = op
                    field = "what" if source == "agreement" else "text"
                    rows.append((source, child(conn, source, meetings[which], **{field: word})))
                elif op[0] == "edit" and not bulk and rows:
                    source, key = rows[op[1] % len(rows)]
                    model = TABLES[source]
                    field = "what" if source == "agreement" else "text"
                    conn.execute(sa.update(model).where(model.id == key).values({field: op[2]}))
                elif op[0] == "delete" and not bulk and rows:
                    source, key = rows.pop(op[1] % len(rows))
                    conn.execute(sa.delete(TABLES[source]).where(TABLES[source].id == key))
                elif op[0] == "drop_meeting" and not bulk:
                    conn.execute(sa.delete(m.Meeting).where(m.Meeting.id == meetings[op[1]]))
                    dropped.add(op[1])
                    rows = [
                        (s, k)
                        for s, k in rows
                        if conn.execute(sa.select(TABLES[s].id).where(TABLES[s].id == k)).first()
                    ]
                elif op[0] == "edit_meeting" and not bulk:
                    conn.execute(sa.update(m.Meeting).where(m.Meeting.id == meetings[op[1]]).values({op[2]: op[3]}))
        with engine.begin() as conn:
            assert indexed(conn) == expected(conn)
            integrity_ok(conn)
    finally:
        engine.dispose()


# The portable search (PostgreSQL has no FTS5): the same rows found by plain LIKE queries. Run here
# on SQLite through the same function the hub's database would use.
def portable(engine: sa.Engine, words: str, limit: int = 50) -> list[fts.Hit]:
    with Session(engine) as session:
        return fts._search_portable(session, words, limit=limit)


def test_the_portable_search_finds_every_kind_of_row_with_every_word(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = meeting(conn, "Ouderavond", starts_at=WHEN, venue="Moskee Al Fath")
        trashed = meeting(conn, "Weg", deleted_at=WHEN)
        note = child(conn, "note", mid, text="Vaders en moeders samen " + "x" * 200)
        agreement = child(conn, "agreement", mid, what="Moeders bellen", party="school")
        wish = child(conn, "wish", mid, text="moeders koffie")
        strength = child(conn, "strength", mid, text="MOEDERS helpen")
        child(conn, "note", mid, text="alleen vaders")
        child(conn, "note", trashed, text="moeders in de prullenbak")

    hits = portable(engine, "moeders")
    assert {(h.source, h.row_id) for h in hits} == {
        ("note", note),
        ("agreement", agreement),
        ("wish", wish),
        ("strength", strength),
    }
    assert all((h.meeting_id, h.meeting_title, h.starts_at) == (mid, "Ouderavond", WHEN) for h in hits)
    by_id = {h.row_id: h for h in hits}
    assert by_id[note].snippet == ("Vaders en moeders samen " + "x" * 200)[:160]
    assert by_id[agreement].snippet == "Moeders bellen"
    assert all(h.agenda_item_title is None for h in hits)
    assert [(h.source, h.row_id) for h in portable(engine, "vaders samen")] == [("note", note)]
    assert portable(engine, "moeders vaders vreemd") == []
    assert portable(engine, "  ;; ") == []


def test_the_portable_search_finds_meetings_by_title_and_venue(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = meeting(conn, "Ouderavond", starts_at=WHEN, venue="Moskee Al Fath")
        meeting(conn, "Fath weg", deleted_at=WHEN)
    assert [
        (h.source, h.row_id, h.meeting_id, h.meeting_title, h.starts_at, h.snippet) for h in portable(engine, "fath")
    ] == [("meeting", mid, mid, "Ouderavond", WHEN, "Ouderavond")]
    assert [h.row_id for h in portable(engine, "ouder")] == [mid]
    assert portable(engine, "ouder fath") != [] and portable(engine, "ouder zaal") == []


def test_the_portable_search_keeps_to_the_limit(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = meeting(conn, "Ouders")
        for i in range(4):
            child(conn, "note", mid, text=f"ouders {i}")
            child(conn, "wish", mid, text=f"ouders {i}")
    assert len(portable(engine, "ouders", limit=3)) == 3
    assert len(portable(engine, "ouders", limit=5)) == 5
    assert len(portable(engine, "ouders")) == 9  # four notes, four wishes, the meeting
    assert [h.source for h in portable(engine, "ouders", limit=9)].count("meeting") == 1


def test_a_new_database_gets_the_index_every_existing_database_has(tmp_path: Path) -> None:
    """Revision 0001 put a frozen copy of this index in every database made since; `install` must make
    the same one, word for word, or a new database and an upgraded one would search differently and
    a later revision could not know which one it meets."""
    from opvoed_desktop.storage import migrate

    def index_of(path: Path) -> list[tuple[str, str, str]]:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            return conn.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'search%' OR name LIKE 'fts_%' ORDER BY name"
            ).fetchall()

    installed, frozen = _engine(f"sqlite:///{tmp_path / 'new.sqlite'}"), _engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    with installed.begin() as conn:
        fts.install(conn)
    with frozen.begin() as conn:
        for statement in migrate.revision_module("0001").SEARCH_INDEX:
            conn.exec_driver_sql(statement)
    installed.dispose()
    frozen.dispose()
    expected_index = index_of(tmp_path / "old.sqlite")
    assert len(expected_index) == 2 + 3 * 5 + 5  # two tables, three triggers per source, FTS5's own tables
    assert index_of(tmp_path / "new.sqlite") == expected_index


@pytest.fixture(scope="module")
def postgres() -> Iterator[sa.Engine]:
    from tests.hub.pgserver import running

    with running() as server:
        if server is None:
            pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run does)")
        engine = sa.create_engine(server.new_database().replace("postgresql://", "postgresql+psycopg://", 1))
        Base.metadata.create_all(engine)
        yield engine
        engine.dispose()


def test_on_postgresql_the_search_finds_rows_with_every_word_up_to_the_limit(postgres: sa.Engine) -> None:
    # PostgreSQL has no FTS5 (fts.install does nothing there): the search reads the rows themselves.
    with postgres.begin() as conn:
        fts.install(conn)
        mid = meeting(conn, "Ouderavond", starts_at=WHEN, venue="Moskee Al Fath")
        notes = [child(conn, "note", mid, text=f"Vaders en moeders {n}") for n in range(3)]
        wish = child(conn, "wish", mid, text="moeders willen koffie")
    hits = search(postgres, "MOEDERS")
    assert {(h.source, h.row_id) for h in hits} == {("note", n) for n in notes} | {("wish", wish)}
    assert all((h.meeting_id, h.meeting_title, h.starts_at) == (mid, "Ouderavond", WHEN) for h in hits)
    assert [h.row_id for h in search(postgres, "vaders 2")] == [notes[2]]
    assert len(search(postgres, "moeders", limit=2)) == 2
    assert [h.source for h in search(postgres, "fath")] == ["meeting"]
    assert search(postgres, "  ") == []
