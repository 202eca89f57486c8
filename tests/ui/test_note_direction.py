"""Notes (the meeting's and the console's quick note) show each paragraph in its own direction:
an Arabic line at the right, a Dutch line at the left, whatever the interface's direction."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from opvoed_desktop.ui.autosave import AutosaveTextEdit

ARABIC = "الأمهات يردن أمسية عن المدرسة"
DUTCH = "Waarom samenwerken?"


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_each_paragraph_sits_at_its_own_side(qtbot: QtBot, direction: Qt.LayoutDirection) -> None:
    edit = AutosaveTextEdit(lambda _text: None)
    qtbot.addWidget(edit)
    edit.setLayoutDirection(direction)
    edit.resize(500, 150)
    edit.setPlainText(f"{ARABIC}\n{DUTCH}")
    edit.show()
    qtbot.waitExposed(edit)
    width = edit.viewport().width()
    arabic, dutch = edit.document().firstBlock(), edit.document().firstBlock().next()
    arabic_line = arabic.layout().lineAt(0).naturalTextRect()
    dutch_line = dutch.layout().lineAt(0).naturalTextRect()
    assert arabic_line.right() > width - 30 and arabic_line.left() > width / 3, arabic_line
    assert dutch_line.left() < 30 and dutch_line.right() < width * 2 / 3, dutch_line
    assert edit.toPlainText() == f"{ARABIC}\n{DUTCH}"  # the text itself as typed


def test_pasted_formatting_arrives_as_plain_text(qtbot: QtBot) -> None:
    from PySide6.QtCore import QMimeData

    edit = AutosaveTextEdit(lambda _text: None)
    qtbot.addWidget(edit)
    data = QMimeData()
    data.setHtml("<b>vet</b> <span style='color:red'>rood</span>")
    data.setText("vet rood")
    edit.insertFromMimeData(data)
    assert edit.toPlainText() == "vet rood"
    assert "font-weight:700" not in edit.toHtml() and "color:" not in edit.toHtml()  # no bold, no colour
