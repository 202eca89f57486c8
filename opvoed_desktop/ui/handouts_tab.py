"""The "Hand-outs" tab, built the first time it is shown.

The PDF machinery (reportlab, fonts, pypdfium2) costs ~0.2 s to import; the app should not pay
that at start for a screen that is opened once per meeting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from opvoed_desktop.services.context import AppContext
    from opvoed_desktop.ui.handouts_view import HandoutsView


class HandoutsTab(QWidget):
    def __init__(self, services: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoutsTab")
        self.services = services
        self.view: HandoutsView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure_view(self) -> HandoutsView:
        if self.view is None:
            from opvoed_desktop.ui.handouts_view import HandoutsView

            services = self.services
            self.view = HandoutsView(services.handouts(), services.meetings, services.translator.locale, self)
            self.layout().addWidget(self.view)
        return self.view

    def suggest_meeting(self, meeting_id: str) -> None:
        """The meeting open under Bijeenkomsten, chosen here too unless another one already is:
        its municipality's addresses and its room's languages come with it."""
        view = self.ensure_view()
        if view.meeting.currentData() is None:
            index = view.meeting.findData(meeting_id)
            if index > 0:
                view.meeting.setCurrentIndex(index)

    def showEvent(self, event: QShowEvent) -> None:
        if not self.services.storage.pending:  # else built by storage_ready(), with the meetings
            self.ensure_view()
        super().showEvent(event)

    def storage_ready(self) -> None:
        """The window opened the database after its first paint: build now if already shown."""
        if self.isVisible():
            self.ensure_view()
