"""Where a meeting's agenda can come from: a programme of the toolkit, an own programme, or the
agenda of an earlier meeting. The box shows the meeting's own programme when it has one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QLabel, QPushButton, QWidget

from opvoed_desktop.content import Library, Programme
from opvoed_desktop.content.agenda import items_from_programme
from opvoed_desktop.i18n import _
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.own_programmes import ProgrammeSaveError, folder_of, load_own, save_own
from opvoed_desktop.services.presenting import AgendaItem, AgendaPlan
from opvoed_desktop.storage.records import MeetingDetail
from opvoed_desktop.ui.bidi_search import BidiKeyboardSearch


def isolate(text: str) -> str:
    """A title in its own direction inside a right-to-left interface ("Waarom samenwerken?")."""
    return f"\u2068{text}\u2069"


class SourceChooser(QWidget):
    # items, minutes available, programme id ("" for an earlier meeting's agenda)
    apply_requested = Signal(list, int, str)

    def __init__(
        self,
        service: MeetingService,
        library: Library,
        detail: MeetingDetail,
        plan: Callable[[], AgendaPlan],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.library = library
        self.meeting_id = detail.id
        self._plan = plan
        self.own: dict[str, Programme] = {}
        self.choice = QComboBox(self)
        self.choice.setObjectName("agendaSource")
        self.choice.setAccessibleName(_("Programma of eerdere agenda"))
        # Long titles must not widen the window: the box shows what fits and the list the rest.
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choice.setMinimumContentsLength(16)
        # Typing "Eers" finds "Eerste kennismaking" although the shown title starts with a bidi isolate.
        BidiKeyboardSearch(self.choice)
        self.apply_button = QPushButton(_("Agenda overnemen"), self)
        self.apply_button.setObjectName("applyAgendaSource")
        self.apply_button.setToolTip(_("Vervang de agenda hieronder door dit programma of deze eerdere agenda."))
        self.apply_button.clicked.connect(self.apply)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("Programma:"), self))
        row.addWidget(self.choice, 1)
        row.addWidget(self.apply_button)
        self.fill()
        self.follow(detail)

    @property
    def folder(self) -> Path:
        return folder_of(self.service.db.paths.root)

    def fill(self) -> None:
        current = self.choice.currentData()
        self.choice.clear()
        for programme in self.library.programmes():
            self.choice.addItem(isolate(programme.title), programme.id)
        try:
            own = load_own(self.folder)
        except OSError:
            own = []
        self.own = {p.id: p for p in own}
        if own:
            self.choice.insertSeparator(self.choice.count())
        for programme in own:
            label = _("{title} (eigen programma)").format(title=isolate(programme.title))
            self.choice.addItem(label, f"own:{programme.id}")
        past = self.service.past_agendas(exclude=self.meeting_id)
        if past:
            self.choice.insertSeparator(self.choice.count())
        for meeting in past:
            when = meeting.starts_at.strftime("%d-%m-%Y") if meeting.starts_at else "—"
            label = _("Agenda van {date}: {title}").format(date=when, title=isolate(meeting.title))
            self.choice.addItem(label, f"meeting:{meeting.meeting_id}")
        if current is not None:
            self.choice.setCurrentIndex(max(0, self.choice.findData(current)))

    def follow(self, detail: MeetingDetail) -> None:
        """Show the meeting's own programme (never simply the first one)."""
        for key in (detail.programme_id, f"own:{detail.programme_id}"):
            index = self.choice.findData(key)
            if detail.programme_id and index >= 0:
                self.choice.setCurrentIndex(index)
                return

    def apply(self) -> None:
        key = str(self.choice.currentData() or "")
        kind, _sep, ref = key.rpartition(":")
        if kind == "meeting":
            lines = self.service.agenda_lines(ref)
            items = [AgendaItem(line.kind, line.title, line.minutes, line.ref) for line in lines]
            source = self.service.get_meeting(ref)
            available = source.minutes_available or 0
            self.apply_requested.emit(items, available, source.programme_id or "")
            return
        programme = self.own.get(ref) if kind == "own" else self.library.get(ref)
        if isinstance(programme, Programme):
            items = items_from_programme(programme, self.library)
            self.apply_requested.emit(items, programme.minutes_available, programme.id)

    def save_as_programme(self) -> None:
        plan = self._plan()
        title, ok = QInputDialog.getText(
            self, _("Bewaren als eigen programma"), _("Naam van het programma:"), text=plan.title
        )
        if not ok:
            return
        try:
            programme = save_own(self.folder, title, plan.items, plan.minutes_available, self.library)
        except ProgrammeSaveError as exc:
            self.message(str(exc), error=True)
            return
        self.fill()
        self.choice.setCurrentIndex(max(0, self.choice.findData(f"own:{programme.id}")))
        self.message(_("Bewaard als eigen programma ‘{title}’.").format(title=programme.title))

    def message(self, text: str, *, error: bool = False) -> None:
        say = getattr(self.parent(), "_say", None)
        if callable(say):
            say(text, error)
