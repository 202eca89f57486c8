"""The window and a damaged database: the check after the first paint, damage met by a query
later, a damaged log; one sentence, the newest good backup one click away, no typed text lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import open_database
from opvoed_desktop.ui.main_window import MainWindow
from tests.storage.faults import damage_mid_file, damage_table, fill


@pytest.fixture
def data(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


def _window(qtbot: QtBot, data: DataPaths) -> tuple[MainWindow, AppContext]:
    services = build_services(data_dir=str(data.root), lang="nl")
    open_storage(services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    return window, services


def _wait_for_start_check(qtbot: QtBot, window: MainWindow) -> None:
    # The check starts from a timer after the first paint: wait for the timer, then for the thread.
    qtbot.waitUntil(window.storage_guard.start_done.is_set, timeout=30_000)
    qtbot.wait(50)  # the queued result reaches the window


@pytest.fixture
def closing() -> Iterator[list[AppContext]]:
    opened: list[AppContext] = []
    yield opened
    for services in opened:
        services.close()


def test_the_check_after_the_first_paint_sets_mid_file_damage_aside(
    qtbot: QtBot, data: DataPaths, closing: list[AppContext]
) -> None:
    fill(data)
    with open_database(data) as db:
        good = db.backup("manual")
    damage_mid_file(data.database)
    window, services = _window(qtbot, data)
    closing.append(services)
    assert window.meetings_view is not None
    assert len(window.meetings_view.model.rows) == 40  # the window opened before the check
    _wait_for_start_check(qtbot, window)
    recovered = services.database.recovered
    assert recovered is not None and recovered.newest_backup == good
    assert window.storage_banner.isVisible() and window.storage_banner.text() == recovered.message
    assert window.restore_offer.isVisible()
    assert window.meetings_view.model.rows == []
    qtbot.mouseClick(window.restore_offer, Qt.MouseButton.LeftButton)
    assert len(window.meetings_view.model.rows) == 40
    assert window.storage_banner.text() == "De reservekopie is teruggezet; u kunt verder werken."
    assert not window.restore_offer.isVisible()


def test_a_query_that_meets_damage_says_a_sentence_and_sets_the_file_aside(
    qtbot: QtBot, data: DataPaths, closing: list[AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill(data, meetings=4, notes=30)
    with open_database(data) as db:
        db.backup("manual")
    damage_table(data.database, "note")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: warnings.append(text))
    window, services = _window(qtbot, data)
    closing.append(services)
    assert window.meetings_view is not None
    window.meetings_view.open_meeting(ids[0])
    qtbot.waitUntil(lambda: services.database.recovered is not None, timeout=5000)
    assert warnings == [
        "Het gegevensbestand opvoed.sqlite3 is beschadigd; de app zet het apart (het wordt niet gewist) "
        "en biedt de nieuwste goede reservekopie aan."
    ]
    assert window.storage_banner.text() == services.database.recovered.message
    assert window.restore_offer.isVisible()
    moved = services.database.recovered.moved_to
    assert moved.exists() and moved.parent == data.root


def test_text_that_could_not_be_stored_is_written_beside_the_data(
    qtbot: QtBot, data: DataPaths, closing: list[AppContext]
) -> None:
    ids = fill(data, meetings=3, notes=30)
    window, services = _window(qtbot, data)
    closing.append(services)
    _wait_for_start_check(qtbot, window)
    view = window.meetings_view
    assert view is not None
    editor = view.open_meeting(ids[0], tab=3)
    assert editor is not None
    editor.note_editor.setFocus()
    qtbot.keyClicks(editor.note_editor, "Nog niet bewaard: de vaders komen volgende week")
    services.database.engine.dispose()  # no page of the note table left in memory
    damage_table(data.database, "note")
    typed = editor.note_editor.toPlainText()
    assert typed.startswith("Nog niet bewaard: de vaders komen volgende week")
    assert editor.note_editor.flush() is False  # the save meets the damage
    qtbot.waitUntil(lambda: services.database.recovered is not None, timeout=5000)
    (rescued,) = data.root.glob("niet-bewaarde-tekst-*.txt")
    assert rescued.read_text(encoding="utf-8") == typed
    assert rescued.stat().st_mode & 0o777 == 0o600
    assert window.storage_banner.text().endswith(f"De tekst die nog niet bewaard was, staat in {rescued.name}.")
    assert view.editor is None


def test_a_damaged_log_is_said_in_the_banner(qtbot: QtBot, data: DataPaths, closing: list[AppContext]) -> None:
    import shutil

    from opvoed_desktop.storage.driver import dbapi as sqlite3

    source = DataPaths(data.root.parent / "bron")
    with open_database(source) as db:
        MeetingService(db).create_meeting("Eerst")
    conn = sqlite3.connect(source.database)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE meeting SET venue = 'Buurthuis'")
    conn.commit()
    data.root.mkdir(parents=True)
    shutil.copyfile(source.database, data.database)
    log = bytearray(source.database.with_name("opvoed.sqlite3-wal").read_bytes())
    conn.close()
    log[-50] ^= 0xFF
    data.database.with_name("opvoed.sqlite3-wal").write_bytes(bytes(log))
    window, services = _window(qtbot, data)
    closing.append(services)
    notice = services.database.wal_damage
    assert notice is not None and window.storage_banner.text() == notice.message
    assert window.storage_banner.isVisible() and not window.restore_offer.isVisible()


def test_a_healthy_start_shows_no_banner_and_makes_one_backup(
    qtbot: QtBot, data: DataPaths, closing: list[AppContext]
) -> None:
    from opvoed_desktop.storage import backup

    fill(data, meetings=2, notes=1)
    window, services = _window(qtbot, data)
    closing.append(services)
    _wait_for_start_check(qtbot, window)
    assert not window.storage_banner.isVisible() and not window.restore_offer.isVisible()
    assert services.database.recovered is None
    assert [b.reason for b in backup.list_backups(data)] == ["start"]


def test_a_window_closed_during_the_start_check_leaves_no_error(
    qtbot: QtBot, data: DataPaths, closing: list[AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the app while the check after the first paint still runs: its result has nowhere to
    go, and that is no error (the error hook would show a dialog while the app closes)."""
    import threading

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from opvoed_desktop.storage import backup
    from opvoed_desktop.ui.storage_guard import START_THREAD

    release = threading.Event()
    real = backup.start_check

    def slow_check(paths: DataPaths) -> object:
        release.wait(10)
        return real(paths)

    monkeypatch.setattr(backup, "start_check", slow_check)
    errors: list[object] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_type))
    services = build_services(data_dir=str(data.root), lang="nl")
    open_storage(services)
    closing.append(services)
    window = MainWindow(services)
    window.show()
    qtbot.waitUntil(lambda: any(t.name == START_THREAD for t in threading.enumerate()), timeout=10_000)
    thread = next(t for t in threading.enumerate() if t.name == START_THREAD)
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    thread.join(10)
    assert not thread.is_alive() and errors == []
