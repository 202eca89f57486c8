"""Type-to-search in a combo box whose item texts carry bidi controls.

Titles are shown isolated (U+2068 … U+2069) so that "Waarom samenwerken?" keeps its question mark
at the end in a right-to-left interface. Qt's own type-to-search compares the typed letters with
the start of the shown text, which is then the invisible U+2068: typing "Eerste" found nothing.
`BidiKeyboardSearch` does the search itself, ignoring bidi controls (and case), and leaves the shown
text, marks and all, as it is. It behaves like Qt's: letters typed in quick succession make one
search string, and a letter typed again (“e”, “e”) goes to the next item starting with it. It works
both on the closed box and in its open list.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox

# The invisible direction marks, embeddings, overrides and isolates of Unicode's bidi algorithm.
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_DROP = dict.fromkeys(map(ord, BIDI_CONTROLS))


def searchable(text: str) -> str:
    """What a person typing sees of `text`: no bidi controls, no case, no leading space."""
    return text.translate(_DROP).casefold().lstrip()


class BidiKeyboardSearch(QObject):
    """Install with `BidiKeyboardSearch(combo)`; it lives as long as the combo box."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.combo = combo
        self.typed = ""
        self._last = 0.0
        combo.installEventFilter(self)
        combo.view().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        extra = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if not text or not text.isprintable() or extra != Qt.KeyboardModifier.NoModifier:
            return False  # arrows, Enter, Escape, shortcuts: Qt's own handling
        continuing = self._continuing()
        if text.isspace() and not continuing:
            return False  # Space opens the list, as before
        self.search(text, popup=watched is self.combo.view(), continuing=continuing)
        return True

    def _continuing(self) -> bool:
        return bool(self.typed) and time.monotonic() - self._last < QApplication.keyboardInputInterval() / 1000

    def search(self, text: str, *, popup: bool = False, continuing: bool = False) -> int:
        """Go to the item the typed letters begin; returns its row, or -1 (then nothing moves)."""
        self.typed = self.typed + text if continuing else text
        self._last = time.monotonic()
        key = searchable(self.typed)
        view = self.combo.view()
        current = view.currentIndex().row() if popup else self.combo.currentIndex()
        # A new search, or the same letter again, starts after the current item; a longer string
        # may still be the current item ("E", then "Ee" for "Eerste").
        repeated = len(key) > 1 and key == key[0] * len(key)
        start = current + 1 if len(key) <= 1 or repeated else current
        row = self._find(key, start)
        if row < 0 and repeated:
            row = self._find(key[0], current + 1)
        if row < 0:
            return -1
        if popup:
            index = self.combo.model().index(row, self.combo.modelColumn(), self.combo.rootModelIndex())
            view.setCurrentIndex(index)
            view.scrollTo(index)
        elif row != self.combo.currentIndex():
            self.combo.setCurrentIndex(row)
            self.combo.activated.emit(row)
        return row

    def _find(self, key: str, start: int) -> int:
        model, count = self.combo.model(), self.combo.count()
        for offset in range(count):
            row = (max(start, 0) + offset) % count
            index = model.index(row, self.combo.modelColumn(), self.combo.rootModelIndex())
            if not model.flags(index) & Qt.ItemFlag.ItemIsEnabled:
                continue  # separators
            if searchable(self.combo.itemText(row)).startswith(key):
                return row
        return -1
