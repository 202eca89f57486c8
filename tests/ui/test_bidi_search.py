"""Typing the first letters of a programme in the Agenda tab's box selects it, although the shown
titles start with an invisible bidi isolate (kept, for right-to-left screens)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.ui.bidi_search import BIDI_CONTROLS, BidiKeyboardSearch, searchable
from opvoed_desktop.ui.main_window import MainWindow
from opvoed_desktop.ui.meetings.meeting_editor import MeetingEditor


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppContext]:
    s = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    s.data.ensure()
    open_storage(s)
    assert s.meetings is not None, s.storage_message
    yield s
    s.close()


@pytest.fixture
def editor(qtbot: QtBot, services: AppContext) -> MeetingEditor:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert services.meetings is not None
    meeting_id = services.meetings.create_meeting("Ouderavond")
    view = window.meetings_view
    assert view is not None
    window.tabs.setCurrentWidget(view)
    view.refresh()
    found = view.open_meeting(meeting_id, tab=2)
    assert found is not None
    return found


def type_text(widget: QWidget, text: str) -> None:
    """Key events as a keyboard sends them, for any letter ("Eén"; QTest only knows ASCII)."""
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def _plain_titles(services: AppContext) -> dict[str, str]:
    return {p.id: p.title for p in services.library.programmes()}


def test_typing_a_title_selects_that_programme(qtbot: QtBot, editor: MeetingEditor, services: AppContext) -> None:
    box = editor.agenda.source.choice
    titles = _plain_titles(services)
    assert len(titles) >= 2
    # The display text keeps its isolate: right-to-left screens still show the title the right way.
    assert all(box.itemText(box.findData(pid)).startswith("\u2068") for pid in titles)
    box.setFocus()
    for pid, title in titles.items():
        box.setCurrentIndex(box.findData(next(other for other in titles if other != pid)))
        # Enough letters to tell this title from the others (titles are the oracle, not the box).
        prefix = next(
            title[:n]
            for n in range(1, len(title) + 1)
            if sum(t.casefold().startswith(title[:n].casefold()) for t in titles.values()) == 1
        )
        qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, not the continuation of the last one
        type_text(box, prefix.lower())
        assert box.currentData() == pid, (prefix, box.currentText())


def test_typing_in_the_open_list_moves_the_highlight(qtbot: QtBot, editor: MeetingEditor, services: AppContext) -> None:
    box = editor.agenda.source.choice
    titles = _plain_titles(services)
    last_id, last_title = list(titles.items())[-1]
    box.setCurrentIndex(0)
    box.showPopup()
    qtbot.waitUntil(lambda: box.view().isVisible())
    type_text(box.view(), last_title[:12])
    assert box.view().currentIndex().data(Qt.ItemDataRole.UserRole) == last_id
    qtbot.keyClick(box.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.view().isVisible())
    assert box.currentData() == last_id


def test_the_same_letter_again_goes_to_the_next_item_and_separators_are_skipped(qtbot: QtBot) -> None:
    box = QComboBox()
    qtbot.addWidget(box)
    for text in ("Alfa", "Beta", "Bravo"):
        box.addItem(f"\u2068{text}\u2069")
    box.insertSeparator(box.count())
    box.addItem("\u200fBoven")
    BidiKeyboardSearch(box)
    seen = []
    for _n in range(4):
        qtbot.keyClick(box, "b")
        seen.append(searchable(box.currentText()))
    assert seen == ["beta", "bravo", "boven", "beta"]
    qtbot.keyClick(box, "z")  # nothing starts with z: nothing moves
    assert searchable(box.currentText()) == "beta"


@given(st.text(), st.text(alphabet=st.sampled_from(BIDI_CONTROLS)))
def test_searchable_ignores_exactly_the_bidi_controls(text: str, marks: str) -> None:
    mixed = "".join(a + b for a, b in zip(text, marks + " " * len(text), strict=False)) if text else marks
    assert searchable(mixed) == searchable("".join(ch for ch in mixed if ch not in BIDI_CONTROLS))
    assert not set(searchable(mixed)) & set(BIDI_CONTROLS)


def test_long_agenda_titles_wrap_in_the_notes_list(qtbot: QtBot, editor: MeetingEditor, services: AppContext) -> None:
    """Seen at 1366×768: "Welkom en afspraken voor vandaa" cut off, a sideways scrollbar under it."""
    assert services.meetings is not None
    long_title = "Welkom en afspraken voor vandaag, met een rondje namen en verwachtingen"
    services.meetings.add_agenda_item(editor.meeting_id, "own", long_title, 5)
    editor._agenda_saved()  # as after an edit on the Agenda tab: the notes list is filled again
    items = editor.note_items
    items.parentWidget().resize(600, 400)
    items.resize(200, 300)
    QApplication.processEvents()
    row = next(r for r in range(items.count()) if long_title in items.item(r).text())
    rect = items.visualItemRect(items.item(row))
    assert rect.right() <= items.viewport().width()  # all of it inside the column
    assert rect.height() > items.fontMetrics().height() * 1.5  # on more than one line
    assert not items.horizontalScrollBar().isVisible()
