"""The encryption dialogs with real widgets: a wrong passphrase is a sentence at the field and
another try, the recovery key opens and sets a new passphrase, and turning encryption on from the
window converts the open database and shows the recovery key once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import backup, convert, crypto, keys, open_database
from opvoed_desktop.ui.encrypt_dialog import EncryptDialog
from opvoed_desktop.ui.unlock_dialog import UnlockDialog

PASSPHRASE = "paarse olifant danst zacht"


@pytest.fixture
def paths(tmp_path: Path) -> Iterator[DataPaths]:
    data = DataPaths(tmp_path / "data")
    with open_database(data) as db:
        service = MeetingService(db)
        meeting = service.create_meeting("Bijeenkomst")
        service.add_note(meeting, "een notitie over het vaderscafé")
    yield data
    keys.forget(data.root)


def _encrypted(paths: DataPaths) -> str:
    recovery = convert.encrypt(paths, PASSPHRASE).recovery_key
    keys.forget(paths.root)
    assert recovery is not None
    return recovery


def test_wrong_passphrase_says_so_and_the_right_one_opens(qtbot: QtBot, paths: DataPaths) -> None:
    _encrypted(paths)
    dialog = UnlockDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "niet het goede wachtwoord")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert "klopt niet" in dialog.error.text() and dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted and keys.registered(paths.root) is None
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and keys.registered(paths.root) is not None
    with open_database(paths) as db:
        assert MeetingService(db).list_meetings()


def test_recovery_key_opens_and_sets_a_new_passphrase(qtbot: QtBot, paths: DataPaths) -> None:
    recovery = _encrypted(paths)
    dialog = UnlockDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.forgot, Qt.MouseButton.LeftButton)
    assert dialog.recovery.isVisible() and not dialog.passphrase.isVisible()
    qtbot.keyClicks(dialog.recovery, "AAAA" * 8)
    qtbot.keyClicks(dialog.new_passphrase.first, "een nieuw wachtwoord hier")
    qtbot.keyClicks(dialog.new_passphrase.second, "een nieuw wachtwoord hier")
    qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    assert "herstelsleutel klopt niet" in dialog.recovery_error.text().lower()
    dialog.recovery.clear()
    qtbot.keyClicks(dialog.recovery, recovery.lower())
    qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    keys.forget(paths.root)
    with pytest.raises(crypto.WrongPassphraseError):
        crypto.unlock(paths, PASSPHRASE)
    crypto.unlock(paths, "een nieuw wachtwoord hier")


def test_turning_it_on_in_the_window_converts_the_open_database(qtbot: QtBot, paths: DataPaths) -> None:
    with open_database(paths) as db:
        dialog = EncryptDialog(paths, db)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.new_passphrase.first, "kort")
        assert "te kort" in dialog.new_passphrase.strength.text()
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert "minstens" in dialog.new_passphrase.error.text() and not crypto.is_encrypted(paths)
        dialog.new_passphrase.first.clear()
        qtbot.keyClicks(dialog.new_passphrase.first, PASSPHRASE)
        qtbot.keyClicks(dialog.new_passphrase.second, PASSPHRASE)
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=30000)
        shown = dialog.key_label.text()
        assert crypto.parse_recovery_key(shown) is not None
        assert not dialog.done_button.isEnabled()  # only after ticking that it is written down
        dialog.written.setChecked(True)
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
        assert dialog.key_label.text() == ""  # shown once
        # The window's database goes on, now on the encrypted file.
        service = MeetingService(db)
        meeting = service.create_meeting("Na het versleutelen")
        service.add_note(meeting, "nog een notitie")
    assert not keys.is_plain(paths.database)
    assert not any(keys.is_plain(info.path) for info in backup.list_backups(paths))
    keys.forget(paths.root)
    key = crypto.unlock_with_recovery(paths, shown)
    assert key


def test_return_after_a_wrong_passphrase_tries_again_on_the_same_page(qtbot: QtBot, paths: DataPaths) -> None:
    """Found by the e2e test: Return must mean "Openen", never the recovery link next to it."""
    _encrypted(paths)
    dialog = UnlockDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.passphrase, "niet het goede wachtwoord")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert "klopt niet" in dialog.error.text() and dialog.passphrase.isVisible()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)  # the wrong one is selected: typing replaces it
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_recovery_key_pdf_from_the_dialog(
    qtbot: QtBot, paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    with open_database(paths) as db:
        dialog = EncryptDialog(paths, db)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.new_passphrase.first, PASSPHRASE)
        qtbot.keyClicks(dialog.new_passphrase.second, PASSPHRASE)
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=30000)
        target = tmp_path / "herstel.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
        qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
        text = "".join(page.extract_text() for page in PdfReader(target).pages)
        # On one line, as shown (a key broken over two lines is easy to copy wrongly).
        assert dialog.key_label.text() in text.splitlines() and "herstelsleutel" in text.lower()
        assert str(target) in dialog.pdf_note.text()
        assert target.stat().st_mode & 0o077 == 0  # as secret as the passphrase


def test_change_passphrase_then_turn_it_off_from_the_menu(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

    from opvoed_desktop.ui.encryption import ChangePassphraseDialog, EncryptionMenu

    _encrypted(paths)
    crypto.unlock(paths, PASSPHRASE)
    change = ChangePassphraseDialog(paths)
    qtbot.addWidget(change)
    qtbot.keyClicks(change.current, "niet het wachtwoord")
    qtbot.keyClicks(change.new_passphrase.first, "het tweede wachtwoord")
    qtbot.keyClicks(change.new_passphrase.second, "het tweede wachtwoord")
    qtbot.mouseClick(change.change_button, Qt.MouseButton.LeftButton)
    assert "klopt niet" in change.error.text() and change.result() != QDialog.DialogCode.Accepted
    change.current.clear()
    qtbot.keyClicks(change.current, PASSPHRASE)
    qtbot.mouseClick(change.change_button, Qt.MouseButton.LeftButton)
    assert change.result() == QDialog.DialogCode.Accepted

    class AppContext:
        data = paths
        database = open_database(paths)

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = QMenu()
    quit_action = menu.addAction("Afsluiten")
    encryption = EncryptionMenu(window, AppContext, menu, quit_action)
    assert encryption.toggle.isChecked() and encryption.change.isEnabled()
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    encryption.toggle.trigger()  # unticking asks first: "No" leaves everything as it is
    assert crypto.is_encrypted(paths) and encryption.toggle.isChecked()
    encryption.toggle.trigger()
    assert not crypto.is_encrypted(paths) and not encryption.toggle.isChecked()
    assert keys.is_plain(paths.database)
    with AppContext.database.write() as session:  # the window's database goes on, plain now
        assert session is not None
    AppContext.database.close()


@pytest.mark.parametrize("key", ["-".join(["WMWM"] * 8), "-".join(["IIII"] * 8)])
def test_the_widest_and_narrowest_keys_print_on_one_line(key: str, tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader

    from opvoed_desktop.documents.recovery_sheet import recovery_sheet_pdf

    text = PdfReader(io.BytesIO(recovery_sheet_pdf(key, tmp_path))).pages[0].extract_text()
    assert key in text.splitlines()
