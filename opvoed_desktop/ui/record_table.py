"""An editable table for a meeting's records (strengths, agreements, wishes, evaluations, contacts).

Every cell edit is stored at once through the service; a refused value keeps what was typed,
marks the cell and says why in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.messages import user_message
from opvoed_desktop.services.dates import DateError, Deadline, looks_like_date, parse_deadline
from opvoed_desktop.ui import accessibility

ID_ROLE = Qt.ItemDataRole.UserRole
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_BRUSH = QBrush(QColor("#fdecea"))
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text | choice | int | score | date | deadline | list | dialog
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label shown)
    stretch: bool = False
    # "dialog" columns: the cell shows `display(record)`, is edited by `edit(record_id)` (True when
    # something was stored), and `problem(record)` is a sentence to mark the cell with, or None.
    display: Callable[[Any], str] | None = None
    edit: Callable[[str], bool] | None = None
    problem: Callable[[Any], str | None] | None = None
    # Phone numbers, web addresses: one left-to-right run in every interface language, so that
    # "0182 588 000" is not shown as "000 588 0182" in Arabic. Only the display; the text is kept.
    ltr: bool = False


class InvalidValue(ValueError):
    pass


class KeptAsText(InvalidValue):
    """Not usable as typed, but stored as typed all the same (`value`), and shown as a mistake."""

    def __init__(self, message: str, value: Any) -> None:
        super().__init__(message)
        self.value = value


def kept_message(problem: str) -> str:
    return problem + " " + _("Wat u typte blijft bewaard; verbeter het als u wilt.")


def parse(column: Column, text: str) -> Any:
    text = text.strip()
    if column.kind == "int":
        if not text.isdigit():
            raise InvalidValue(_("Vul bij ‘{label}’ een heel getal in.").format(label=column.label))
        return int(text)
    if column.kind == "score":
        if text not in {"1", "2", "3", "4", "5"}:
            raise InvalidValue(_("Een score is een getal van 1 tot en met 5."))
        return int(text)
    if column.kind == "date":
        if not text:
            return None
        for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                from datetime import datetime

                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise InvalidValue(_("Schrijf de datum als dag-maand-jaar, bijvoorbeeld 15-03-2027."))
    if column.kind == "deadline":
        try:
            return parse_deadline(text)
        except DateError as exc:
            raise KeptAsText(str(exc), Deadline(text=text)) from None
    if column.kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def show(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == "choice":
        return dict(column.choices).get(str(value), str(value))
    if column.kind == "date" and isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, Deadline):
        return value.day.strftime("%d-%m-%Y") if value.day else value.text
    if column.kind == "list":
        return ", ".join(value)
    return str(value)


class _Delegate(QStyledItemDelegate):
    """Choice columns edit with a combo box, numbers with a spin box; the rest as text."""

    def __init__(self, columns: Sequence[Column], parent: QWidget) -> None:
        super().__init__(parent)
        self.columns = columns

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        column = self.columns[index.column()] if 0 <= index.column() < len(self.columns) else None
        if column is not None and column.ltr and option.text:
            option.text = accessibility.ltr(option.text)  # type: ignore[attr-defined]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = self.columns[index.column()]
        if column.ltr:
            editor = super().createEditor(parent, option, index)
            editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # typed as it is read
            return editor
        if column.kind == "choice":
            combo = QComboBox(parent)
            for value, label in column.choices:
                combo.addItem(label, value)
            return combo
        if column.kind == "score":
            spin = QSpinBox(parent)
            spin.setRange(1, 5)
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(VALUE_ROLE))))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(index.data(VALUE_ROLE) or 3))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QSpinBox):
            model.setData(index, str(editor.value()), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class RecordTable(QWidget):
    def __init__(
        self,
        columns: Sequence[Column],
        *,
        load: Callable[[], list[Any]],
        add: Callable[[], str],
        update: Callable[[str, str, Any], None],
        delete: Callable[[str], None],
        add_label: str,
        parent: QWidget | None = None,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._load, self._add, self._update, self._delete = load, add, update, delete
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setHorizontalHeaderLabels([c.label for c in self.columns])
        accessibility.name(self.table, name or add_label)
        accessibility.no_tab_trap(self.table)
        self.table.setItemDelegate(_Delegate(self.columns, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for i, column in enumerate(self.columns):
            mode = QHeaderView.ResizeMode.Stretch if column.stretch else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(i, mode)
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemActivated.connect(self._item_activated)
        self.add_button = QPushButton(add_label, self)
        self.add_button.clicked.connect(self.add_row)
        self.delete_button = QPushButton(_("Verwijderen"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("recordMessage")
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add_row)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.buttons = buttons  # a view may add its own buttons beside these
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        problems: list[tuple[QTableWidgetItem, str]] = []
        for record in self._load():
            row = self.table.rowCount()
            self.table.insertRow(row)
            for col, column in enumerate(self.columns):
                if column.kind == "dialog" and column.display is not None:
                    item = QTableWidgetItem(column.display(record))
                    item.setData(ID_ROLE, record.id)
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setToolTip(_("Dubbelklik of druk op Enter om te wijzigen."))
                    self.table.setItem(row, col, item)
                    said = column.problem(record) if column.problem is not None else None
                    if said:
                        problems.append((item, said))
                    continue
                value = getattr(record, column.key)
                if column.kind == "deadline":
                    value = Deadline(value, getattr(record, column.key + "_text", ""))
                item = QTableWidgetItem(show(column, value))
                item.setData(ID_ROLE, record.id)
                item.setData(VALUE_ROLE, value if column.kind in ("choice", "score", "int") else None)
                self.table.setItem(row, col, item)
                if isinstance(value, Deadline) and looks_like_date(value.text):
                    # Kept as typed earlier; still not a real date, so still said.
                    try:
                        parse_deadline(value.text)
                    except DateError as exc:
                        problems.append((item, kept_message(str(exc))))
        self.table.blockSignals(False)
        self.message.clear()
        for item, problem in problems:
            self._mark(item, problem)
        self.table.resizeRowsToContents()

    def row_count(self) -> int:
        return self.table.rowCount()

    def add_row(self) -> None:
        try:
            self._add()
        except AppError as exc:
            self.message.setText(str(exc))
            return
        self.reload()
        row = self.table.rowCount() - 1
        editable = next((i for i, c in enumerate(self.columns) if c.kind in ("text", "list")), 0)
        self.table.setCurrentCell(row, editable)
        self.table.editItem(self.table.item(row, editable))

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if not rows:
            return
        answer = QMessageBox.question(
            self, _("Verwijderen"), _("De gekozen regels verwijderen? Dit kan niet ongedaan worden.")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        for row in rows:
            self._delete(str(self.table.item(row, 0).data(ID_ROLE)))
        self.reload()

    def _item_activated(self, item: QTableWidgetItem) -> None:
        """Double-click or Enter on a "dialog" cell opens its editor."""
        column = self.columns[item.column()]
        if column.kind == "dialog" and column.edit is not None and column.edit(str(item.data(ID_ROLE))):
            self.reload()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        column = self.columns[item.column()]
        if column.kind == "dialog":
            return
        text = item.text()
        if column.kind == "choice":
            # The editor wrote the label; store the value that belongs to it.
            value: Any = next((v for v, label in column.choices if label == text), text)
        else:
            try:
                value = parse(column, text)
            except KeptAsText as exc:
                # Never drop what was typed: store it as text, and say what is wrong with it.
                try:
                    self._update(str(item.data(ID_ROLE)), column.key, exc.value)
                except (AppError, OSError) as failed:
                    self._mark(item, user_message(failed))
                    return
                self._mark(item, kept_message(str(exc)))
                return
            except InvalidValue as exc:
                self._mark(item, str(exc))
                return
        try:
            self._update(str(item.data(ID_ROLE)), column.key, value)
        except AppError as exc:
            self._mark(item, str(exc))
            return
        self.table.blockSignals(True)
        item.setBackground(QBrush())
        item.setToolTip("")
        item.setData(VALUE_ROLE, value if column.kind in ("choice", "score", "int") else None)
        self.table.blockSignals(False)
        self.message.clear()

    def _mark(self, item: QTableWidgetItem, message: str) -> None:
        self.table.blockSignals(True)
        item.setBackground(ERROR_BRUSH)
        item.setToolTip(message)
        self.table.blockSignals(False)
        self.message.setText(message)
