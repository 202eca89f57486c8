"""Planning a meeting's agenda on its own Agenda tab: programmes, clock times and fit, minutes,
reorder by keyboard and drag, add and remove, own programmes, earlier agendas. Every change is in
the meeting at once (read back from the database, not from the widget)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QSpinBox
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.presenting import AgendaItem
from opvoed_desktop.ui.agenda_model import MINUTES, TIME, TITLE
from opvoed_desktop.ui.main_window import MainWindow
from opvoed_desktop.ui.meetings.agenda_tab import AgendaTab
from opvoed_desktop.ui.meetings.meeting_editor import MeetingEditor
from opvoed_desktop.ui.screens import ScreenInfo, choose_audience, console_screen
from tests import agenda_expectations as expect


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
    return win


@pytest.fixture(autouse=True)
def _answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def open_editor(window: MainWindow, meeting_id: str) -> MeetingEditor:
    view = window.meetings_view
    assert view is not None
    window.tabs.setCurrentWidget(view)
    view.refresh()
    editor = view.open_meeting(meeting_id, tab=2)
    assert editor is not None
    return editor


@pytest.fixture
def meeting(services: AppContext) -> str:
    assert services.meetings is not None
    return services.meetings.create_meeting("Ouderavond", starts_at=datetime(2027, 1, 12, 19, 0))


PROGRAMME = "programma-kennismaking"
START = time(19, 0)  # the meeting's start (see `meeting`)


@pytest.fixture
def planned(services: AppContext) -> list[expect.Line]:
    """The agenda `tab` plans, from the programme's own entries: the oracle of these tests."""
    lines = expect.expected_lines(expect.programme(services.library, PROGRAMME), services.library)
    return expect.one_session(lines, at_least=4)


@pytest.fixture
def tab(window: MainWindow, meeting: str, planned: list[expect.Line]) -> AgendaTab:
    editor = open_editor(window, meeting)
    editor.programme_choice.setCurrentIndex(editor.programme_choice.findData(PROGRAMME))
    editor.plan_from_programme()
    return editor.agenda


def minutes_of(lines: list[expect.Line]) -> list[int]:
    return [line.minutes for line in lines]


def stored(services: AppContext, meeting_id: str) -> list[tuple[str, int]]:
    assert services.meetings is not None
    return [(a.title, a.planned_minutes) for a in services.meetings.get_meeting(meeting_id).agenda]


def time_of(model: object, row: int) -> str:
    """The clock times of a row as read (the model wraps them in a left-to-right isolate)."""
    shown = model.data(model.index(row, TIME))  # type: ignore[attr-defined]
    assert shown.startswith("\u2066") and shown.endswith("\u2069")
    return shown[1:-1]


def titles(tab: AgendaTab) -> list[str]:
    return [item.title for item in tab.plan.items]


def test_a_programme_gives_the_meeting_its_agenda_times_and_fit(
    tab: AgendaTab, services: AppContext, meeting: str, planned: list[expect.Line]
) -> None:
    model = tab.model
    available = expect.programme(services.library, PROGRAMME).minutes_available
    minutes = minutes_of(planned)
    assert 0 < sum(minutes) <= available, "the test needs a programme that fits its own time"
    assert stored(services, meeting) == [(line.title, line.minutes) for line in planned]
    assert [time_of(model, row) for row in range(len(planned))] == [
        expect.span(START, minutes, row) for row in range(len(planned))
    ]
    assert tab.available.value() == available
    end = expect.clock(START, sum(minutes))
    assert tab.fit_label.property("fits") is True and f"eindigt om {end}" in tab.fit_label.text()
    pause = available - sum(minutes) + 15  # a quarter of an hour more than is left
    tab.add_item(AgendaItem("pause", "Pauze", pause))
    assert tab.fit_label.property("fits") is False and "Past niet" in tab.fit_label.text()
    assert ("Pauze", pause) in stored(services, meeting)
    detail = services.meetings.get_meeting(meeting)  # type: ignore[union-attr]
    assert (detail.programme_id, detail.minutes_available) == (PROGRAMME, available)


def test_the_start_follows_the_meetings_time(tab: AgendaTab, window: MainWindow, planned: list[expect.Line]) -> None:
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    editor.when_edit.edit.setText("12-01-2027 13:30")
    assert editor.when_edit.commit()
    minutes = minutes_of(planned)
    assert time_of(tab.model, 0) == expect.span(time(13, 30), minutes, 0)
    assert time_of(tab.model, 1) == expect.span(time(13, 30), minutes, 1)


def test_minutes_are_edited_in_the_table_and_stored(
    tab: AgendaTab, services: AppContext, meeting: str, planned: list[expect.Line]
) -> None:
    model = tab.model
    typed = planned[1].minutes + 7  # not what the programme says
    assert model.setData(model.index(1, MINUTES), str(typed))
    assert stored(services, meeting)[1] == (planned[1].title, typed)
    minutes = minutes_of(planned)
    minutes[1] = typed
    assert time_of(model, 2) == expect.span(START, minutes, 2)
    assert not model.setData(model.index(1, MINUTES), "twaalf")  # refused, the old value stays
    assert stored(services, meeting)[1][1] == typed


def test_keyboard_reorder_is_stored_and_keeps_notes(
    qtbot: QtBot, tab: AgendaTab, services: AppContext, meeting: str, planned: list[expect.Line]
) -> None:
    service: MeetingService = services.meetings  # type: ignore[assignment]
    first = service.get_meeting(meeting).agenda[0]
    service.save_item_note(meeting, first.id, "Iedereen stelde zich voor")
    before = titles(tab)
    tab.table.setFocus()
    tab.select_row(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(tab.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(tab) == [before[1], before[2], before[0], *before[3:]]
    assert tab.selected_row() == 2
    assert [t for t, _m in stored(services, meeting)] == titles(tab)
    moved = service.get_meeting(meeting).agenda[2]
    assert moved.id == first.id and [n.text for n in service.get_meeting(meeting).notes_for(moved.id)] == [
        "Iedereen stelde zich voor"
    ]
    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [t for t, _m in stored(services, meeting)][1] == before[0]
    # Times follow the new order: the second item of the programme now starts the meeting.
    assert time_of(tab.model, 0) == expect.span(START, [planned[1].minutes], 0)
    assert time_of(tab.model, 1) == expect.span(START, [planned[1].minutes, planned[0].minutes], 1)


def test_an_added_pause_is_moved_and_timed_by_keyboard_at_once(
    qtbot: QtBot, tab: AgendaTab, services: AppContext, meeting: str
) -> None:
    before = titles(tab)
    tab.select_row(0)
    qtbot.mouseClick(tab.add_buttons["pause"], Qt.MouseButton.LeftButton)
    assert tab.table.hasFocus() and tab.selected_row() == 1  # the keyboard is on the new row
    qtbot.keyClick(tab.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(tab) == [before[0], before[1], "Pauze", *before[2:]]
    qtbot.keyClick(tab.table, Qt.Key.Key_Right)  # from the title to the minutes
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = tab.table.findChild(QSpinBox)
    assert editor is not None and editor.isVisible(), "F2 opened no editor for the minutes"
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "20")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(services, meeting)[2] == ("Pauze", 20), timeout=2000)  # Qt commits queued


def test_drag_reorder_is_stored(tab: AgendaTab, services: AppContext, meeting: str) -> None:
    model = tab.model
    before = titles(tab)
    data = model.mimeData([model.index(0, TITLE)])
    handled = model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert handled is False  # the view must not delete the source row itself
    assert [t for t, _m in stored(services, meeting)] == [before[1], before[2], before[0], *before[3:]]


def test_add_exercise_pause_own_item_and_remove(
    tab: AgendaTab, services: AppContext, meeting: str, planned: list[expect.Line]
) -> None:
    # An exercise the programme does not have, so that removing it leaves none of its kind behind.
    extra = next((e for e in services.library.exercises() if e.id not in {line.ref for line in planned}), None)
    assert extra is not None, "the test needs an exercise outside the programme"
    title = f"{extra.letter}. {extra.title}"
    count = len(titles(tab))
    tab.select_row(0)
    tab.add_content(extra.id)
    added = tab.plan.items[1]
    assert (added.kind, added.ref, added.title, added.minutes) == ("exercise", extra.id, title, extra.minutes)
    tab.add_buttons["own"].click()
    assert tab.plan.items[2].kind == "own"
    assert tab.model.setData(tab.model.index(2, TITLE), "Koffie met de buurvrouw")
    tab.add_buttons["pause"].click()
    assert [(i.kind, i.minutes) for i in tab.plan.items[1:4]] == [
        ("exercise", extra.minutes),
        ("own", 10),
        ("pause", 15),
    ]
    assert stored(services, meeting)[1] == (title, extra.minutes)
    assert stored(services, meeting)[2] == ("Koffie met de buurvrouw", 10)
    tab.select_row(1)
    tab.remove_selected()
    assert len(stored(services, meeting)) == count + 2
    assert all(t != title for t, _m in stored(services, meeting))


def test_removing_an_item_with_notes_keeps_them_as_general_notes(
    tab: AgendaTab, services: AppContext, meeting: str, window: MainWindow
) -> None:
    service: MeetingService = services.meetings  # type: ignore[assignment]
    item = service.get_meeting(meeting).agenda[1]
    service.save_item_note(meeting, item.id, "Goede vraag van een vader")
    tab.select_row(1)
    tab.remove_selected()
    detail = service.get_meeting(meeting)
    assert item.id not in [a.id for a in detail.agenda]
    assert [n.text for n in detail.notes_for(None)] == ["Goede vraag van een vader"]
    # The notes tab lists the agenda as it is now.
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    listed = [editor.note_items.item(r).text() for r in range(editor.note_items.count())]
    assert not any(item.title in text for text in listed)


def test_the_programme_box_shows_the_meetings_own_programme(window: MainWindow, services: AppContext) -> None:
    service: MeetingService = services.meetings  # type: ignore[assignment]
    programmes = [p.id for p in window.services.library.programmes()]
    assert len(programmes) >= 2, "the test needs two programmes"
    first, later = programmes[0], programmes[-1]
    meeting_id = service.create_meeting("Eerste", programme_id=later)
    editor = open_editor(window, meeting_id)
    box = [editor.programme_choice.itemData(i) for i in range(editor.programme_choice.count())]
    assert box[: len(programmes)] == programmes and box[0] == first != later
    # Not simply the first programme of the box: "Agenda overnemen" must not take the wrong one.
    assert editor.programme_choice.currentData() == later
    other = service.create_meeting("Tweede", programme_id=first)
    editor = open_editor(window, other)
    assert editor.programme_choice.currentData() == first
    editor = open_editor(window, meeting_id)
    assert editor.programme_choice.currentData() == later


def test_save_as_own_programme_and_start_another_meeting_from_it(
    tab: AgendaTab, window: MainWindow, services: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab.add_item(AgendaItem("own", "Soep en brood", 20))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Onze avond", True))
    tab.source.save_as_programme()
    folder = services.data.root / "programmas"
    assert [p.name for p in folder.glob("*.md")] == ["eigen-onze-avond.md"]
    service: MeetingService = services.meetings  # type: ignore[assignment]
    other = service.create_meeting("Volgende keer", starts_at=datetime(2027, 2, 9, 19, 0))
    editor = open_editor(window, other)
    index = editor.programme_choice.findData("own:eigen-onze-avond")
    assert index >= 0 and "Onze avond" in editor.programme_choice.itemText(index)
    editor.programme_choice.setCurrentIndex(index)
    editor.plan_from_programme()
    assert stored(services, other)[-1] == ("Soep en brood", 20)
    assert len(stored(services, other)) == len(titles(tab))


def test_start_from_an_earlier_meetings_agenda(
    tab: AgendaTab, window: MainWindow, services: AppContext, meeting: str, planned: list[expect.Line]
) -> None:
    typed = planned[0].minutes + 15  # changed in this meeting, unlike the programme
    assert tab.model.setData(tab.model.index(0, MINUTES), str(typed))
    service: MeetingService = services.meetings  # type: ignore[assignment]
    other = service.create_meeting("Vervolg", starts_at=datetime(2027, 3, 9, 19, 0))
    editor = open_editor(window, other)
    index = editor.programme_choice.findData(f"meeting:{meeting}")
    assert "12-01-2027" in editor.programme_choice.itemText(index)
    editor.programme_choice.setCurrentIndex(index)
    editor.plan_from_programme()
    assert stored(services, other) == stored(services, meeting)
    assert stored(services, other)[0] == (planned[0].title, typed)
    old_ids = {a.id for a in service.get_meeting(meeting).agenda}
    assert old_ids.isdisjoint(a.id for a in service.get_meeting(other).agenda)


def test_agenda_plannen_goes_to_the_meetings_agenda(qtbot: QtBot, window: MainWindow, meeting: str) -> None:
    window.presenting.agenda_action.trigger()
    assert "bijeenkomst" in window.statusBar().currentMessage()
    editor = open_editor(window, meeting)
    editor.tabs.setCurrentIndex(0)
    window.tabs.setCurrentIndex(0)
    window.presenting.agenda_action.trigger()
    assert window.tabs.currentWidget() is window.meetings_view
    assert editor.tabs.currentWidget() is editor.agenda


def _info(name: str, x: int, w: int, primary: bool = False) -> ScreenInfo:
    from PySide6.QtCore import QRect

    return ScreenInfo(name, QRect(x, 0, w, 1080), primary)


def test_choose_audience_screen() -> None:
    laptop, beamer = _info("eDP-1", 0, 1920, primary=True), _info("HDMI-1", 1920, 1280)
    assert choose_audience([laptop, beamer], "eDP-1") == "HDMI-1"
    assert choose_audience([laptop], "eDP-1") == "eDP-1"  # one screen: the room sees it too
    assert choose_audience([laptop, beamer], "eDP-1", preferred="eDP-1") == "eDP-1"
    assert choose_audience([laptop, beamer], "eDP-1", preferred="gone") == "HDMI-1"
    assert choose_audience([], None) is None
    assert console_screen([laptop, beamer], "gone") == "eDP-1"
    assert console_screen([laptop, beamer], "HDMI-1") == "HDMI-1"


def test_running_order_and_materials_saved_from_the_agenda(
    tab: AgendaTab, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, planned: list[expect.Line]
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.documents.pdftools import pdftotext

    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(suggested).name)
        return str(tmp_path / Path(suggested).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    tab.print_requested.emit("running-order", "save")
    tab.print_requested.emit("materials", "save")
    assert asked == ["2027-01-12-ouderavond-draaiboek.pdf", "2027-01-12-ouderavond-materialen.pdf"]
    running = " ".join(pdftotext(tmp_path / asked[0]).split())
    materials = " ".join(pdftotext(tmp_path / asked[1]).split())
    assert f"{expect.span(START, minutes_of(planned), 0)} {' '.join(planned[0].title.split())}" in running
    needed = [m for line in planned if line.exercise is not None for m in line.exercise.materials]
    assert needed, "the test needs a programme whose exercises need materials"
    assert all(" ".join(m.split()) in materials for m in needed)
    assert "Opgeslagen" in editor.status.text()


def test_minutes_typed_in_the_table_may_exceed_99(
    qtbot: QtBot, tab: AgendaTab, services: AppContext, meeting: str, planned: list[expect.Line]
) -> None:
    from PySide6.QtWidgets import QSpinBox

    index = tab.model.index(1, MINUTES)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    spin = tab.table.findChild(QSpinBox)
    assert spin is not None and spin.maximum() >= 240
    spin.setValue(120)
    tab.table.commitData(spin)
    assert planned[1].minutes != 120
    assert stored(services, meeting)[1] == (planned[1].title, 120)
