"""The hand-outs tab takes the meeting open under Bijeenkomsten, with its room's languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.ui.main_window import MainWindow


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppContext]:
    s = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    s.data.ensure()
    open_storage(s)
    assert s.meetings is not None
    yield s
    s.close()


def test_open_meeting_is_chosen_for_the_hand_outs(qtbot: QtBot, services: AppContext) -> None:
    service = services.meetings
    assert service is not None
    evening = service.create_meeting("Avond De Brug", municipality="Utrecht", languages=["ar", "ti"])
    other = service.create_meeting("Middag Al Fath", languages=["tr"])
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    view = window.meetings_view
    assert view is not None
    window.tabs.setCurrentWidget(view)
    view.refresh()
    view.open_meeting(evening)
    window.tabs.setCurrentWidget(window.handouts_tab)
    handouts = window.handouts_tab.view
    assert handouts is not None
    assert handouts.meeting.currentData() == evening
    assert handouts.room.chosen() == ["ar", "ti"] and handouts.municipality.currentText() == "Utrecht"
    # A meeting chosen here by hand stays chosen.
    handouts.meeting.setCurrentIndex(handouts.meeting.findData(other))
    window.tabs.setCurrentWidget(view)
    window.tabs.setCurrentWidget(window.handouts_tab)
    assert handouts.meeting.currentData() == other and handouts.room.chosen() == ["tr"]
