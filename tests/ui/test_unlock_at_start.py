"""The start of the window: encrypted notes ask for the passphrase before the window opens (a
closed dialog stops the app); plain notes never ask, and the start then does not load the
encryption code at all (tests/startup/test_paint_first.py holds the imports to that)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from opvoed_desktop.app import build_services
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import convert, keys, open_database
from opvoed_desktop.ui import application
from opvoed_desktop.ui.encryption import UnlockDialog

PASSPHRASE = "paarse olifant danst zacht"


@pytest.fixture
def paths(tmp_path: Path) -> Iterator[DataPaths]:
    data = DataPaths(tmp_path / "data")
    with open_database(data) as db:
        MeetingService(db).create_meeting("Bijeenkomst")
    yield data
    keys.forget(data.root)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[UnlockDialog]:
    """The unlock dialogs shown; each is closed at once, as a person who walks away would."""
    shown: list[UnlockDialog] = []

    def close_at_once(dialog: UnlockDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(UnlockDialog, "exec", close_at_once)
    return shown


def test_encrypted_notes_ask_first_and_a_closed_dialog_stops_the_start(
    qtbot: object, paths: DataPaths, asked: list[UnlockDialog]
) -> None:
    convert.encrypt(paths, PASSPHRASE)
    keys.forget(paths.root)  # a new day: the key is not in memory, nor remembered in a keyring
    assert application._unlock(build_services(str(paths.root))) is False
    assert len(asked) == 1


def test_plain_notes_start_without_asking(qtbot: object, paths: DataPaths, asked: list[UnlockDialog]) -> None:
    assert application._unlock(build_services(str(paths.root))) is True
    assert asked == []
