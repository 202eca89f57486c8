"""`present --programme`: the meeting is made on a worker thread after the first slide, and
what was typed before it existed goes into it — also when the show ends first."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import build_services
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.presenting import AgendaPlan, build_show
from opvoed_desktop.services.presenting.notes import PendingMeeting
from opvoed_desktop.storage import open_database
from opvoed_desktop.ui.present_app import _attach, _MeetingMaker
from opvoed_desktop.ui.presenter import PresenterController


@pytest.mark.parametrize("begun", [True, False])
def test_the_note_typed_first_lands_in_the_meeting(
    qtbot: QtBot, tmp_path: Path, begun: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import opvoed_desktop.storage as storage
    from opvoed_desktop.storage.database import open_database as real_open

    seen_intervals: list[float] = []

    def watched_open(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen_intervals.append(sys.getswitchinterval())
        return real_open(*args, **kwargs)

    monkeypatch.setattr(storage, "open_database", watched_open, raising=False)
    usual_interval = sys.getswitchinterval()
    gc.unfreeze()
    services = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    programme = services.library.get("programma-kennismaking")
    items = AgendaPlan.from_programme(programme, services.library).items  # type: ignore[arg-type]
    pending = PendingMeeting()
    controller = PresenterController(build_show(items, services.library), services.library, pending, pending)
    controller.start()
    qtbot.waitExposed(controller.console)
    controller.console.focus_note()
    qtbot.keyClicks(controller.console.note, "Eerst getypt")
    maker = _MeetingMaker(services, items, "programma-kennismaking", "nl")
    maker.ready.connect(lambda result: _attach(result, pending, controller))
    if begun:
        maker.start()
        qtbot.waitUntil(lambda: pending.attached, timeout=20000)  # the GUI kept running meanwhile
        assert controller.console.meeting_banner.isVisible()
        maker.thread.join(timeout=20)
        # The keys got the interpreter lock quickly while the meeting was made; then as usual, and
        # what was loaded is out of the collector's way.
        assert seen_intervals and seen_intervals[0] < usual_interval
        assert sys.getswitchinterval() == usual_interval
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
    with qtbot.waitSignal(controller.finished, timeout=3000):
        controller.do("end")  # Esc
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    maker.close(app)  # not begun: the meeting is made now, at the end
    gc.unfreeze()  # the rest of the test run collects as usual
    with open_database(DataPaths(tmp_path / "data")) as db:
        (made,) = MeetingService(db).list_meetings()
        detail = MeetingService(db).get_meeting(made.id)
    assert made.title.startswith("Bijeenkomst ") and detail.programme_id == "programma-kennismaking"
    assert [(n.agenda_item_id, n.text) for n in detail.notes] == [(detail.agenda[0].id, "Eerst getypt")]
    assert detail.agenda[0].actual_start is not None and detail.agenda[0].actual_end is not None


def test_the_meeting_is_begun_right_after_the_first_paint_and_once(qtbot: QtBot) -> None:
    """What is typed is stored from the first slide on: the meeting is not left for later."""
    from PySide6.QtWidgets import QLabel

    from opvoed_desktop.ui.present_app import _AfterFirstPaint

    calls: list[str] = []
    first, second = QLabel("zaal"), QLabel("console")
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    painted = _AfterFirstPaint(lambda: calls.append("begun"), first)
    first.installEventFilter(painted)
    second.installEventFilter(painted)
    assert calls == []  # not before anything is on the screen
    first.show()
    second.show()
    qtbot.waitUntil(lambda: calls == ["begun"], timeout=5000)
    first.repaint()
    second.repaint()
    qtbot.wait(50)
    assert calls == ["begun"]
