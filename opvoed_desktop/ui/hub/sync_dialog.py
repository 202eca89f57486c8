"""The hub dialog: the hub's address, TLS and password, this laptop's name, and "Synchroniseren".

The sync runs on a thread (`_SyncWorker`) with progress per phase and can be stopped; what was
committed stays and the next sync goes on. Nothing connects until the user presses the button; a
wrong address or a refused password is said at the address field.
"""

from __future__ import annotations

import logging
import socket
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import OperationalError

from opvoed_desktop.hub import conflicts as conflict_store
from opvoed_desktop.hub.identity import DEVICE_NAME_KEY, HUB_URL_KEY, HubError, device_name, stored_url
from opvoed_desktop.hub.results import Cancelled
from opvoed_desktop.i18n import _, pgettext
from opvoed_desktop.storage.sync_state import write_state
from opvoed_desktop.ui.hub.conflicts_dialog import ConflictsDialog

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from opvoed_desktop.hub.connection import HubAddress
    from opvoed_desktop.hub.results import SyncResult
    from opvoed_desktop.storage import Database

log = logging.getLogger(__name__)


class _AtAddress(Exception):
    """The hub could not be reached or refused the password: said at the address field."""


class _SyncWorker(QObject):
    progress = Signal(str, int, int)
    connected = Signal()
    finished = Signal(object, str, bool)  # SyncResult | None, error sentence, said at the address

    def __init__(self, db: Database, engine: Engine, device_name: str) -> None:
        super().__init__()
        self._db = db
        self._engine = engine
        self._device_name = device_name
        self.stop = False
        from opvoed_desktop.hub.connection import interrupter

        self._interrupt = interrupter(engine)

    def request_stop(self) -> None:
        """Stop at the next batch, and break off a query the hub is not answering (from the UI thread)."""
        self.stop = True
        self._interrupt()

    def _sentence(self, exc: Exception) -> str:
        """One plain sentence for the window; the details (type and code lines, no text) to the log."""
        if isinstance(exc, Cancelled) or self.stop:
            # Stopped: between batches (Cancelled), or by breaking off a query the hub did not
            # answer, which then fails like a lost connection.
            if not isinstance(exc, Cancelled):
                log.info("sync stopped while waiting for the hub", exc_info=exc)
            return _("Gestopt. Wat al over was blijft; de volgende synchronisatie gaat verder.")
        if isinstance(exc, HubError):
            log.warning("hub not usable: %s", exc)  # a code (not_initialised, other_version)
            return exc.sentence()
        if isinstance(exc, OperationalError):
            log.warning("hub connection lost during sync", exc_info=exc)
            return _("De verbinding met de hub viel weg. Er is niets kwijt; probeer het later opnieuw.")
        log.error("sync failed", exc_info=exc)
        return _("De synchronisatie is mislukt; de details staan in het logboek.")

    def _connect(self) -> None:
        """Reach the hub (on this thread: an address that never answers takes up to the connect
        timeout, during which the window stays usable and "Stoppen" works)."""
        from opvoed_desktop.hub import connection

        try:
            with self._engine.connect():
                pass
        except OperationalError as exc:
            if self.stop:
                raise Cancelled from None
            log.warning("hub not reachable", exc_info=exc)
            if connection.is_auth_failure(exc):
                raise _AtAddress(_("De hub weigert de aanmelding: het wachtwoord ontbreekt of klopt niet.")) from None
            raise _AtAddress(
                _("De hub is niet bereikbaar; er is niets veranderd. Probeer het later opnieuw.")
            ) from None
        if self.stop:
            raise Cancelled
        self.connected.emit()

    def run(self) -> None:
        from opvoed_desktop.hub.sync import Sync

        try:
            self._connect()
            result = Sync(
                self._db,
                self._engine,
                device_name=self._device_name,
                progress=lambda phase, done, total: self.progress.emit(phase, done, total),
                cancelled=lambda: self.stop,
            ).run()
        except _AtAddress as exc:
            self.finished.emit(None, str(exc), True)
        except Exception as exc:
            self.finished.emit(None, self._sentence(exc), False)
        else:
            self.finished.emit(result, "", False)
        finally:
            self._engine.dispose()


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
        self._connecting: tuple[HubAddress, str | None] | None = None  # until the hub answered
        self.url = QLineEdit(stored_url(db) or "", self)
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
        self.name = QLineEdit(device_name(db), self)
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
        form.addRow(pgettext("wachtwoord voor de hub", "Wachtwoord"), self.password)
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

    def _engine(self) -> tuple[HubAddress, str | None, Engine] | None:
        """The hub's engine for the address typed; None (and a sentence at the field) when the address
        cannot be used. Nothing connects yet: the worker does, off the window's thread."""
        from opvoed_desktop.hub import connection

        try:
            address, in_url = connection.parse(self.url.text(), ca_file=self.ca_file.text().strip() or None)
        except connection.HubUrlError as exc:
            self._say_at_url(str(exc))
            return None
        password = self.password.text() or in_url or connection.keyring_password(address)
        return address, password, connection.engine(address, password)

    def _connected(self) -> None:
        """The hub answered: remember it (and the password, when asked to)."""
        from opvoed_desktop.hub import connection

        if self._connecting is None:
            return
        address, password = self._connecting
        self._connecting = None
        self.phase.setText(_("Verbonden; bezig…"))
        if password and self.save_password.isChecked() and not connection.save_password(address, password):
            self._say_at_url(_("Er is geen sleutelbos op dit systeem; de app vraagt het wachtwoord elke keer."))
        write_state(self._db, HUB_URL_KEY, address.display)
        write_state(self._db, DEVICE_NAME_KEY, self.name.text().strip() or socket.gethostname())

    def start_sync(self) -> None:
        if self.running():
            return  # one sync at a time (the button is off meanwhile; a shortcut may still call this)
        opened = self._engine()
        if opened is None:
            return
        address, password, engine = opened
        self._say_at_url("")
        self.summary.setText("")
        self.sync_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first count
        self.phase.setText(_("Verbinden met de hub…"))
        self._thread = QThread(self)
        self._worker = _SyncWorker(self._db, engine, self.name.text().strip() or socket.gethostname())
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._progress)
        # A bound method of the dialog, so Qt runs it on the window's thread (a lambda would run on
        # the worker's, touching widgets from there).
        self._connecting = (address, password)
        self._worker.connected.connect(self._connected)
        self._worker.finished.connect(self._finished)
        self._thread.start()

    def _progress(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        text = _("Naar de hub: {done} van {total}") if phase == "up" else _("Van de hub: {done} van {total}")
        self.phase.setText(text.format(done=done, total=total))

    def _stop(self) -> None:
        if self._worker is not None:
            self._worker.request_stop()
            self.stop_button.setEnabled(False)

    def _finished(self, result: SyncResult | None, error: str, at_address: bool) -> None:
        from opvoed_desktop.hub.results import summary

        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = None
        self._worker = None
        self.sync_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if result is not None else 0)
        if at_address:
            self._say_at_url(error)
            self.phase.setText(_("Alles blijft op deze laptop tot u op Synchroniseren drukt."))
            return
        if result is None:
            self.phase.setText(error)
            return
        self.phase.setText(_("Klaar."))
        self.summary.setText(summary(result))
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
