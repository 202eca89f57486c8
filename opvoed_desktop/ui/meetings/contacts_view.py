"""Local contacts per municipality: the addresses that go on the parents' hand-out."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.services.labels import contact_kinds
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.ui.record_table import Column, RecordTable


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
            Column("phone", _("Telefoon")),
            Column("website", _("Website")),
            Column("opening_hours", _("Openingstijden")),
            Column("languages", _("Talen"), "list"),
        ]
        self.table = RecordTable(
            columns,
            load=lambda: service.contacts(self.current()) if self.current() else [],
            add=self._add,
            update=lambda key, field, value: service.update_contact(key, **{field: value}),
            delete=service.delete_contact,
            add_label=_("Contact toevoegen"),
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Gemeente:"), self))
        top.addWidget(self.municipality, 1)
        hint = QLabel(_("Deze adressen komen op de hand-out voor ouders van bijeenkomsten in deze gemeente."), self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table)

    def current(self) -> str:
        return self.municipality.currentText().strip()

    def _add(self) -> str:
        if not self.current():
            raise ValueError(_("Kies of typ eerst de naam van de gemeente."))
        return self.service.add_contact(self.current(), _("Nieuwe organisatie"))
