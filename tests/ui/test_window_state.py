"""The app reopens where it was left, and a change of interface language keeps the tab and item."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.services.presenting import items_from_programme
from opvoed_desktop.settings import Settings
from opvoed_desktop.ui.main_window import MainWindow


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppContext]:
    s = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    s.data.ensure()
    open_storage(s)
    assert s.meetings is not None
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _no_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:]}")

    monkeypatch.setattr(QMessageBox, "warning", fail)


def meeting_with_agenda(services: AppContext, title: str = "Avond in De Brug") -> str:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting(title)
    programme = services.library.get("programma-kennismaking")
    items = items_from_programme(programme, services.library)  # type: ignore[arg-type]
    service.plan_agenda(meeting_id, [(i.kind, i.ref, i.title, i.minutes) for i in items])
    return meeting_id


def shown_window(qtbot: QtBot, services: AppContext) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_language_switch_keeps_the_tab_the_meeting_and_the_item(qtbot: QtBot, services: AppContext) -> None:
    meeting_id = meeting_with_agenda(services)
    window = MainWindow(services)  # deletes itself when replaced: not handed to qtbot
    window.show()
    window.library_view.open_item("oefening-b")
    view = window.meetings_view
    assert view is not None
    window.tabs.setCurrentWidget(view)
    view.refresh()
    editor = view.open_meeting(meeting_id, tab=3)
    assert editor is not None
    editor.note_items.setCurrentRow(2)
    chosen = editor.note_items.currentItem().text()
    replacement = window.switch_language("en")
    assert replacement is not None
    qtbot.addWidget(replacement)
    assert replacement.tabs.currentWidget() is replacement.meetings_view
    again = replacement.meetings_view.editor  # type: ignore[union-attr]
    assert again is not None and again.meeting_id == meeting_id
    assert again.tabs.currentIndex() == 3 and again.note_items.currentItem().text() == chosen
    assert replacement.library_view.current_id == "oefening-b"
    assert replacement.tabs.tabText(1) == "Meetings"  # it did switch


def test_the_app_reopens_on_the_meeting_that_was_open(qtbot: QtBot, services: AppContext) -> None:
    meeting_id = meeting_with_agenda(services)
    window = shown_window(qtbot, services)
    view = window.meetings_view
    assert view is not None
    window.tabs.setCurrentWidget(view)
    view.refresh()
    editor = view.open_meeting(meeting_id)
    assert editor is not None
    editor.tabs.setCurrentIndex(2)
    window.close()
    saved = json.loads((services.data.root / "settings.json").read_text())
    assert (saved["last_meeting"], saved["last_meeting_tab"], saved["last_tab"]) == (meeting_id, 2, 1)

    later = shown_window(qtbot, services)
    qtbot.waitUntil(lambda: later.meetings_view.editor is not None, timeout=2000)  # type: ignore[union-attr]
    reopened = later.meetings_view.editor  # type: ignore[union-attr]
    assert reopened.meeting_id == meeting_id and reopened.tabs.currentIndex() == 2
    assert later.tabs.currentWidget() is later.meetings_view


def test_a_meeting_since_trashed_is_not_reopened(qtbot: QtBot, services: AppContext) -> None:
    meeting_id = meeting_with_agenda(services)
    settings = Settings.load(services.data)
    settings.last_meeting, settings.last_tab = meeting_id, 1
    settings.save(services.data)
    services.meetings.trash_meeting(meeting_id)  # type: ignore[union-attr]
    window = shown_window(qtbot, services)
    qtbot.wait(50)
    assert window.meetings_view.editor is None  # type: ignore[union-attr]
    assert window.tabs.currentIndex() == 1


@pytest.mark.parametrize(
    "stored", [{"last_meeting": 5, "last_tab": "x", "last_meeting_tab": -1}, {"last_meeting": "gone", "last_tab": 99}]
)
def test_odd_remembered_places_are_ignored(qtbot: QtBot, services: AppContext, stored: dict[str, object]) -> None:
    (services.data.root / "settings.json").write_text(json.dumps(stored), encoding="utf-8")
    window = shown_window(qtbot, services)
    qtbot.wait(50)
    assert window.meetings_view.editor is None and window.tabs.currentIndex() == 0  # type: ignore[union-attr]
