"""The first start on a fresh account: a welcome that says where the data is and that it stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services
from opvoed_desktop.settings import Settings
from opvoed_desktop.ui.main_window import MainWindow


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppContext]:
    s = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    yield s
    s.close()  # gives back the interface language (a test switches it)


def open_window(qtbot: QtBot, services: AppContext) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_fresh_account_shows_where_data_is_kept(qtbot: QtBot, services: AppContext) -> None:
    window = open_window(qtbot, services)
    banner = window.welcome_banner
    assert banner is not None and banner.isVisible()
    text = banner.label.text()
    assert str(services.data.root) in text  # the real folder, not a description of it
    assert "geen internet" in text and "tenzij u het zelf exporteert" in text
    assert window.library_view.isVisible()  # the library is there at once, not behind a dialog


def test_dismissing_remembers_it_for_the_next_start(qtbot: QtBot, services: AppContext) -> None:
    window = open_window(qtbot, services)
    assert window.welcome_banner is not None
    with qtbot.waitSignal(window.welcome_banner.dismissed):
        qtbot.mouseClick(window.welcome_banner.button, Qt.MouseButton.LeftButton)
    assert not window.welcome_banner.isVisible()
    assert Settings.load(services.data).welcome_seen

    again = open_window(qtbot, services)
    assert again.welcome_banner is None


def test_switching_language_keeps_the_welcome_dismissed(qtbot: QtBot, services: AppContext) -> None:
    Settings(welcome_seen=True).save(services.data)
    window = MainWindow(services)  # not handed to qtbot: the switch closes and deletes it
    assert window.welcome_banner is None
    replacement = window.switch_language("en")
    assert replacement is not None
    qtbot.addWidget(replacement)
    assert replacement.welcome_banner is None
    settings = Settings.load(services.data)
    assert settings == Settings(ui_language="en", welcome_seen=True)


def test_damaged_settings_show_the_welcome_again(services: AppContext) -> None:
    services.data.ensure()
    (services.data.root / "settings.json").write_text('{"welcome_seen": "yes"}', encoding="utf-8")
    assert Settings.load(services.data).welcome_seen is False
