"""The application context: the services one window (or one command) works with, and opening storage.

Built by the composition root (opvoed_desktop.app.build_services) and passed down explicitly: the UI
receives it and never imports app or cli.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n import Translator
from opvoed_desktop.paths import DataPaths

if TYPE_CHECKING:
    from opvoed_desktop.content.search import SearchIndex
    from opvoed_desktop.services.meetings import MeetingService


@dataclass
class Services:
    """Everything a window needs, passed in explicitly (no global registry)."""

    library: Library
    data: DataPaths
    translator: Translator
    content_language: str = "nl"
    content_lookup: Any = None  # Dutch unit → (text, state); None shows the Dutch source
    # Storage is opened separately (open_storage): presenting a programme and the CLI's content
    # commands should not pay for SQLAlchemy, migrations and a start-up backup.
    database: Any = None
    meetings: MeetingService | None = None
    storage_message: str | None = None
    open_meeting: str | None = None  # a meeting to open at start (--open), at its notes
    # True when the window is to open the database itself, after its first paint (run_gui);
    # `storage_pending` while that runs on its thread (`storage_thread`).
    storage_deferred: bool = False
    storage_pending: bool = False
    storage_thread: Any = None
    _search: SearchIndex | None = field(default=None, repr=False)

    @property
    def search(self) -> SearchIndex:
        """The library's search index, built on first use (presenting and hand-outs never search)."""
        if self._search is None:
            from opvoed_desktop.content.search import SearchIndex

            lookup = self.content_lookup
            self._search = SearchIndex(self.library, (lambda text: lookup(text)[0]) if lookup else None)
        return self._search

    def forget_search(self) -> None:
        """After a change of reading language: the next search builds the index in that language."""
        self._search = None

    def close(self) -> None:
        thread = self.storage_thread
        if thread is not None and thread.is_alive():
            thread.join()  # still opening (the window closed at once): close what it opened
        if self.database is not None:
            self.database.close()
            self.database = None
            self.meetings = None


def open_storage(services: Services) -> None:
    """Open the meetings database; a problem becomes one sentence for the UI, never a crash."""
    from opvoed_desktop.services.meetings import MeetingService
    from opvoed_desktop.storage import DatabaseInUseError, StorageError, open_database

    try:
        # The whole-file check runs after the window's first paint (StorageGuard.start).
        database = open_database(services.data, check=False)
    except DatabaseInUseError as exc:
        # Another window of the app has the notes open: this one may read, never write.
        try:
            database = open_database(services.data, read_only=True, check=False)
        except StorageError:
            services.storage_message = str(exc)
            return
        database.read_only_because = exc
        services.database = database
        services.meetings = MeetingService(database)
        services.storage_message = str(exc)
        return
    except StorageError as exc:
        services.storage_message = str(exc)
        return
    services.database = database
    services.meetings = MeetingService(database)
    messages = []
    if database.recovered is not None:
        messages.append(database.recovered.message)
    if database.wal_damage is not None:
        messages.append(database.wal_damage.message)
    if database.read_only and database.read_only_message:
        messages.append(database.read_only_message)
    services.storage_message = " ".join(messages) or None
