"""A text editor that stores what is typed without a Save button.

Stored 700 ms after typing stops, and while someone types without a pause at least every
1.5 s (the debounce alone would wait for a pause that never comes: a crash would lose it all).
Also stored when focus leaves and when the window closes. A failed save keeps the text in the
editor and says so; the next keystroke or focus change tries again.

With `background=True` the timed saves run on a worker thread: at 250,000 notes a save costs
10-300 ms (mostly the fsync of synchronous=FULL), which would stall the keys every 1.5 s. The
saver must then be safe to call from another thread (a service call, not a widget). `flush()`
is always synchronous: it waits for a save under way and stores the rest before returning.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QTextEdit, QWidget

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.messages import user_message
from opvoed_desktop.services.autosave import AutosaveState, TimedSave

DEBOUNCE_MS = 700
# The ceiling for continuous typing; with the save's own time, text is stored within 2 s.
MAX_WAIT_MS = 1500

Saver = Callable[[str], None]


@dataclass
class _Save:
    token: int
    generation: int
    future: Future[None]


class AutosaveTextEdit(QTextEdit):
    # A QTextEdit taking plain text only, not a QPlainTextEdit: that one aligns every paragraph by
    # the widget's direction, so an Arabic note in a Dutch window (or Dutch in an Arabic one) sat at
    # the wrong side. Here each paragraph goes by its own first letter, Arabic right, Dutch left.

    saved = Signal()
    failed = Signal(str)
    _finished = Signal(int)  # from the worker thread: the save with this token is done

    def __init__(self, save: Saver, parent: QWidget | None = None, *, background: bool = False) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)  # pasted text arrives as text, never formatted
        self._save = save
        self._background = background
        self._state = AutosaveState()  # which edit the store holds (the decisions, without Qt)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._save_now)
        self._ceiling = QTimer(self)
        self._ceiling.setSingleShot(True)
        self._ceiling.setInterval(MAX_WAIT_MS)
        self._ceiling.timeout.connect(self._save_now)
        self._executor: ThreadPoolExecutor | None = None
        self._running: _Save | None = None
        self._tokens = 0
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.textChanged.connect(self._changed)
        self.destroyed.connect(lambda *_: self._shutdown())

    def set_text_quietly(self, text: str) -> None:
        """Show stored text without treating it as an edit."""
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self._state.shown_stored()
        self._stop_timers()

    def set_saver(self, save: Saver) -> None:
        self.flush()
        self._save = save

    @property
    def dirty(self) -> bool:
        return self._state.dirty

    def _changed(self) -> None:
        self._state.edited()
        self._timer.start()  # restarts on every key: the pause after typing
        if not self._ceiling.isActive():
            self._ceiling.start()  # does not restart: the longest any text waits

    def _stop_timers(self) -> None:
        self._timer.stop()
        self._ceiling.stop()

    # Timed saves ---------------------------------------------------------------------------------
    def _save_now(self) -> None:
        if not self._background:
            self.flush()
            return
        decision = self._state.timed_save(running=self._running is not None)
        if decision is TimedSave.NOTHING:
            self._stop_timers()
            return
        if decision is TimedSave.AFTER_CURRENT:
            return  # stored again as soon as this one is done
        self._stop_timers()
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._tokens += 1
        token, save, text = self._tokens, self._save, self.toPlainText()
        future = self._executor.submit(save, text)
        self._running = _Save(token, self._state.generation, future)
        future.add_done_callback(lambda _f: self._report(token))

    def _report(self, token: int) -> None:
        with contextlib.suppress(RuntimeError):  # the editor is gone (window closed)
            self._finished.emit(token)

    def _on_finished(self, token: int) -> None:
        running = self._running
        if running is None or running.token != token:
            return  # flush() already took care of it
        self._running = None
        self._settle(running)
        if self._state.save_again():
            self._save_now()

    def _settle(self, running: _Save) -> bool:
        error = running.future.exception()
        if error is not None:
            self.failed.emit(self._message(error))
            return False
        if self._state.saved(running.generation):
            self.saved.emit()
        return True

    @staticmethod
    def _message(error: BaseException) -> str:
        if isinstance(error, AppError | OSError):  # a full disk, a read-only folder: foreseen
            return user_message(error) or _("De tekst kon niet worden bewaard; hij staat nog in het veld.")
        # A bug must not lose the text: it stays in the field (still unsaved, so the next save tries
        # again), the error hook logs it and says so, and the field says it is not saved. Never
        # str(error): an unforeseen error's message may quote the note itself.
        sys.excepthook(type(error), error, error.__traceback__)
        return _("De tekst kon niet worden bewaard; hij staat nog in het veld.")

    # Synchronous saves ---------------------------------------------------------------------------
    def flush(self) -> bool:
        """Store now if there is anything unsaved. Returns False when storing failed."""
        self._stop_timers()
        self._state.flushing()
        running, self._running = self._running, None
        if running is not None:
            running.future.exception()  # waits for the save under way
            self._settle(running)  # on failure the text is still dirty: stored again below
        if not self.dirty:
            return True
        generation = self._state.generation
        try:
            self._save(self.toPlainText())
        except Exception as exc:
            self.failed.emit(self._message(exc))
            return False
        self._state.saved(generation)
        self.saved.emit()
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)

    def _shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None
