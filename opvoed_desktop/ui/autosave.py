"""A text editor that stores what is typed without a Save button.

Stored 700 ms after typing stops, when focus leaves, and when the window closes. A failed save
keeps the text in the editor and says so; the next keystroke or focus change tries again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from opvoed_desktop.errors import AppError, user_message
from opvoed_desktop.i18n import _

DEBOUNCE_MS = 700


class AutosaveTextEdit(QPlainTextEdit):
    saved = Signal()
    failed = Signal(str)

    def __init__(self, save: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._changed)

    def set_text_quietly(self, text: str) -> None:
        """Show stored text without treating it as an edit."""
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self._dirty = False
        self._timer.stop()

    def set_saver(self, save: Callable[[str], None]) -> None:
        self.flush()
        self._save = save

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _changed(self) -> None:
        self._dirty = True
        self._timer.start()

    def flush(self) -> bool:
        """Store now if there is anything unsaved. Returns False when storing failed."""
        self._timer.stop()
        if not self._dirty:
            return True
        try:
            self._save(self.toPlainText())
        except (AppError, OSError) as exc:  # a full disk, a read-only folder: foreseen
            self.failed.emit(user_message(exc) or _("De tekst kon niet worden bewaard; hij staat nog in het veld."))
            return False
        except Exception as exc:
            # A bug must not lose the text: it stays in the field (still unsaved, so the next flush
            # tries again), the error hook logs it and says so, and the field says it is not saved.
            sys.excepthook(type(exc), exc, exc.__traceback__)
            self.failed.emit(_("De tekst kon niet worden bewaard; hij staat nog in het veld."))
            return False
        self._dirty = False
        self.saved.emit()
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)
