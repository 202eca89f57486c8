"""One meeting: details, participants, agenda, notes per agenda item, and what it yielded.

Nothing has a Save button: every field is stored when it is left, notes while typing.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.content import Library
from opvoed_desktop.i18n import _
from opvoed_desktop.services.labels import sides
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.records import MeetingDetail
from opvoed_desktop.ui.autosave import AutosaveTextEdit
from opvoed_desktop.ui.meetings import outcomes_tabs
from opvoed_desktop.ui.meetings.agenda_plan import entries_from_programme
from opvoed_desktop.ui.section_tabs import SectionTabs

GENERAL = ""  # list key of the general note (no agenda item)


class MeetingEditor(QWidget):
    changed = Signal()  # the list should refresh (title, date or place changed)
    present_requested = Signal(str)  # meeting id: run this meeting's agenda on the beamer

    def __init__(self, service: MeetingService, library: Library, meeting_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.library = library
        self.meeting_id = meeting_id
        self.detail: MeetingDetail = service.get_meeting(meeting_id)
        self.status = QLabel(self)
        self.status.setObjectName("editorStatus")
        self.status.setWordWrap(True)
        self.tabs = SectionTabs(self)
        self.tabs.addTab(self._details_tab(), _("Gegevens"))
        self.tabs.addTab(self._participants_tab(), _("Deelnemers"))
        self.tabs.addTab(self._agenda_tab(), _("Agenda"))
        self.tabs.addTab(self._notes_tab(), _("Aantekeningen"))
        self.strengths = outcomes_tabs.strengths_table(service, meeting_id)
        self.agreements = outcomes_tabs.agreements_table(service, meeting_id)
        self.wishes = outcomes_tabs.wishes_table(service, meeting_id)
        self.evaluations = outcomes_tabs.evaluations_table(service, meeting_id)
        self.tabs.addTab(self.strengths, _("Krachten"))
        self.tabs.addTab(self.agreements, _("Afspraken"))
        self.tabs.addTab(self.wishes, _("Wensen"))
        self.tabs.addTab(self.evaluations, _("Evaluatie"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        if self.detail.is_sample:
            self._say(_("Dit is een voorbeeldbijeenkomst om de app uit te proberen."))

    # Status line ---------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color:#8a1c12;" if error else "")
        self.status.setText(text)

    def _saved(self) -> None:
        self._say(_("Bewaard om {time}.").format(time=datetime.now().strftime("%H:%M:%S")))

    def _store(self, **fields: object) -> bool:
        try:
            self.service.update_meeting(self.meeting_id, **fields)
        except Exception as exc:
            self._say(str(exc), error=True)
            return False
        self._saved()
        self.changed.emit()
        return True

    # Details -------------------------------------------------------------------------------

    def _details_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        d = self.detail
        self.title_edit = self._line(d.title, "title")
        self.when_edit = QDateTimeEdit(page)
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("dd-MM-yyyy HH:mm")
        start = d.starts_at or datetime.now().replace(minute=0, second=0, microsecond=0)
        self.when_edit.setDateTime(QDateTime(start.date(), QTime(start.hour, start.minute)))
        self.when_edit.editingFinished.connect(lambda: self._store(starts_at=self.when_edit.dateTime().toPython()))
        self.venue_edit = self._line(d.venue, "venue")
        self.municipality_edit = self._line(d.municipality, "municipality")
        self.facilitator_edit = self._line(d.facilitator, "facilitator")
        self.languages_edit = QLineEdit(", ".join(d.languages), page)
        self.languages_edit.setPlaceholderText(_("bijvoorbeeld: Nederlands, Arabisch, Tigrinya"))
        self.languages_edit.editingFinished.connect(
            lambda: self._store(languages=[p.strip() for p in self.languages_edit.text().split(",") if p.strip()])
        )
        form.addRow(_("Titel"), self.title_edit)
        form.addRow(_("Datum en tijd"), self.when_edit)
        form.addRow(_("Plaats"), self.venue_edit)
        form.addRow(_("Gemeente"), self.municipality_edit)
        form.addRow(_("Begeleider"), self.facilitator_edit)
        form.addRow(_("Talen in de zaal"), self.languages_edit)
        close = QPushButton(_("Bijeenkomst afronden (maakt een reservekopie)"), page)
        close.clicked.connect(self._close_meeting)
        form.addRow("", close)
        return page

    def _line(self, value: str, field: str) -> QLineEdit:
        edit = QLineEdit(value, self)
        edit.setObjectName(f"field_{field}")

        def store() -> None:
            if not self._store(**{field: edit.text()}):
                edit.setStyleSheet("background:#fdecea;")
            else:
                edit.setStyleSheet("")

        edit.editingFinished.connect(store)
        return edit

    def _close_meeting(self) -> None:
        self.flush()
        try:
            backup = self.service.close_meeting(self.meeting_id)
        except Exception as exc:
            self._say(str(exc), error=True)
            return
        name = backup.name if backup else ""
        self._say(_("De bijeenkomst is afgerond; reservekopie gemaakt ({name}).").format(name=name))
        self.changed.emit()

    # Participants ----------------------------------------------------------------------------

    def _participants_tab(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        grid.addWidget(QLabel(_("Kant"), page), 0, 0)
        grid.addWidget(QLabel(_("Aantal"), page), 0, 1)
        grid.addWidget(QLabel(_("Organisaties (geen namen van personen nodig)"), page), 0, 2)
        current = {p.side: p for p in self.detail.participants}
        self.participant_fields: dict[str, tuple[QSpinBox, QLineEdit]] = {}
        for row, (side, label) in enumerate(sides(), start=1):
            count = QSpinBox(page)
            count.setRange(0, 10000)
            organisations = QLineEdit(page)
            if side in current:
                count.setValue(current[side].count)
                organisations.setText(current[side].organisations)
            count.editingFinished.connect(lambda s=side: self._store_participants(s))
            organisations.editingFinished.connect(lambda s=side: self._store_participants(s))
            grid.addWidget(QLabel(label, page), row, 0)
            grid.addWidget(count, row, 1)
            grid.addWidget(organisations, row, 2)
            self.participant_fields[side] = (count, organisations)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(sides()) + 1, 1)
        return page

    def _store_participants(self, side: str) -> None:
        count, organisations = self.participant_fields[side]
        try:
            self.service.set_participants(self.meeting_id, side, count.value(), organisations.text())
        except Exception as exc:
            self._say(str(exc), error=True)
            return
        self._saved()

    # Agenda ------------------------------------------------------------------------------------

    def _agenda_tab(self) -> QWidget:
        page = QWidget(self)
        self.programme_choice = QComboBox(page)
        for programme in self.library.programmes():
            self.programme_choice.addItem(programme.title, programme.id)
        plan = QPushButton(_("Agenda maken uit dit programma"), page)
        plan.clicked.connect(self.plan_from_programme)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Programma:"), page))
        row.addWidget(self.programme_choice, 1)
        row.addWidget(plan)
        self.present_button = QPushButton(_("Presenteren"), page)
        self.present_button.setObjectName("presentMeeting")
        self.present_button.setToolTip(
            _("Toon deze agenda op de beamer; aantekeningen en tijden komen in deze bijeenkomst.")
        )
        self.present_button.clicked.connect(self._present)
        self.agenda_table = QTableWidget(0, 4, page)
        self.agenda_table.setHorizontalHeaderLabels([_("Tijd"), _("Onderdeel"), _("Minuten"), _("Werkelijk")])
        self.agenda_table.horizontalHeader().setStretchLastSection(True)
        self.agenda_table.verticalHeader().setVisible(False)
        self.agenda_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.agenda_table)
        layout.addWidget(self.present_button)
        self._fill_agenda()
        return page

    def _present(self) -> None:
        if not self.detail.agenda:
            self._say(_("Deze bijeenkomst heeft nog geen agenda; kies eerst een programma."), error=True)
            return
        self.flush()
        self.present_requested.emit(self.meeting_id)

    def current_agenda_index(self) -> int:
        """The agenda item chosen in the table (Shift+F5 presents from there); 0 when none is."""
        return max(0, self.agenda_table.currentRow())

    def _fill_agenda(self) -> None:
        table = self.agenda_table
        table.setRowCount(0)
        clock = self.detail.starts_at
        for item in self.detail.agenda:
            row = table.rowCount()
            table.insertRow(row)
            if item.kind == "session":
                table.setItem(row, 1, QTableWidgetItem(item.title))
                continue
            when = clock.strftime("%H:%M") if clock else ""
            actual = ""
            if item.actual_start:
                actual = item.actual_start.strftime("%H:%M")
                if item.actual_end:
                    actual += "–" + item.actual_end.strftime("%H:%M")
            for col, text in enumerate((when, item.title, str(item.planned_minutes), actual)):
                table.setItem(row, col, QTableWidgetItem(text))
            if clock:
                clock += timedelta(minutes=item.planned_minutes)
        table.resizeColumnsToContents()

    def plan_from_programme(self) -> None:
        programme = self.library.get(str(self.programme_choice.currentData()))
        from opvoed_desktop.content import Programme

        if not isinstance(programme, Programme):
            return
        if self.detail.agenda:
            answer = QMessageBox.question(
                self,
                _("Agenda vervangen"),
                _("De huidige agenda vervangen? Aantekeningen blijven bewaard als algemene aantekeningen."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.flush()
        try:
            self.service.plan_agenda(self.meeting_id, entries_from_programme(programme, self.library))
            self.service.update_meeting(self.meeting_id, programme_id=programme.id)
        except Exception as exc:
            self._say(str(exc), error=True)
            return
        self.reload()
        self._saved()

    # Notes ---------------------------------------------------------------------------------------

    def _notes_tab(self) -> QWidget:
        splitter = QSplitter(self)
        self.note_items = QListWidget(splitter)
        self.note_items.setAccessibleName(_("Agendapunten"))
        self.note_editor = AutosaveTextEdit(lambda _text: None, splitter)
        self.note_editor.setObjectName("noteEditor")
        self.note_editor.setPlaceholderText(
            _("Schrijf hier wat er gezegd is. Alles wordt vanzelf bewaard terwijl u typt.")
        )
        self.note_editor.saved.connect(self._saved)
        self.note_editor.failed.connect(lambda message: self._say(message, error=True))
        self.note_items.currentItemChanged.connect(self._note_item_selected)
        # Notes that came in another way (an imported bundle, sample data) are shown, never hidden.
        self.other_notes = QTextBrowser(splitter)
        self.other_notes.setObjectName("otherNotes")
        right = QSplitter(Qt.Orientation.Vertical, splitter)
        right.addWidget(self.note_editor)
        right.addWidget(self.other_notes)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 760])
        self._fill_note_items()
        return splitter

    def _fill_note_items(self) -> None:
        self.note_items.blockSignals(True)
        self.note_items.clear()
        general = QListWidgetItem(_("Algemeen"))
        general.setData(Qt.ItemDataRole.UserRole, GENERAL)
        self.note_items.addItem(general)
        for item in self.detail.agenda:
            if item.kind in ("session", "pause"):
                continue
            entry = QListWidgetItem(item.title)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.note_items.addItem(entry)
        self.note_items.blockSignals(False)
        self.note_items.setCurrentRow(0)

    def _note_item_selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        self.note_editor.flush()
        key = str(current.data(Qt.ItemDataRole.UserRole))
        agenda_id = key or None
        notes = self.service.get_meeting(self.meeting_id).notes_for(agenda_id)
        self.note_editor.set_saver(lambda text: self.service.save_item_note(self.meeting_id, agenda_id, text))
        self.note_editor.set_text_quietly(notes[0].text if notes else "")
        others = notes[1:]
        self.other_notes.setVisible(bool(others))
        if others:
            heading = html.escape(_("Andere aantekeningen bij dit punt ({n})").format(n=len(others)))
            body = "".join(f"<p>{html.escape(n.text)}</p>" for n in others)
            self.other_notes.setHtml(f"<p><b>{heading}</b></p>{body}")

    # Lifecycle -------------------------------------------------------------------------------------

    def flush(self) -> bool:
        """Store what is still pending (the note being typed); called on close and switch."""
        focused = self.focusWidget()
        if isinstance(focused, QLineEdit):
            focused.editingFinished.emit()
        return self.note_editor.flush()

    def reload(self) -> None:
        self.detail = self.service.get_meeting(self.meeting_id)
        self._fill_agenda()
        current = self.note_items.currentItem()
        key = current.data(Qt.ItemDataRole.UserRole) if current else GENERAL
        self._fill_note_items()
        for row in range(self.note_items.count()):
            if self.note_items.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.note_items.setCurrentRow(row)
