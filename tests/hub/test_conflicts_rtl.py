"""The conflicts dialog in Arabic: a Dutch meeting title, a laptop's name and a date inside an Arabic
sentence keep their own order (set apart for the bidi algorithm), so "03-12-2026 04:44" is not shown
as "04:44 2026-12-03" and a name's brackets do not wander."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from opvoed_desktop.hub import conflicts
from opvoed_desktop.hub.sync import sync
from opvoed_desktop.i18n import Translator, speaking
from opvoed_desktop.paths import translations_dir
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import Database
from opvoed_desktop.textdir import isolate
from opvoed_desktop.ui.hub.conflicts_dialog import ConflictsDialog


@pytest.fixture
def arabic() -> Iterator[None]:
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        with speaking(Translator.load("ar", translations_dir())):
            yield
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_names_and_times_keep_their_order_in_an_arabic_sentence(
    qtbot: QtBot, hub: Engine, laptops: tuple[Database, Database], arabic: None
) -> None:
    a, b = laptops
    meeting = MeetingService(a).create_meeting("Ouderavond (Schiedam)", municipality="Schiedam")
    set_shared(a, [meeting], True)
    note = MeetingService(a).add_note(meeting, "begin")
    sync(a, hub, device_name="Laptop Fatima (wijkteam)")
    sync(b, hub, device_name="Laptop Samir")
    MeetingService(a).update_note(note, "tekst van A")
    MeetingService(b).update_note(note, "tekst van B")
    sync(a, hub, device_name="Laptop Fatima (wijkteam)")
    sync(b, hub, device_name="Laptop Samir")
    (view,) = conflicts.list_conflicts(b)
    dialog = ConflictsDialog(b)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.isRightToLeft()
    assert isolate("Ouderavond (Schiedam)") in dialog.list.item(0).text()
    assert isolate(view.local_when) in dialog.local_title.text()
    assert isolate(view.hub_when) in dialog.hub_title.text()
    assert isolate("Laptop Fatima (wijkteam)") in dialog.hub_title.text()
    assert dialog.local_text.toPlainText() == "tekst van B"  # the text itself is shown as typed
