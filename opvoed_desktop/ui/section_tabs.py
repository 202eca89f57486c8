"""Sections listed down the side instead of tabs: labels wrap, so longer languages never clip
and nothing scrolls out of sight; mirrors with the layout in right-to-left languages."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QScrollArea, QStackedWidget, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.reflow import scrollable


class SectionTabs(QWidget):
    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nav = QListWidget(self)
        self.nav.setObjectName("sectionNav")
        accessibility.name(self.nav, _("Onderdelen"))
        accessibility.no_tab_trap(self.nav)
        self.nav.setWordWrap(True)
        self.nav.setUniformItemSizes(False)
        self.nav.setMaximumWidth(170)
        self.nav.setMinimumWidth(110)
        self.pages = QStackedWidget(self)
        self.nav.currentRowChanged.connect(self._row_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        # Ctrl+PgDn / Ctrl+PgUp, as in tabs: the next or previous section from anywhere inside,
        # with the focus on the list so that Tab goes on into the section.
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self._step(step))

    def addTab(self, page: QWidget, label: str) -> int:
        # Each section scrolls on its own at large text sizes: the list of sections stays in view.
        self.pages.addWidget(scrollable(page, "sectionScroll"))
        self.nav.addItem(QListWidgetItem(label.replace("&", "")))
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)
        return self.pages.count() - 1

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.pages.setCurrentIndex(row)
            self.currentChanged.emit(row)

    def _step(self, step: int) -> None:
        if self.count():
            self.setCurrentIndex((self.currentIndex() + step) % self.count())
            self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def setCurrentIndex(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def currentIndex(self) -> int:
        return self.pages.currentIndex()

    def currentWidget(self) -> QWidget:
        area = self.pages.currentWidget()
        return area.widget() if isinstance(area, QScrollArea) else area

    def count(self) -> int:
        return self.pages.count()

    def tabText(self, index: int) -> str:
        item = self.nav.item(index)
        return item.text() if item else ""
