"""The application context: the services one window (or one command) works with, passed down explicitly.

Built by the composition root (opvoed_desktop.app.build_services); the UI receives it and never imports
app or cli. The context itself is frozen: what changes while the app runs (the languages, the notes
database that opens after the first paint) lives in the objects it owns, each with its own methods.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n import Translator
from opvoed_desktop.paths import DataPaths, translations_dir
from opvoed_desktop.services.languages import ContentLookup, Languages

if TYPE_CHECKING:
    from opvoed_desktop.content.search import SearchIndex
    from opvoed_desktop.services.exports import ExportService
    from opvoed_desktop.services.handouts import HandoutService
    from opvoed_desktop.services.meetings import MeetingService
    from opvoed_desktop.services.translations import TranslationService
    from opvoed_desktop.storage import Database

__all__ = ["AppContext", "Storage", "open_storage"]


@dataclass
class Storage:
    """The notes database and its service. Opened separately (`open`): presenting a programme and the
    CLI's content commands should not pay for SQLAlchemy, migrations and a start-up backup."""

    database: Database | None = None
    meetings: MeetingService | None = None
    message: str | None = None  # one sentence about a problem the user should know of
    # The part of `message` about an encryption cut off half-way, taken away once it is finished.
    unfinished_notice: str | None = None
    # True when the window is to open the database itself, after its first paint (run_gui);
    # `pending` while that runs on its thread (`thread`).
    deferred: bool = False
    pending: bool = False
    thread: threading.Thread | None = None

    def open(self, data: DataPaths) -> None:
        """Open the meetings database; a problem becomes one sentence for the UI, never a crash."""
        from opvoed_desktop.services.meetings import MeetingService
        from opvoed_desktop.storage import DatabaseInUseError, StorageError, open_database

        try:
            # The whole-file check runs after the window's first paint (StorageGuard.start).
            database = open_database(data, check=False)
        except DatabaseInUseError as exc:
            # Another window of the app has the notes open: this one may read, never write.
            try:
                database = open_database(data, read_only=True, check=False)
            except StorageError:
                self.message = str(exc)
                return
            database.read_only_because = exc
            self.database = database
            self.meetings = MeetingService(database)
            self.message = str(exc)
            return
        except StorageError as exc:
            self.message = str(exc)
            return
        self.database = database
        self.meetings = MeetingService(database)
        messages = []
        if database.recovered is not None:
            messages.append(database.recovered.message)
        if database.wal_damage is not None:
            messages.append(database.wal_damage.message)
        if database.read_only and database.read_only_message:
            messages.append(database.read_only_message)
        from opvoed_desktop.storage.keys import has_key_file

        if has_key_file(data.root):
            from opvoed_desktop.storage import convert

            # An encryption cut off half-way leaves plain copies of the notes; the menu is then not
            # ticked, and this says why and how to finish.
            left = convert.unfinished(data)
            if left:
                self.unfinished_notice = convert.unfinished_sentence(len(left))
                messages.append(self.unfinished_notice)
        self.message = " ".join(messages) or None

    def close(self) -> None:
        thread = self.thread
        if thread is not None and thread.is_alive():
            thread.join()  # still opening (the window closed at once): close what it opened
        if self.database is not None:
            self.database.close()
            self.database = None
            self.meetings = None


@dataclass(frozen=True)
class AppContext:
    """Everything a window needs, passed in explicitly (no global registry)."""

    library: Library
    data: DataPaths
    languages: Languages
    storage: Storage = field(default_factory=Storage)
    open_meeting: str | None = None  # a meeting to open at start (--open), at its notes

    # Read-only views of the owned state, as the windows read it.
    @property
    def translator(self) -> Translator:
        return self.languages.translator

    @property
    def content_language(self) -> str:
        return self.languages.content_language

    @property
    def content_lookup(self) -> ContentLookup | None:
        """Dutch unit → (text, state) in the reading language; None shows the Dutch source."""
        return self.languages.content_lookup

    @property
    def search(self) -> SearchIndex:
        return self.languages.search

    @property
    def database(self) -> Database | None:
        return self.storage.database

    @property
    def meetings(self) -> MeetingService | None:
        return self.storage.meetings

    @property
    def storage_message(self) -> str | None:
        return self.storage.message

    @property
    def storage_deferred(self) -> bool:
        return self.storage.deferred

    # The services a tab builds when first shown.
    def handouts(self) -> HandoutService:
        from opvoed_desktop.services.handouts import HandoutService

        return HandoutService(self.library, translations_dir(), self.data.translations_overlay)

    def translations(self) -> TranslationService:
        from opvoed_desktop.services.translations import TranslationService

        return TranslationService(translations_dir(), self.data.translations_overlay)

    def exports(self) -> ExportService:
        """Exports and imports of the open notes database (only asked for once it is open)."""
        from opvoed_desktop.services.exports import ExportService

        assert self.storage.database is not None, "exports need the open notes database"
        return ExportService(self.storage.database, translations_dir(), self.data.translations_overlay)

    def close(self) -> None:
        """Close the notes database and give the process back the interface language it had."""
        self.storage.close()
        self.languages.close()


def open_storage(context: AppContext) -> None:
    """Open the notes database of `context` (see Storage.open)."""
    context.storage.open(context.data)
