"""A date (and time) field that keeps what was typed: exactly that moment, or a sentence under it.

Replaces QDateTimeEdit, which silently turns 31-02 into 02-02 and 9999 into this year. The text is
always left to right, so an Arabic interface shows 19:00 and not 00:19; the calendar button opens
a month in the interface language.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from opvoed_desktop.i18n import _, active
from opvoed_desktop.services.dates import DateError, parse_date, parse_date_time, show_date, show_date_time

ERROR_STYLE = "background:#fdecea;"


def ui_qlocale() -> QLocale:
    """The interface language as Qt knows it (pseudo-locales fall back to Dutch)."""
    code = active().locale
    return QLocale("nl" if code.startswith("x-") else code.replace("-", "_"))


class DateTimeField(QWidget):
    """`committed` fires with the new value only when the typed text is a real date (and time)."""

    committed = Signal(object)  # datetime, or date when with_time is False

    def __init__(self, value: datetime | date | None, *, with_time: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.with_time = with_time
        self._value = value
        self.edit = QLineEdit(self)
        # Digits, dashes and colons read left to right in every language: 19:00, never 00:19.
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        example = "09-12-2026 19:00" if with_time else "15-03-2027"
        self.edit.setPlaceholderText(example)
        self.edit.setToolTip(
            _("Dag-maand-jaar uur:minuten, bijvoorbeeld {example}.").format(example=example)
            if with_time
            else _("Dag-maand-jaar, bijvoorbeeld {example}.").format(example=example)
        )
        self.edit.editingFinished.connect(self.commit)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText(_("Kalender"))  # a word: an emoji needs a font many laptops lack
        self.calendar_button.setToolTip(_("Kies een dag in de kalender"))
        self.calendar_button.setAccessibleName(_("Kalender"))
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(ui_qlocale())
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._day_chosen)
        self.calendar.activated.connect(self._day_chosen)
        menu = QMenu(self.calendar_button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._show_current_month)
        self.calendar_button.setMenu(menu)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#8a1c12;")
        self.error.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.set_value(value)

    # Value ------------------------------------------------------------------------------------
    def value(self) -> datetime | date | None:
        return self._value

    def set_value(self, value: datetime | date | None) -> None:
        self._value = value
        self.edit.setText(self._show(value) if value is not None else "")
        self._clear_error()

    def _show(self, value: datetime | date) -> str:
        if self.with_time and isinstance(value, datetime):
            return show_date_time(value)
        return show_date(value if not isinstance(value, datetime) else value.date())

    def text(self) -> str:
        return self.edit.text()

    def has_error(self) -> bool:
        return not self.error.isHidden()

    def commit(self) -> bool:
        """Check the typed text; store it (emit `committed`) or say why not and keep it as typed."""
        text = self.edit.text()
        if self._value is not None and text == self._show(self._value):
            self._clear_error()
            return True
        try:
            value: datetime | date = parse_date_time(text) if self.with_time else parse_date(text)
        except DateError as exc:
            self.show_error(str(exc))
            return False
        self._value = value
        self._clear_error()
        self.committed.emit(value)
        return True

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.edit.setStyleSheet(ERROR_STYLE)
        self.edit.setAccessibleDescription(message)

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
        self.edit.setStyleSheet("")
        self.edit.setAccessibleDescription("")

    # Calendar ---------------------------------------------------------------------------------
    def _show_current_month(self) -> None:
        value = self._value
        if value is not None:
            day = value.date() if isinstance(value, datetime) else value
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _day_chosen(self, chosen: QDate) -> None:
        menu = self.calendar_button.menu()
        if menu is not None:
            menu.hide()
        day = show_date(date(chosen.year(), chosen.month(), chosen.day()))
        if self.with_time:
            typed_time = self.edit.text().strip().rpartition(" ")[2]
            current = self._value.strftime("%H:%M") if isinstance(self._value, datetime) else "19:00"
            self.edit.setText(f"{day} {typed_time if ':' in typed_time else current}")
        else:
            self.edit.setText(day)
        self.commit()
