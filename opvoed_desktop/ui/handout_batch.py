"""All (or the chosen) languages at once: one PDF per language into a folder, with a progress dialog whose
Stop really stops.

write_all checks `cancelled` before each language and writes each file atomically, so stopping
leaves only complete PDFs behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.services.handouts import HandoutRequest, HandoutResult, HandoutService
from opvoed_desktop.ui.handout_labels import describe_error, language_label
from opvoed_desktop.ui.handout_pages import JobRunner

Finish = Callable[[str, bool], None]  # (sentence, is_error)


class BatchRun:
    def __init__(
        self,
        parent: QWidget,
        jobs: JobRunner,
        service: HandoutService,
        request: HandoutRequest,
        folder: Path,
        ui_locale: str,
        finish: Finish,
        languages: list[str] | None = None,  # None: every language
    ) -> None:
        self.jobs = jobs
        self.service = service
        self.request = request
        self.folder = folder
        self.ui_locale = ui_locale
        self.finish = finish
        self.languages = languages
        self.total = len(service.languages() if languages is None else languages)
        self.started = 0  # languages begun, for the sentence after an error
        self.stop = threading.Event()
        self.dialog = QProgressDialog(_("Hand-outs maken…"), _("Stoppen"), 0, self.total, parent)
        self.dialog.setWindowTitle(_("Alle talen opslaan") if languages is None else _("Deze talen opslaan"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.setMinimumWidth(420)
        self.dialog.canceled.connect(self.stop.set)

    def start(self) -> None:
        self.dialog.show()
        self.jobs.submit(self._job, self._done)

    def _job(self) -> list[HandoutResult]:
        return self.service.write_all(
            self.request, self.folder, progress=self._progress, cancelled=self.stop.is_set, languages=self.languages
        )

    def _progress(self, index: int, count: int, lang: str) -> None:
        """Called on the worker thread: hand the numbers to the GUI thread, touch no widget here."""
        self.jobs.call_in_gui(lambda: self._show_progress(index, count, lang))

    def _show_progress(self, index: int, count: int, lang: str) -> None:
        self.started = index
        if self.dialog.wasCanceled():
            return
        self.dialog.setValue(index)
        if lang:
            self.dialog.setLabelText(
                _("{language} — {n} van {total}").format(
                    language=language_label(lang, self.ui_locale), n=index + 1, total=count
                )
            )

    def _done(self, results: list[HandoutResult] | None, error: BaseException | None) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        folder = str(self.folder)
        if error is not None:
            already = _("{done} van {total} talen waren al opgeslagen.").format(done=self.started, total=self.total)
            self.finish(f"{describe_error(error)} {already}", True)
            return
        written = len(results or [])
        if self.stop.is_set() and written < self.total:
            self.finish(
                _("Gestopt: {done} van {total} talen opgeslagen in {folder}.").format(
                    done=written, total=self.total, folder=folder
                ),
                False,
            )
            return
        text = ngettext("{n} hand-out opgeslagen in {folder}.", "{n} hand-outs opgeslagen in {folder}.", written)
        self.finish(text.format(n=written, folder=folder), False)
