"""The hub in the window (real widgets): sync with progress and summary, conflicts side by side,
the shared checkbox and where a meeting came from, the overview table."""

from __future__ import annotations

import os

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from opvoed_desktop.hub import conflicts
from opvoed_desktop.hub.sync import sync
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import Database
from opvoed_desktop.storage import models as m
from opvoed_desktop.ui.hub.conflicts_dialog import ConflictsDialog
from opvoed_desktop.ui.hub.overview_dialog import OverviewDialog
from opvoed_desktop.ui.hub.sharing_row import SharingRow
from opvoed_desktop.ui.hub.sync_dialog import HubDialog

SHOTS = os.environ.get("H19_SHOTS")  # a folder to keep screenshots in, for looking at them


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))  # type: ignore[attr-defined]


def test_the_sync_button_shows_progress_and_a_summary(
    qtbot: QtBot, hub: Engine, hub_url: str, laptops: tuple[Database, Database]
) -> None:
    a, _b = laptops
    service = MeetingService(a)
    meeting_id = service.create_meeting("Ouderavond")
    for i in range(3):
        service.add_note(meeting_id, f"notitie {i}")
    set_shared(a, [meeting_id], True)
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    dialog.url.setText(hub_url)
    with qtbot.waitSignal(dialog.synced, timeout=60_000):
        dialog.sync_button.click()
    assert "Naar de hub: 4 toegevoegd" in dialog.summary.text()
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.sync_button.isEnabled()
    _shot(dialog, "hub-dialog.png")
    with a.session() as s:
        assert s.scalar(select(m.SyncState.value).where(m.SyncState.key == "hub_url")) is not None


def test_a_wrong_address_is_said_at_the_field(qtbot: QtBot, laptops: tuple[Database, Database]) -> None:
    a, _b = laptops
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    dialog.url.setText("postgresql://u@hub.example.org/org?sslmode=disable")
    dialog.sync_button.click()
    assert dialog.url_error.isVisibleTo(dialog)
    assert "op deze computer" in dialog.url_error.text()
    assert dialog.sync_button.isEnabled()


def test_a_conflict_is_shown_side_by_side_and_resolved(
    qtbot: QtBot, hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    service = MeetingService(a)
    meeting_id = service.create_meeting("Ouderavond")
    note = service.add_note(meeting_id, "begin")
    set_shared(a, [meeting_id], True)
    sync(a, hub)
    sync(b, hub)
    MeetingService(a).update_note(note, "Tekst van laptop A")
    MeetingService(b).update_note(note, "Tekst van laptop B")
    sync(a, hub)
    sync(b, hub)
    dialog = ConflictsDialog(b)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert dialog.local_text.toPlainText() == "Tekst van laptop B"
    assert dialog.hub_text.toPlainText() == "Tekst van laptop A"
    _shot(dialog, "conflicts.png")
    dialog.keep_hub.click()
    assert dialog.list.count() == 0 and conflicts.list_conflicts(b) == []
    sync(b, hub)
    sync(a, hub)
    for db in (a, b):
        with db.session() as s:
            assert s.get(m.Note, note).text == "Tekst van laptop A"  # type: ignore[union-attr]


def test_the_shared_checkbox_and_the_laptop_a_meeting_came_from(
    qtbot: QtBot, hub: Engine, laptops: tuple[Database, Database]
) -> None:
    a, b = laptops
    meeting_id = MeetingService(a).create_meeting("Ouderavond")
    row = SharingRow(a, meeting_id)
    qtbot.addWidget(row)
    assert not row.checkbox.isChecked()  # off until chosen
    assert row.origin.text() == "Gemaakt op deze laptop"
    row.checkbox.setChecked(True)
    with a.session() as s:
        assert s.get(m.Meeting, meeting_id).shared  # type: ignore[union-attr]
    sync(a, hub, device_name="Laptop van Fatima")
    sync(b, hub)
    there = SharingRow(b, meeting_id)
    qtbot.addWidget(there)
    assert there.checkbox.isChecked()
    assert there.origin.text() == "Afkomstig van: Laptop van Fatima"


def test_the_overview_counts_this_laptop_without_a_hub(qtbot: QtBot, laptops: tuple[Database, Database]) -> None:
    a, _b = laptops
    service = MeetingService(a)
    for town in ("Schiedam", "Schiedam", "Vlaardingen"):
        service.create_meeting("Ouderavond", municipality=town)
    dialog = OverviewDialog(a)
    qtbot.addWidget(dialog)
    cells = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
    assert cells == [["Schiedam", "(geen datum)", "2"], ["Vlaardingen", "(geen datum)", "1"], ["Totaal", "", "3"]]
    _shot(dialog, "overview.png")


def test_new_meetings_follow_this_laptops_choice(qtbot: QtBot, laptops: tuple[Database, Database]) -> None:
    a, _b = laptops
    service = MeetingService(a)
    before = service.create_meeting("Voor de keuze")
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    assert not dialog.share_new.isChecked()  # off unless chosen
    dialog.share_new.setChecked(True)
    after = service.create_meeting("Na de keuze")
    sample = service.create_meeting("Voorbeeld", is_sample=True)
    with a.session() as s:
        shared = {mid: s.get(m.Meeting, mid).shared for mid in (before, after, sample)}  # type: ignore[union-attr]
    assert shared == {before: False, after: True, sample: False}


def test_the_overview_counts_per_quarter_or_per_year(qtbot: QtBot, laptops: tuple[Database, Database]) -> None:
    from datetime import datetime

    a, _b = laptops
    service = MeetingService(a)
    for month in (1, 5, 11):
        service.create_meeting("Ouderavond", municipality="Schiedam", starts_at=datetime(2026, month, 3, 19))
    dialog = OverviewDialog(a)
    qtbot.addWidget(dialog)
    periods = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount() - 1)]
    assert periods == ["2026-K1", "2026-K2", "2026-K4"]
    dialog.period.setCurrentIndex(1)
    assert [dialog.table.item(0, c).text() for c in range(3)] == ["Schiedam", "2026", "3"]


def test_a_note_deleted_here_and_changed_later_elsewhere_says_so_in_the_dialog(
    qtbot: QtBot, hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """The person who deleted the note reads that they deleted it and that the colleague's later text
    is back; the colleague reads that it was deleted elsewhere and their text stayed."""
    a, b = laptops
    service = MeetingService(a)
    meeting_id = service.create_meeting("Ouderavond")
    note = service.add_note(meeting_id, "begin")
    set_shared(a, [meeting_id], True)
    sync(a, hub, device_name="Laptop van Fatima")
    sync(b, hub, device_name="Laptop van Joost")
    service.delete_note(note)
    MeetingService(b).update_note(note, "Later aangevuld door Joost")
    sync(b, hub, device_name="Laptop van Joost")
    sync(a, hub, device_name="Laptop van Fatima")
    sync(b, hub, device_name="Laptop van Joost")

    here = ConflictsDialog(a)
    qtbot.addWidget(here)
    assert here.list.count() == 1
    assert here.local_text.toPlainText() == "(verwijderd)"
    assert here.hub_text.toPlainText() == "Later aangevuld door Joost"
    assert here.hub_title.text().startswith("Van Laptop van Joost (")
    assert here.local_title.text() == "Op deze laptop"  # a deletion has no time: no "(—)" either
    assert here.explain.text() == (
        "Nu staat de versie van Laptop van Joost in de bijeenkomst; de andere is hier bewaard."
    )
    _shot(here, "conflict-deleted-here.png")

    there = ConflictsDialog(b)
    qtbot.addWidget(there)
    assert there.local_text.toPlainText() == "Later aangevuld door Joost"
    assert there.hub_text.toPlainText() == "(verwijderd)"
    assert there.hub_title.text() == "Van Laptop van Fatima"
    assert there.local_title.text().startswith("Op deze laptop (")
    assert there.explain.text() == "Nu staat de versie van deze laptop in de bijeenkomst; de andere is hier bewaard."
    _shot(there, "conflict-deleted-elsewhere.png")

    here.keep_local.click()  # Fatima keeps her deletion after all
    sync(a, hub)
    sync(b, hub)
    for db in (a, b):
        with db.session() as s:
            assert s.get(m.Note, note) is None


def test_a_note_kept_from_a_meeting_deleted_elsewhere_names_who_deleted_it(
    qtbot: QtBot, hub: Engine, laptops: tuple[Database, Database]
) -> None:
    """Fatima adds to a note without syncing; later Joost deletes the whole meeting. Her text, which
    never reached the hub, is kept as a copy, listed as a note of a deleted meeting (not in empty
    quotes), the other version named as Joost's deletion (not "the hub", and no "(—)" for a time a
    deletion does not have)."""
    a, b = laptops
    service = MeetingService(a)
    meeting_id = service.create_meeting("Ouderavond")
    note = service.add_note(meeting_id, "begin")
    set_shared(a, [meeting_id], True)
    sync(a, hub, device_name="Laptop van Fatima")
    sync(b, hub, device_name="Laptop van Joost")
    service.update_note(note, "Fatima typte nog door")
    MeetingService(b).delete_meeting_permanently(meeting_id)
    sync(b, hub, device_name="Laptop van Joost")
    sync(a, hub, device_name="Laptop van Fatima")

    dialog = ConflictsDialog(a)
    qtbot.addWidget(dialog)
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "Notitie in een verwijderde bijeenkomst"
    ]
    assert dialog.local_text.toPlainText() == "Fatima typte nog door"
    assert dialog.local_title.text().startswith("Op deze laptop (")
    assert dialog.hub_text.toPlainText() == "(verwijderd)"
    assert dialog.hub_title.text() == "Van Laptop van Joost"
    assert dialog.explain.text() == "De bijeenkomst is verwijderd; beide versies zijn hier bewaard."
    _shot(dialog, "conflict-meeting-deleted-elsewhere.png")
