"""What the buttons of the hand-outs screen do: print, save, save many languages (a part of HandoutsView).

Every job runs on the view's one worker thread (handout_pages.JobRunner); while one runs the
buttons are off and the status line says what is happening, then what came of it in one sentence.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QCheckBox, QDialog, QFileDialog, QLabel, QPushButton, QSpinBox

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.services.handouts import HandoutError, HandoutRequest, HandoutResult, HandoutService, in_language
from opvoed_desktop.ui.handout_batch import BatchRun
from opvoed_desktop.ui.handout_labels import describe_error
from opvoed_desktop.ui.handout_pages import JobRunner, PrintCancelled, a4_printer, print_pdfs
from opvoed_desktop.ui.handout_room import RoomLanguages

ERROR_STYLE = "color:#611a15;"


class HandoutActions:
    """Mixed into HandoutsView, which owns the widgets and the state used here."""

    service: HandoutService
    jobs: JobRunner
    folder: Path
    result: HandoutResult | None
    batch: BatchRun | None
    _busy: bool
    print_button: QPushButton
    save_button: QPushButton
    all_button: QPushButton
    room: RoomLanguages
    copies: QSpinBox
    bilingual: QCheckBox
    status: QLabel
    job_finished: Signal

    def _update_buttons(self) -> None:
        for button in (self.print_button, self.save_button):
            button.setEnabled(not self._busy and self.result is not None)
        self.all_button.setEnabled(not self._busy)
        for button in (self.room.print_button, self.room.save_button):
            button.setEnabled(not self._busy and bool(self.room.chosen()))

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
        self._print(None)

    def print_room_languages(self) -> None:
        self._print(self.room.chosen())

    def _print(self, languages: list[str] | None) -> None:
        """The previewed hand-out, or the same hand-out in each of `languages` one after the other, as one job."""
        printer = a4_printer(self.copies.value())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Hand-out afdrukken") if languages is None else _("Hand-outs in deze talen afdrukken"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        request = self._start(_("Bezig met afdrukken…"))
        if request is None:
            return
        if languages is not None:  # "Nederlands ernaast" counts for every language, whatever the preview shows
            request = replace(request, bilingual="nl" if self.bilingual.isChecked() else None)
        requests = [request] if languages is None else [in_language(request, lang) for lang in languages]
        printer.setDocName(self.service.file_name(requests[0]) if len(requests) == 1 else _("Hand-outs"))
        copies = printer.copyCount()

        def job() -> int:
            return print_pdfs([self.service.render(one).pdf for one in requests], printer, copies)

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
        self._save_languages(None, _("Map voor de hand-outs in alle talen"))

    def save_room_languages(self) -> None:
        self._save_languages(self.room.chosen(), _("Map voor de hand-outs in deze talen"))

    def _save_languages(self, languages: list[str] | None, title: str) -> None:
        folder = QFileDialog.getExistingDirectory(self, title, str(self.folder))
        if not folder:
            return
        request = self._start(_("Bezig met alle talen…") if languages is None else _("Bezig met deze talen…"))
        if request is None:
            return
        if languages is not None:
            request = replace(request, bilingual="nl" if self.bilingual.isChecked() else None)
        self.folder = Path(folder)

        def finish(text: str, error: bool) -> None:
            self.batch = None
            self._finish(text, error=error)

        self.batch = BatchRun(self, self.jobs, self.service, request, self.folder, self.ui_locale, finish, languages)
        self.batch.start()
