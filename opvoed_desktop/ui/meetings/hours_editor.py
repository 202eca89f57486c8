"""Opening hours of a contact as rows of days and a time from and to, plus text kept as typed.

Each row: seven day boxes, "van" and "tot". A time that cannot be (25.00, 17.60, closing before
opening, no day ticked) is refused with a sentence under its row; the dialog stays open with all
that was typed. The text field keeps what is not days and times ("niet op feestdagen"), and text
from before the hours were structured that could not be read: it is printed exactly as it stands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _, active
from opvoed_desktop.i18n.hours import MAX_SLOTS, HoursError, Slot, check_slot, format_hours, parse_time
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.date_field import ERROR_STYLE

ERROR_COLOUR = "color:#8a1c12;"


def ui_locale() -> str:
    locale = active().locale
    return "nl" if locale.startswith("x-") else locale.replace("-", "_")


def day_names(width: str) -> list[str]:
    """Monday first, in the interface language (babel)."""
    from babel.dates import get_day_names

    names = get_day_names(width, locale=ui_locale())
    return [names[day] for day in range(7)]


def shown_hours(slots: Sequence[Slot], kept: str) -> str:
    """One line for the contacts table: the days and times in the interface language, then the
    text kept as typed."""
    parts = [format_hours(tuple(slots), ui_locale()) if slots else "", kept.strip()]
    return "; ".join(part for part in parts if part)


def kept_looks_like_hours(slots: Sequence[Slot], kept: str) -> bool:
    """Text with digits and no slots: opening hours typed before they were structured that could
    not be read as days and times (shown as such, so the facilitator can put them in rows)."""
    return not slots and any(c.isdigit() for c in kept)


def _time_text(value: dt.time) -> str:
    return f"{value.hour}.{value.minute:02d}"


class SlotRow(QWidget):
    """One row: the days, from, to, a button to remove it, and room for a sentence under it."""

    def __init__(self, slot: Slot | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        short, full = day_names("abbreviated"), day_names("wide")
        self.days = []
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        for day in range(7):
            box = QCheckBox(short[day], self)
            box.setAccessibleName(full[day])
            box.setChecked(slot is not None and day in slot.days)
            self.days.append(box)
            line.addWidget(box)
        self.start = QLineEdit(_time_text(slot.start) if slot else "", self)
        self.end = QLineEdit(_time_text(slot.end) if slot else "", self)
        for edit, label, example in ((self.start, _("van"), "9.00"), (self.end, _("tot"), "17.00")):
            edit.setPlaceholderText(example)
            edit.setAccessibleName(_("Openingstijd") if edit is self.start else _("Sluitingstijd"))
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00.000") + 16)
            line.addWidget(QLabel(label, self))
            line.addWidget(edit)
        self.remove = QPushButton(_("Weghalen"), self)
        line.addWidget(self.remove)
        line.addStretch(1)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_COLOUR)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.error)
        self._fault: QWidget | None = None

    def is_empty(self) -> bool:
        return (
            not any(b.isChecked() for b in self.days) and not self.start.text().strip() and not self.end.text().strip()
        )

    def slot(self) -> Slot:
        """The row as a slot, or HoursError; the field at fault is marked and said under the row."""
        self.show_error(None)
        days = [day for day, box in enumerate(self.days) if box.isChecked()]
        start = self._time(self.start)
        end = self._time(self.end)
        try:
            return check_slot(days, start, end)
        except HoursError as exc:
            self.show_error(str(exc), self.end if days else self.days[0])
            raise

    def _time(self, edit: QLineEdit) -> dt.time:
        try:
            return parse_time(edit.text())
        except HoursError as exc:
            self.show_error(str(exc), edit)
            raise

    def show_error(self, message: str | None, field: QWidget | None = None) -> None:
        for edit in (self.start, self.end):
            edit.setStyleSheet(ERROR_STYLE if field is edit else "")
            edit.setAccessibleDescription((message or "") if field is edit else "")
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self._fault = field

    def slot_focus(self) -> None:
        """Focus the field the sentence under the row is about."""
        if self._fault is not None:
            self._fault.setFocus()


class HoursDialog(QDialog):
    def __init__(self, organisation: str, slots: Sequence[Slot], kept: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Openingstijden van {name}").format(name=organisation))
        self.rows: list[SlotRow] = []
        self.rows_box = QVBoxLayout()
        holder = QWidget(self)
        outer = QVBoxLayout(holder)
        outer.addLayout(self.rows_box)
        outer.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        self.scroll = scroll
        self.add_button = QPushButton(_("Dagen en tijden toevoegen"), self)
        self.add_button.clicked.connect(lambda: self.add_row(None).days[0].setFocus())
        self.limit = QLabel(self)
        self.limit.setStyleSheet(ERROR_COLOUR)
        self.limit.hide()
        self.kept = QPlainTextEdit(kept, self)
        self.kept.setAccessibleName(_("Anders, zoals getypt"))
        accessibility.note_field(self.kept)
        self.kept.setMaximumHeight(self.kept.fontMetrics().lineSpacing() * 4 + 12)
        self.kept_note = QLabel(self)
        self.kept_note.setWordWrap(True)
        self.kept.textChanged.connect(self._update_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            _("Vink de dagen aan en vul de tijden in; op de hand-out staan ze in de taal van de lezer."), self
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.limit)
        layout.addWidget(QLabel(_("Anders, zoals getypt (bijvoorbeeld: niet op feestdagen):"), self))
        layout.addWidget(self.kept)
        layout.addWidget(self.kept_note)
        layout.addWidget(buttons)
        for slot in slots:
            self.add_row(slot)
        if not slots:
            self.add_row(None)
        self._legacy = kept_looks_like_hours(slots, kept)
        self._kept_initial = kept
        self._update_note()
        # As wide as a row needs (day names are longer in some languages): never a cut-off row.
        row_width = self.rows[0].sizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 40
        scroll.setMinimumWidth(row_width)
        self.resize(max(self.sizeHint().width(), 640), 440)
        self._result: tuple[tuple[Slot, ...], str] = (tuple(slots), kept)

    def add_row(self, slot: Slot | None) -> SlotRow:
        if len(self.rows) >= MAX_SLOTS:
            self.limit.setText(_("Meer dan {n} regels kan niet.").format(n=MAX_SLOTS))
            self.limit.show()
            return self.rows[-1]
        row = SlotRow(slot, self)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self.rows_box.addWidget(row)
        return row

    def remove_row(self, row: SlotRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.limit.hide()

    def _update_note(self) -> None:
        kept = self.kept.toPlainText()
        legacy = self._legacy and kept == self._kept_initial
        if legacy:
            note = _(
                "Deze openingstijden konden niet als dagen en tijden worden gelezen. Ze blijven bewaard en "
                "worden afgedrukt zoals ze hier staan, in het Nederlands. Zet ze hierboven in regels, dan "
                "staan ze in de taal van de lezer."
            )
        elif kept.strip():
            note = _("Deze tekst wordt afgedrukt zoals hij hier staat, in het Nederlands.")
        else:
            note = ""
        self.kept_note.setText(note)
        self.kept_note.setStyleSheet(ERROR_COLOUR if legacy else "")
        self.kept_note.setVisible(bool(note))

    def accept(self) -> None:
        """Only when every row can be: else each row at fault says why under it, keeping what was
        typed, and the first one gets the focus."""
        slots: list[Slot] = []
        faulty: list[SlotRow] = []
        for row in self.rows:
            if row.is_empty():
                row.show_error(None)
                continue
            try:
                slots.append(row.slot())
            except HoursError:
                faulty.append(row)
        if faulty:
            first = faulty[0]
            first.slot_focus()
            return
        self._result = (tuple(slots), self.kept.toPlainText())
        super().accept()

    def result_hours(self) -> tuple[tuple[Slot, ...], str]:
        """(slots, text kept as typed) as accepted."""
        return self._result
