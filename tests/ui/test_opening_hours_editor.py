"""Opening hours in the contacts view: rows of days and times that refuse impossible times with a
sentence under the row (keeping what was typed), several rows, text kept as typed beside them, and
hours from before that could not be read shown as such."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.i18n.hours import Slot
from opvoed_desktop.ui.meetings.contacts_view import ContactsView
from opvoed_desktop.ui.meetings.hours_editor import HoursDialog, SlotRow
from opvoed_desktop.ui.record_table import ERROR_BRUSH

WEEKDAYS = Slot((0, 1, 2, 3, 4), dt.time(9), dt.time(17, 30))


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppContext]:
    s = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    s.data.ensure()
    open_storage(s)
    assert s.meetings is not None, s.storage_message
    yield s
    s.close()


def fill(qtbot: QtBot, row: SlotRow, days: list[int], start: str, end: str) -> None:
    QApplication.processEvents()  # a row just added gets its size (a click lands on its box)
    for day in days:
        qtbot.mouseClick(row.days[day], Qt.MouseButton.LeftButton)
    for edit, text in ((row.start, start), (row.end, end)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_impossible_times_are_refused_at_the_row_and_what_was_typed_stays(qtbot: QtBot) -> None:
    dialog = HoursDialog("CJG Gouda", (), "")
    qtbot.addWidget(dialog)
    dialog.show()
    (row,) = dialog.rows
    fill(qtbot, row, [0, 1, 2, 3, 4], "9.00", "25.00")
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert row.error.isVisible() and "bestaat niet" in row.error.text() and row.error.text().endswith(".")
    assert row.end.text() == "25.00" and dialog.focusWidget() is row.end  # kept as typed, its field focused
    assert row.end.accessibleDescription() == row.error.text()
    for end, words in (
        ("17.60", "bestaat niet"),
        ("8.00", "sluitingstijd"),
        ("", "Vul een tijd in"),
        ("vijf", "geen tijd"),
    ):
        row.end.clear()
        qtbot.keyClicks(row.end, end)
        dialog.accept()
        assert dialog.isVisible() and words in row.error.text(), end
    row.end.clear()
    qtbot.keyClicks(row.end, "17:30")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and not row.error.isVisible()
    assert dialog.result_hours() == ((WEEKDAYS,), "")


def test_several_rows_each_checked_and_a_row_without_days_is_said(qtbot: QtBot) -> None:
    dialog = HoursDialog("CJG Gouda", (WEEKDAYS,), "niet op feestdagen")
    qtbot.addWidget(dialog)
    dialog.show()
    assert [b.isChecked() for b in dialog.rows[0].days] == [True] * 5 + [False] * 2
    assert (dialog.rows[0].start.text(), dialog.rows[0].end.text()) == ("9.00", "17.30")
    assert dialog.kept_note.isVisible() and "zoals hij hier staat" in dialog.kept_note.text()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    saturday = dialog.rows[1]
    fill(qtbot, saturday, [], "10", "12.30")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # a third row left empty: ignored
    dialog.accept()
    assert dialog.isVisible() and "minstens één dag" in saturday.error.text()
    assert not dialog.rows[0].error.isVisible()
    fill(qtbot, saturday, [5], "10", "12.30")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_hours() == (
        (WEEKDAYS, Slot((5,), dt.time(10), dt.time(12, 30))),
        "niet op feestdagen",
    )


def test_a_removed_row_goes_and_cancel_changes_nothing(qtbot: QtBot) -> None:
    dialog = HoursDialog("CJG Gouda", (WEEKDAYS, Slot((5,), dt.time(10), dt.time(12))), "")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.rows[1].remove, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert dialog.result_hours() == ((WEEKDAYS,), "")
    other = HoursDialog("CJG Gouda", (WEEKDAYS,), "")
    qtbot.addWidget(other)
    other.reject()
    assert other.result_hours() == ((WEEKDAYS,), "")


def test_contacts_view_shows_unread_hours_and_stores_the_new_ones(
    qtbot: QtBot, services: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    meetings = services.meetings
    assert meetings is not None
    meetings.add_contact("Gouda", "Moskee Al Fath", "informal", opening_hours="ma–vr 9–17 (niet in de ramadan)")
    meetings.add_contact("Gouda", "CJG Gouda", "cjg", opening_hours="ma–vr 9.00–17.30")
    view = ContactsView(meetings)
    qtbot.addWidget(view)
    view.municipality.setEditText("Gouda")
    view.show()
    table = view.table.table
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    cjg, mosque = table.item(names.index("CJG Gouda"), 5), table.item(names.index("Moskee Al Fath"), 5)
    assert cjg.text() == "ma–vr 09:00–17:30" and cjg.background() != ERROR_BRUSH
    # Text from before that is no days and times: shown as typed, marked, with a sentence.
    assert mosque.text() == "ma–vr 9–17 (niet in de ramadan)"
    assert mosque.background() == ERROR_BRUSH and "konden niet" in mosque.toolTip()
    assert not mosque.flags() & Qt.ItemFlag.ItemIsEditable

    def answer(dialog: HoursDialog) -> int:  # in place of exec(): what a person would do in it
        dialog.show()
        assert dialog.kept_note.isVisible() and "konden niet" in dialog.kept_note.text()
        row = dialog.rows[0]
        fill(qtbot, row, [0, 1, 2, 3, 4], "9", "17.30")
        dialog.kept.setPlainText("niet in de ramadan")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(HoursDialog, "exec", answer)
    table.itemActivated.emit(mosque)
    (stored,) = [c for c in meetings.contacts("Gouda") if c.organisation == "Moskee Al Fath"]
    assert (stored.opening_slots, stored.opening_hours) == ((WEEKDAYS,), "niet in de ramadan")
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    shown = table.item(names.index("Moskee Al Fath"), 5)
    assert shown.text() == "ma–vr 09:00–17:30; niet in de ramadan" and shown.background() != ERROR_BRUSH
