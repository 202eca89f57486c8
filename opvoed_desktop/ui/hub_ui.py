"""The organisation's hub in the window: connect, "Synchroniseren" with progress and a summary,
conflicts side by side, the organisation overview, and per meeting "delen met organisatie".

Everything here talks to opvoed_desktop.hub; nothing connects until the user presses a button.
The sync runs on a thread and can be stopped; what was committed stays and the next sync goes on.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.hub import conflicts as conflict_store
from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from opvoed_desktop.hub.connection import HubAddress
    from opvoed_desktop.hub.results import SyncResult
    from opvoed_desktop.storage import Database

HUB_URL_KEY = "hub_url"
DEVICE_NAME_KEY = "device_name"


def _state(db: Database, key: str) -> str | None:
    from opvoed_desktop.storage.sync_state import get_state

    with db.session() as session:
        return get_state(session.connection(), key)


def _set_state(db: Database, key: str, value: str) -> None:
    from opvoed_desktop.storage.sync_state import set_state

    with db.write() as session:
        set_state(session.connection(), key, value)


# --- per meeting ------------------------------------------------------------------------------------


class SharingRow(QWidget):
    """ "Delen met organisatie" and which laptop the meeting came from (on the Details tab)."""

    def __init__(self, db: Database, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from sqlalchemy import select

        from opvoed_desktop.storage import models as m

        self._db = db
        self._meeting_id = meeting_id
        with db.session() as session:
            meeting = session.get(m.Meeting, meeting_id)
            shared = bool(meeting and meeting.shared)
            sample = bool(meeting and meeting.is_sample)
            origin = meeting.origin_device if meeting else None
            name = session.scalar(select(m.SyncDevice.name).where(m.SyncDevice.id == origin)) if origin else None
            here = session.scalar(select(m.SyncState.value).where(m.SyncState.key == "device_id"))
        self.checkbox = QCheckBox(_("Delen met organisatie"), self)
        self.checkbox.setObjectName("sharedCheckbox")
        self.checkbox.setChecked(shared)
        self.checkbox.setEnabled(not sample)
        self.checkbox.setToolTip(
            _("Voorbeeldbijeenkomsten worden nooit gedeeld.")
            if sample
            else _("Gaat bij de volgende synchronisatie naar de hub van de organisatie.")
        )
        self.checkbox.toggled.connect(self._toggled)
        if origin is None or origin == here:
            origin_text = _("Gemaakt op deze laptop")
        else:
            origin_text = _("Afkomstig van: {laptop}").format(laptop=name or origin[:8])
        self.origin = QLabel(origin_text, self)
        self.origin.setObjectName("originLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.checkbox)
        layout.addWidget(self.origin)

    def _toggled(self, checked: bool) -> None:
        from opvoed_desktop.services.sharing import set_shared

        set_shared(self._db, [self._meeting_id], checked)


def add_sharing_row(details: QWidget, db: Database, meeting_id: str) -> SharingRow:
    row = SharingRow(db, meeting_id, details)
    form = details.layout()
    if isinstance(form, QFormLayout):
        form.insertRow(max(0, form.rowCount() - 1), _("Organisatie"), row)
    return row


# --- syncing ----------------------------------------------------------------------------------------


class _SyncWorker(QObject):
    progress = Signal(str, int, int)
    finished = Signal(object, str)  # SyncResult | None, error sentence

    def __init__(self, db: Database, engine: Engine, device_name: str) -> None:
        super().__init__()
        self._db = db
        self._engine = engine
        self._device_name = device_name
        self.stop = False

    def run(self) -> None:
        from sqlalchemy.exc import OperationalError

        from opvoed_desktop.hub.identity import HubError
        from opvoed_desktop.hub.results import Cancelled
        from opvoed_desktop.hub.sync import Sync

        try:
            result = Sync(
                self._db,
                self._engine,
                device_name=self._device_name,
                progress=lambda phase, done, total: self.progress.emit(phase, done, total),
                cancelled=lambda: self.stop,
            ).run()
        except Cancelled:
            self.finished.emit(None, _("Gestopt. Wat al over was blijft; de volgende synchronisatie gaat verder."))
        except HubError as exc:
            self.finished.emit(None, hub_error(str(exc)))
        except OperationalError:
            self.finished.emit(
                None, _("De verbinding met de hub viel weg. Er is niets kwijt; probeer het later opnieuw.")
            )
        except Exception as exc:  # the app's error log keeps the details
            import logging

            logging.getLogger(__name__).error("sync failed", exc_info=exc)
            self.finished.emit(None, _("De synchronisatie is mislukt; de details staan in het logboek."))
        else:
            self.finished.emit(result, "")
        finally:
            self._engine.dispose()


def hub_error(code: str) -> str:
    if code == "other_version":
        return _("De hub heeft een andere versie dan deze app; vraag de beheerder om 'opvoed-desktop hub init'.")
    return _("Deze database is (nog) geen hub; de beheerder maakt hem aan met 'opvoed-desktop hub init --url …'.")


def summary_text(result: SyncResult) -> str:
    from opvoed_desktop.hub.results import summary

    return summary(result)


class HubDialog(QDialog):
    """Settings for the hub and the "Synchroniseren" button, with progress and a summary."""

    synced = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Hub van de organisatie"))
        self.setObjectName("hubDialog")
        self._db = db
        self._thread: QThread | None = None
        self._worker: _SyncWorker | None = None
        self.url = QLineEdit(_state(db, HUB_URL_KEY) or "", self)
        self.url.setObjectName("hubUrl")
        self.url.setPlaceholderText("postgresql://gebruiker@server.organisatie.nl/opvoed")
        self.url_error = QLabel(self)
        self.url_error.setObjectName("hubUrlError")
        self.url_error.setWordWrap(True)
        self.url_error.setStyleSheet("color:#8a1c12;")
        self.url_error.hide()
        self.ca_file = QLineEdit(self)
        self.ca_file.setPlaceholderText(_("optioneel: controleer de server met dit CA-certificaat"))
        self.password = QLineEdit(self)
        self.password.setObjectName("hubPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("leeg: het bewaarde wachtwoord"))
        self.save_password = QCheckBox(_("Wachtwoord bewaren in de sleutelbos van het systeem"), self)
        self.name = QLineEdit(_state(db, DEVICE_NAME_KEY) or socket.gethostname(), self)
        from opvoed_desktop.services.sharing import set_share_new_meetings, share_new_meetings

        self.share_new = QCheckBox(_("Nieuwe bijeenkomsten meteen delen met de organisatie"), self)
        self.share_new.setObjectName("shareNew")
        self.share_new.setChecked(share_new_meetings(db))
        self.share_new.toggled.connect(lambda checked: set_share_new_meetings(db, checked))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        url_box = QWidget(self)
        url_layout = QVBoxLayout(url_box)
        url_layout.setContentsMargins(0, 0, 0, 0)
        url_layout.addWidget(self.url)
        url_layout.addWidget(self.url_error)
        form.addRow(_("Adres"), url_box)
        form.addRow(_("CA-certificaat"), self.ca_file)
        form.addRow(_("Wachtwoord"), self.password)
        form.addRow("", self.save_password)
        form.addRow(_("Naam van deze laptop"), self.name)
        form.addRow("", self.share_new)
        self.sync_button = QPushButton(_("Synchroniseren"), self)
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.start_sync)
        self.stop_button = QPushButton(_("Stoppen"), self)
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self._stop)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.phase = QLabel(_("Alles blijft op deze laptop tot u op Synchroniseren drukt."), self)
        self.phase.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("syncSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts_button = QPushButton(self)
        self.conflicts_button.setObjectName("conflictsButton")
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self._update_conflicts_button()
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.conflicts_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.phase)
        layout.addWidget(self.summary)
        layout.addWidget(close)
        self.resize(640, 420)

    def _update_conflicts_button(self) -> None:
        n = conflict_store.count(self._db)
        self.conflicts_button.setText(_("Conflicten ({n})…").format(n=n))
        self.conflicts_button.setEnabled(n > 0)

    def _say_at_url(self, sentence: str) -> None:
        self.url_error.setText(sentence)
        self.url_error.setVisible(bool(sentence))

    def _open(self) -> tuple[HubAddress, Engine] | None:
        from sqlalchemy.exc import OperationalError

        from opvoed_desktop.hub import connection

        try:
            address, in_url = connection.parse(self.url.text(), ca_file=self.ca_file.text().strip() or None)
        except connection.HubUrlError as exc:
            self._say_at_url(str(exc))
            return None
        password = self.password.text() or in_url or connection.keyring_password(address)
        engine = connection.engine(address, password)
        try:
            with engine.connect():
                pass
        except OperationalError as exc:
            engine.dispose()
            if connection.is_auth_failure(exc):
                self._say_at_url(_("De hub weigert de aanmelding: het wachtwoord ontbreekt of klopt niet."))
            else:
                self._say_at_url(_("De hub is niet bereikbaar; er is niets veranderd. Probeer het later opnieuw."))
            return None
        self._say_at_url("")
        if password and self.save_password.isChecked() and not connection.save_password(address, password):
            self._say_at_url(_("Er is geen sleutelbos op dit systeem; de app vraagt het wachtwoord elke keer."))
        _set_state(self._db, HUB_URL_KEY, address.display)
        _set_state(self._db, DEVICE_NAME_KEY, self.name.text().strip() or socket.gethostname())
        return address, engine

    def start_sync(self) -> None:
        opened = self._open()
        if opened is None:
            return
        _address, engine = opened
        self.summary.setText("")
        self.sync_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first count
        self.phase.setText(_("Verbonden; bezig…"))
        self._thread = QThread(self)
        self._worker = _SyncWorker(self._db, engine, self.name.text().strip() or socket.gethostname())
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._progress)
        self._worker.finished.connect(self._finished)
        self._thread.start()

    def _progress(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        text = _("Naar de hub: {done} van {total}") if phase == "up" else _("Van de hub: {done} van {total}")
        self.phase.setText(text.format(done=done, total=total))

    def _stop(self) -> None:
        if self._worker is not None:
            self._worker.stop = True
            self.stop_button.setEnabled(False)

    def _finished(self, result: SyncResult | None, error: str) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = None
        self._worker = None
        self.sync_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if result is not None else 0)
        if result is None:
            self.phase.setText(error)
            return
        self.phase.setText(_("Klaar."))
        self.summary.setText(summary_text(result))
        self._update_conflicts_button()
        self.synced.emit()

    def show_conflicts(self) -> None:
        ConflictsDialog(self._db, self).exec()
        self._update_conflicts_button()

    def running(self) -> bool:
        return self._thread is not None

    def reject(self) -> None:
        if self.running():
            self._stop()
            return  # it stops at the next batch; then the dialog can close
        super().reject()


# --- conflicts --------------------------------------------------------------------------------------


class ConflictsDialog(QDialog):
    """Each conflict with both versions side by side; choosing one keeps it everywhere."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Conflicten"))
        self.setObjectName("conflictsDialog")
        self._db = db
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        self.list.currentRowChanged.connect(self._show)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.local_title = QLabel(self)
        self.hub_title = QLabel(self)
        self.local_text = QTextEdit(self)
        self.local_text.setObjectName("localText")
        self.local_text.setReadOnly(True)
        self.hub_text = QTextEdit(self)
        self.hub_text.setObjectName("hubText")
        self.hub_text.setReadOnly(True)
        self.keep_local = QPushButton(_("Deze versie houden"), self)
        self.keep_local.setObjectName("keepLocal")
        self.keep_local.clicked.connect(lambda: self._choose(conflict_store.LOCAL))
        self.keep_hub = QPushButton(_("Deze versie houden"), self)
        self.keep_hub.setObjectName("keepHub")
        self.keep_hub.clicked.connect(lambda: self._choose(conflict_store.HUB))
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        for title, text, button in (
            (self.local_title, self.local_text, self.keep_local),
            (self.hub_title, self.hub_text, self.keep_hub),
        ):
            column = QWidget(sides)
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            title.setWordWrap(True)
            box.addWidget(title)
            box.addWidget(text, 1)
            box.addWidget(button)
            sides.addWidget(column)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Dezelfde tekst is op twee laptops veranderd. Kies welke versie blijft."), self))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.explain)
        layout.addWidget(sides, 3)
        layout.addWidget(close)
        self.resize(900, 600)
        self._views: list[conflict_store.ConflictView] = []
        self.reload()

    def reload(self) -> None:
        self._views = conflict_store.list_conflicts(self._db)
        self.list.clear()
        for view in self._views:
            kind = conflict_store.kind_name(view.table)
            # Raise the first letter only: str.capitalize() also lowers the rest, and a translator's own
            # capital (Turkish "İstek", where Python would make "istek" into the wrong "Istek") stays.
            label = _("{kind} in “{meeting}”").format(
                kind=kind[:1].upper() + kind[1:], meeting=view.meeting_title or "—"
            )
            self.list.addItem(QListWidgetItem(label))
        if self._views:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    def _show(self, index: int) -> None:
        has = 0 <= index < len(self._views)
        for widget in (self.keep_local, self.keep_hub):
            widget.setEnabled(has)
        if not has:
            self.explain.setText(_("Er zijn geen conflicten."))
            for widget in (self.local_text, self.hub_text):
                widget.clear()
            self.local_title.setText("")
            self.hub_title.setText("")
            return
        view = self._views[index]
        self.local_title.setText(_("Op deze laptop ({when})").format(when=view.local_when or "—"))
        self.hub_title.setText(
            _("Van {laptop} ({when})").format(laptop=view.hub_device or _("de hub"), when=view.hub_when or "—")
        )
        self.local_text.setPlainText(_("(verwijderd)") if view.local_deleted else view.local_text)
        self.hub_text.setPlainText(_("(verwijderd)") if view.hub_deleted else view.hub_text)
        kept = _("deze laptop") if view.kept == conflict_store.LOCAL else (view.hub_device or _("de hub"))
        self.explain.setText(
            _("Nu staat de versie van {kept} in de bijeenkomst; de andere is hier bewaard.").format(kept=kept)
        )

    def _choose(self, choice: str) -> None:
        index = self.list.currentRow()
        if 0 <= index < len(self._views):
            if not conflict_store.resolve(self._db, self._views[index].id, choice):
                self.explain.setText(
                    _(
                        "Deze bijeenkomst is verwijderd, dus de tekst kan er niet terug in. Hij blijft hier "
                        "bewaard: kopieer hem naar een andere bijeenkomst, of kies de andere versie."
                    )
                )
                return
            self.reload()


# --- overview ---------------------------------------------------------------------------------------


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
        from opvoed_desktop.hub.overview import overview

        url = _state(self._db, HUB_URL_KEY)
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


# --- the menu ---------------------------------------------------------------------------------------


def install_menu(window: Any) -> None:
    """A "Hub" menu in the main window (once the database is open)."""
    db = window.services.database
    if db is None:
        return
    menu = QMenu(_("H&ub"), window)  # Alt+H is Help
    window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
    menu.setObjectName("hubMenu")

    def refresh() -> None:
        view = getattr(window, "meetings_view", None)
        if view is not None:
            view.refresh()

    def close_editor() -> bool:
        # A sync may change the open meeting underneath its editor, whose next autosave would then
        # write the old text back over a colleague's change without a conflict: save and close it
        # first (as an import does).
        view = getattr(window, "meetings_view", None)
        return view is None or bool(view.close_editor())

    def open_hub() -> None:
        if not close_editor():
            return  # the editor said why it could not save; nothing is synced over unsaved text
        dialog = HubDialog(db, window)
        dialog.synced.connect(refresh)
        dialog.exec()

    def open_conflicts() -> None:
        if not close_editor():
            return
        ConflictsDialog(db, window).exec()
        refresh()

    sync_action = window._action(_("&Synchroniseren…"), open_hub, "Ctrl+Shift+S")
    menu.addAction(sync_action)
    menu.addAction(window._action(_("&Conflicten…"), open_conflicts))
    menu.addAction(window._action(_("&Overzicht van de organisatie…"), lambda: OverviewDialog(db, window).exec()))
