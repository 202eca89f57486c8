"""One meeting: details, participants, agenda, notes per agenda item, and what it yielded.

Nothing has a Save button: every field is stored when it is left, notes while typing.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.content import Library
from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _, active
from opvoed_desktop.messages import user_message
from opvoed_desktop.services.labels import sides
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage.records import MeetingDetail
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.autosave import AutosaveTextEdit
from opvoed_desktop.ui.meetings import outcomes_tabs
from opvoed_desktop.ui.meetings.agenda_sources import isolate
from opvoed_desktop.ui.meetings.agenda_tab import AgendaTab
from opvoed_desktop.ui.meetings.details_tab import DetailsTab
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

    # Details -------------------------------------------------------------------------------

    def _details_tab(self) -> QWidget:
        self.details = DetailsTab(self.detail, self._store_or_say, active().locale, self)
        self.title_edit = self.details.title.edit
        self.when_edit = self.details.when
        self.details.close_button.clicked.connect(self._close_meeting)
        from opvoed_desktop.ui.hub.sharing_row import add_sharing_row  # "delen met organisatie", where it came from

        self.sharing = add_sharing_row(self.details, self.service.db, self.meeting_id)
        return self.details

    def _store_or_say(self, **fields: object) -> str | None:
        """Store fields; None when stored, else the sentence (also shown in the status line)."""
        try:
            self.service.update_meeting(self.meeting_id, **fields)
        except AppError as exc:
            self._say(str(exc), error=True)
            return str(exc)
        self._saved()
        if "starts_at" in fields and hasattr(self, "agenda"):
            starts = fields["starts_at"]
            if isinstance(starts, datetime):
                self.agenda.set_start(starts.time())
        self.changed.emit()
        return None

    def _close_meeting(self) -> None:
        self.flush()
        try:
            backup = self.service.close_meeting(self.meeting_id)
        except (AppError, OSError) as exc:  # closing makes a backup: a full disk is foreseen
            self._say(user_message(exc), error=True)
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
            # Column headers do not name a field for a screen reader: say side and column.
            accessibility.name(count, _("Aantal {side}").format(side=label))
            accessibility.name(organisations, _("Organisaties {side}").format(side=label))
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
        except AppError as exc:
            self._say(str(exc), error=True)
            return
        self._saved()

    # Agenda ------------------------------------------------------------------------------------

    def _agenda_tab(self) -> QWidget:
        self.agenda = AgendaTab(
            self.service, self.library, self.detail, lambda text, error: self._say(text, error), self
        )
        self.agenda.saved.connect(self._agenda_saved)
        self.agenda.present_requested.connect(self._present)
        self.agenda.print_requested.connect(self._sheet)
        self.present_button = self.agenda.present_button
        self.programme_choice = self.agenda.source.choice
        return self.agenda

    def show_agenda(self) -> None:
        self.tabs.setCurrentIndex(2)
        self.agenda.table.setFocus()

    def plan_from_programme(self) -> None:
        """Replace the agenda by the chosen programme or earlier agenda (asks first when there is one)."""
        self.flush()
        self.agenda.source.apply()

    def _agenda_saved(self) -> None:
        self.detail = self.service.get_meeting(self.meeting_id)
        self._keep_note_item(self._fill_note_items)

    def _present(self) -> None:
        if not self.detail.agenda:
            self._say(_("Deze bijeenkomst heeft nog geen agenda; kies eerst een programma."), error=True)
            return
        self.flush()
        self.present_requested.emit(self.meeting_id)

    def current_agenda_index(self) -> int:
        """The agenda item chosen in the Agenda tab (Shift+F5 presents from there); 0 when none is."""
        return max(0, self.agenda.selected_row())

    def _sheet(self, sheet: str, verb: str) -> None:
        from opvoed_desktop.ui.meetings.sheet_actions import print_or_save

        self.flush()
        print_or_save(
            self,
            self.service,
            self.library,
            self.meeting_id,
            sheet,
            verb,
            self.agenda.plan.minutes_available,
            lambda text, error: self._say(text, error),
        )

    # Notes ---------------------------------------------------------------------------------------

    def _notes_tab(self) -> QWidget:
        splitter = QSplitter(self)
        self.note_items = QListWidget(splitter)
        self.note_items.setAccessibleName(_("Agendapunten"))
        # Long agenda titles wrap in the narrow column rather than hide behind a sideways scrollbar.
        self.note_items.setWordWrap(True)
        self.note_items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Saves run on a worker thread (a save can take 300 ms at 250,000 notes); the saver set in
        # _note_item_selected is a service call, safe from any thread.
        self.note_editor = AutosaveTextEdit(lambda _text: None, splitter, background=True)
        self.note_editor.setObjectName("noteEditor")
        accessibility.name(self.note_editor, _("Aantekening bij dit agendapunt"))
        accessibility.note_field(self.note_editor)
        accessibility.no_tab_trap(self.note_items)
        self.note_editor.setPlaceholderText(
            _("Schrijf hier wat er gezegd is. Alles wordt vanzelf bewaard terwijl u typt.")
        )
        self.note_editor.saved.connect(self._saved)
        self.note_editor.failed.connect(lambda message: self._say(message, error=True))
        self.note_items.currentItemChanged.connect(self._note_item_selected)
        # Notes that came in another way (an imported bundle, sample data) are shown, never hidden.
        self.other_notes = QTextBrowser(splitter)
        self.other_notes.setObjectName("otherNotes")
        accessibility.name(self.other_notes, _("Aantekeningen die op een andere manier binnenkwamen"))
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
            entry = QListWidgetItem(isolate(item.title))
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
        self.details.flush()
        return self.note_editor.flush()

    def reload(self) -> None:
        self.detail = self.service.get_meeting(self.meeting_id)
        self.agenda.reload(self.detail)
        self._keep_note_item(self._fill_note_items)

    def _keep_note_item(self, refill: Callable[[], None]) -> None:
        current = self.note_items.currentItem()
        key = current.data(Qt.ItemDataRole.UserRole) if current else GENERAL
        refill()
        for row in range(self.note_items.count()):
            if self.note_items.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.note_items.setCurrentRow(row)
