from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services
from opvoed_desktop.ui.application import configure
from opvoed_desktop.ui.library_view import ID_ROLE
from opvoed_desktop.ui.main_window import MainWindow
from tests.conftest import PART, ContentWriter


@pytest.fixture
def services(tmp_path: Path) -> AppContext:
    return build_services(data_dir=str(tmp_path / "data"), lang="nl")


@pytest.fixture
def window(qtbot: QtBot, services: AppContext) -> MainWindow:
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def tree_ids(win: MainWindow) -> list[str]:
    ids = []
    tree = win.library_view.tree
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        node = stack.pop(0)
        if node.data(0, ID_ROLE):
            ids.append(node.data(0, ID_ROLE))
        stack[0:0] = [node.child(i) for i in range(node.childCount())]
    return ids


def test_tree_shows_the_whole_toolkit_in_order(window: MainWindow) -> None:
    ids = tree_ids(window)
    assert ids[:5] == ["inleiding", "praktisch", "begrippen", "voorbeeld-lindewaard", "over-toolkit"]
    exercises = [i for i in ids if i.startswith("oefening-")]
    assert exercises == [f"oefening-{x}" for x in "abcdefg"]
    assert ids.index("deel-1") < ids.index("oefening-a") < ids.index("deel-2") < ids.index("oefening-c")
    for needed in (
        "waarom-samenwerken",
        "bijlage-uitspraken",
        "brochure-gemeente",
        "handout-ouders",
        "sjabloon-evaluatie",
    ):
        assert needed in ids


def test_first_page_is_open_at_start(window: MainWindow) -> None:
    assert window.library_view.current_id == "inleiding"
    assert "Inleiding" in window.library_view.reader.toPlainText()


def test_clicking_an_exercise_shows_its_card(qtbot: QtBot, window: MainWindow) -> None:
    view = window.library_view
    node = view._tree_items["oefening-b"]
    rect = view.tree.visualItemRect(node)
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = view.reader.toPlainText()
    assert view.current_id == "oefening-b"
    assert "Oefening B — De kracht van de ander" in text
    assert "Stap 1" in text and "Op het scherm" in text and "Tip voor de begeleider" in text


def test_keyboard_only_navigation(qtbot: QtBot, window: MainWindow) -> None:
    view = window.library_view
    view.tree.setFocus()
    view.tree.setCurrentItem(view._tree_items["inleiding"])
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert view.current_id == "praktisch"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search_field.hasFocus()
    qtbot.keyClicks(view.search_field, "gastheer")
    qtbot.keyClick(view.search_field, Qt.Key.Key_Down)
    assert view.results.hasFocus()
    qtbot.keyClick(view.results, Qt.Key.Key_Down)
    assert view.current_id == view.results.currentItem().data(ID_ROLE)
    qtbot.keyClick(view.results, Qt.Key.Key_Escape)
    assert view.search_field.hasFocus()
    qtbot.keyClick(view.search_field, Qt.Key.Key_Escape)
    assert view.search_field.text() == "" and view.stack.currentIndex() == 0


def test_typing_a_word_lists_hits_and_highlights_them(qtbot: QtBot, window: MainWindow) -> None:
    view = window.library_view
    qtbot.keyClicks(view.search_field, "folder")
    assert view.stack.currentIndex() == 1
    assert view.results.count() >= 2
    assert "treffer" in view.result_count.text()
    first = view.results.item(0).data(ID_ROLE)
    assert view.current_id == first
    html = view.reader.toHtml()
    assert "#ffe066" in html  # the highlight colour is in the rendered document


def test_nothing_found_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    view = window.library_view
    qtbot.keyClicks(view.search_field, "xyzzyq")
    assert view.results.count() == 0
    assert "Niets gevonden" in view.result_count.text()


def test_link_in_part_page_opens_exercise(window: MainWindow) -> None:
    view = window.library_view
    view.open_item("deel-2")
    assert "oefening-c" in view.reader.toHtml()
    view.reader.anchorClicked.emit(QUrl("item:oefening-c"))
    assert view.current_id == "oefening-c"


def test_broken_content_shows_a_banner_and_the_rest(qtbot: QtBot, tmp_path: Path, write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    bad = write_content("kapot.md", "---\nid: kapot\nkind: page\n---\n")
    services = build_services(data_dir=str(tmp_path / "d"), lang="nl", content=bad.parent)
    win = MainWindow(services)
    qtbot.addWidget(win)
    assert win.problem_banner is not None
    assert "kapot.md" in win.problem_banner.text()
    assert "content check" in win.problem_banner.text()
    assert tree_ids(win) == ["deel-1"]


def test_right_to_left_language_mirrors_the_window_but_not_dutch_text(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    services = build_services(data_dir=str(tmp_path / "d"), lang="ar")
    try:
        configure(app, services)
        win = MainWindow(services)
        qtbot.addWidget(win)
        assert win.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert win.library_view.reader.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        app.setStyleSheet("")
        services.close()  # gives back the interface language it was given


def test_zoom_changes_reader_font(window: MainWindow) -> None:
    reader = window.library_view.reader
    before = reader.font().pointSizeF()
    window.library_view.zoom(2)
    assert reader.font().pointSizeF() > before
