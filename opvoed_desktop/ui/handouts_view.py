"""The hand-outs screen: choose what to print for whom, see it, print it, save it, or make all languages.

Rendering, printing and saving run on one background thread (see handout_pages.JobRunner); the
form only builds a HandoutRequest and shows what comes back.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.services.handouts import (
    HandoutError,
    HandoutRequest,
    HandoutResult,
    HandoutService,
    contacts_for,
    from_meeting,
)
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.ui.handout_actions import HandoutActions
from opvoed_desktop.ui.handout_batch import BatchRun
from opvoed_desktop.ui.handout_labels import describe_error, draft_notice, language_label, meeting_label
from opvoed_desktop.ui.handout_pages import JobRunner, render_pages
from opvoed_desktop.ui.handout_preview import PreviewPane
from opvoed_desktop.ui.handout_room import RoomLanguages, meeting_languages

DEBOUNCE_MS = 120  # one render costs 10–50 ms: short enough to feel live, long enough to skip keystrokes
NOTICE_STYLE = "background:#fff4ce; color:#4a3b00; padding:6px;"


class HandoutsView(HandoutActions, QWidget):
    preview_updated = Signal()  # pages (or an error sentence) are showing for the current choice
    job_finished = Signal(str)  # print, save or batch done: the sentence shown in the status line

    def __init__(
        self,
        service: HandoutService,
        meetings: MeetingService | None,
        ui_locale: str = "nl",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoutsView")
        self.service = service
        self.meetings = meetings
        self.ui_locale = ui_locale
        self.jobs = JobRunner(self)
        documents = Path.home() / "Documents"
        self.folder = documents if documents.is_dir() else Path.home()  # where the file dialogs start
        self.result: HandoutResult | None = None  # what the preview shows, for the notice and the tests
        self._generation = 0
        self._busy = False
        self.batch: BatchRun | None = None
        self._towns: dict[str, str] = {}  # meeting id → municipality
        self._followed: str | None = None  # the meeting whose languages the room ticks last followed

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh_preview)

        form_panel = self._build_form()
        self.notice = QLabel(self)
        self.notice.setObjectName("draftNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        self.pages_label = QLabel(self)
        self.pages_label.setObjectName("pageCount")
        self.preview = PreviewPane(self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(self.pages_label)
        right_layout.addWidget(self.preview, 1)

        splitter = QSplitter(self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(_scrolling(form_panel))
        QWidget.setTabOrder(self.all_button, self.preview)  # the form first, then its preview
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload_meetings()
        self._language_changed()
        self.schedule_preview()

    # Form ----------------------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("handoutForm")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.kind = _combo(panel, _("Soort hand-out"))
        for key, label in (
            ("ouders", _("Voor ouders: waar je terecht kunt")),
            ("deelnemers", _("Voor deelnemers: kort verslag en afspraken")),
            ("agenda", _("Agenda van de bijeenkomst (voor aan de muur)")),
        ):
            self.kind.addItem(label, key)
        # The printable templates (letter, forms) carry their own titles in the content.
        from opvoed_desktop.services.handouts import ITEM_IDS, TEMPLATES

        for key in TEMPLATES:
            item = self.service.library.get(ITEM_IDS[key])
            if item is not None:
                self.kind.addItem(_("Sjabloon: {title}").format(title=item.title), key)
        form.addRow(_("Soort:"), self.kind)

        self.language = _combo(panel, _("Taal van de hand-out"))
        for code in self.service.languages():
            self.language.addItem(language_label(code, self.ui_locale), code)
        form.addRow(_("Taal:"), self.language)
        for combo in (self.kind, self.language):  # short, known lists: show them whole
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.bilingual = QCheckBox(_("Nederlands ernaast (tweetalig)"), panel)
        self.large = QCheckBox(_("Grote letters"), panel)
        form.addRow(_("Opmaak:"), self.bilingual)
        form.addRow("", self.large)

        self.meeting = _combo(panel, _("Bijeenkomst"))
        form.addRow(_("Bijeenkomst:"), self.meeting)
        self.municipality = _combo(panel, _("Gemeente"))
        self.municipality.setEditable(True)
        self.municipality.lineEdit().setPlaceholderText(_("Gemeente voor de adressen"))
        form.addRow(_("Gemeente:"), self.municipality)
        self.meeting_hint = QLabel(panel)
        self.meeting_hint.setWordWrap(True)
        self.meeting_hint.hide()
        form.addRow(self.meeting_hint)

        self.copies = QSpinBox(panel)
        self.copies.setRange(1, 500)
        self.copies.setAccessibleName(_("Aantal exemplaren"))
        form.addRow(_("Aantal:"), self.copies)

        self.print_button = QPushButton(_("Afdrukken…"), panel)
        self.print_button.setObjectName("printHandout")
        self.print_button.setDefault(True)
        self.save_button = QPushButton(_("Opslaan als PDF…"), panel)
        self.save_button.setObjectName("saveHandout")
        self.room = RoomLanguages(self.service.languages(), self.ui_locale, panel)  # made in the order Tab meets them
        self.all_button = QPushButton(_("Alle talen opslaan…"), panel)
        self.all_button.setObjectName("saveAllLanguages")
        self.all_button.setToolTip(_("Eén PDF per taal in een map naar keuze, met dezelfde keuzes als hierboven."))
        self.status = QLabel(panel)
        self.status.setObjectName("handoutStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(panel)
        layout.addLayout(form)
        layout.addSpacing(12)
        for widget in (self.print_button, self.save_button, self.room, self.all_button, self.status):
            layout.addWidget(widget)
        layout.addStretch(1)

        self.kind.currentIndexChanged.connect(self.schedule_preview)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.bilingual.toggled.connect(self.schedule_preview)
        self.large.toggled.connect(self.schedule_preview)
        self.meeting.currentIndexChanged.connect(self._meeting_changed)
        self.municipality.currentTextChanged.connect(self.schedule_preview)
        self.print_button.clicked.connect(self.print_handout)
        self.save_button.clicked.connect(self.save_pdf)
        self.all_button.clicked.connect(self.save_all_languages)
        self.room.changed.connect(self._update_buttons)
        self.room.print_button.clicked.connect(self.print_room_languages)
        self.room.save_button.clicked.connect(self.save_room_languages)
        return panel

    def reload_meetings(self) -> None:
        """Meetings and municipalities may have changed on the other tabs; keep the current choice."""
        chosen, town = self.meeting.currentData(), self.municipality.currentText()
        for combo in (self.meeting, self.municipality):
            combo.blockSignals(True)
            combo.clear()
        self.meeting.addItem(_("Geen bijeenkomst"), None)
        if self.meetings is None:
            self.meeting.setEnabled(False)
            self.meeting_hint.setText(_("Bijeenkomsten en adressen zijn nu niet beschikbaar; typ de gemeente zelf."))
            self.meeting_hint.show()
        else:
            summaries = self.meetings.list_meetings()
            self._towns = {summary.id: summary.municipality for summary in summaries}
            for summary in summaries:
                self.meeting.addItem(meeting_label(summary.title, summary.starts_at, self.ui_locale), summary.id)
            self.municipality.addItems(self.meetings.municipalities())
        self.meeting.setCurrentIndex(max(self.meeting.findData(chosen), 0))
        self.municipality.setEditText(town)
        for combo in (self.meeting, self.municipality):
            combo.blockSignals(False)
        self._meeting_changed()

    def _meeting_changed(self) -> None:
        meeting_id = self.meeting.currentData()
        chosen = meeting_id is not None
        if meeting_id != self._followed and self.meetings is not None:  # not again when the tab is shown
            self._followed = meeting_id
            self.room.follow(meeting_languages(self.meetings, meeting_id) if chosen else [])
        self.municipality.setEnabled(not chosen)
        if chosen:  # show whose addresses the hand-out will carry
            self.municipality.blockSignals(True)
            self.municipality.setEditText(self._towns.get(self.meeting.currentData(), ""))
            self.municipality.blockSignals(False)
        self.schedule_preview()

    def _language_changed(self) -> None:
        is_dutch = self.language.currentData() == "nl"
        self.bilingual.setEnabled(not is_dutch)
        self.schedule_preview()

    def current_request(self) -> HandoutRequest:
        lang = self.language.currentData() or "nl"
        request = HandoutRequest(
            kind=self.kind.currentData() or "ouders",
            lang=lang,
            bilingual="nl" if self.bilingual.isChecked() and lang != "nl" else None,
            large=self.large.isChecked(),
            municipality=self.municipality.currentText().strip(),
        )
        if self.meetings is None:
            return request
        from opvoed_desktop.storage.errors import StorageError

        try:
            meeting_id = self.meeting.currentData()
            if meeting_id is not None:
                return from_meeting(request, self.meetings, meeting_id)
            return replace(request, contacts=contacts_for(self.meetings, request.municipality))
        except (StorageError, LookupError) as exc:
            raise HandoutError(
                _("De gegevens van de bijeenkomst zijn niet te lezen ({reason}); kies een andere.").format(reason=exc)
            ) from exc

    # Preview -------------------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        self._debounce.start()

    def refresh_preview(self) -> None:
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        try:
            request = self.current_request()
        except HandoutError as exc:
            self._preview_done(generation, None, exc)
            return
        width = self.preview.page_width()

        def job() -> tuple[HandoutResult, list] | None:
            if generation != self._generation:
                return None  # the user has already chosen something else
            result = self.service.render(request)
            return result, render_pages(result.pdf, width)

        self.jobs.submit(job, lambda out, error: self._preview_done(generation, out, error))

    def _preview_done(self, generation: int, out: tuple | None, error: BaseException | None) -> None:
        if generation != self._generation:
            return
        if error is not None:
            self.result = None
            self.preview.set_message(describe_error(error))
            self.notice.hide()
            self.pages_label.clear()
        elif out is not None:
            self.result, images = out
            self.preview.set_pages(images)
            self.pages_label.setText(ngettext("{n} pagina", "{n} pagina's", len(images)).format(n=len(images)))
            self.notice.setText(draft_notice(self.result.tally))
            self.notice.setVisible(bool(self.notice.text()))
        self._update_buttons()
        self.preview_updated.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.preview.images and abs(self.preview.images[0].width() - self.preview.page_width()) > 8:
            self.schedule_preview()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.meetings is not None and not self._busy:
            self.reload_meetings()


def _combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    # Long meeting titles and translated labels must not push the preview off the screen.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    return combo


def _scrolling(panel: QWidget) -> QScrollArea:
    """The form scrolls up and down on a low screen (1366×768) instead of making the window taller."""
    area = QScrollArea()
    area.setObjectName("handoutFormScroll")
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Tab goes into the form's fields (the area follows them); the area itself is no stop.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Never narrower than the form: a squeezed form would clip its labels.
    area.setMinimumWidth(panel.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width())
    return area
