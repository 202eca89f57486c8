"""Composition root: resolve paths and language, load the content, then hand over to the UI.

Kept free of Qt so that the order of start-up is readable and testable; the UI import is the
last step and only happens when a window is wanted.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n import Translator, _, use
from opvoed_desktop.paths import DataPaths, content_dir, data_paths, translations_dir

if TYPE_CHECKING:
    from opvoed_desktop.content.search import SearchIndex
    from opvoed_desktop.errorlog import ErrorLog
    from opvoed_desktop.services.meetings import MeetingService


# Share of the toolkit's texts a language needs before the library follows the interface into it.
MOSTLY_TRANSLATED = 0.5


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


def build_services(data_dir: str | None = None, lang: str | None = None, content: Path | None = None) -> Services:
    data = data_paths(data_dir)
    if lang is None and os.environ.get("OPVOED_LANG"):
        lang = os.environ["OPVOED_LANG"]
    if lang is None:
        from opvoed_desktop.settings import Settings

        lang = Settings.load(data).ui_language
    translator = Translator.load(lang or "nl", translations_dir(), overlay_dir=data.translations_overlay)
    use(translator)
    from opvoed_desktop.content.cache import load_library

    library = load_library(content or content_dir(), data.cache)  # parsed last time, when unchanged
    content_language = choose_content_language(data, translator.locale, library)
    return Services(
        library=library,
        data=data,
        translator=translator,
        content_language=content_language,
        content_lookup=content_lookup(content_language, data),
    )


def choose_content_language(data: DataPaths, ui_locale: str, library: Library | None = None) -> str:
    """The saved choice; else the interface language when most of the toolkit is translated into it
    (a page of Dutch set right to left helps nobody); else Dutch."""
    from opvoed_desktop.settings import Settings

    chosen = Settings.load(data).content_language
    if chosen:
        return chosen if chosen == "nl" or content_lookup(chosen, data) is not None else "nl"
    if ui_locale == "nl" or library is None:
        return "nl"
    lookup = content_lookup(ui_locale, data)
    if lookup is None:
        return "nl"
    from opvoed_desktop.content.units import units

    texts = [u.text for item in library.items.values() for u in units(item)]
    translated = sum(1 for text in texts if lookup(text)[1] != "missing")
    return ui_locale if texts and translated >= MOSTLY_TRANSLATED * len(texts) else "nl"


def content_lookup(language: str, data: DataPaths) -> Any:
    """A function Dutch unit → (text, state) for the library, or None for Dutch (or no catalog)."""
    if language == "nl":
        return None
    shipped = translations_dir() / language / "LC_MESSAGES" / "content.po"
    if not shipped.is_file() and not (data.translations_overlay / language / "content.po").is_file():
        return None
    from opvoed_desktop.i18n.catalogs import CatalogError, load_content_catalog

    try:
        return load_content_catalog(language, translations_dir(), data.translations_overlay).lookup
    except (CatalogError, OSError):
        return None


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args: argparse.Namespace, log: ErrorLog | None = None) -> int:
    if not has_display():
        print(
            _(
                "Er is geen beeldscherm gevonden; start de app op een bureaublad, "
                "of gebruik de opdrachten van 'opvoed-desktop --help'."
            ),
            file=sys.stderr,
        )
        return 1
    services = build_services(args.data_dir, args.lang, Path(args.content_dir) if args.content_dir else None)
    services.open_meeting = getattr(args, "open", None)
    if services.open_meeting:
        # The first paint is that meeting's note, where the user types at once: it needs the notes.
        open_storage(services)  # makes the data dir when it can; says why in one sentence when not
    else:
        # The window opens the database right after its first paint, on a thread.
        services.storage_deferred = True
    from opvoed_desktop.ui.application import run

    try:
        return run(services, sys.argv[:1], log)
    finally:
        services.close()
