"""Ctrl+C during `opvoed-desktop sync` while the hub does not answer: one sentence, no traceback,
nothing lost; the next sync finishes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import open_database


def test_ctrl_c_during_a_sync_is_a_sentence(hub: Engine, hub_url: str, tmp_path: Path) -> None:
    data = tmp_path / "laptop"
    with open_database(DataPaths(data)) as db:
        service = MeetingService(db)
        meeting = service.create_meeting("Ouderavond")
        service.add_note(meeting, "wat we afspraken")
        set_shared(db, [meeting], True)
    url = make_url(hub_url)
    locker = psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database)
    locker.execute("LOCK TABLE sync_device IN ACCESS EXCLUSIVE MODE")  # the hub "hangs"
    try:
        sync = subprocess.Popen(
            [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), "sync", "--hub", hub_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until the sync waits for the lock
            waiting = locker.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'opvoed-desktop' "
                "AND wait_event_type = 'Lock'"
            ).fetchone()
            if waiting and waiting[0]:
                break
            time.sleep(0.05)
        sync.send_signal(signal.SIGINT)
        _out, err = sync.communicate(timeout=30)
    finally:
        locker.close()
    assert "Traceback" not in err
    assert "Gestopt" in err
    assert sync.returncode != 0
    with open_database(DataPaths(data)) as db:
        assert [n.text for n in MeetingService(db).get_meeting(meeting).notes] == ["wat we afspraken"]
    again = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), "sync", "--hub", hub_url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert "Naar de hub: 2 toegevoegd" in again.stdout
