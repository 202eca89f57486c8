"""The organisation overview asks the hub on a worker: the window stays usable while a hub is slow
or silent, "Annuleren" closes it at once, and a hub that fails is said in one sentence with this
laptop's counts shown instead. Real widgets; a real PostgreSQL hub for the happy path."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from opvoed_desktop.hub.identity import HUB_URL_KEY
from opvoed_desktop.hub.sync import sync
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import Database
from opvoed_desktop.storage.sync_state import write_state
from opvoed_desktop.ui.hub.overview_dialog import OverviewDialog


@pytest.fixture
def silent_hub() -> Iterator[str]:
    """A hub address whose server accepts the connection (the kernel does, from the backlog) and
    then never says a word, as a hung server or a firewall that swallows packets."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"postgresql://opvoed@127.0.0.1:{listener.getsockname()[1]}/hub?sslmode=disable"
    # Closed: whatever still waits on it is refused now, so its worker ends.


def _cells(dialog: OverviewDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]


def test_a_silent_hub_leaves_the_window_usable_and_cancel_closes_it(
    qtbot: QtBot, silent_hub: str, laptops: tuple[Database, Database]
) -> None:
    a, _b = laptops
    MeetingService(a).create_meeting("Ouderavond", municipality="Schiedam")
    write_state(a, HUB_URL_KEY, silent_hub)
    started = time.monotonic()
    dialog = OverviewDialog(a)
    qtbot.addWidget(dialog)
    dialog.show()
    assert time.monotonic() - started < 3  # the dialog did not wait for the hub (it waits 10 s)
    worker = dialog.thread
    assert worker is not None and worker.is_alive()
    assert dialog.busy.isVisible() and dialog.close_button.text() == "Annuleren"
    assert not dialog.pdf_button.isEnabled()  # nothing to save yet
    ticks: list[float] = []
    timer = QTimer(dialog)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    qtbot.wait(1000)
    assert len(ticks) >= 10  # the event loop ran all the while: the window answers
    assert worker.is_alive()  # and the hub still has not
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert time.monotonic() - started < 5
    timer.stop()
    # What the worker still brings back is dropped, without a crash, when the silent server goes.
    dialog.deleteLater()
    qtbot.wait(50)


def test_an_unreachable_hub_is_said_in_one_sentence_with_this_laptops_counts(
    qtbot: QtBot, laptops: tuple[Database, Database]
) -> None:
    a, _b = laptops
    for town in ("Schiedam", "Vlaardingen"):
        MeetingService(a).create_meeting("Ouderavond", municipality=town)
    with socket.socket() as probe:  # a port nothing listens on: refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    write_state(a, HUB_URL_KEY, f"postgresql://opvoed@127.0.0.1:{port}/hub?sslmode=disable")
    dialog = OverviewDialog(a)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=20_000)
    assert not dialog.busy.isVisible() and dialog.close_button.text() == "Sluiten"
    assert dialog.note.text().startswith("De hub is niet bereikbaar; dit zijn de bijeenkomsten op deze laptop.")
    assert _cells(dialog) == [
        ["Schiedam", "(geen datum)", "1"],
        ["Vlaardingen", "(geen datum)", "1"],
        ["Totaal", "", "2"],
    ]
    assert dialog.pdf_button.isEnabled() and dialog.period.isEnabled()


def test_the_overview_from_the_hub_counts_every_laptops_shared_meetings(
    qtbot: QtBot, hub: Engine, hub_url: str, laptops: tuple[Database, Database]
) -> None:
    from datetime import datetime

    a, b = laptops
    service = MeetingService(a)
    shared = [
        service.create_meeting("Ouderavond", municipality="Schiedam", starts_at=datetime(2026, m, 3, 19))
        for m in (1, 11)
    ]
    service.create_meeting("Niet gedeeld", municipality="Schiedam")
    set_shared(a, shared, True)
    sync(a, hub)
    MeetingService(b).create_meeting("Alleen hier", municipality="Delft")
    write_state(b, HUB_URL_KEY, hub_url)
    dialog = OverviewDialog(b)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=30_000)
    assert dialog.note.text().startswith("Alle gedeelde bijeenkomsten op de hub postgresql://")
    assert _cells(dialog) == [["Schiedam", "2026-K1", "1"], ["Schiedam", "2026-K4", "1"], ["Totaal", "", "2"]]
    dialog.period.setCurrentIndex(1)  # the year's counts came in the same visit: no new connection
    assert dialog.thread is None
    assert _cells(dialog) == [["Schiedam", "2026", "2"], ["Totaal", "", "2"]]
