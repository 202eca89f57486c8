"""Tab through every view: no trap, every control reached, and in the order it is read (right to
left in Arabic)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.a11y import describe, order_problems, reachable, tab_cycle
from tests.ui.views import every_view, open_window, services_with_a_meeting, settle


def press_tab(widget: QWidget) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, Qt.Key.Key_Tab)
    settle(2)


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_tab_goes_through_every_view_in_reading_order(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication, lang: str
) -> None:
    services = services_with_a_meeting(tmp_path / "data", lang)
    window = open_window(services)
    qtbot.addWidget(window)
    report: dict[str, list[str]] = {}
    views = 0
    try:
        for view, root in every_view(window):
            views += 1
            top = root.window()
            top.activateWindow()
            settle()
            should = reachable(root)
            assert should, view
            focused = QApplication.focusWidget()
            if focused is None or focused.window() is not top:
                should[0].setFocus(Qt.FocusReason.TabFocusReason)
                settle()
            cycle = tab_cycle(top, press_tab)
            problems = [f"not reached: {describe(w)}" for w in should if w not in cycle]
            problems += order_problems(cycle, top)
            if problems:
                report[view] = problems
    finally:
        window.close()
        services.close()  # the notes, and the interface language it was given
    assert views >= 20
    assert report == {}
