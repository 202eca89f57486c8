"""One way to present (issue 14, item 1): F5, Shift+F5, the menu and the meeting's own button all
present the meeting on screen, and what is typed during the show always lands in a meeting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.services.presenting import items_from_programme
from opvoed_desktop.settings import Settings
from opvoed_desktop.ui.main_window import MainWindow
from opvoed_desktop.ui.presenter import PresenterController

NOTE = "Moeders willen een vervolgavond over puberteit"


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppContext]:
    s = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    s.data.ensure()
    open_storage(s)
    assert s.meetings is not None, s.storage_message
    yield s
    s.close()


@pytest.fixture
def window(qtbot: QtBot, services: AppContext) -> MainWindow:
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def planned_meeting(services: AppContext, programme: str = "programma-kennismaking") -> str:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting(
        "Kennismaking De Brug", starts_at=datetime(2026, 12, 9, 19, 0), venue="Buurthuis De Brug"
    )
    items = items_from_programme(services.library.get(programme), services.library)  # type: ignore[arg-type]
    service.plan_agenda(meeting_id, [(i.kind, i.ref, i.title, i.minutes) for i in items])
    return meeting_id


def open_in_window(window: MainWindow, meeting_id: str) -> None:
    window.tabs.setCurrentWidget(window.meetings_view)
    window.meetings_view.refresh()  # type: ignore[union-attr]
    window.meetings_view.open_meeting(meeting_id)  # type: ignore[union-attr]


def press_f5(qtbot: QtBot, window: MainWindow, shift: bool = False) -> PresenterController:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # F5 is a shortcut of the active window
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(window, Qt.Key.Key_F5, modifier)
    controller = window.presenting.controller
    assert controller is not None, "F5 did not start presenting"
    return controller


def key(qtbot: QtBot, controller: PresenterController, k: Qt.Key, text: str = "") -> None:
    qtbot.keyClick(controller.console, k)
    QApplication.processEvents()


def end_show(qtbot: QtBot, window: MainWindow, controller: PresenterController) -> None:
    with qtbot.waitSignal(controller.finished, timeout=3000):
        qtbot.keyClick(controller.console, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presenting.controller is None, timeout=3000)


def test_f5_presents_the_open_meeting_and_keeps_notes_and_times(
    qtbot: QtBot, window: MainWindow, services: AppContext
) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = planned_meeting(services)
    open_in_window(window, meeting_id)
    # Another programme is remembered for new meetings: F5 must not present that one.
    window.presenting.remember_programme("programma-dagdeel")
    window.tabs.setCurrentWidget(window.library_view)  # presenting does not depend on the tab shown
    controller = press_f5(qtbot, window)
    agenda = service.get_meeting(meeting_id).agenda
    assert [i.id for i in controller.presentation.show.items] == [a.id for a in agenda]
    console = controller.console
    welcome = controller.presentation.slide
    assert welcome is not None and welcome.is_holding  # F5: from the very beginning
    assert welcome.audience.title == "Kennismaking De Brug"
    assert welcome.audience.lines[0].text == "Buurthuis De Brug"
    assert "Kennismaking De Brug" in console.note_panel.destination.text()
    assert console.note_panel.destination.isVisible() and not console.meeting_banner.isVisible()

    key(qtbot, controller, Qt.Key.Key_Right)  # the first item starts
    first = controller.presentation.slide
    assert first is not None and first.item_index == 0
    qtbot.keyClick(console, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(console.note, NOTE)
    qtbot.keyClick(console.note, Qt.Key.Key_Escape)
    while controller.presentation.slide.item_index < 2:  # type: ignore[union-attr]
        key(qtbot, controller, Qt.Key.Key_Right)
    end_show(qtbot, window, controller)

    detail = service.get_meeting(meeting_id)
    assert [(n.agenda_item_id, n.text) for n in detail.notes] == [(agenda[0].id, NOTE)]
    assert all(a.actual_start is not None and a.actual_end is not None for a in detail.agenda[:3])
    assert detail.agenda[3].actual_start is None
    assert [m.id for m in service.list_meetings()] == [meeting_id]  # no other meeting was made
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    assert editor is not None
    actual = editor.agenda.model.index(0, 4).data()
    assert isinstance(actual, str) and ":" in actual  # the times are shown at once
    # Back in the main window: the meeting at its notes, ready to write down the rest.
    assert window.tabs.currentWidget() is window.meetings_view and editor.tabs.currentIndex() == 3
    assert window.focusWidget() is editor.note_editor


def test_shift_f5_menu_and_meeting_button_present_the_same_meeting(
    qtbot: QtBot, window: MainWindow, services: AppContext
) -> None:
    meeting_id = planned_meeting(services)
    open_in_window(window, meeting_id)
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    assert editor is not None
    ids = [a.id for a in services.meetings.get_meeting(meeting_id).agenda]  # type: ignore[union-attr]
    editor.agenda.select_row(2)
    controller = press_f5(qtbot, window, shift=True)
    assert controller.presentation.slide.item_index == 2  # type: ignore[union-attr]
    assert controller.presentation.show.items[2].id == ids[2]
    end_show(qtbot, window, controller)

    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Presenteren")
    next(a for a in menu.actions() if a.text() == "&Start vanaf het begin").trigger()
    controller = window.presenting.controller
    assert controller is not None and [i.id for i in controller.presentation.show.items] == ids
    end_show(qtbot, window, controller)

    qtbot.mouseClick(editor.present_button, Qt.MouseButton.LeftButton)
    controller = window.presenting.controller
    assert controller is not None and [i.id for i in controller.presentation.show.items] == ids
    assert controller.presentation.slide.is_holding  # type: ignore[union-attr]
    end_show(qtbot, window, controller)


def test_without_an_open_meeting_f5_makes_and_names_one(qtbot: QtBot, window: MainWindow, services: AppContext) -> None:
    service = services.meetings
    assert service is not None and service.list_meetings() == []
    first = services.library.programmes()[0]  # nothing chosen before: the toolkit's first programme
    planned = [i.title for i in items_from_programme(first, services.library)]
    controller = press_f5(qtbot, window)
    made = service.list_meetings()
    assert len(made) == 1 and made[0].title.startswith("Bijeenkomst ")
    assert str(datetime.now().year) in made[0].title
    detail = service.get_meeting(made[0].id)
    assert [a.title for a in detail.agenda] == planned and detail.programme_id == first.id
    assert detail.minutes_available == first.minutes_available
    banner = controller.console.meeting_banner
    assert banner.isVisible() and made[0].title in banner.text() and "aangemaakt" in banner.text()
    assert first.title in banner.text()  # and with which programme
    # The new meeting is open in the main window while the show runs.
    assert window.meetings_view.editor is not None and window.meetings_view.editor.meeting_id == made[0].id  # type: ignore[union-attr]
    key(qtbot, controller, Qt.Key.Key_Right)
    qtbot.keyClick(controller.console, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(controller.console.note, NOTE)
    end_show(qtbot, window, controller)
    assert [n.text for n in service.get_meeting(made[0].id).notes] == [NOTE]
    # Afterwards the main window shows that meeting at its notes.
    assert window.tabs.currentWidget() is window.meetings_view
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    assert editor is not None and editor.meeting_id == made[0].id and editor.tabs.currentIndex() == 3


def test_without_an_open_meeting_f5_uses_the_programme_chosen_last_time(
    qtbot: QtBot, window: MainWindow, services: AppContext
) -> None:
    service = services.meetings
    assert service is not None
    earlier = service.create_meeting("Vorige keer")
    open_in_window(window, earlier)
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    assert editor is not None
    editor.programme_choice.setCurrentIndex(editor.programme_choice.findData("programma-deel-3"))
    editor.plan_from_programme()  # the facilitator takes this programme into a meeting's Agenda tab
    assert Settings.load(services.data).last_programme == "programma-deel-3"
    window.meetings_view.close_editor()  # type: ignore[union-attr]
    controller = press_f5(qtbot, window)
    made = [m for m in service.list_meetings() if m.id != earlier]
    assert len(made) == 1
    detail = service.get_meeting(made[0].id)
    programme = services.library.get("programma-deel-3")
    assert detail.programme_id == "programma-deel-3"
    assert [a.title for a in detail.agenda] == [i.title for i in items_from_programme(programme, services.library)]  # type: ignore[arg-type]
    assert [i.id for i in controller.presentation.show.items] == [a.id for a in detail.agenda]
    end_show(qtbot, window, controller)


@pytest.mark.parametrize("remembered", [5, "", "x" * 1000, "oefening-b", "programma-sinds-verwijderd"])
def test_an_odd_remembered_programme_falls_back_to_the_first(
    qtbot: QtBot, window: MainWindow, services: AppContext, remembered: object
) -> None:
    (services.data.root / "settings.json").write_text(json.dumps({"last_programme": remembered}), encoding="utf-8")
    controller = press_f5(qtbot, window)
    (made,) = services.meetings.list_meetings()  # type: ignore[union-attr]
    assert services.meetings.get_meeting(made.id).programme_id == services.library.programmes()[0].id  # type: ignore[union-attr]
    end_show(qtbot, window, controller)


def test_a_settings_file_that_cannot_be_written_does_not_stop_the_show(
    qtbot: QtBot, window: MainWindow, services: AppContext
) -> None:
    settings = services.data.root / "settings.json"
    settings.mkdir()  # in the way: neither readable as settings nor replaceable
    try:
        controller = press_f5(qtbot, window)
        assert len(services.meetings.list_meetings()) == 1  # type: ignore[union-attr]
        end_show(qtbot, window, controller)
    finally:
        settings.rmdir()


def test_f5_before_the_notes_are_open_says_so_and_presents_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    """The window paints before the database is open: F5 in that moment never shows an evening whose
    notes go nowhere; once the notes are open it makes its meeting as usual."""
    services = build_services(data_dir=str(tmp_path / "late"), lang="nl")
    services.data.ensure()
    services.storage.deferred = True
    win = MainWindow(services)
    qtbot.addWidget(win)
    try:
        assert win.storage_pending()
        win.presenting.start_from_beginning()
        assert win.presenting.controller is None
        assert "nog geopend" in win.statusBar().currentMessage()
        win.show()
        qtbot.waitUntil(lambda: win.meetings_view is not None, timeout=15000)
        assert services.meetings is not None and services.meetings.list_meetings() == []
        controller = press_f5(qtbot, win)
        assert len(services.meetings.list_meetings()) == 1
        end_show(qtbot, win, controller)
    finally:
        win.close()
        services.close()


def test_a_meeting_without_agenda_is_not_presented(qtbot: QtBot, window: MainWindow, services: AppContext) -> None:
    meeting_id = services.meetings.create_meeting("Nog leeg")  # type: ignore[union-attr]
    open_in_window(window, meeting_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presenting.controller is None
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    assert "geen agenda" in editor.status.text() and editor.tabs.currentIndex() == 2
    assert window.tabs.currentWidget() is window.meetings_view
    assert len(services.meetings.list_meetings()) == 1  # type: ignore[union-attr]


def test_read_only_notes_are_said_and_the_note_is_closed(qtbot: QtBot, services: AppContext) -> None:
    second = build_services(data_dir=str(services.data.root), lang="nl")
    open_storage(second)  # the first window holds the database: this one may only read
    try:
        assert second.database.read_only
        win = MainWindow(second)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        controller = press_f5(qtbot, win)
        console = controller.console
        assert console.meeting_banner.isVisible() and "niet worden bewaard" in console.meeting_banner.text()
        assert console.note.isReadOnly() and "niet worden bewaard" in console.note.placeholderText()
        qtbot.keyClick(console, Qt.Key.Key_Right)
        QApplication.processEvents()
        assert "vanzelf bewaard" not in console.note_label.text()  # never promised when it cannot be kept
        end_show(qtbot, win, controller)
    finally:
        second.close()
    assert services.meetings.list_meetings() == []  # type: ignore[union-attr]
