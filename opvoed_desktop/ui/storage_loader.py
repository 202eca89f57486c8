"""Open the notes database after the main window's first paint, on a worker thread.

SQLAlchemy, the migrations and the database file cost more than the rest of a start together. The
window paints the library first (the tab a start shows) with empty Bijeenkomsten and Contacten
tabs; this opens the database beside the running event loop and hands the result to the window
on the UI thread, which then fills those tabs and the menus that need the notes.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from opvoed_desktop.services.context import AppContext

log = logging.getLogger(__name__)
THREAD_NAME = "open-storage"
# When no paint comes (a window that is never exposed), start anyway after this long.
PAINT_TIMEOUT_MS = 1000


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(PAINT_TIMEOUT_MS, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            # The whole window is painted in this pass; the next turn of the event loop follows it.
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            self.widget.removeEventFilter(self)
            callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` on the UI thread once `widget` has been painted for the first time."""
    _FirstPaint(widget, callback)


def fill_once(menu: QMenu, fill: Callable[[QMenu], None]) -> None:
    """Fill `menu` the first time it opens (its entries cost more than the first paint may)."""

    def fill_now() -> None:
        menu.aboutToShow.disconnect(fill_now)
        fill(menu)

    menu.aboutToShow.connect(fill_now)


class StorageLoader(QObject):
    """Runs `services.context.open_storage` once on a thread; `done` is called on the UI thread afterwards."""

    _finished = Signal(object)  # the exception the thread met, or None

    def __init__(self, services: AppContext, done: Callable[[BaseException | None], None], parent: QObject) -> None:
        super().__init__(parent)
        self.services = services
        self.done = done
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        services = self.services

        def job() -> None:
            from opvoed_desktop.services.context import open_storage

            failure: BaseException | None = None
            try:
                open_storage(services)  # one sentence in services.storage.message on a known problem
            except BaseException as exc:  # a bug: the window still opens, the error is reported there
                log.warning("opening the database failed: %s", type(exc).__name__)
                failure = exc
            finally:
                services.storage.pending = False
            with contextlib.suppress(RuntimeError):  # the window closed before the database opened
                self._finished.emit(failure)

        services.storage.pending = True
        self.thread = threading.Thread(target=job, name=THREAD_NAME, daemon=True)
        services.storage.thread = self.thread
        self.thread.start()

    def _deliver(self, failure: BaseException | None) -> None:
        self.done(failure)
