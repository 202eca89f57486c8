"""What a database remembers about syncing (storage/sync_state.py), read back from the file itself.

The hub's address, this laptop's name and the last hub number pulled live here: a value written to
the wrong key, kept twice or not replaced means a laptop that syncs with the wrong hub, pulls the
same rows again, or shows colleagues an old name.
"""

from __future__ import annotations

import contextlib
import sqlite3

from opvoed_desktop.storage import Database
from opvoed_desktop.storage.sync_state import forget_state, get_state, read_state, set_state, write_state


def _rows(db: Database) -> list[tuple[str, str]]:
    """The table as the file holds it, read past the app's own code."""
    with contextlib.closing(sqlite3.connect(db.paths.database)) as conn:
        return sorted(conn.execute("SELECT key, value FROM sync_state").fetchall())


def test_a_value_written_is_read_back_under_its_own_key_only(db: Database) -> None:
    write_state(db, "hub_url", "https://hub.gemeente.example")
    write_state(db, "device_name", "Laptop Fatima")

    assert read_state(db, "hub_url") == "https://hub.gemeente.example"
    assert read_state(db, "device_name") == "Laptop Fatima"
    assert read_state(db, "pulled_upto") is None
    assert _rows(db) == [("device_name", "Laptop Fatima"), ("hub_url", "https://hub.gemeente.example")]


def test_writing_a_key_again_replaces_its_value_and_leaves_the_others(db: Database) -> None:
    write_state(db, "pulled_upto", "41")
    write_state(db, "device_name", "Laptop Fatima")
    write_state(db, "pulled_upto", "57")

    assert read_state(db, "pulled_upto") == "57"
    assert _rows(db) == [("device_name", "Laptop Fatima"), ("pulled_upto", "57")]


def test_an_empty_value_is_kept_as_empty_not_as_missing(db: Database) -> None:
    write_state(db, "device_name", "Laptop Fatima")
    write_state(db, "device_name", "")

    assert read_state(db, "device_name") == ""
    assert _rows(db) == [("device_name", "")]


def test_forgetting_a_key_removes_only_that_key(db: Database) -> None:
    write_state(db, "hub_url", "https://hub.gemeente.example")
    write_state(db, "device_name", "Laptop Fatima")

    forget_state(db, "hub_url")

    assert read_state(db, "hub_url") is None
    assert _rows(db) == [("device_name", "Laptop Fatima")]
    forget_state(db, "hub_url")  # forgetting what is not there is no error
    assert _rows(db) == [("device_name", "Laptop Fatima")]


def test_inside_one_transaction_a_value_is_seen_at_once_and_kept_after_it(db: Database) -> None:
    with db.write() as session:
        conn = session.connection()
        assert get_state(conn, "pulled_upto") is None
        set_state(conn, "pulled_upto", "3")
        assert get_state(conn, "pulled_upto") == "3"
        set_state(conn, "pulled_upto", "4")
        assert get_state(conn, "pulled_upto") == "4"

    assert _rows(db) == [("pulled_upto", "4")]


def test_a_transaction_that_fails_keeps_the_value_from_before(db: Database) -> None:
    write_state(db, "pulled_upto", "10")
    with contextlib.suppress(RuntimeError), db.write() as session:
        set_state(session.connection(), "pulled_upto", "99")
        raise RuntimeError("the pull failed half-way")

    assert read_state(db, "pulled_upto") == "10"
    assert _rows(db) == [("pulled_upto", "10")]
