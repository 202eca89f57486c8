"""Per meeting, on its Details tab: "Delen met organisatie" and which laptop the meeting came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.storage import Database


class SharingRow(QWidget):
    """ "Delen met organisatie" and which laptop the meeting came from (on the Details tab)."""

    def __init__(self, db: Database, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from opvoed_desktop.services.sharing import meeting_sharing

        self._db = db
        self._meeting_id = meeting_id
        facts = meeting_sharing(db, meeting_id)
        self.checkbox = QCheckBox(_("Delen met organisatie"), self)
        self.checkbox.setObjectName("sharedCheckbox")
        self.checkbox.setChecked(facts.shared)
        self.checkbox.setEnabled(not facts.sample)
        self.checkbox.setToolTip(
            _("Voorbeeldbijeenkomsten worden nooit gedeeld.")
            if facts.sample
            else _("Gaat bij de volgende synchronisatie naar de hub van de organisatie.")
        )
        self.checkbox.toggled.connect(self._toggled)
        if facts.origin_device is None:
            origin_text = _("Gemaakt op deze laptop")
        else:
            # A laptop that never told its name: the start of its id, as the hub knows it.
            origin_text = _("Afkomstig van: {laptop}").format(laptop=facts.origin_name or facts.origin_device[:8])
        self.origin = QLabel(origin_text, self)
        self.origin.setObjectName("originLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.checkbox)
        layout.addWidget(self.origin)

    def _toggled(self, checked: bool) -> None:
        from opvoed_desktop.services.sharing import set_shared

        set_shared(self._db, [self._meeting_id], checked)


def add_sharing_row(details: QWidget, db: Database, meeting_id: str) -> SharingRow:
    row = SharingRow(db, meeting_id, details)
    form = details.layout()
    if isinstance(form, QFormLayout):
        form.insertRow(max(0, form.rowCount() - 1), _("Organisatie"), row)
    return row
