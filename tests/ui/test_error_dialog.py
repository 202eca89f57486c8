"""An error the app did not expect, while a note is open: one sentence and a copy button on screen,
the traceback in the log, the note's text in neither, and the note itself kept."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.errorlog import LOG_NAME, ErrorLog
from opvoed_desktop.i18n import Translator, speaking
from opvoed_desktop.paths import translations_dir
from opvoed_desktop.storage import StorageError
from opvoed_desktop.ui.error_dialog import ErrorDialog, ErrorReporter
from opvoed_desktop.ui.main_window import MainWindow
from opvoed_desktop.ui.meetings.meeting_editor import MeetingEditor

NOTE = "Vader Samir vertelde dat hij zijn baan kwijt is en de huur niet kan betalen"

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppContext]:
    s = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    s.data.ensure()
    open_storage(s)
    assert s.meetings is not None, s.storage_message
    yield s
    s.close()


@pytest.fixture
def log(services: AppContext) -> Iterator[ErrorLog]:
    log = ErrorLog(services.data.logs)
    yield log
    log.uninstall_hooks()
    log.detach()


def open_note(qtbot: QtBot, services: AppContext) -> tuple[MainWindow, str]:
    assert services.meetings is not None
    meeting_id = services.meetings.create_meeting("Koffieochtend", starts_at=datetime(2027, 5, 6, 10, 0))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting_notes(meeting_id)
    assert window.meetings_view is not None
    editor = window.meetings_view.editor
    assert editor is not None
    qtbot.keyClicks(editor.note_editor, NOTE)
    return window, meeting_id


def editor_of(window: MainWindow) -> MeetingEditor:
    assert window.meetings_view is not None and window.meetings_view.editor is not None
    return window.meetings_view.editor


def error_dialog(qtbot: QtBot, reporter: ErrorReporter) -> ErrorDialog:
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=5000)
    assert reporter.dialog is not None
    return reporter.dialog


def test_an_unexpected_error_shows_one_sentence_logs_the_trace_and_keeps_the_note(
    qtbot: QtBot, services: AppContext, log: ErrorLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    reporter = ErrorReporter(log)
    log.install_hooks(reporter.report)
    window, meeting_id = open_note(qtbot, services)
    editor = editor_of(window)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"kapot bij: {NOTE}")  # a bug whose message quotes the note

    monkeypatch.setattr(services.meetings, "update_meeting", broken)
    editor.title_edit.setText("Koffieochtend in de bibliotheek")
    editor.title_edit.editingFinished.emit()  # the slot raises: the UI does not catch a RuntimeError

    dialog = error_dialog(qtbot, reporter)
    assert dialog.sentence.text() == "Er ging iets mis dat de app niet verwachtte."
    assert "bewaard" in dialog.kept.text() and str(log.path) in dialog.where.text()
    assert NOTE not in dialog.sentence.text() + dialog.kept.text() + dialog.where.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "RuntimeError" in copied and "in broken" in copied and "opvoed-desktop" in copied
    assert NOTE not in copied and dialog.copy_button.text() == "Gekopieerd"

    text = log.path.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "in broken" in text
    assert NOTE not in text and "Samir" not in text
    if os.name == "posix":
        assert stat.S_IMODE(log.path.stat().st_mode) == 0o600
    assert [p.name for p in log.path.parent.iterdir()] == [LOG_NAME]

    # The app goes on: the note is still in its field and is stored.
    assert editor.note_editor.toPlainText() == NOTE
    assert editor.note_editor.flush()
    assert services.meetings is not None
    notes = services.meetings.get_meeting(meeting_id).notes_for(None)
    assert notes and notes[0].text == NOTE
    dialog.close()


def test_an_error_of_the_app_itself_stays_a_sentence_at_the_field(
    qtbot: QtBot, services: AppContext, log: ErrorLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    reporter = ErrorReporter(log)
    log.install_hooks(reporter.report)
    window, _meeting_id = open_note(qtbot, services)
    editor = editor_of(window)

    def refused(*_args: object, **_kwargs: object) -> None:
        raise StorageError("De database is alleen-lezen; sluit het andere venster.")

    monkeypatch.setattr(services.meetings, "update_meeting", refused)
    editor.title_edit.setText("Andere titel")
    editor.title_edit.editingFinished.emit()
    QApplication.processEvents()
    assert "alleen-lezen" in editor.status.text()
    assert reporter.dialog is None and not log.written


def test_several_errors_make_one_dialog(qtbot: QtBot, services: AppContext, log: ErrorLog) -> None:
    reporter = ErrorReporter(log)
    for n in range(3):
        try:
            raise ValueError(n)
        except ValueError as exc:
            reporter.report(exc, log.unexpected(exc))
    dialog = error_dialog(qtbot, reporter)
    qtbot.waitUntil(lambda: dialog.count == 3)
    assert "3 keer" in dialog.sentence.text()
    dialog.close()


def test_the_dialog_speaks_arabic_right_to_left(qtbot: QtBot, tmp_path: Path) -> None:
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        with speaking(Translator.load("ar", translations_dir())):
            dialog = ErrorDialog("Traceback", tmp_path / LOG_NAME)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.isRightToLeft()
        assert dialog.copy_button.text()  # translated or the Dutch source, never empty
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_qt_warnings_go_to_the_log(services: AppContext, log: ErrorLog) -> None:
    from PySide6.QtCore import qWarning

    from opvoed_desktop.ui.error_dialog import install_qt_message_handler, uninstall_qt_message_handler

    install_qt_message_handler(log)
    try:
        qWarning(f"QFile::open: cannot open {Path.home() / 'geheim.txt'}")
    finally:
        uninstall_qt_message_handler()
    text = log.path.read_text(encoding="utf-8")
    assert "QFile::open: cannot open ~" in text and str(Path.home()) + "/" not in text


def test_a_window_that_cannot_be_built_says_so_in_a_window(
    services: AppContext, log: ErrorLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opvoed_desktop.ui import application

    shown: list[ErrorDialog] = []

    def broken(_services: AppContext) -> MainWindow:
        raise RuntimeError(NOTE)

    monkeypatch.setattr(application, "create_main_window", broken)
    monkeypatch.setattr(ErrorDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    assert application.run(services, [], log) == 70
    (dialog,) = shown
    assert "niet starten" in dialog.kept.text() and str(log.path) in dialog.where.text()
    text = log.path.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "unexpected error in start" in text and NOTE not in text
