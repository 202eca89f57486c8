"""Several conflicts in one meeting are told apart in the list: each entry shows the start of its own
text (one entry alone keeps its short label)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from opvoed_desktop.hub.sync import sync
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import Database
from opvoed_desktop.ui.hub.conflicts_dialog import ConflictsDialog


def test_conflicts_in_one_meeting_are_told_apart(qtbot: QtBot, hub: Engine, laptops: tuple[Database, Database]) -> None:
    a, b = laptops
    meeting = MeetingService(a).create_meeting("Ouderavond")
    set_shared(a, [meeting], True)
    first = MeetingService(a).add_note(meeting, "begin een")
    second = MeetingService(a).add_note(meeting, "begin twee")
    sync(a, hub, device_name="A")
    sync(b, hub, device_name="B")
    MeetingService(b).update_note(first, "Vader vertelde over de school")
    MeetingService(b).update_note(second, "Moeder vroeg naar het wijkteam, en daarna nog heel veel meer woorden")
    MeetingService(a).update_note(first, "tekst van A (een)")
    MeetingService(a).update_note(second, "tekst van A (twee)")
    sync(a, hub, device_name="A")
    sync(b, hub, device_name="B")  # B's edits are older: B keeps them as conflict copies
    dialog = ConflictsDialog(b)
    qtbot.addWidget(dialog)
    labels = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(labels) == 2 and len(set(labels)) == 2
    assert any("Vader vertelde over de school" in label for label in labels)
    assert any("Moeder vroeg naar het wijkteam" in label and "woorden" not in label for label in labels)
    assert all(label.startswith("Notitie in “Ouderavond”") for label in labels)
