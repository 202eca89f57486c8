"""The meeting's sections are reachable by keyboard: Ctrl+PgDn / Ctrl+PgUp, as in tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from opvoed_desktop.ui.section_tabs import SectionTabs


def test_ctrl_page_keys_step_through_the_sections(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    tabs = SectionTabs(host)
    QVBoxLayout(host).addWidget(tabs)
    fields = []
    for name in ("Gegevens", "Deelnemers", "Agenda"):
        page = QWidget()
        field = QLineEdit(page)
        QVBoxLayout(page).addWidget(field)
        tabs.addTab(page, name)
        fields.append(field)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    fields[0].setFocus()
    qtbot.keyClick(fields[0], Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tabs.nav, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2 and tabs.nav.hasFocus()
    qtbot.keyClick(tabs.nav, Qt.Key.Key_Tab)
    assert fields[2].hasFocus()  # Tab goes on into the section shown
    qtbot.keyClick(fields[2], Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0  # round again
    qtbot.keyClick(tabs.nav, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
