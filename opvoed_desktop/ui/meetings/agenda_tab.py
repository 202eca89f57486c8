"""The meeting's agenda, and the one place to plan it: add exercises, pauses and own items, reorder
(drag, Alt+↑/↓), change minutes, see the clock times and whether it fits the dagdeel. Every change
is stored in the meeting at once; notes and recorded times stay with their items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import time

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.content import Library
from opvoed_desktop.content.agenda import fit_text, item_for_content
from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.messages import user_message
from opvoed_desktop.services.agenda_store import AgendaLine
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.presenting import AgendaItem, AgendaPlan
from opvoed_desktop.storage.records import MeetingDetail
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.agenda_model import KIND, MINUTES, TIME, TITLE, AgendaModel, Index
from opvoed_desktop.ui.meetings.agenda_sources import SourceChooser

ACTUAL = 4
Say = Callable[[str, bool], None]


class MeetingAgendaModel(AgendaModel):
    """The planner's model with one more column: the times recorded while presenting."""

    def __init__(self, plan: AgendaPlan, actual: dict[str, str]) -> None:
        super().__init__(plan)
        self.actual = actual

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if section == ACTUAL and orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _("Werkelijk")
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid() and index.column() == ACTUAL:
            if role != Qt.ItemDataRole.DisplayRole or index.row() >= len(self.plan.items):
                return None
            actual = self.actual.get(self.plan.items[index.row()].id or "", "")
            return f"\u2066{actual}\u2069" if actual else ""  # left to right, like the planned times
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags & ~Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() == ACTUAL else flags


class MinutesDelegate(QStyledItemDelegate):
    """Minutes up to a whole day (Qt's default spin box stops at 99)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, 24 * 60)
        spin.setSingleStep(5)
        return spin


def _actual_times(detail: MeetingDetail) -> dict[str, str]:
    times = {}
    for item in detail.agenda:
        if item.actual_start:
            text = item.actual_start.strftime("%H:%M")
            times[item.id] = text + ("–" + item.actual_end.strftime("%H:%M") if item.actual_end else "")
    return times


def plan_of(detail: MeetingDetail, minutes_available: int) -> AgendaPlan:
    start = detail.starts_at.time() if detail.starts_at else time(19, 0)
    items = [AgendaItem(a.kind, a.title, a.planned_minutes, a.ref, a.id) for a in detail.agenda]
    return AgendaPlan(items, start, minutes_available, detail.title)


class AgendaTab(QWidget):
    saved = Signal()  # the stored agenda changed (the notes list follows it)
    present_requested = Signal()
    print_requested = Signal(str, str)  # ("running-order" | "materials", "print" | "save")
    programme_applied = Signal(str)  # programme id, once its agenda is this meeting's

    def __init__(
        self, service: MeetingService, library: Library, detail: MeetingDetail, say: Say, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingAgenda")
        self.service = service
        self.library = library
        self.meeting_id = detail.id
        self._say = say
        self._quiet = False  # showing the stored agenda again: nothing to store
        self.source = SourceChooser(service, library, detail, lambda: self.plan, self)
        self.source.apply_requested.connect(self.replace_with)
        self.available = QSpinBox(self)
        self.available.setObjectName("agendaAvailable")
        self.available.setRange(0, 24 * 60)
        self.available.setSingleStep(15)
        self.available.setSpecialValueText(_("niet opgegeven"))
        self.available.setSuffix(" " + _("min"))
        self.available.setAccessibleName(_("Beschikbare tijd (dagdeel)"))
        self.model = MeetingAgendaModel(plan_of(detail, self._available_of(detail)), _actual_times(detail))
        self.available.setValue(self.model.plan.minutes_available)
        self.available.valueChanged.connect(self._available_changed)
        self.table = self._table()
        self.fit_label = QLabel(self)
        self.fit_label.setObjectName("fitLabel")
        self.fit_label.setWordWrap(True)
        fit_row = QHBoxLayout()
        available_label = QLabel(_("Beschikbaar (dagdeel):"), self)
        available_label.setBuddy(self.available)
        fit_row.addWidget(available_label)
        QWidget.setTabOrder(self.table, self.available)  # the table is above the time it must fit in
        fit_row.addWidget(self.available)
        fit_row.addWidget(self.fit_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.table, 1)
        layout.addLayout(fit_row)
        layout.addLayout(self._add_row())
        layout.addLayout(self._bottom_row())
        self.model.changed.connect(self._model_changed)
        self._update_fit()

    def _available_of(self, detail: MeetingDetail) -> int:
        if detail.minutes_available is not None:
            return detail.minutes_available
        programme = self.library.get(detail.programme_id or "")
        return int(getattr(programme, "minutes_available", 0) or 0)

    # Building -----------------------------------------------------------------------------------
    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("agendaTable")
        accessibility.name(table, _("Agenda"))
        accessibility.no_tab_trap(table)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        for column in (TIME, MINUTES, KIND, ACTUAL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        table.setItemDelegateForColumn(MINUTES, MinutesDelegate(table))
        table.setAccessibleName(_("Agenda; Alt+pijl omhoog of omlaag verplaatst een onderdeel"))
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.move_selected(step))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        return table

    def _add_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        exercises = QMenu(self)
        for exercise in self.library.exercises():
            title = _("{letter}. {title}").format(letter=exercise.letter, title=exercise.title)
            exercises.addAction(title, lambda ref=exercise.id: self.add_content(ref))
        background = QMenu(self)
        for item in [*self.library.of_kind("part"), *self.library.of_kind("background")]:
            if item.screens:
                background.addAction(item.title, lambda ref=item.id: self.add_content(ref))
        self.add_buttons: dict[str, QToolButton | QPushButton] = {}
        for key, text, menu in (
            ("exercise", _("+ Oefening"), exercises),
            ("background", _("+ Achtergrond"), background),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            row.addWidget(button)
            self.add_buttons[key] = button
        for key, text, slot in (
            ("pause", _("+ Pauze"), lambda: self.add_item(AgendaItem("pause", _("Pauze"), 15))),
            ("own", _("+ Eigen onderdeel"), lambda: self.add_item(AgendaItem("own", _("Eigen onderdeel"), 10))),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.add_buttons[key] = button
        row.addStretch(1)
        for text, tip, slot in (
            ("↑", _("Omhoog (Alt+pijl omhoog)"), lambda: self.move_selected(-1)),
            ("↓", _("Omlaag (Alt+pijl omlaag)"), lambda: self.move_selected(1)),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
        remove = QPushButton(_("Verwijderen"), self)
        remove.clicked.connect(self.remove_selected)
        row.addWidget(remove)
        return row

    def _bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        keep = QPushButton(_("Bewaren als eigen programma…"), self)
        keep.setObjectName("saveAsProgramme")
        keep.clicked.connect(self.source.save_as_programme)
        printing = QToolButton(self)
        printing.setObjectName("printSheets")
        printing.setText(_("Afdrukken"))
        printing.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(printing)
        for sheet, verb, label in (
            ("running-order", "print", _("Draaiboek afdrukken (één pagina)…")),
            ("running-order", "save", _("Draaiboek opslaan als PDF…")),
            ("materials", "print", _("Materialenlijst afdrukken…")),
            ("materials", "save", _("Materialenlijst opslaan als PDF…")),
        ):
            menu.addAction(label, lambda s=sheet, v=verb: self.print_requested.emit(s, v))
        printing.setMenu(menu)
        self.present_button = QPushButton(_("Presenteren"), self)
        self.present_button.setObjectName("presentMeeting")
        self.present_button.setToolTip(
            _("Toon deze agenda op de beamer; aantekeningen en tijden komen in deze bijeenkomst.")
        )
        self.present_button.clicked.connect(self.present_requested)
        row.addWidget(keep)
        row.addWidget(printing)
        row.addStretch(1)
        row.addWidget(self.present_button)
        return row

    # Plan and storing -----------------------------------------------------------------------------
    @property
    def plan(self) -> AgendaPlan:
        return self.model.plan

    def reload(self, detail: MeetingDetail) -> None:
        """Show the stored agenda again (after presenting: the recorded times)."""
        selected = self.selected_row()
        self.model.actual = _actual_times(detail)
        self._quiet = True
        try:
            self.model.set_plan(plan_of(detail, self.plan.minutes_available))
        finally:
            self._quiet = False
        self.source.follow(detail)
        self._update_fit()
        self.select_row(min(selected, self.model.rowCount() - 1))

    def set_start(self, start: time) -> None:
        self.plan.start = start
        self.model._recompute()

    def _model_changed(self) -> None:
        self._update_fit()
        if not self._quiet:
            self.store()

    def store(self) -> bool:
        lines = [AgendaLine(i.kind, i.title, i.minutes, i.ref, i.id) for i in self.plan.items]
        try:
            ids = self.service.save_agenda(self.meeting_id, lines)
        except (AppError, OSError) as exc:
            self._say(user_message(exc), True)
            return False
        # New lines got their ids: later saves update them instead of adding them again.
        self.plan.items[:] = [replace(item, id=key) for item, key in zip(self.plan.items, ids, strict=True)]
        self._say(_("Agenda bewaard."), False)
        self.saved.emit()
        return True

    def replace_with(self, items: list[AgendaItem], minutes_available: int, programme_id: str) -> None:
        if self.plan.items:
            answer = QMessageBox.question(
                self,
                _("Agenda vervangen"),
                _("De huidige agenda vervangen? Aantekeningen blijven bewaard als algemene aantekeningen."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        plan = AgendaPlan(list(items), self.plan.start, minutes_available, self.plan.title)
        self.model.set_plan(plan)  # emits changed: stored
        self.available.blockSignals(True)
        self.available.setValue(minutes_available)
        self.available.blockSignals(False)
        try:
            self.service.update_meeting(
                self.meeting_id, programme_id=programme_id or None, minutes_available=minutes_available
            )
        except (AppError, OSError) as exc:
            self._say(user_message(exc), True)
            return
        if programme_id:
            self.programme_applied.emit(programme_id)

    def _available_changed(self, value: int) -> None:
        self.plan.minutes_available = value
        self._update_fit()
        try:
            self.service.update_meeting(self.meeting_id, minutes_available=value)
        except (AppError, OSError) as exc:
            self._say(user_message(exc), True)

    def _update_fit(self) -> None:
        fit = self.plan.fit()
        schedule = self.plan.schedule()
        text = fit_text(fit)
        if schedule:
            text += " " + _("Begint om {start}, eindigt om {end}.").format(
                start=f"{self.plan.start:%H:%M}", end=f"{schedule[-1].end:%H:%M}"
            )
        self.fit_label.setText(text)
        colour = "#1b5e20" if fit.fits else "#b71c1c"
        self.fit_label.setStyleSheet(f"color:{colour}; font-weight:bold;")
        self.fit_label.setProperty("fits", fit.fits)

    # Editing ------------------------------------------------------------------------------------------
    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(self.model.index(row, TITLE), flags)

    def add_item(self, item: AgendaItem) -> None:
        selected = self.selected_row()
        row = self.model.insert_item(selected + 1 if selected >= 0 else self.model.rowCount(), item)
        self.select_row(row)
        # The keyboard goes to the new row: Alt+↑/↓ moves it and F2 changes its minutes at once.
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_content(self, ref: str) -> None:
        self.add_item(item_for_content(self.library, ref))

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        if row >= 0:
            self.select_row(self.model.move_row(row, row + step))

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row < 0:
            return
        item = self.plan.items[row]
        if item.id and self.service.get_meeting(self.meeting_id).notes_for(item.id):
            answer = QMessageBox.question(
                self,
                _("Onderdeel verwijderen"),
                _(
                    "Bij ‘{title}’ staan aantekeningen. Die blijven bewaard als algemene aantekeningen. Verwijderen?"
                ).format(title=item.title),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove_row(row)
        self.select_row(min(row, self.model.rowCount() - 1))
