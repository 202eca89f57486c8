"""The "Vertalen" tab, built the first time it is shown.

The editor imports babel's catalog machinery and builds three panes: worth it when someone
translates, not before the main window's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from opvoed_desktop.services.context import AppContext
    from opvoed_desktop.ui.translation_editor import TranslationEditor


class TranslationTab(QWidget):
    def __init__(self, services: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translationTab")
        self.services = services
        self.editor: TranslationEditor | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure_editor(self) -> TranslationEditor:
        if self.editor is None:
            from opvoed_desktop.ui.translation_editor import TranslationEditor

            services = self.services
            self.editor = TranslationEditor(services.translations(), services.handouts, self)
            self.layout().addWidget(self.editor)
        return self.editor

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_editor()
        super().showEvent(event)
