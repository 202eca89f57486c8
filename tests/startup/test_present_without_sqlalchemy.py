"""`present --programme` on the notes of an ordinary day (the database exists) makes its meeting and
stores what is typed without ever importing SQLAlchemy, Alembic or babel: some 30 MB less at the
show's peak and no import competing with the first keys (docs/performance.md, round 4)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import open_database

REPO = Path(__file__).resolve().parents[2]
NOTE = "Een moeder vraagt naar de volgende avond"

# Runs the real command offscreen; once the meeting is attached, types a note into the console's
# quick note, moves on (the note is stored as the item is left: a synchronous save), reports what was
# imported and what the notes went through, and ends the show as Esc does.
PROBE = """
import os, sys
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from opvoed_desktop import app
import opvoed_desktop.ui.present_app as present_app
real_attach = present_app._attach

def attach(result, pending, controller):
    real_attach(result, pending, controller)
    controller.console.focus_note()
    controller.console.note.insertPlainText(sys.argv[2])
    controller.do('next')
    heavy = sorted({m.split('.')[0] for m in sys.modules if m.startswith(('sqlalchemy', 'alembic', 'babel'))})
    print('imported:', ' '.join(heavy), '| store:', type(result[0]).__name__, flush=True)
    controller.do('end')

present_app._attach = attach
raise SystemExit(app.main(['--data-dir', sys.argv[1], 'present', '--programme', 'programma-kennismaking']))
"""


@pytest.mark.parametrize("exists", [True, False])
def test_present_stores_the_note_without_sqlalchemy_when_the_notes_exist(tmp_path: Path, exists: bool) -> None:
    data = DataPaths(tmp_path / "data")
    if exists:
        with open_database(data):
            pass
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(data.root), NOTE], capture_output=True, text=True, timeout=180, cwd=REPO
    )
    assert out.returncode == 0, out.stderr
    if exists:
        assert "imported:  | store: ShowStore" in out.stdout, out.stdout + out.stderr
    else:  # the first start ever creates the database the full way (Alembic)
        assert "| store: MeetingService" in out.stdout and "sqlalchemy" in out.stdout, out.stdout + out.stderr
    with open_database(data) as db:
        service = MeetingService(db)
        (meeting,) = service.list_meetings()
        detail = service.get_meeting(meeting.id)
    assert detail.programme_id == "programma-kennismaking" and meeting.title.startswith("Bijeenkomst ")
    assert [n.text for n in detail.notes] == [NOTE]
    assert detail.notes[0].agenda_item_id in {a.id for a in detail.agenda}
    assert detail.agenda[0].actual_start is not None and detail.agenda[0].actual_end is not None
