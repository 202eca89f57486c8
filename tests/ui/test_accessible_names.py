"""Every interactive widget in every view has a name a screen reader can say, in the interface
language, asked through Qt's own accessibility interface; item views and notes do not trap Tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextBrowser, QTextEdit
from pytestqt.qtbot import QtBot

from opvoed_desktop.i18n.translator import SOURCE_LOCALE
from tests.ui.a11y import accessible_name, is_interactive, shown_widgets, unnamed
from tests.ui.views import every_view, open_window, services_with_a_meeting


@pytest.fixture(params=["nl", "ar"])
def window(request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path, qapp: QApplication):  # type: ignore[no-untyped-def]
    services = services_with_a_meeting(tmp_path / "data", request.param)
    win = open_window(services)
    qtbot.addWidget(win)
    yield win
    win.close()
    services.close()  # the notes, and the interface language it was given


def test_no_view_has_an_unnamed_interactive_widget(window) -> None:  # type: ignore[no-untyped-def]
    problems: dict[str, list[str]] = {}
    seen = 0
    for view, root in every_view(window):
        found = unnamed(root)
        seen += sum(1 for w in shown_widgets(root) if is_interactive(w))
        if found:
            problems[view] = found
    assert seen > 100  # the walk really went through the app
    assert problems == {}


def test_names_are_in_the_interface_language(window) -> None:  # type: ignore[no-untyped-def]
    if window.services.translator.locale == SOURCE_LOCALE:
        pytest.skip("Dutch is the source language")
    names = []
    for _view, root in every_view(window):
        names += [accessible_name(w) for w in shown_widgets(root) if is_interactive(w)]
    # Arabic script in most names: the names follow the translation helper, not hard-coded Dutch.
    arabic = [n for n in names if any("\u0600" <= ch <= "\u06ff" for ch in n)]
    assert len(arabic) > len(names) // 2, sorted(set(names) - set(arabic))[:40]


def test_item_views_let_tab_go_on_and_notes_move_on_with_tab(window) -> None:  # type: ignore[no-untyped-def]
    traps = []
    for view, root in every_view(window):
        for widget in shown_widgets(root):
            if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation() and is_interactive(widget):
                traps.append(f"{view}: {type(widget).__name__} {accessible_name(widget)}")
            writable = isinstance(widget, QPlainTextEdit | QTextEdit) and not isinstance(widget, QTextBrowser)
            if writable and not widget.tabChangesFocus() and is_interactive(widget):
                traps.append(f"{view}: {type(widget).__name__} {accessible_name(widget)}")
    assert traps == []
