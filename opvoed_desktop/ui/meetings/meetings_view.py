"""The meetings screen: find a meeting (by title, place or anything in its notes), open it, make one."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.content import Library
from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.services.dates import next_week_evening
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage.fts import HIGHLIGHT_END, HIGHLIGHT_START
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.meetings.list_model import MeetingListModel
from opvoed_desktop.ui.meetings.meeting_editor import MeetingEditor

SEARCH_DELAY_MS = 150


def periods() -> list[tuple[str, str]]:
    return [
        ("all", _("Alle data")),
        ("coming", _("Vanaf vandaag")),
        ("3m", _("Afgelopen 3 maanden")),
        ("year", _("Dit jaar")),
        ("lastyear", _("Vorig jaar")),
    ]


def period_bounds(key: str, now: datetime) -> tuple[datetime | None, datetime | None]:
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if key == "coming":
        return today, None
    if key == "3m":
        return today - timedelta(days=91), today + timedelta(days=1)
    if key == "year":
        return today.replace(month=1, day=1), today.replace(year=today.year + 1, month=1, day=1)
    if key == "lastyear":
        return today.replace(year=today.year - 1, month=1, day=1), today.replace(month=1, day=1)
    return None, None


class MeetingsView(QWidget):
    present_requested = Signal(str)
    programme_chosen = Signal(str)  # a programme became a meeting's agenda (F5 with none open uses it)
    # The title of the meeting open in the editor ("" when none): the window title follows it, so a
    # facilitator (and a test driving the real app) sees which meeting the keys go to.
    open_title_changed = Signal(str)

    def __init__(self, service: MeetingService, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.library = library
        self.editor: MeetingEditor | None = None

        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(_("Zoek in bijeenkomsten en aantekeningen"))
        self.search_field.setClearButtonEnabled(True)
        accessibility.name(self.search_field, _("Zoeken in bijeenkomsten en aantekeningen"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_field.textChanged.connect(lambda _t: self._search_timer.start())
        self.municipality = QComboBox(self)
        self.municipality.setAccessibleName(_("Gemeente"))
        self.period = QComboBox(self)
        self.period.setAccessibleName(_("Periode"))
        for key, label in periods():
            self.period.addItem(label, key)
        self.municipality.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())

        self.model = MeetingListModel()
        self.table = QTableView(self)
        self.table.setObjectName("meetingsTable")
        self.table.setModel(self.model)
        accessibility.name(self.table, _("Bijeenkomsten"))
        accessibility.no_tab_trap(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._row_selected)
        # Qt may make row 0 "current" without selecting it; a click or Enter on it must still open it.
        self.table.clicked.connect(lambda index: self._row_selected(index, QModelIndex()))
        self.table.activated.connect(lambda index: self._row_selected(index, QModelIndex()))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.count_label = QLabel(self)
        self.note_hits = QListWidget(self)
        self.note_hits.setObjectName("noteHits")
        self.note_hits.setWordWrap(True)
        accessibility.name(self.note_hits, _("Gevonden in aantekeningen, afspraken en wensen"))
        accessibility.no_tab_trap(self.note_hits)
        self.note_hits.itemActivated.connect(self._open_hit)
        self.note_hits.itemClicked.connect(self._open_hit)
        self.note_hits_label = QLabel(_("Gevonden in aantekeningen, afspraken en wensen:"), self)

        new_button = QPushButton(_("Nieuwe bijeenkomst"), self)
        new_button.setObjectName("newMeeting")
        new_button.clicked.connect(self.new_meeting)
        trash_button = QPushButton(_("Naar prullenbak"), self)
        trash_button.clicked.connect(self.trash_current)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_meeting)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.trash_current)

        filters = QHBoxLayout()
        filters.addWidget(self.municipality, 1)
        filters.addWidget(self.period, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(trash_button)
        buttons.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search_field)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(self.note_hits_label)
        left_layout.addWidget(self.note_hits, 1)
        left_layout.addLayout(buttons)

        self.right = QStackedWidget(self)
        placeholder = QLabel(_("Kies links een bijeenkomst, of maak een nieuwe."), self)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        self.right.addWidget(placeholder)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 850])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.reload_municipalities()
        self.refresh()

    # Listing ---------------------------------------------------------------------------------

    def reload_municipalities(self) -> None:
        current = self.municipality.currentData()
        self.municipality.blockSignals(True)
        self.municipality.clear()
        self.municipality.addItem(_("Alle gemeenten"), "")
        for name in self.service.municipalities():
            self.municipality.addItem(name, name)
        self.municipality.setCurrentIndex(max(0, self.municipality.findData(current)))
        self.municipality.blockSignals(False)

    def refresh(self) -> None:
        text = self.search_field.text().strip()
        since, until = period_bounds(str(self.period.currentData()), datetime.now())
        rows = self.service.list_meetings(
            text=text or None, municipality=self.municipality.currentData() or None, since=since, until=until
        )
        self.model.set_rows(rows)
        self.count_label.setText(ngettext("{n} bijeenkomst", "{n} bijeenkomsten", len(rows)).format(n=len(rows)))
        self.note_hits.clear()
        hits = self.service.search(text) if text else []
        for hit in hits:
            where = hit.meeting_title + (f" — {hit.agenda_item_title}" if hit.agenda_item_title else "")
            snippet = hit.snippet.replace(HIGHLIGHT_START, "«").replace(HIGHLIGHT_END, "»")
            row = QListWidgetItem(f"{where}\n{snippet}")
            row.setData(Qt.ItemDataRole.UserRole, hit.meeting_id)
            self.note_hits.addItem(row)
        self.note_hits.setVisible(bool(text))
        self.note_hits_label.setVisible(bool(text))

    def _row_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_meeting(str(self.model.rows[current.row()].id))

    def _selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._row_selected(rows[0], QModelIndex())

    def _open_hit(self, item: QListWidgetItem) -> None:
        self.open_meeting(str(item.data(Qt.ItemDataRole.UserRole)), tab=3)

    # Editing -----------------------------------------------------------------------------------

    def open_meeting(self, meeting_id: str, tab: int | None = None) -> MeetingEditor | None:
        if self.editor is not None and self.editor.meeting_id == meeting_id:
            if tab is not None:
                self.editor.tabs.setCurrentIndex(tab)
            return self.editor
        self.close_editor()
        try:
            editor = MeetingEditor(self.service, self.library, meeting_id, self)
        except AppError as exc:
            QMessageBox.warning(self, _("Bijeenkomst"), str(exc))
            return None
        editor.changed.connect(self._editor_changed)
        editor.present_requested.connect(self.present_requested)
        editor.agenda.programme_applied.connect(self.programme_chosen)
        self.editor = editor
        self.right.addWidget(editor)
        self.right.setCurrentWidget(editor)
        if tab is not None:
            editor.tabs.setCurrentIndex(tab)
        self.open_title_changed.emit(editor.title_edit.text())
        return editor

    def close_editor(self) -> bool:
        if self.editor is None:
            return True
        saved = self.editor.flush()
        self.right.removeWidget(self.editor)
        self.editor.deleteLater()
        self.editor = None
        self.open_title_changed.emit("")
        return saved

    def _editor_changed(self) -> None:
        current = self.editor.meeting_id if self.editor else None
        if self.editor is not None:
            self.open_title_changed.emit(self.editor.title_edit.text())
        self.reload_municipalities()
        self.model.set_rows(self.model.rows)  # repaint with fresh titles below
        self.refresh()
        if current:
            for row, summary in enumerate(self.model.rows):
                if summary.id == current:
                    self.table.selectionModel().blockSignals(True)
                    self.table.selectRow(row)
                    self.table.selectionModel().blockSignals(False)

    def new_meeting(self) -> None:
        try:
            # Meetings are planned ahead, mostly in the evening: next week at 19:00 is the best first guess.
            starts_at = next_week_evening(datetime.now())
            meeting_id = self.service.create_meeting(_("Nieuwe bijeenkomst"), starts_at=starts_at)
        except AppError as exc:
            QMessageBox.warning(self, _("Nieuwe bijeenkomst"), str(exc))
            return
        self.refresh()
        editor = self.open_meeting(meeting_id, tab=0)
        if editor is not None:
            editor.title_edit.setFocus()
            editor.title_edit.selectAll()

    def trash_current(self) -> None:
        if self.editor is None:
            return
        meeting_id = self.editor.meeting_id
        self.close_editor()
        try:
            self.service.trash_meeting(meeting_id)
        except AppError as exc:
            QMessageBox.warning(self, _("Prullenbak"), str(exc))
            return
        self.refresh()
        self.window().statusBar().showMessage(  # type: ignore[attr-defined]
            _("De bijeenkomst staat in de prullenbak; daar kunt u hem terugzetten."), 8000
        )

    def flush(self) -> bool:
        return self.editor.flush() if self.editor is not None else True
