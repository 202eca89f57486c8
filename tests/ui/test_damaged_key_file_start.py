"""A damaged key file at start: the window still opens (the toolkit, presenting a programme), the
banner says the key file is damaged, and no passphrase is asked that could never open anything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.context import Storage
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import convert, crypto, key_wrap, keys, open_database
from opvoed_desktop.ui import unlock_dialog

PASSPHRASE = "paarse olifant danst zacht"


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DataPaths]:
    import keyring
    from keyring.backends.null import Keyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", Keyring())
    monkeypatch.setattr(key_wrap, "ARGON2_MEMORY_KIB", 8)
    monkeypatch.setattr(crypto, "passphrase_file", None)
    monkeypatch.delenv(crypto.PASSPHRASE_FILE_ENV, raising=False)
    data = DataPaths(tmp_path / "data")
    with open_database(data) as db:
        MeetingService(db).create_meeting("Ouderavond")
    convert.encrypt(data, PASSPHRASE)
    keys.forget(data.root)
    yield data
    keys.forget(data.root)


@pytest.mark.parametrize("content", [b"", b'{"format": "opvoed-desk', b"\x00\xff" * 50, b'{"format": null}'])
def test_a_damaged_key_file_opens_the_window_with_a_sentence(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    (paths.root / keys.KEY_FILE).write_bytes(content)
    database_before = paths.database.read_bytes()

    def no_dialog(*_args: object) -> int:
        raise AssertionError("a passphrase was asked that cannot open anything")

    monkeypatch.setattr(unlock_dialog.UnlockDialog, "exec", no_dialog)
    assert unlock_dialog.unlock_at_start(paths)
    storage = Storage()
    storage.open(paths)
    try:
        assert storage.database is None
        assert storage.message is not None and "beschadigd" in storage.message and keys.KEY_FILE in storage.message
    finally:
        storage.close()
    assert paths.database.read_bytes() == database_before  # nothing set aside or rewritten


def test_an_intact_key_file_still_asks_for_the_passphrase(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []

    def answer(*_args: object) -> int:
        asked.append(True)
        return 0  # closed: the app stops

    monkeypatch.setattr(unlock_dialog.UnlockDialog, "exec", answer)
    assert not unlock_dialog.unlock_at_start(paths)
    assert asked
