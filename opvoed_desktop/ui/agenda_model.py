"""A Qt table model over an `AgendaPlan`: clock times, editable titles and minutes, drag to reorder."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal

from opvoed_desktop.content.agenda import kind_label
from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting import AgendaItem, AgendaPlan

MIME = "application/x-opvoed-agenda-row"
TIME, TITLE, MINUTES, KIND = range(4)
Index = QModelIndex | QPersistentModelIndex


class AgendaModel(QAbstractTableModel):
    changed = Signal()  # any edit: the view updates the fit line, the owner may store the agenda

    def __init__(self, plan: AgendaPlan | None = None) -> None:
        super().__init__()
        self.plan = plan or AgendaPlan()
        self._schedule = self.plan.schedule()

    def set_plan(self, plan: AgendaPlan) -> None:
        self.beginResetModel()
        self.plan = plan
        self._schedule = plan.schedule()
        self.endResetModel()
        self.changed.emit()

    def _recompute(self) -> None:
        self._schedule = self.plan.schedule()
        if self.plan.items:
            self.dataChanged.emit(self.index(0, TIME), self.index(len(self.plan.items) - 1, KIND))
        self.changed.emit()

    # Reading ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self.plan.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Tijd"), _("Onderdeel"), _("Minuten"), _("Soort"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.plan.items):
            return None
        row = self._schedule[index.row()]
        item = row.item
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TIME:
                # Left to right in every language: "19:00–19:10", never "19:10–19:00" in Arabic.
                return "" if item.kind == "session" else f"\u2066{row.start:%H:%M}–{row.end:%H:%M}\u2069"
            if column == TITLE:
                # Shown in its own direction ("Waarom samenwerken?" keeps its "?" at the end in Arabic).
                return item.title if role == Qt.ItemDataRole.EditRole else f"\u2068{item.title}\u2069"
            if column == MINUTES:
                return item.minutes if role == Qt.ItemDataRole.EditRole else str(item.minutes)
            return kind_label(item.kind)
        if role == Qt.ItemDataRole.FontRole and item.kind == "session":
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == MINUTES:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        item = self.plan.items[index.row()]
        if index.column() == MINUTES and item.kind != "session":
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == TITLE and item.kind in ("own", "pause", "session"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # Editing ----------------------------------------------------------------------------
    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == MINUTES:
            try:
                self.plan.set_minutes(index.row(), int(str(value)))
            except ValueError:
                return False
        elif index.column() == TITLE:
            self.plan.set_title(index.row(), str(value))
        else:
            return False
        self._recompute()
        return True

    def insert_item(self, row: int, item: AgendaItem) -> int:
        row = max(0, min(row, len(self.plan.items)))
        self.beginInsertRows(QModelIndex(), row, row)
        self.plan.insert(row, item)
        self.endInsertRows()
        self._recompute()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.plan.items):
            self.beginRemoveRows(QModelIndex(), row, row)
            self.plan.remove(row)
            self.endRemoveRows()
            self._recompute()

    def move_row(self, row: int, to: int) -> int:
        """Move `row` to final position `to`; returns where it is now."""
        count = len(self.plan.items)
        to = max(0, min(to, count - 1))
        if not 0 <= row < count or row == to:
            return row
        # Qt wants the row it goes *before*, counted in the old order.
        destination = to + 1 if to > row else to
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self.plan.move(row, to)
        self.endMoveRows()
        self._recompute()
        return to

    # Drag and drop ----------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME, QByteArray(str(rows[0]).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not data.hasFormat(MIME) or action != Qt.DropAction.MoveAction:
            return False
        source = int(bytes(data.data(MIME).data()).decode() or -1)
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.plan.items)
        self.move_row(source, row - 1 if row > source else row)
        # False: the move is done; the view must not also remove the dragged row.
        return False
