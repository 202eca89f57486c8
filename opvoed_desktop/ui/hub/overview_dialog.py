"""The organisation overview: counts per municipality and period, and a PDF of them.

From the hub this laptop connected to (every shared meeting), or, when there is none or it cannot be
reached, from this laptop's own meetings; the note says which. Counts only, never note text.

The hub is asked on a worker thread (`_ask_hub`): a slow or unreachable server takes up to the
connection's timeout, and the window must stay usable meanwhile, with "Annuleren" closing it. Both
periods are counted in one visit, so switching between them never connects again.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.storage import Database

log = logging.getLogger(__name__)
PERIODS = ("quarter", "year")


class _HubBridge(QObject):
    """How the worker reports: counts per period (or None) and a sentence when it failed."""

    finished = Signal(object, str)


def _ask_hub(bridge: _HubBridge, url: str) -> None:
    """On the worker: connect, count both periods, report. Holds the bridge, never the dialog
    (a dialog closed meanwhile must not be deleted on this thread; see ui/export_worker.py)."""
    from sqlalchemy.exc import OperationalError

    from opvoed_desktop.hub import connection
    from opvoed_desktop.hub.overview import overview

    try:
        address, in_url = connection.parse(url)
        engine = connection.engine(address, in_url or connection.keyring_password(address))
        try:
            with engine.connect() as conn:
                rows = {period: overview(conn, period=period) for period in PERIODS}
        finally:
            engine.dispose()
    # Each failure in one sentence that also says what the table then shows.
    except OperationalError as exc:
        if connection.is_auth_failure(exc):
            bridge.finished.emit(None, _("De hub weigert de aanmelding; dit zijn de bijeenkomsten op deze laptop."))
        else:
            bridge.finished.emit(None, _("De hub is niet bereikbaar; dit zijn de bijeenkomsten op deze laptop."))
    except BaseException as exc:  # the dialog must hear of every failure, never stay busy
        log.error("overview from the hub failed (%s)", type(exc).__name__, exc_info=True)
        bridge.finished.emit(
            None,
            _(
                "Het overzicht van de hub is mislukt (de details staan in het logboek); "
                "dit zijn de bijeenkomsten op deze laptop."
            ),
        )
    else:
        bridge.finished.emit(rows, "")
    finally:
        bridge.deleteLater()


class OverviewDialog(QDialog):
    """Counts per municipality and quarter, from the hub (or this laptop), and a PDF of them."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Overzicht van de organisatie"))
        self.setObjectName("overviewDialog")
        self._db = db
        self._counts: dict[str, list[Any]] = {}
        self._rows: list[Any] = []
        self._source = ""
        self._url = ""
        self._closed = False
        self.thread: threading.Thread | None = None  # the hub's worker, while it runs (tests join it)
        self.period = QComboBox(self)
        self.period.setObjectName("overviewPeriod")
        self.period.addItem(_("Per kwartaal"), "quarter")
        self.period.addItem(_("Per jaar"), "year")
        self.period.currentIndexChanged.connect(lambda _i: self._show())
        self.table = QTableWidget(self)
        self.table.setObjectName("overviewTable")
        self.note = QLabel(self)
        self.note.setObjectName("overviewNote")
        self.note.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("overviewBusy")
        self.busy.setRange(0, 0)  # no count to show: it moves while the hub is asked
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.pdf_button = QPushButton(_("Opslaan als PDF…"), self)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("overviewClose")
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.period)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self.resize(900, 500)
        self.load()

    def load(self) -> None:
        """Ask the hub on a worker when this laptop has one, else count this laptop's meetings."""
        from opvoed_desktop.hub.identity import stored_url

        url = stored_url(self._db)
        if not url:
            self._count_here(_("Bijeenkomsten op deze laptop"))
            return
        self._url = url
        self._set_busy(True)
        self.note.setText(_("De hub wordt gevraagd…"))
        bridge = _HubBridge(QCoreApplication.instance())  # not the dialog's: it may outlive it
        bridge.finished.connect(self._hub_answered)
        self.thread = threading.Thread(target=_ask_hub, args=(bridge, url), name="hub-overview", daemon=True)
        self.thread.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.period.setEnabled(not busy)
        self.pdf_button.setEnabled(not busy)
        # While the hub is asked the one button stops waiting and closes; afterwards it closes.
        self.close_button.setText(_("Annuleren") if busy else _("Sluiten"))

    def done(self, result: int) -> None:
        """Closing while the hub is asked ("Annuleren") stops waiting at once. The connection attempt
        itself cannot be interrupted: it ends by its timeout (hub/connection.py), and its answer is
        dropped here."""
        self._closed = True
        super().done(result)

    def _hub_answered(self, counts: dict[str, list[Any]] | None, error: str) -> None:
        self.thread = None
        if self._closed:
            return
        self._set_busy(False)
        if counts is None:
            self._count_here(error)
            return
        from opvoed_desktop.hub.connection import parse

        self._counts = counts
        self._source = _("Alle gedeelde bijeenkomsten op de hub {url}").format(url=parse(self._url)[0].display)
        self._show()

    def _count_here(self, source: str) -> None:
        from opvoed_desktop.hub.overview import overview

        with self._db.session() as session:
            self._counts = {period: overview(session.connection(), period=period) for period in PERIODS}
        self._source = source
        self._show()

    def _show(self) -> None:
        if not self._counts:
            return  # still waiting for the hub
        self._rows = self._counts[self.period.currentData()]
        self.note.setText(self._source + " — " + _("alleen aantallen, geen tekst uit notities."))
        self._fill()

    def _fill(self) -> None:
        from opvoed_desktop.hub.overview import totals
        from opvoed_desktop.services.labels import label, sides
        from opvoed_desktop.storage.models import Side

        side_values = [s.value for s in Side]
        headers = [
            _("Gemeente"),
            _("Periode"),
            _("Bijeenkomsten"),
            *[_("deelnemers {side}").format(side=label(sides(), s)) for s in side_values],
            _("Afspraken open"),
            _("Afspraken klaar"),
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        all_rows = [*self._rows, totals(self._rows)]
        self.table.setRowCount(len(all_rows))
        for r, row in enumerate(all_rows):
            is_total = r == len(all_rows) - 1
            values = [
                _("Totaal") if is_total else (row.municipality or _("(geen gemeente)")),
                "" if is_total else (row.period or _("(geen datum)")),
                str(row.meetings),
                *[str(row.participants.get(s, 0)) for s in side_values],
                str(row.agreements_open),
                str(row.agreements_done),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def save_pdf(self) -> None:
        from opvoed_desktop.hub.overview import write_pdf

        path, _filter = QFileDialog.getSaveFileName(self, _("Overzicht opslaan"), "overzicht.pdf", "PDF (*.pdf)")
        if path:
            write_pdf(self._rows, Path(path), title=_("Overzicht van de organisatie"), source=self._source)
