"""Changing the passphrase where the key file cannot be written (a read-only folder, a full disk):
one sentence at the dialog, the old passphrase still opens the notes; and in a data dir opened for
reading only, the menu does not offer the change at all."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import convert, crypto, key_wrap, keys, open_database
from opvoed_desktop.ui.encryption import ChangePassphraseDialog, EncryptionMenu

PASSPHRASE = "paarse olifant danst zacht"
NEW = "het tweede wachtwoord"


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DataPaths]:
    import keyring
    from keyring.backends.null import Keyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", Keyring())
    monkeypatch.setattr(key_wrap, "ARGON2_MEMORY_KIB", 8)
    data = DataPaths(tmp_path / "data")
    with open_database(data) as db:
        MeetingService(db).add_note(MeetingService(db).create_meeting("Bijeenkomst"), "een notitie")
    convert.encrypt(data, PASSPHRASE)
    yield data
    keys.forget(data.root)


@pytest.mark.parametrize(("code", "words"), [(errno.EROFS, "alleen-lezen"), (errno.ENOSPC, "schijf is vol")])
def test_a_key_file_that_cannot_be_written_is_a_sentence_and_the_old_passphrase_stays(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    before = (paths.root / keys.KEY_FILE).read_bytes()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(crypto.os, "replace", refuse)
    dialog = ChangePassphraseDialog(paths)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new_passphrase.first, NEW)
    qtbot.keyClicks(dialog.new_passphrase.second, NEW)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)  # an exception here fails the test
    assert words in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    monkeypatch.undo()
    assert (paths.root / keys.KEY_FILE).read_bytes() == before
    assert not (paths.root / (keys.KEY_FILE + ".tmp")).exists()  # no half-written file left beside it
    keys.forget(paths.root)
    crypto.unlock(paths, PASSPHRASE)


def test_read_only_notes_offer_no_passphrase_change(qtbot: QtBot, paths: DataPaths) -> None:
    crypto.unlock(paths, PASSPHRASE)

    class AppContext:
        data = paths
        database = open_database(paths, read_only=True)

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = QMenu()
    quit_action = menu.addAction("Afsluiten")
    encryption = EncryptionMenu(window, AppContext, menu, quit_action)
    try:
        assert encryption.toggle.isChecked()
        assert not encryption.toggle.isEnabled()
        assert not encryption.change.isEnabled()
    finally:
        AppContext.database.close()
