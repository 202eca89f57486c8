"""The organisation overview: counts per municipality and period, and a PDF of them.

From the hub this laptop connected to (every shared meeting), or, when there is none or it cannot be
reached, from this laptop's own meetings; the note says which. Counts only, never note text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.storage import Database


class OverviewDialog(QDialog):
    """Counts per municipality and quarter, from the hub (or this laptop), and a PDF of them."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Overzicht van de organisatie"))
        self.setObjectName("overviewDialog")
        self._db = db
        self._rows: list[Any] = []
        self._source = ""
        self.period = QComboBox(self)
        self.period.setObjectName("overviewPeriod")
        self.period.addItem(_("Per kwartaal"), "quarter")
        self.period.addItem(_("Per jaar"), "year")
        self.period.currentIndexChanged.connect(lambda _i: self.load())
        self.table = QTableWidget(self)
        self.table.setObjectName("overviewTable")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.pdf_button = QPushButton(_("Opslaan als PDF…"), self)
        self.pdf_button.clicked.connect(self.save_pdf)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.period)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(900, 500)
        self.load()

    def load(self) -> None:
        from opvoed_desktop.hub import connection
        from opvoed_desktop.hub.identity import stored_url
        from opvoed_desktop.hub.overview import overview

        url = stored_url(self._db)
        rows = None
        if url:
            try:
                address, in_url = connection.parse(url)
                engine = connection.engine(address, in_url or connection.keyring_password(address))
                try:
                    with engine.connect() as conn:
                        rows = overview(conn, period=self.period.currentData())
                    self._source = _("Alle gedeelde bijeenkomsten op de hub {url}").format(url=address.display)
                finally:
                    engine.dispose()
            except Exception:  # unreachable hub: count this laptop's meetings instead
                rows = None
        if rows is None:
            with self._db.session() as session:
                rows = overview(session.connection(), period=self.period.currentData())
            self._source = (
                _("De hub is niet bereikbaar; dit zijn de bijeenkomsten op deze laptop.")
                if url
                else _("Bijeenkomsten op deze laptop")
            )
        self._rows = rows
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
