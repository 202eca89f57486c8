"""The main window's watch over the notes database: the one-sentence banner, the one-click
restore of the newest good backup, the check after the first paint, and damage met later.

Damage is handled the same way wherever it is found (at start, by the check after the first
paint, by a query while working): the damaged file is set aside (kept, never deleted), a fresh
database takes its place, the banner says so in one sentence and the newest good backup is
offered. Text in the open note that could not be stored is written to a file beside it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.messages import user_message

if TYPE_CHECKING:
    from opvoed_desktop.services.context import AppContext

log = logging.getLogger(__name__)
BANNER_STYLE = "background:#fdecea; color:#611a15; padding:8px;"
START_THREAD = "start-backup"  # self_check.py waits for it by this name


class StorageGuard(QObject):
    damage_seen = Signal()  # emitted from any thread
    start_checked = Signal(object)  # backup.StartCheck, from the start-up thread
    recovered = Signal()  # the database was replaced (set aside or restored): views reload

    def __init__(self, window: QWidget, services: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.banner = QLabel(services.storage_message or "", window)
        self.banner.setObjectName("storageBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setVisible(bool(services.storage_message))
        self.restore_button = QPushButton(_("Nieuwste reservekopie terugzetten"), window)
        self.restore_button.setObjectName("restoreNewest")
        self.restore_button.clicked.connect(self.restore_newest)
        self._offer_restore()
        self._handling = False
        # Set once the check after the first paint has finished (or was not needed), so a caller
        # that must know its outcome (the self-test, tests) can wait for it without racing the timer.
        self.start_done = threading.Event()
        self.damage_seen.connect(self._on_damage, Qt.ConnectionType.QueuedConnection)
        self.start_checked.connect(self._on_start_checked, Qt.ConnectionType.QueuedConnection)
        self._watch_database()

    def attach(self) -> None:
        """The database was opened after the window (ui/storage_loader.py): watch it, say what
        opening it found, offer the backup when it was damaged."""
        self.say(self.services.storage_message or "")
        self._offer_restore()
        self._watch_database()

    def _watch_database(self) -> None:
        database = self.services.database
        if database is not None:
            database.on_damage(lambda _error: self.damage_seen.emit())

    # Messages ----------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _offer_restore(self) -> None:
        recovered = getattr(self.services.database, "recovered", None)
        self.restore_button.setVisible(recovered is not None and recovered.newest_backup is not None)

    # The check after the first paint -------------------------------------------------------------
    def start(self) -> None:
        """Check the whole file (and back it up when it changed) without holding up the window."""
        database = self.services.database
        if database is None or database.read_only:
            self.start_done.set()
            return
        from opvoed_desktop.storage import backup

        paths = self.services.data

        def job() -> None:
            try:
                result = backup.start_check(paths)
            except Exception as exc:  # a failed start-up backup must not disturb the meeting
                log.warning("start-up check failed: %s", type(exc).__name__)
                return
            finally:
                self.start_done.set()
            with contextlib.suppress(RuntimeError):  # the window closed while the check ran
                self.start_checked.emit(result)

        threading.Thread(target=job, name=START_THREAD, daemon=True).start()

    def _on_start_checked(self, result: Any) -> None:
        if not result.healthy:
            self._on_damage()

    # Damage ------------------------------------------------------------------------------------
    def _on_damage(self) -> None:
        database = self.services.database
        if self._handling or database is None or database.read_only:
            return
        self._handling = True
        try:
            rescued = self._close_editor()
            try:
                recovered = database.set_aside_damaged()
            except (AppError, OSError) as exc:
                log.warning("could not set the damaged database aside: %s", type(exc).__name__)
                self.say(user_message(exc))
                return
            message = recovered.message
            if rescued is not None:
                message += " " + _("De tekst die nog niet bewaard was, staat in {name}.").format(name=rescued.name)
            self.say(message)
            self._offer_restore()
            self.recovered.emit()
        finally:
            self._handling = False

    def _close_editor(self) -> Path | None:
        """Close the open meeting; text it could not store goes to a private file beside the data."""
        view = getattr(self.window, "meetings_view", None)
        if view is None or view.editor is None:
            return None
        editor = view.editor
        text = editor.note_editor.toPlainText() if editor.note_editor.dirty else ""
        if view.close_editor() or not text:
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.services.data.root / f"niet-bewaarde-tekst-{stamp}.txt"
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as handle:
                handle.write(text)
        except OSError:
            return None
        return target

    # Restore -----------------------------------------------------------------------------------
    def restore_newest(self) -> None:
        database = self.services.database
        recovered = getattr(database, "recovered", None)
        if database is None or recovered is None or recovered.newest_backup is None:
            return
        self.restore(recovered.newest_backup)

    def restore(self, path: Path) -> bool:
        view = getattr(self.window, "meetings_view", None)
        if view is not None:
            view.close_editor()
        try:
            self.services.database.restore(path)
        except (AppError, OSError) as exc:
            QMessageBox.warning(self.window, _("Reservekopie terugzetten"), user_message(exc))
            return False
        self.services.database.recovered = None
        self.restore_button.hide()
        self.say(_("De reservekopie is teruggezet; u kunt verder werken."))
        self.recovered.emit()
        return True
