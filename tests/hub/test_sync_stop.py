"""Stopping a sync while the hub does not answer: the window gets its hands back within seconds.

The hub "hangs" here because another session holds a lock on a table the sync needs (as an
administrator's long migration would); a frozen server or a dead network looks the same from the
laptop: a query that never returns.
"""

from __future__ import annotations

import os
import signal

import psycopg
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import Database
from opvoed_desktop.ui.hub.sync_dialog import HubDialog


def _locker(hub_url: str, table: str) -> psycopg.Connection:
    """A second session that holds `table` locked until it is closed."""
    url = make_url(hub_url)
    conn = psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database)
    conn.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    return conn


@pytest.mark.parametrize("table", ["alembic_version", "sync_device"])
def test_a_sync_the_hub_does_not_answer_can_be_stopped(
    qtbot: QtBot, hub: Engine, hub_url: str, laptops: tuple[Database, Database], table: str
) -> None:
    a, _b = laptops
    service = MeetingService(a)
    meeting_id = service.create_meeting("Ouderavond")
    note_id = service.add_note(meeting_id, "wat we afspraken")
    set_shared(a, [meeting_id], True)
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    dialog.url.setText(hub_url)
    locker = _locker(hub_url, table)
    try:
        dialog.sync_button.click()
        assert dialog.running()
        qtbot.wait(1500)  # the sync is now waiting for the hub
        assert dialog.running()
        dialog.stop_button.click()
        qtbot.waitUntil(lambda: not dialog.running(), timeout=5_000)
    finally:
        locker.close()  # lets a sync that was not stopped end, so the test does not hang
        qtbot.waitUntil(lambda: not dialog.running(), timeout=30_000)
    assert "Gestopt" in dialog.phase.text()
    assert dialog.sync_button.isEnabled()
    assert service.get_meeting(meeting_id).notes[0].text == "wat we afspraken"
    assert service.get_meeting(meeting_id).notes[0].id == note_id
    # The next sync goes on as if nothing happened.
    with qtbot.waitSignal(dialog.synced, timeout=60_000):
        dialog.sync_button.click()
    assert "Naar de hub: 2 toegevoegd" in dialog.summary.text()


@pytest.mark.parametrize("table", ["alembic_version", "sync_device"])
def test_a_hub_that_goes_away_mid_sync_is_said_as_such(
    qtbot: QtBot, hub: Engine, hub_url: str, laptops: tuple[Database, Database], table: str
) -> None:
    """The server ends the laptop's session (restarted, shut down) while the sync waits for it: the
    window says the connection was lost, not that the database is no hub."""
    a, _b = laptops
    service = MeetingService(a)
    meeting_id = service.create_meeting("Ouderavond")
    service.add_note(meeting_id, "wat we afspraken")
    set_shared(a, [meeting_id], True)
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    dialog.url.setText(hub_url)
    locker = _locker(hub_url, table)
    try:
        dialog.sync_button.click()
        qtbot.wait(1500)
        assert dialog.running()
        locker.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'opvoed-desktop'"
        )
        qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    finally:
        locker.close()
        qtbot.waitUntil(lambda: not dialog.running(), timeout=30_000)
    assert "verbinding met de hub viel weg" in dialog.phase.text()
    assert service.get_meeting(meeting_id).notes[0].text == "wat we afspraken"


def test_a_hub_that_freezes_between_the_push_and_the_pull_can_be_stopped(
    qtbot: QtBot, hub: Engine, hub_url: str, laptops: tuple[Database, Database]
) -> None:
    """The server stops answering right after the push (frozen, or the network went silent): the
    pull's first step (the pool checking its connection) waits for ever, and "Stoppen" still ends it."""
    a, _b = laptops
    service = MeetingService(a)
    meeting_id = service.create_meeting("Ouderavond")
    service.add_note(meeting_id, "wat we afspraken")
    set_shared(a, [meeting_id], True)
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    dialog.url.setText(hub_url)
    url = make_url(hub_url)
    frozen: list[int] = []

    def freeze_after_the_push(phase: str, done: int, total: int) -> None:  # on the sync's thread
        if phase != "up" or done < total or frozen:
            return
        with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database) as conn:
            pids = conn.execute("SELECT pid FROM pg_stat_activity WHERE application_name = 'opvoed-desktop'").fetchall()
        for (pid,) in pids:
            os.kill(pid, signal.SIGSTOP)  # the laptop's sessions only; the server goes on for others
            frozen.append(pid)

    try:
        dialog.sync_button.click()
        assert dialog._worker is not None
        dialog._worker.progress.connect(freeze_after_the_push, Qt.ConnectionType.DirectConnection)
        qtbot.waitUntil(lambda: bool(frozen), timeout=30_000)
        qtbot.wait(1000)
        assert dialog.running()
        dialog.stop_button.click()
        qtbot.waitUntil(lambda: not dialog.running(), timeout=5_000)
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        qtbot.waitUntil(lambda: not dialog.running(), timeout=30_000)
    assert "Gestopt" in dialog.phase.text()
    with qtbot.waitSignal(dialog.synced, timeout=60_000):
        dialog.sync_button.click()
