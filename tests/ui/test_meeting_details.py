"""The meeting's details as a facilitator types them: dates exactly as typed or a sentence at the
field, a title that cannot be empty, the languages in the room as a choice, the direction of
digits and titles in an Arabic interface, and Qt's own dialogs in the interface language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.i18n import Translator
from opvoed_desktop.paths import translations_dir
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.ui.application import configure
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
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    previous = getattr(app, "_opvoed_qt_translator", None)
    if previous is not None:
        app.removeTranslator(previous)


@pytest.fixture(autouse=True)
def _answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def in_language(services: AppContext, lang: str) -> None:
    services.languages.speak(Translator.load(lang, translations_dir()))  # closing `services` gives Dutch back
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    configure(app, services)


def editor_for(qtbot: QtBot, services: AppContext, meeting_id: str) -> MeetingEditor:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    view = window.meetings_view
    assert view is not None
    window.tabs.setCurrentWidget(view)
    view.refresh()
    editor = view.open_meeting(meeting_id, tab=0)
    assert editor is not None
    return editor


def service(services: AppContext) -> MeetingService:
    assert services.meetings is not None
    return services.meetings


def visual_x(text: str, index: int, widget: QWidget, rtl: bool) -> float:
    """Where Qt's own bidi draws character `index` of `text` in a paragraph of that direction."""
    layout = QTextLayout(text, widget.font())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    drawn: dict[int, float] = {}
    for run in line.glyphRuns(-1, -1, QTextLayout.GlyphRunRetrievalFlag.RetrieveAll):
        for at, position in zip(run.stringIndexes(), run.positions(), strict=True):
            drawn[at] = position.x()
    return drawn[index]


def type_date(qtbot: QtBot, editor: MeetingEditor, text: str) -> None:
    field = editor.when_edit
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_a_typed_date_is_exactly_that_date(qtbot: QtBot, services: AppContext) -> None:
    meeting = service(services).create_meeting("Avond", starts_at=datetime(2026, 12, 2, 19, 0))
    editor = editor_for(qtbot, services, meeting)
    editor.when_edit.edit.setFocus()
    type_date(qtbot, editor, "09-12-2026 19:00")
    assert service(services).get_meeting(meeting).starts_at == datetime(2026, 12, 9, 19, 0)
    assert not editor.when_edit.has_error()


@pytest.mark.parametrize(("typed", "said"), [("31-02-1899 25:99", "1899"), ("01-01-9999 23:59", "9999")])
def test_an_impossible_date_is_refused_with_a_sentence_and_kept_as_typed(
    qtbot: QtBot, services: AppContext, typed: str, said: str
) -> None:
    meeting = service(services).create_meeting("Avond", starts_at=datetime(2026, 12, 2, 19, 0))
    editor = editor_for(qtbot, services, meeting)
    editor.when_edit.edit.setFocus()
    type_date(qtbot, editor, typed)
    assert service(services).get_meeting(meeting).starts_at == datetime(2026, 12, 2, 19, 0)
    error = editor.when_edit.error
    assert error.isVisible() and said in error.text() and error.text().endswith(".")
    assert editor.when_edit.text() == typed  # nothing typed is changed


def test_the_calendar_speaks_the_interface_language(qtbot: QtBot, services: AppContext) -> None:
    meeting = service(services).create_meeting("Avond", starts_at=datetime(2026, 12, 2, 19, 0))
    in_language(services, "ar")
    editor = editor_for(qtbot, services, meeting)
    calendar = editor.when_edit.calendar
    assert calendar.locale().language() == QLocale.Language.Arabic
    # Opening the calendar shows the meeting's own day, whatever today is (this test once read
    # the calendar unopened, which holds today, and failed after midnight).
    menu = editor.when_edit.calendar_button.menu()
    assert menu is not None
    menu.aboutToShow.emit()
    assert calendar.selectedDate() == QDate(2026, 12, 2)
    editor.when_edit._day_chosen(calendar.selectedDate().addDays(7))
    assert service(services).get_meeting(meeting).starts_at == datetime(2026, 12, 9, 19, 0)


def test_arabic_interface_shows_19_00_not_00_19(qtbot: QtBot, services: AppContext) -> None:
    meeting = service(services).create_meeting("Avond", starts_at=datetime(2026, 12, 9, 19, 0))
    in_language(services, "ar")
    editor = editor_for(qtbot, services, meeting)
    assert editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    edit = editor.when_edit.edit
    text = edit.text()
    assert text == "09-12-2026 19:00"
    rtl = edit.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # Read left to right on the screen: the day comes before the hour, and "19" before "00".
    assert visual_x(text, 0, edit, rtl) < visual_x(text, 11, edit, rtl) < visual_x(text, 14, edit, rtl)
    # The same in the meetings list and the agenda's clock times, which follow the window's direction.
    window = editor.window()
    listed = window.meetings_view.model.data(window.meetings_view.model.index(0, 0))
    start = listed.index("09-12")
    assert visual_x(listed, start, editor, True) < visual_x(listed, listed.index("19:00"), editor, True)
    service(services).plan_agenda(meeting, [("own", None, "Welkom", 10)])
    editor.reload()
    times = editor.agenda.model.data(editor.agenda.model.index(0, 0))
    assert visual_x(times, times.index("19:00"), editor, True) < visual_x(times, times.index("19:10"), editor, True)


def test_dutch_titles_keep_their_question_mark_at_the_end_in_arabic(qtbot: QtBot, services: AppContext) -> None:
    meeting = service(services).create_meeting("Waarom samenwerken?", starts_at=datetime(2026, 12, 9, 19, 0))
    service(services).plan_agenda(meeting, [("background", "waarom-samenwerken", "Waarom samenwerken?", 5)])
    in_language(services, "ar")
    editor = editor_for(qtbot, services, meeting)
    window = editor.window()
    shown = {
        "agenda": editor.agenda.model.data(editor.agenda.model.index(0, 1)),
        "notes list": editor.note_items.item(1).text(),
        "meetings list": window.meetings_view.model.data(window.meetings_view.model.index(0, 1)),
    }
    for where, text in shown.items():
        mark, start = text.index("?"), text.index("W")
        assert visual_x(text, mark, editor, True) > visual_x(text, start, editor, True), where


def test_an_empty_title_gets_a_sentence_at_the_field(qtbot: QtBot, services: AppContext) -> None:
    meeting = service(services).create_meeting("Ouderavond")
    editor = editor_for(qtbot, services, meeting)
    editor.title_edit.clear()
    editor.title_edit.editingFinished.emit()
    message = editor.findChild(QLabel, "error_title")
    assert message.isVisible() and "titel" in message.text().lower()
    assert service(services).get_meeting(meeting).title == "Ouderavond"
    editor.title_edit.setText("Ouderavond in de bieb")
    editor.title_edit.editingFinished.emit()
    assert not message.isVisible()
    assert service(services).get_meeting(meeting).title == "Ouderavond in de bieb"


def test_a_new_meeting_starts_next_week_at_seven(qtbot: QtBot, services: AppContext) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    before = datetime.now()
    window.meetings_view.new_meeting()  # type: ignore[union-attr]
    editor = window.meetings_view.editor  # type: ignore[union-attr]
    starts = service(services).get_meeting(editor.meeting_id).starts_at
    assert starts is not None and (starts.hour, starts.minute) == (19, 0)
    assert starts.date() in {before.date() + timedelta(days=7), datetime.now().date() + timedelta(days=7)}
    assert window.meetings_view.count_label.text() == "1 bijeenkomst"  # type: ignore[union-attr]


def test_room_languages_are_a_choice_and_old_text_is_kept(qtbot: QtBot, services: AppContext) -> None:
    meeting = service(services).create_meeting("Avond", languages=["Nederlands, Arabisch, Tigrinya, Turks", "Klingon"])
    editor = editor_for(qtbot, services, meeting)
    picker = editor.details.languages
    assert picker.codes == ["nl", "ar", "ti", "tr"] and picker.unmatched == ["Klingon"]
    assert picker.kept.isVisible() and "Klingon" in picker.kept.text()
    picker.search.setText("somali")
    visible = [picker.list.item(r) for r in range(picker.list.count()) if not picker.list.item(r).isHidden()]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in visible] == ["so"]
    visible[0].setCheckState(Qt.CheckState.Checked)
    assert service(services).get_meeting(meeting).languages == ["nl", "ar", "ti", "tr", "so", "Klingon"]
    picker.search.setText("ትግርኛ")  # Tigrinya by its own name
    assert [
        picker.list.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(picker.list.count())
        if not picker.list.item(r).isHidden()
    ] == ["ti"]
    picker.remove_unmatched()
    picker.set_checked("tr", False)
    assert service(services).get_meeting(meeting).languages == ["nl", "ar", "ti", "so"]
    assert "Somali" in picker.summary.text() and not picker.kept.isVisible()


def test_room_languages_by_keyboard_a_name_and_enter(qtbot: QtBot, services: AppContext) -> None:
    meeting = service(services).create_meeting("Avond")
    editor = editor_for(qtbot, services, meeting)
    picker = editor.details.languages
    picker.search.setFocus()
    for name in ("Arabisch", "Tigrinya", "arabisch"):  # the third: already ticked, stays once
        qtbot.keyClicks(picker.search, name)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        assert picker.search.text() == ""  # ready for the next language
    assert service(services).get_meeting(meeting).languages == ["ar", "ti"]
    assert "Arabisch" in picker.summary.text() and "Tigrinya" in picker.summary.text()
    qtbot.keyClicks(picker.search, "Klingonees")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.search.text() == "Klingonees"  # nothing matched: what was typed stays
    assert picker.no_match.isVisible() and "Klingonees" in picker.no_match.text()
    assert service(services).get_meeting(meeting).languages == ["ar", "ti"]
    picker.search.clear()
    assert not picker.no_match.isVisible()
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # Enter in an empty search ticks nothing
    assert service(services).get_meeting(meeting).languages == ["ar", "ti"]


@pytest.mark.parametrize(
    ("lang", "expected", "english"),
    [
        ("nl", ["Zoeken in:", "Bestanden van type:"], ["Look in", "Files of type"]),
        ("ar", ["اعثر في:", "الملفّات من النّوع:"], ["Look in", "Files of type"]),
    ],
)
def test_qt_file_dialog_speaks_the_interface_language(
    qtbot: QtBot, services: AppContext, lang: str, expected: list[str], english: list[str]
) -> None:
    in_language(services, lang)
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = [label.text().replace("&", "") for label in dialog.findChildren(QLabel)]
    for text in expected:
        assert text in labels, labels
    assert not any(word in label for word in english for label in labels), labels


def test_deadlines_in_words_are_kept_and_impossible_dates_are_said_not_dropped(
    qtbot: QtBot, services: AppContext
) -> None:
    meeting = service(services).create_meeting("Afspraken")
    editor = editor_for(qtbot, services, meeting)
    table = editor.agreements
    table.add_row()
    table.add_row()
    table.table.item(0, 0).setText("Folder vertalen")
    table.table.item(0, 2).setText("eind januari")
    table.table.item(1, 2).setText("31-02-2027")
    first, second = service(services).agreements(meeting)
    assert (first.due, first.due_text) == (None, "eind januari")
    assert (second.due, second.due_text) == (None, "31-02-2027")  # kept, never discarded
    assert "31-02-2027" in table.message.text() and "bewaard" in table.message.text()
    assert table.table.item(1, 2).background().color().name() == "#fdecea"
    # Opened again (another day): the words are there, the mistake is still said.
    table.reload()
    assert [table.table.item(r, 2).text() for r in range(2)] == ["eind januari", "31-02-2027"]
    assert "31-02-2027" in table.message.text()
    assert table.table.item(1, 2).background().color().name() == "#fdecea"
    table.table.item(1, 2).setText("28-02-2027")
    second = service(services).agreements(meeting)[1]
    assert (second.due.isoformat(), second.due_text) == ("2027-02-28", "")  # type: ignore[union-attr]
    assert table.message.text() == ""
