"""Encryption stopped half-way (the laptop switched off, the process killed during the swap): some
backups still hold every note in plain text. The window must not tick "Versleutel mijn
aantekeningen" as if all were done (and offer only to turn it off); it says what is left at start,
and choosing the menu entry with the same passphrase finishes the job."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.context import Storage
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import backup, convert, crypto, key_wrap, keys, open_database
from opvoed_desktop.ui.encrypt_dialog import EncryptDialog
from opvoed_desktop.ui.encryption import EncryptionMenu

PASSPHRASE = "paarse olifant danst zacht"
SECRET = "zwxqmirtelbloem"


@pytest.fixture
def half_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DataPaths]:
    """Encrypted, except one backup whose swap never happened: it is still the plain original."""
    import keyring
    from keyring.backends.null import Keyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", Keyring())
    monkeypatch.setattr(key_wrap, "ARGON2_MEMORY_KIB", 8)
    monkeypatch.setattr(crypto, "passphrase_file", None)
    data = DataPaths(tmp_path / "data")
    with open_database(data) as db:
        MeetingService(db).add_note(MeetingService(db).create_meeting("Ouderavond"), f"notitie {SECRET}")
        db.backup(reason="manual")
    (plain_backup,) = [info.path for info in backup.list_backups(data)]
    kept = tmp_path / "plain-copy"
    shutil.copyfile(plain_backup, kept)
    convert.encrypt(data, PASSPHRASE)
    shutil.copyfile(kept, plain_backup)  # as if the process died before this file's swap
    assert keys.is_plain(plain_backup) and SECRET.encode() in plain_backup.read_bytes()
    keys.forget(data.root)
    crypto.unlock(data, PASSPHRASE)  # the window's start: the passphrase was typed
    yield data
    keys.forget(data.root)


def test_the_start_says_what_is_left_and_the_menu_is_not_ticked(qtbot: QtBot, half_done: DataPaths) -> None:
    storage = Storage()
    storage.open(half_done)
    try:
        assert storage.message is not None and "niet afgemaakt" in storage.message

        class AppContext:
            data = half_done
            database = storage.database

        window = QMainWindow()
        qtbot.addWidget(window)
        menu = QMenu()
        encryption = EncryptionMenu(window, AppContext, menu, menu.addAction("Afsluiten"))
        assert not encryption.toggle.isChecked()  # ticking it finishes; unticking would decrypt
        assert encryption.toggle.isEnabled()
    finally:
        storage.close()


def test_choosing_it_again_with_the_same_passphrase_finishes(qtbot: QtBot, half_done: DataPaths) -> None:
    with open_database(half_done) as db:
        dialog = EncryptDialog(half_done, db)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.new_passphrase.first, PASSPHRASE)
        qtbot.keyClicks(dialog.new_passphrase.second, PASSPHRASE)
        dialog.start_button.click()
        qtbot.waitUntil(lambda: dialog.thread is not None and not dialog.thread.is_alive(), timeout=30_000)
        qtbot.waitUntil(lambda: "afgemaakt" in dialog.step.text(), timeout=5_000)
        assert dialog.recovery_key is None
    assert convert.unfinished(half_done) == []
    for info in backup.list_backups(half_done):
        assert SECRET.encode() not in info.path.read_bytes()


def test_the_banner_goes_once_it_is_finished(
    qtbot: QtBot, half_done: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QLabel

    storage = Storage()
    storage.open(half_done)
    try:
        notice = storage.unfinished_notice
        assert notice and storage.message == notice

        class Guard:
            banner = QLabel(storage.message)

            def say(self, text: str) -> None:
                self.banner.setText(text)

        class AppContext:
            data = half_done
            database = storage.database

        AppContext.storage = storage  # type: ignore[attr-defined]
        window = QMainWindow()
        window.storage_guard = Guard()  # type: ignore[attr-defined]
        qtbot.addWidget(window)
        menu = QMenu()
        encryption = EncryptionMenu(window, AppContext, menu, menu.addAction("Afsluiten"))

        def finish(dialog: EncryptDialog) -> int:
            convert.encrypt(half_done, PASSPHRASE, database=storage.database)
            return 1

        monkeypatch.setattr(EncryptDialog, "exec", finish)
        encryption.toggle.trigger()
        assert window.storage_guard.banner.text() == ""  # type: ignore[attr-defined]
        assert encryption.toggle.isChecked()
    finally:
        storage.close()
