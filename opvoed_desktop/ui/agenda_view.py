"""Plan the running order: a template or your own items, clock times, fit, reorder, print, present."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n import _, active
from opvoed_desktop.services.presenting import AgendaItem, AgendaPlan
from opvoed_desktop.services.presenting.agenda import agenda_html, fit_text, item_for_content
from opvoed_desktop.ui.agenda_model import MINUTES, TIME, TITLE, AgendaModel

DEFAULT_PROGRAMME = "programma-kennismaking"


class AgendaView(QWidget):
    present_requested = Signal(int)  # agenda item index to start from

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaView")
        self.library = library
        self.model = AgendaModel()
        layout = QVBoxLayout(self)
        layout.addLayout(self._top_row())
        self.table = self._table()
        layout.addWidget(self.table, 1)
        self.fit_label = QLabel(self)
        self.fit_label.setObjectName("fitLabel")
        self.fit_label.setWordWrap(True)
        layout.addWidget(self.fit_label)
        layout.addLayout(self._button_row())
        self.model.changed.connect(self._update_fit)
        programmes = [p.id for p in library.programmes()]
        if DEFAULT_PROGRAMME in programmes:
            self.template.setCurrentIndex(programmes.index(DEFAULT_PROGRAMME) + 1)
        self._update_fit()

    # Building ---------------------------------------------------------------------------
    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Programma:"), self))
        self.template = QComboBox(self)
        self.template.setObjectName("templateCombo")
        self.template.addItem(_("Eigen agenda (leeg)"), "")
        for programme in self.library.programmes():
            self.template.addItem(programme.title, programme.id)
        self.template.currentIndexChanged.connect(self._template_chosen)
        row.addWidget(self.template, 2)
        row.addWidget(QLabel(_("Begint om"), self))
        self.start_time = QTimeEdit(QTime(19, 0), self)
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.timeChanged.connect(self._start_changed)
        row.addWidget(self.start_time)
        row.addWidget(QLabel(_("Beschikbaar"), self))
        self.available = QSpinBox(self)
        self.available.setRange(0, 24 * 60)
        self.available.setSingleStep(5)
        self.available.setSuffix(" " + _("min"))
        self.available.valueChanged.connect(self._available_changed)
        row.addWidget(self.available)
        return row

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("agendaTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MINUTES, QHeaderView.ResizeMode.ResizeToContents)
        table.setAccessibleName(_("Agenda; Alt+pijl omhoog of omlaag verplaatst een onderdeel"))
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.move_selected(step))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        return table

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        exercises = QMenu(self)
        for exercise in self.library.exercises():
            title = _("{letter}. {title}").format(letter=exercise.letter, title=exercise.title)
            exercises.addAction(title, lambda ref=exercise.id: self.add_content(ref))
        background = QMenu(self)
        for item in [*self.library.of_kind("part"), *self.library.of_kind("background")]:
            if item.screens:
                background.addAction(item.title, lambda ref=item.id: self.add_content(ref))
        for text, menu in ((_("+ Oefening"), exercises), (_("+ Achtergrond"), background)):
            button = QToolButton(self)
            button.setText(text)
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            row.addWidget(button)
        for text, slot in (
            (_("+ Pauze"), lambda: self.add_item(AgendaItem("pause", _("Pauze"), 15))),
            (_("+ Eigen onderdeel"), lambda: self.add_item(AgendaItem("own", _("Eigen onderdeel"), 10))),
            (_("Omhoog"), lambda: self.move_selected(-1)),
            (_("Omlaag"), lambda: self.move_selected(1)),
            (_("Verwijderen"), self.remove_selected),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        print_button = QPushButton(_("Afdrukken…"), self)
        print_button.clicked.connect(self.print_dialog)
        row.addWidget(print_button)
        present = QPushButton(_("Presenteren (F5)"), self)
        present.setObjectName("presentButton")
        present.clicked.connect(lambda: self.present_requested.emit(0))
        row.addWidget(present)
        return row

    # Plan -------------------------------------------------------------------------------
    @property
    def plan(self) -> AgendaPlan:
        return self.model.plan

    def set_plan(self, plan: AgendaPlan) -> None:
        """Show another agenda (e.g. a stored meeting's); the controls follow it."""
        self.model.set_plan(plan)
        for widget, value in ((self.start_time, QTime(plan.start.hour, plan.start.minute)),):
            widget.blockSignals(True)
            widget.setTime(value)
            widget.blockSignals(False)
        self.available.blockSignals(True)
        self.available.setValue(plan.minutes_available)
        self.available.blockSignals(False)
        self._update_fit()

    def _template_chosen(self) -> None:
        programme = self.library.get(self.template.currentData() or "")
        start = self.plan.start
        if programme is not None and programme.kind == "programme":
            plan = AgendaPlan.from_programme(programme, self.library, start)  # type: ignore[arg-type]
        else:
            plan = AgendaPlan(start=start, title=_("Eigen agenda"))
        self.set_plan(plan)

    def _start_changed(self, value: QTime) -> None:
        from datetime import time

        self.plan.start = time(value.hour(), value.minute())
        self.model._recompute()

    def _available_changed(self, value: int) -> None:
        self.plan.minutes_available = value
        self._update_fit()

    def _update_fit(self) -> None:
        fit = self.plan.fit()
        self.fit_label.setText(fit_text(fit))
        colour = "#1b5e20" if fit.fits else "#b71c1c"
        self.fit_label.setStyleSheet(f"color:{colour}; font-weight:bold; padding:4px;")
        self.fit_label.setProperty("fits", fit.fits)

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

    def add_content(self, ref: str) -> None:
        self.add_item(item_for_content(self.library, ref))

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        if row >= 0:
            self.select_row(self.model.move_row(row, row + step))

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row >= 0:
            self.model.remove_row(row)
            self.select_row(min(row, self.model.rowCount() - 1))

    def current_item_index(self) -> int:
        return max(0, self.selected_row())

    # Printing ---------------------------------------------------------------------------
    def print_to(self, printer: QPrinter) -> None:
        document = QTextDocument()
        document.setHtml(agenda_html(self.plan, rtl=active().is_rtl))
        document.print_(printer)

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Agenda afdrukken"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)
