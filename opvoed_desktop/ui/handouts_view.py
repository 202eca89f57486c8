"""The hand-outs screen: choose what to print for whom, see it, print it, save it, or make all languages.

Rendering, printing and saving run on one background thread (see handout_pages.JobRunner); the
form only builds a HandoutRequest and shows what comes back.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
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
from opvoed_desktop.ui.handout_batch import BatchRun
from opvoed_desktop.ui.handout_labels import describe_error, draft_notice, language_label, meeting_label
from opvoed_desktop.ui.handout_pages import JobRunner, PrintCancelled, a4_printer, print_pdf, render_pages
from opvoed_desktop.ui.handout_preview import PreviewPane

DEBOUNCE_MS = 120  # one render costs 10–50 ms: short enough to feel live, long enough to skip keystrokes
NOTICE_STYLE = "background:#fff4ce; color:#4a3b00; padding:6px;"
ERROR_STYLE = "color:#611a15;"


class HandoutsView(QWidget):
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
        splitter.addWidget(form_panel)
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
        for button in (self.print_button, self.save_button, self.all_button):
            layout.addWidget(button)
        layout.addWidget(self.status)
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
        chosen = self.meeting.currentData() is not None
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

    # Actions -------------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        for button in (self.print_button, self.save_button):
            button.setEnabled(not self._busy and self.result is not None)
        self.all_button.setEnabled(not self._busy)

    def _start(self, message: str) -> HandoutRequest | None:
        try:
            request = self.current_request()
        except HandoutError as exc:
            self._say(str(exc), error=True)
            return None
        self._busy = True
        self._update_buttons()
        self._say(message)
        return request

    def _finish(self, message: str, *, error: bool = False) -> None:
        self._busy = False
        self._update_buttons()
        self._say(message, error=error)
        self.job_finished.emit(message)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    def print_handout(self) -> None:
        printer = a4_printer(self.copies.value())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Hand-out afdrukken"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        request = self._start(_("Bezig met afdrukken…"))
        if request is None:
            return
        printer.setDocName(self.service.file_name(request))
        copies = printer.copyCount()

        def job() -> int:
            return print_pdf(self.service.render(request).pdf, printer, copies)

        def done(sheets: int | None, error: BaseException | None) -> None:
            if isinstance(error, PrintCancelled):
                self._finish(_("Afdrukken gestopt."))
            elif error is not None:
                self._finish(describe_error(error), error=True)
            else:
                text = ngettext(
                    "{n} pagina naar de printer gestuurd.", "{n} pagina's naar de printer gestuurd.", sheets
                )
                self._finish(text.format(n=sheets))

        self.jobs.submit(job, done)

    def save_pdf(self) -> None:
        try:
            suggested = self.folder / self.service.file_name(self.current_request())
        except HandoutError as exc:
            self._say(str(exc), error=True)
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Hand-out opslaan als PDF"), str(suggested), _("PDF-bestanden (*.pdf)")
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        request = self._start(_("Bezig met opslaan…"))
        if request is None:
            return
        self.folder = path.parent

        def done(result: HandoutResult | None, error: BaseException | None) -> None:
            if error is not None:
                self._finish(describe_error(error), error=True)
            else:
                self._finish(_("Opgeslagen als {path}.").format(path=path))

        self.jobs.submit(lambda: self.service.write(request, path), done)

    def save_all_languages(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Map voor de hand-outs in alle talen"), str(self.folder))
        if not folder:
            return
        request = self._start(_("Bezig met alle talen…"))
        if request is None:
            return
        self.folder = Path(folder)

        def finish(text: str, error: bool) -> None:
            self.batch = None
            self._finish(text, error=error)

        self.batch = BatchRun(self, self.jobs, self.service, request, self.folder, self.ui_locale, finish)
        self.batch.start()


def _combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    # Long meeting titles and translated labels must not push the preview off the screen.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    return combo
