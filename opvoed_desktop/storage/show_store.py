"""A show's meeting and its quick notes, written with the database driver directly.

`present --programme` makes a meeting just after its first slide is up and stores what the
facilitator types into it. Through SQLAlchemy that cost the show 30–39 MB at its peak (the
library's objects, the worker thread's heap) and most of a second of a core while the first keys
arrived (docs/performance.md, "Memory presenting"). This module does the same few writes with
the driver itself: the same file, the same pragmas (WAL, synchronous=FULL, secure_delete), the same
key for encrypted notes, one short transaction per save with a new change mark, exactly the rows
and values the services write (tests/storage/test_show_store.py holds every column to
MeetingService's).

Only the ordinary case goes this way: a database that exists, is writable, passes the whole-file
check and is at the schema this module was written for (`SCHEMA`, checked in the file, not
assumed). Anything else — a first start, a migration, damage, a read-only folder, a full disk,
another window holding the notes — returns None from `open_show_store`, and the caller opens the
notes the full way (`storage.open_database`), which knows what to do and say about each.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from opvoed_desktop.i18n import _
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage import failures, keys, migrate, recovery, wal
from opvoed_desktop.storage.driver import dbapi
from opvoed_desktop.storage.errors import InvalidInputError, NotFoundError, StorageError
from opvoed_desktop.storage.kinds import table_labels
from opvoed_desktop.storage.lock import DataDirLock

log = logging.getLogger(__name__)

# The migration whose tables these statements write. A newer schema (another migration) makes
# `open_show_store` decline until this module is checked against it (a test fails first).
SCHEMA = "0005"
# models.AgendaKind's values in its order (a test holds them equal): the table's CHECK says the
# same, and the service's refusal lists them in this order.
AGENDA_KIND_ORDER = ("exercise", "background", "pause", "own", "session")
AGENDA_KINDS = frozenset(AGENDA_KIND_ORDER)
SHARE_NEW_KEY = "share_new_meetings"  # services/sharing.py: this laptop's choice for new meetings
LOCK_NAME = "opvoed.lock"  # database.py's
_AGENDA_FIELDS = frozenset({"actual_start", "actual_end"})

T = TypeVar("T")


def new_id() -> str:
    """A row's key, as storage/base.py makes them (which imports SQLAlchemy)."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Naive UTC, storage/base.py's convention for the rows' times."""
    return datetime.now(UTC).replace(tzinfo=None)


def stored_time(value: datetime | None) -> str | None:
    """A naive datetime as SQLAlchemy's SQLite DATETIME stores it: microseconds always written."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def read_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


@dataclass(frozen=True)
class ShowAgendaItem:
    id: str
    position: int
    kind: str
    ref: str | None
    title: str
    planned_minutes: int
    actual_start: datetime | None
    actual_end: datetime | None


@dataclass(frozen=True)
class ShowNote:
    id: str
    agenda_item_id: str | None
    text: str


@dataclass(frozen=True)
class ShowMeeting:
    """What a show reads of its meeting (meeting_show, MeetingNoteSink): not a whole MeetingDetail."""

    id: str
    title: str
    starts_at: datetime | None
    venue: str
    programme_id: str | None
    agenda: list[ShowAgendaItem]
    notes: list[ShowNote]


def open_show_store(paths: DataPaths) -> ShowStore | None:
    """The notes of `paths` opened for a show without SQLAlchemy, or None when the full way must
    open them (see the module's docstring). May raise what unlocking encrypted notes raises
    (passphrase needed, wrong), like `open_database`."""
    if migrate.HEAD != SCHEMA or not paths.root.is_dir() or not paths.database.is_file():
        return None
    if keys.has_key_file(paths.root):
        from opvoed_desktop.storage import crypto

        crypto.ensure_unlocked(paths)  # the key, from the passphrase file or the keyring
    if not _writable(paths):
        return None
    lock = DataDirLock(paths.root / LOCK_NAME)
    try:
        lock.acquire(paths.database)
    except (OSError, StorageError):
        return None  # another window holds the notes, or no lock file: the full way says which
    try:
        store = _open_locked(paths, lock)
    except (OSError, StorageError, dbapi.Error) as exc:
        log.warning("a show's notes open the full way: %s", getattr(exc, "sqlite_errorname", type(exc).__name__))
        store = None
    if store is None:
        lock.release()
    return store


def _writable(paths: DataPaths) -> bool:
    return os.access(paths.root, os.W_OK | os.X_OK) and os.access(paths.database, os.W_OK)


def _open_locked(paths: DataPaths, lock: DataDirLock) -> ShowStore | None:
    db = paths.database
    if lock.disk_full:
        return None
    state = sqlite_files.inspect_file(db)
    if state.kind != "sqlite" or state.revision != SCHEMA:
        return None  # missing, damaged, older (a migration) or newer: the full way
    if not recovery.check_whole(paths):
        return None  # damage: the full way sets the file aside and says so
    if wal.inspect(db.with_name(db.name + "-wal")).damaged:
        return None  # the full way keeps a copy of the damaged log first
    conn = sqlite_files.connect_for_writing(db)
    # Transactions only where this module begins them (`_transaction`): the driver's own habit of
    # opening one before an INSERT would leave the index merge at close uncommitted.
    conn.isolation_level = None
    try:
        # As the full way's first connection: a database without a change mark gets one.
        with _transaction(conn):
            if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                conn.execute(f"PRAGMA user_version = {failures.new_mark()}")
        if recovery.wal_size(db):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # what a crash left in the log
    except BaseException:
        conn.close()
        raise
    sqlite_files.secure_files(db)
    return ShowStore(paths, conn, lock)


@contextmanager
def _transaction(conn: dbapi.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class ShowStore:
    """The subset of MeetingService a show uses (duck-typed by services/presenting): make its
    meeting, read it, save quick notes and actual times. Safe to call from several threads (the
    autosave worker, the GUI): one connection, one transaction at a time. Every write that changed
    a row also sets a new change mark, in the same transaction, as `Database.write` does."""

    def __init__(self, paths: DataPaths, conn: dbapi.Connection, lock: DataDirLock) -> None:
        self.paths = paths
        self._conn = conn
        self._lock = lock
        self._busy = threading.Lock()
        self._made: set[str] = set()  # meetings this store made (plan_agenda only plans those)
        self._dirty = False

    # Writing -------------------------------------------------------------------------------
    def _write(self, work: Callable[[dbapi.Connection], T]) -> T:
        with self._busy:
            conn = self._conn
            try:
                with _transaction(conn):
                    before = conn.total_changes
                    result = work(conn)
                    if conn.total_changes != before:
                        conn.execute(f"PRAGMA user_version = {failures.new_mark()}")
            except (dbapi.OperationalError, UnicodeEncodeError) as exc:
                raise failures.translate(exc, self.paths) from None
            except dbapi.DatabaseError as exc:
                if isinstance(exc, dbapi.IntegrityError | dbapi.ProgrammingError | dbapi.InterfaceError):
                    raise  # a programming mistake stays loud, as through SQLAlchemy
                raise failures.translate(exc, self.paths) from None
            self._dirty = True
            return result

    def _read(self, work: Callable[[dbapi.Connection], T]) -> T:
        with self._busy:
            try:
                return work(self._conn)
            except dbapi.DatabaseError as exc:
                # Damage comes as DatabaseError, not OperationalError: it is said as damage, as
                # the full way's handler says it; a programming mistake stays loud.
                if isinstance(exc, dbapi.IntegrityError | dbapi.ProgrammingError | dbapi.InterfaceError):
                    raise
                raise failures.translate(exc, self.paths) from None

    def create_meeting(self, title: str, *, starts_at: datetime | None = None, programme_id: str | None = None) -> str:
        """A meeting as `MeetingService.create_meeting(title, starts_at=…, programme_id=…)` makes it."""
        title = title.strip()
        if not title:  # the service's refusal (services/_storage_base.check_title), in its words
            raise InvalidInputError(_("Geef de bijeenkomst een titel."))
        meeting_id, now = new_id(), stored_time(utcnow())

        def insert(conn: dbapi.Connection) -> None:
            row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (SHARE_NEW_KEY,)).fetchone()
            shared = row is not None and row[0] == "1"
            conn.execute(
                "INSERT INTO meeting (id, created_at, updated_at, title, starts_at, venue, municipality,"
                " facilitator, languages, programme_id, is_sample, shared) VALUES (?, ?, ?, ?, ?, '', '', '', ?,"
                " ?, 0, ?)",
                (meeting_id, now, now, title, stored_time(starts_at), json.dumps([]), programme_id, int(shared)),
            )

        self._write(insert)
        self._made.add(meeting_id)
        return meeting_id

    def plan_agenda(self, meeting_id: str, entries: Iterable[tuple[str, str | None, str, int]]) -> list[str]:
        """The agenda of a meeting this store just made (it has none yet: nothing is replaced)."""
        if meeting_id not in self._made:
            raise ValueError("a show's store plans only the meeting it made")
        entries = list(entries)
        for kind, *_rest in entries:  # as the service's check_choice says it, before any write
            if kind not in AGENDA_KINDS:
                raise InvalidInputError(
                    _("{label} '{value}' kan niet; kies uit: {allowed}.").format(
                        label=_("Soort"), value=kind, allowed=", ".join(AGENDA_KIND_ORDER)
                    )
                )
        ids = [new_id() for _entry in entries]
        now = stored_time(utcnow())

        def insert(conn: dbapi.Connection) -> None:
            self._meeting_exists(conn, meeting_id)
            conn.executemany(
                "INSERT INTO agenda_item (id, created_at, updated_at, meeting_id, position, kind, ref, title,"
                " planned_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (item_id, now, now, meeting_id, position, kind, ref, title, int(minutes))
                    for position, (item_id, (kind, ref, title, minutes)) in enumerate(zip(ids, entries, strict=True), 1)
                ],
            )

        self._write(insert)
        return ids

    def save_item_note(self, meeting_id: str, agenda_item_id: str | None, text: str) -> str:
        """As `MeetingService.save_item_note`: the one note of an agenda item (or the general
        note), made on its first save, changed only when its text differs."""

        def save(conn: dbapi.Connection) -> str:
            self._meeting_exists(conn, meeting_id)
            args: tuple[str, ...] = (meeting_id,)
            if agenda_item_id is None:
                where = "agenda_item_id IS NULL"
            else:
                where, args = "agenda_item_id = ?", (meeting_id, agenda_item_id)
            row = conn.execute(
                f"SELECT id, text FROM note WHERE meeting_id = ? AND {where} ORDER BY created_at LIMIT 1", args
            ).fetchone()
            now = stored_time(utcnow())
            if row is None:
                if agenda_item_id is not None:
                    self._exists(conn, "agenda_item", agenda_item_id)
                note_id = new_id()
                conn.execute(
                    "INSERT INTO note (id, created_at, updated_at, meeting_id, agenda_item_id, text)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (note_id, now, now, meeting_id, agenda_item_id, text),
                )
                return note_id
            note_id, stored = row
            if stored != text:
                conn.execute(_changed("note", "text = ?"), (text, now, note_id))
            return str(note_id)

        return self._write(save)

    def update_agenda_item(self, item_id: str, **fields: Any) -> None:
        """As `MeetingService.update_agenda_item` for the actual times a show records."""
        unknown = set(fields) - _AGENDA_FIELDS
        if unknown:
            raise TypeError(f"cannot update {sorted(unknown)} of AgendaItem")

        def update(conn: dbapi.Connection) -> None:
            row = conn.execute("SELECT actual_start, actual_end FROM agenda_item WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                raise NotFoundError(table_labels()["agenda_item"], item_id)
            current = dict(zip(("actual_start", "actual_end"), row, strict=True))
            # Like the ORM: only what differs is written, and nothing when nothing does.
            changed = {name: stored_time(value) for name, value in fields.items()}
            changed = {name: value for name, value in changed.items() if value != current[name]}
            if changed:
                columns = ", ".join(f"{name} = ?" for name in sorted(changed))
                values = [changed[name] for name in sorted(changed)]
                conn.execute(_changed("agenda_item", columns), (*values, stored_time(utcnow()), item_id))

        self._write(update)

    # Reading -------------------------------------------------------------------------------
    def get_meeting(self, meeting_id: str) -> ShowMeeting:
        def read(conn: dbapi.Connection) -> ShowMeeting:
            row = conn.execute(
                "SELECT id, title, starts_at, venue, programme_id FROM meeting WHERE id = ?", (meeting_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(table_labels()["meeting"], meeting_id)
            agenda = [
                ShowAgendaItem(
                    item[0], item[1], item[2], item[3], item[4], item[5], read_time(item[6]), read_time(item[7])
                )
                for item in conn.execute(
                    "SELECT id, position, kind, ref, title, planned_minutes, actual_start, actual_end"
                    " FROM agenda_item WHERE meeting_id = ? ORDER BY position",
                    (meeting_id,),
                )
            ]
            notes = [
                ShowNote(*note)
                for note in conn.execute(
                    "SELECT id, agenda_item_id, text FROM note WHERE meeting_id = ? ORDER BY created_at", (meeting_id,)
                )
            ]
            return ShowMeeting(row[0], row[1], read_time(row[2]), row[3], row[4], agenda, notes)

        return self._read(read)

    # Closing -------------------------------------------------------------------------------
    def close(self) -> None:
        """As `Database.close`: after writes the search index merges and the log folds into the
        file; then the data dir is free for the next window."""
        with self._busy:
            if self._lock is None:
                return
            try:
                if self._dirty:
                    with _transaction(self._conn):
                        self._conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except dbapi.Error as exc:
                log.warning("could not merge the search index at close: %s", getattr(exc, "sqlite_errorname", ""))
            finally:
                self._conn.close()
                self._lock.release()
                self._lock = None  # type: ignore[assignment]

    def __enter__(self) -> ShowStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Helpers -------------------------------------------------------------------------------
    def _meeting_exists(self, conn: dbapi.Connection, meeting_id: str) -> None:
        self._exists(conn, "meeting", meeting_id)

    @staticmethod
    def _exists(conn: dbapi.Connection, table: str, key: str) -> None:
        if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (key,)).fetchone() is None:
            raise NotFoundError(table_labels()[table], key)


def _changed(table: str, assignments: str) -> str:
    """An UPDATE as the ORM writes it for a `Keyed` row (storage/base.py): the row's time, and
    marked as changed here for the hub (server_seq cleared, base_seq kept from it)."""
    return (
        f"UPDATE {table} SET {assignments}, updated_at = ?, server_seq = NULL,"
        " base_seq = coalesce(server_seq, base_seq) WHERE id = ?"
    )
