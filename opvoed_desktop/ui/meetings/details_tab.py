"""The meeting's details: title, date and time, place, facilitator, the languages in the room.

Each field is stored when it is left. A value that cannot be stored stays as typed, and a sentence
right under the field says why (not only a coloured field).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.storage.records import MeetingDetail
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.date_field import ERROR_STYLE, DateTimeField
from opvoed_desktop.ui.meetings.language_picker import LanguagePicker

# store(**fields) → None when stored, else the sentence saying why not
Store = Callable[..., str | None]


class LineField(QWidget):
    """A line edit with room for a sentence under it."""

    def __init__(self, value: str, name: str, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._store = store
        self.edit = QLineEdit(value, self)
        self.edit.setObjectName(f"field_{name}")
        self.edit.editingFinished.connect(self.commit)
        self.error = QLabel(self)
        self.error.setObjectName(f"error_{name}")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#8a1c12;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)

    def commit(self) -> None:
        problem = self._store(**{self.name: self.edit.text()})
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem))
        self.edit.setStyleSheet(ERROR_STYLE if problem else "")
        self.edit.setAccessibleDescription(problem or "")


class DetailsTab(QWidget):
    def __init__(self, detail: MeetingDetail, store: Store, ui_locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title = LineField(detail.title, "title", store, self)
        self.when = DateTimeField(detail.starts_at, parent=self)
        self.when.edit.setObjectName("field_starts_at")
        self.when.committed.connect(self._store_when)
        self.venue = LineField(detail.venue, "venue", store, self)
        self.municipality = LineField(detail.municipality, "municipality", store, self)
        self.facilitator = LineField(detail.facilitator, "facilitator", store, self)
        self.languages = LanguagePicker(detail.languages, ui_locale, self)
        self.languages.changed.connect(lambda values: self._store(languages=values))
        form.addRow(_("Titel"), self.title)
        form.addRow(_("Datum en tijd"), self.when)
        form.addRow(_("Plaats"), self.venue)
        form.addRow(_("Gemeente"), self.municipality)
        form.addRow(_("Begeleider"), self.facilitator)
        form.addRow(_("Talen in de zaal"), self.languages)
        self.close_button = QPushButton(_("Bijeenkomst afronden (maakt een reservekopie)"), self)
        form.addRow("", self.close_button)
        accessibility.name_form_fields(form)

    def _store_when(self, value: datetime) -> None:
        problem = self._store(starts_at=value)
        if problem:
            self.when.show_error(problem)

    def flush(self) -> None:
        """Store a field that still has the focus (the window is closing or switching)."""
        for field in (self.title, self.venue, self.municipality, self.facilitator):
            if field.edit.hasFocus():
                field.commit()
        if self.when.edit.hasFocus():
            self.when.commit()
