"""Talen in de zaal: tick the languages of the parents in the room, then print or save them in one go.

When a meeting is chosen whose "languages in the room" are filled in (free text such as
"Arabisch, Tigrinya" or "ar, ti", see i18n.language_names), the ticks follow it; the facilitator
can change them afterwards, and is told which of the meeting's languages have no hand-out.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.i18n.language_names import match_languages
from opvoed_desktop.ui.handout_labels import isolate, language_label

COLUMNS = 2


class RoomLanguages(QGroupBox):
    changed = Signal()  # the ticks changed

    def __init__(self, languages: Sequence[str], ui_locale: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Talen in de zaal"), parent)
        self.setObjectName("roomLanguages")
        self.ui_locale = ui_locale
        self.codes = list(languages)
        self.unknown: list[str] = []  # the meeting's languages without a hand-out
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        self.setProperty("readingOrder", "columns")  # Tab goes down the columns, as they are read
        rows = max((len(self.codes) + COLUMNS - 1) // COLUMNS, 1)
        for index, code in enumerate(self.codes):
            box = QCheckBox(language_label(code, ui_locale), self)
            box.setObjectName(f"roomLanguage-{code}")
            box.toggled.connect(self._update)
            grid.addWidget(box, index % rows, index // rows)  # read down the columns, as the combo box lists them
            self.boxes[code] = box
        self.hint = QLabel(self)
        self.hint.setObjectName("roomLanguagesHint")
        self.hint.setWordWrap(True)
        self.print_button = QPushButton(_("Deze talen afdrukken…"), self)
        self.print_button.setObjectName("printRoomLanguages")
        self.print_button.setToolTip(_("Eén afdruk: de hand-out in elke aangevinkte taal, na elkaar."))
        self.save_button = QPushButton(_("Deze talen opslaan…"), self)
        self.save_button.setObjectName("saveRoomLanguages")
        self.save_button.setToolTip(_("Eén PDF per aangevinkte taal in een map naar keuze."))
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        layout.addWidget(self.print_button)
        layout.addWidget(self.save_button)
        self._update()

    def chosen(self) -> list[str]:
        """The ticked languages, in the order of the list."""
        return [code for code in self.codes if self.boxes[code].isChecked()]

    def set_chosen(self, codes: Sequence[str]) -> None:
        for code, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(code in codes)
            box.blockSignals(False)
        self._update()

    def follow(self, texts: Sequence[str]) -> None:
        """Tick what a meeting's languages name; a meeting without languages leaves the ticks alone."""
        found, self.unknown = match_languages(texts, self.codes, self.ui_locale)
        if found:
            self.set_chosen(found)
        else:
            self._update()

    def _update(self) -> None:
        count = len(self.chosen())
        if count:
            text = ngettext("{n} taal aangevinkt.", "{n} talen aangevinkt.", count).format(n=count)
        else:
            text = _("Vink de talen van de ouders in de zaal aan.")
        if self.unknown:
            names = ", ".join(isolate(name) for name in self.unknown)
            text += " " + _("Geen hand-out in: {names}.").format(names=names)
        self.hint.setText(text)
        self.changed.emit()


def meeting_languages(meetings: object, meeting_id: str) -> list[str]:
    """The "languages in the room" of a stored meeting; none when it cannot be read (the preview says why)."""
    from opvoed_desktop.storage.errors import StorageError

    try:
        return list(meetings.get_meeting(meeting_id).languages)  # type: ignore[attr-defined]
    except (StorageError, LookupError):
        return []
