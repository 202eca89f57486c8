from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.storage import DatabaseInUseError
from opvoed_desktop.ui.autosave import DEBOUNCE_MS
from opvoed_desktop.ui.main_window import MainWindow
from opvoed_desktop.ui.meetings.trash_dialog import TrashDialog


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
    win.tabs.setCurrentWidget(win.meetings_view)
    return win


@pytest.fixture(autouse=True)
def _answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_new_meeting_is_listed_and_its_title_is_stored(qtbot: QtBot, window: MainWindow, services: AppContext) -> None:
    view = window.meetings_view
    assert view is not None
    view.new_meeting()
    editor = view.editor
    assert editor is not None and editor.title_edit.hasFocus()
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Kennismaking Moskee Al Fath")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Tab)
    meeting = services.meetings.get_meeting(editor.meeting_id)  # type: ignore[union-attr]
    assert meeting.title == "Kennismaking Moskee Al Fath"
    assert [r.title for r in view.model.rows] == ["Kennismaking Moskee Al Fath"]


def test_window_title_names_the_open_meeting_and_follows_a_rename(qtbot: QtBot, window: MainWindow) -> None:
    view = window.meetings_view
    assert view is not None
    base = window.windowTitle()
    view.new_meeting()
    editor = view.editor
    assert editor is not None
    assert "Nieuwe bijeenkomst" in window.windowTitle()
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Vadersavond Al Fath")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Tab)
    assert window.windowTitle().startswith("Vadersavond Al Fath")
    view.close_editor()
    assert window.windowTitle() == base


def test_empty_title_is_refused_and_the_old_one_kept(qtbot: QtBot, window: MainWindow, services: AppContext) -> None:
    view = window.meetings_view
    view.new_meeting()  # type: ignore[union-attr]
    editor = view.editor  # type: ignore[union-attr]
    editor.title_edit.clear()
    editor.title_edit.editingFinished.emit()
    assert "titel" in editor.status.text().lower()
    assert services.meetings.get_meeting(editor.meeting_id).title == "Nieuwe bijeenkomst"  # type: ignore[union-attr]


def test_note_is_autosaved_within_a_second_of_typing(qtbot: QtBot, window: MainWindow, services: AppContext) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Avond in buurthuis", starts_at=datetime(2027, 3, 4, 19, 30))
    window.meetings_view.refresh()  # type: ignore[union-attr]
    window.open_meeting_notes(meeting_id)
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    assert editor is not None and editor.tabs.currentIndex() == 3
    qtbot.keyClicks(editor.note_editor, "Moeders willen een spreekuur in de moskee.")

    def stored() -> None:
        notes = service.get_meeting(meeting_id).notes_for(None)
        assert notes and notes[0].text == "Moeders willen een spreekuur in de moskee."

    with pytest.raises(AssertionError):
        stored()  # not yet: the debounce has not run
    qtbot.waitUntil(stored, timeout=DEBOUNCE_MS + 300)
    # The save runs on a worker thread; its "saved" reaches the window a moment after the commit
    # (never before it).
    qtbot.waitUntil(lambda: "Bewaard" in editor.status.text(), timeout=1000)


def test_switching_agenda_item_saves_at_once_and_keeps_notes_apart(
    qtbot: QtBot, window: MainWindow, services: AppContext
) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Twee punten")
    window.meetings_view.refresh()  # type: ignore[union-attr]
    editor = window.meetings_view.open_meeting(meeting_id)  # type: ignore[union-attr]
    editor.programme_choice.setCurrentIndex(editor.programme_choice.findData("programma-kennismaking"))
    editor.plan_from_programme()
    detail = service.get_meeting(meeting_id)
    assert len(detail.agenda) >= 4
    assert editor.note_items.count() == 1 + sum(1 for a in detail.agenda if a.kind not in ("pause", "session"))
    editor.note_items.setCurrentRow(1)
    qtbot.keyClicks(editor.note_editor, "Over oefening A")
    editor.note_items.setCurrentRow(2)  # no waiting: switching stores immediately
    first_item = detail.agenda[0].id if detail.agenda[0].kind != "session" else detail.agenda[1].id
    assert service.get_meeting(meeting_id).notes_for(first_item)[0].text == "Over oefening A"
    assert editor.note_editor.toPlainText() == ""
    editor.note_items.setCurrentRow(1)
    assert editor.note_editor.toPlainText() == "Over oefening A"


def test_failed_save_keeps_the_text_and_says_so(
    qtbot: QtBot, window: MainWindow, services: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Schijf vol")
    window.meetings_view.refresh()  # type: ignore[union-attr]
    editor = window.meetings_view.open_meeting(meeting_id, tab=3)  # type: ignore[union-attr]

    def broken(_text: str) -> None:
        raise OSError("De schijf is vol; maak ruimte vrij en typ verder.")

    editor.note_editor.set_saver(broken)
    qtbot.keyClicks(editor.note_editor, "Belangrijke afspraak")
    assert editor.note_editor.flush() is False
    assert editor.note_editor.toPlainText() == "Belangrijke afspraak"
    assert "schijf is vol" in editor.status.text()
    assert editor.note_editor.dirty
    # Closing now would ask whether to drop the unsaved text; answer "no" and stay open.
    asked: list[str] = []

    def warn(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", warn)
    assert window.close() is False
    assert asked and "niet worden bewaard" in asked[0]
    editor.note_editor.set_text_quietly("")


def test_strengths_and_agreements_tables_store_edits(qtbot: QtBot, window: MainWindow, services: AppContext) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Uitkomsten")
    window.meetings_view.refresh()  # type: ignore[union-attr]
    editor = window.meetings_view.open_meeting(meeting_id)  # type: ignore[union-attr]
    strengths = editor.strengths
    strengths.add_row()
    strengths.table.item(0, 1).setText("Vertrouwen van ouders")
    assert [s.text for s in service.strengths(meeting_id)] == ["Vertrouwen van ouders"]
    agreements = editor.agreements
    agreements.add_row()
    agreements.table.item(0, 0).setText("Spreekuur CJG in de moskee")
    agreements.table.item(0, 2).setText("31-02-2027")  # no such day
    assert "datum" in agreements.message.text().lower()
    assert service.agreements(meeting_id)[0].due is None
    agreements.table.item(0, 2).setText("15-03-2027")
    stored = service.agreements(meeting_id)[0]
    assert stored.what == "Spreekuur CJG in de moskee" and stored.due.isoformat() == "2027-03-15"  # type: ignore[union-attr]
    assert agreements.message.text() == ""


def test_search_finds_text_in_notes_and_opens_the_meeting(
    qtbot: QtBot, window: MainWindow, services: AppContext
) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Zoekproef")
    service.save_item_note(meeting_id, None, "Het consultatiebureau komt op woensdag langs.")
    view = window.meetings_view
    assert view is not None
    qtbot.keyClicks(view.search_field, "consultatiebureau")
    qtbot.waitUntil(lambda: view.note_hits.count() == 1, timeout=2000)
    assert "Zoekproef" in view.note_hits.item(0).text()
    view._open_hit(view.note_hits.item(0))
    assert view.editor is not None and view.editor.meeting_id == meeting_id
    assert view.editor.tabs.currentIndex() == 3


def test_trash_and_restore(qtbot: QtBot, window: MainWindow, services: AppContext) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Weg en terug")
    view = window.meetings_view
    assert view is not None
    view.refresh()
    view.open_meeting(meeting_id)
    view.trash_current()
    assert view.model.rows == []
    dialog = TrashDialog(service, window, services.database)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    dialog.list.setCurrentRow(0)
    dialog.restore_selected()
    view.refresh()
    assert [r.id for r in view.model.rows] == [meeting_id]


def _answer_box(qtbot: QtBot, *, uncheck: bool = False) -> list[str]:
    """Answer the next modal question with Yes (optionally unticking its checkbox); returns its texts."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        check = box.checkBox()
        seen.append(box.text())
        seen.append(check.text() if check is not None else "")
        seen.append("checked" if check is not None and check.isChecked() else "unchecked")
        if uncheck and check is not None:
            check.setChecked(False)
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)
    return seen


def test_deleting_for_good_drops_the_backups_that_hold_the_text_by_default(
    qtbot: QtBot, window: MainWindow, services: AppContext
) -> None:
    from opvoed_desktop.storage import backup

    service = services.meetings
    assert service is not None
    other = service.create_meeting("Blijft")
    without = services.database.backup("manual")  # made before the secret existed: stays
    meeting_id = service.create_meeting("Geheim")
    service.save_item_note(meeting_id, None, "zeergeheimewoordenreeks")
    holding = [services.database.backup("manual"), services.database.backup("manual")]
    assert all(b"zeergeheimewoordenreeks" in p.read_bytes() for p in holding)
    service.trash_meeting(meeting_id)
    dialog = TrashDialog(service, window, services.database)
    qtbot.addWidget(dialog)
    seen = _answer_box(qtbot)
    dialog.empty()
    assert seen[0] == "Alle bijeenkomsten in de prullenbak voorgoed verwijderen?"
    assert seen[1].startswith("Ook de 2 reservekopieën met deze tekst verwijderen (") and seen[2] == "checked"
    left = [b.path for b in backup.list_backups(services.data)]
    assert not any(p in left for p in holding) and without in left and len(left) == 2
    assert all(b"zeergeheimewoordenreeks" not in p.read_bytes() for p in left)
    assert dialog.info.text().startswith("Voorgoed verwijderd, ook uit de 2 reservekopieën van ")
    assert dialog.info.text().endswith("; er is een nieuwe reservekopie gemaakt zonder deze tekst.")
    assert [m.id for m in service.list_meetings()] == [other]


def test_deleting_for_good_can_keep_the_backups_and_says_which(
    qtbot: QtBot, window: MainWindow, services: AppContext
) -> None:
    from opvoed_desktop.storage import backup

    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Geheim")
    service.save_item_note(meeting_id, None, "zeergeheimewoordenreeks")
    kept = services.database.backup("manual")
    service.trash_meeting(meeting_id)
    dialog = TrashDialog(service, window, services.database)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    _answer_box(qtbot, uncheck=True)
    dialog.delete_selected()
    assert [b.path for b in backup.list_backups(services.data)] == [kept]
    info = next(b for b in backup.list_backups(services.data) if b.path == kept)
    assert dialog.info.text() == (
        "Voorgoed verwijderd; de tekst staat nog in deze reservekopieën: "
        f"{info.created.strftime('%d-%m-%Y %H:%M:%S')}."
    )


def test_corrupt_database_is_moved_aside_and_told(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "opvoed.sqlite3").write_bytes(b"dit is geen database" * 100)
    s = build_services(data_dir=str(data), lang="nl")
    open_storage(s)
    try:
        win = MainWindow(s)
        qtbot.addWidget(win)
        assert win.storage_banner is not None
        assert "apart gezet" in win.storage_banner.text()
        assert any(p.name != "opvoed.sqlite3" and p.read_bytes().startswith(b"dit is geen") for p in data.iterdir())
        assert win.meetings_view is not None  # a fresh, working database
    finally:
        s.close()


def test_contacts_per_municipality(qtbot: QtBot, window: MainWindow, services: AppContext) -> None:
    contacts = window.contacts_view
    contacts.municipality.setEditText("Tilburg")
    contacts.table.add_row()
    contacts.table.table.item(0, 0).setText("Stichting Nour")
    contacts.table.table.item(0, 3).setText("013 123 45 67")
    stored = services.meetings.contacts("Tilburg")  # type: ignore[union-attr]
    assert [(c.organisation, c.phone) for c in stored] == [("Stichting Nour", "013 123 45 67")]


def test_presenting_a_meeting_records_times_and_quick_notes(
    qtbot: QtBot, window: MainWindow, services: AppContext
) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Presenteerproef", starts_at=datetime(2027, 5, 1, 10, 0))
    window.meetings_view.refresh()  # type: ignore[union-attr]
    editor = window.meetings_view.open_meeting(meeting_id)  # type: ignore[union-attr]
    editor._present()
    assert "geen agenda" in editor.status.text()
    assert window.presenting.controller is None
    editor.programme_choice.setCurrentIndex(editor.programme_choice.findData("programma-kennismaking"))
    editor.plan_from_programme()
    qtbot.mouseClick(editor.present_button, Qt.MouseButton.LeftButton)
    controller = window.presenting.controller
    assert controller is not None
    try:
        controller.do("next")
        controller.do("next")
    finally:
        controller.stop()
    qtbot.waitUntil(lambda: window.presenting.controller is None, timeout=3000)
    agenda = service.get_meeting(meeting_id).agenda
    assert agenda[0].actual_start is not None and agenda[0].actual_end is not None


def test_second_instance_reads_but_never_writes(qtbot: QtBot, services: AppContext) -> None:
    service = services.meetings
    assert service is not None
    service.create_meeting("Al open")
    second = build_services(data_dir=str(services.data.root), lang="nl")
    open_storage(second)
    try:
        assert second.storage_message and "al geopend" in second.storage_message
        assert second.meetings is not None and second.database.read_only
        assert [m.title for m in second.meetings.list_meetings()] == ["Al open"]
        win = MainWindow(second)
        qtbot.addWidget(win)
        assert win.storage_banner is not None and "al geopend" in win.storage_banner.text()
        with pytest.raises(DatabaseInUseError):
            second.meetings.create_meeting("Mag niet")
    finally:
        second.close()
    assert [m.title for m in service.list_meetings()] == ["Al open"]


def test_extra_notes_of_an_item_are_shown_not_hidden(qtbot: QtBot, window: MainWindow, services: AppContext) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Meer notities")
    service.add_note(meeting_id, "Eerste notitie")
    service.add_note(meeting_id, "Tweede notitie uit een bundel")
    window.meetings_view.refresh()  # type: ignore[union-attr]
    editor = window.meetings_view.open_meeting(meeting_id, tab=3)  # type: ignore[union-attr]
    assert editor.note_editor.toPlainText() == "Eerste notitie"
    assert editor.other_notes.isVisible()
    assert "Tweede notitie uit een bundel" in editor.other_notes.toPlainText()


def test_export_menu_exports_the_open_meeting(
    qtbot: QtBot, window: MainWindow, services: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opvoed_desktop.ui import export_dialog

    shown: list[export_dialog.ExportDialog] = []
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: shown.append(self) or 0)
    window.export_meeting()
    assert shown == [] and "Open eerst" in window.statusBar().currentMessage()
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting("Voor de gemeente")
    window.meetings_view.refresh()  # type: ignore[union-attr]
    window.meetings_view.open_meeting(meeting_id)  # type: ignore[union-attr]
    window.export_meeting()
    assert len(shown) == 1 and shown[0].meeting_id == meeting_id


def test_alt_number_goes_to_every_tab(qtbot: QtBot, window: MainWindow) -> None:
    assert window.tabs.count() >= 5
    for index in range(window.tabs.count()):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.AltModifier)
        assert window.tabs.currentIndex() == index


def test_damaged_file_offers_the_newest_backup_in_one_click(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = build_services(data_dir=str(data), lang="nl")
    open_storage(first)
    assert first.meetings is not None
    first.meetings.create_meeting("Bewaard in de reservekopie")
    first.database.backup("manual")
    first.close()
    (data / "opvoed.sqlite3").write_bytes(b"kapot" * 1000)
    for side in ("opvoed.sqlite3-wal", "opvoed.sqlite3-shm"):
        (data / side).unlink(missing_ok=True)
    s = build_services(data_dir=str(data), lang="nl")
    open_storage(s)
    try:
        win = MainWindow(s)
        qtbot.addWidget(win)
        assert win.restore_offer is not None and win.meetings_view is not None
        assert win.meetings_view.model.rows == []
        qtbot.mouseClick(win.restore_offer, Qt.MouseButton.LeftButton)
        assert [r.title for r in win.meetings_view.model.rows] == ["Bewaard in de reservekopie"]
        assert "teruggezet" in win.storage_banner.text()  # type: ignore[union-attr]
    finally:
        s.close()


def test_help_menu_opens_the_worked_example_once(window: MainWindow, services: AppContext) -> None:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and "Help" in a.text())
    action = next(a for a in help_menu.actions() if "Lindewaard" in a.text())
    action.trigger()
    view = window.meetings_view
    assert view is not None and view.editor is not None
    assert window.tabs.currentWidget() is view
    opened = services.meetings.get_meeting(view.editor.meeting_id)  # type: ignore[union-attr]
    assert opened.title == "Samen sterker in Lindewaard (voorbeeld)" and opened.is_sample
    action.trigger()  # a second time opens the same meeting, it does not add one
    assert len(services.meetings.list_meetings()) == 1  # type: ignore[union-attr]
