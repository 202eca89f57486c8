"""Local contacts per municipality: the addresses that go on the parents' hand-out."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.services.labels import contact_kinds
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage.records import ContactRecord
from opvoed_desktop.ui.meetings.hours_editor import HoursDialog, kept_looks_like_hours, shown_hours
from opvoed_desktop.ui.record_table import ID_ROLE, Column, RecordTable


class ContactsView(QWidget):
    def __init__(self, service: MeetingService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.municipality = QComboBox(self)
        self.municipality.setEditable(True)
        self.municipality.setAccessibleName(_("Gemeente"))
        self.municipality.lineEdit().setPlaceholderText(_("Naam van de gemeente"))
        for name in service.municipalities():
            self.municipality.addItem(name)
        self.municipality.currentTextChanged.connect(lambda _t: self.table.reload())
        columns = [
            Column("organisation", _("Organisatie"), stretch=True),
            Column("kind", _("Soort"), "choice", contact_kinds()),
            Column("address", _("Adres")),
            Column("phone", _("Telefoon"), ltr=True),
            Column("website", _("Website"), ltr=True),
            Column(
                "opening_hours",
                _("Openingstijden"),
                "dialog",
                display=lambda c: shown_hours(c.opening_slots, c.opening_hours),
                edit=self.edit_hours,
                problem=_hours_problem,
            ),
            Column("languages", _("Talen"), "list"),
        ]
        self.table = RecordTable(
            columns,
            load=lambda: service.contacts(self.current()) if self.current() else [],
            add=self._add,
            update=lambda key, field, value: service.update_contact(key, **{field: value}),
            delete=service.delete_contact,
            add_label=_("Contact toevoegen"),
            name=_("Contacten"),
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Gemeente:"), self))
        top.addWidget(self.municipality, 1)
        hint = QLabel(_("Deze adressen komen op de hand-out voor ouders van bijeenkomsten in deze gemeente."), self)
        hint.setWordWrap(True)
        self.hours_button = QPushButton(_("Openingstijden wijzigen…"), self)
        self.hours_button.clicked.connect(self._edit_current_hours)
        self.table.buttons.insertWidget(2, self.hours_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        self.dialog: HoursDialog | None = None  # the open one (for tests and for one at a time)

    def current(self) -> str:
        return self.municipality.currentText().strip()

    def _add(self) -> str:
        if not self.current():
            raise ValueError(_("Kies of typ eerst de naam van de gemeente."))
        return self.service.add_contact(self.current(), _("Nieuwe organisatie"))

    def _edit_current_hours(self) -> None:
        row = self.table.table.currentRow()
        if row < 0:
            self.table.message.setText(_("Kies eerst een contact in de tabel."))
            return
        if self.edit_hours(str(self.table.table.item(row, 0).data(ID_ROLE))):
            self.table.reload()

    def edit_hours(self, contact_id: str) -> bool:
        """The opening hours dialog for one contact; True when new hours were stored."""
        record = next((c for c in self.service.contacts(self.current()) if c.id == contact_id), None)
        if record is None:
            return False
        self.dialog = HoursDialog(record.organisation, record.opening_slots, record.opening_hours, self)
        try:
            if self.dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            slots, kept = self.dialog.result_hours()
        finally:
            self.dialog.deleteLater()
            self.dialog = None
        if (slots, kept) == (record.opening_slots, record.opening_hours):
            return False
        try:
            self.service.update_contact(contact_id, opening_slots=slots, opening_hours=kept)
        except AppError as exc:
            self.table.message.setText(str(exc))
            return False
        return True


def _hours_problem(record: ContactRecord) -> str | None:
    if kept_looks_like_hours(record.opening_slots, record.opening_hours):
        return _(
            "De openingstijden van {name} konden niet als dagen en tijden worden gelezen; ze staan er zoals ze "
            "getypt zijn. Dubbelklik om ze in te vullen."
        ).format(name=record.organisation)
    return None
