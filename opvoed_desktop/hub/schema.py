"""PostgreSQL-only parts of the hub's schema: guards that hold whatever a client sends.

A laptop's sync code checks the same rules, but the hub must not depend on every client being
right (an old version, a hand-written script): like a bundle import, it refuses times in the future
and a row moved to another meeting. On SQLite these are no-ops (a laptop trusts its own edits).
"""

from __future__ import annotations

from sqlalchemy import Connection

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


def install_guards(conn: Connection) -> None:
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


def uninstall_guards(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    for table in (*GUARDED, "tombstone"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS opvoed_guard ON {table}")
    conn.exec_driver_sql("DROP FUNCTION IF EXISTS opvoed_row_guard()")
    conn.exec_driver_sql("DROP FUNCTION IF EXISTS opvoed_tombstone_guard()")
