"""An error the app did not expect, in the window: one plain sentence, what was kept, and the details
to copy (as Anki does). The details are the same privacy-safe traceback as in the log: code and
types, never a message that could quote a note.

Errors reach this from `sys.excepthook` (an exception in a slot), `threading.excepthook` (a
background job) and Qt's own critical messages; a queued signal brings each to the main thread.
"""

from __future__ import annotations

import logging
import platform
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QObject, Qt, QtMsgType, Signal, qInstallMessageHandler, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from opvoed_desktop import __version__
from opvoed_desktop.errorlog import ErrorLog, print_to_stderr
from opvoed_desktop.i18n import _

_QT_LEVELS = {
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class ErrorDialog(QDialog):
    def __init__(
        self, details: str, log_file: Path | None, parent: QWidget | None = None, *, at_start: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(_("Er ging iets mis"))
        self.details = details
        self.count = 1
        layout = QVBoxLayout(self)
        self.sentence = QLabel(_("Er ging iets mis dat de app niet verwachtte."))
        self.sentence.setObjectName("errorSentence")
        self.sentence.setStyleSheet("font-weight: bold")
        self.kept = QLabel(
            _("Er is niets veranderd aan uw bijeenkomsten en aantekeningen; de app kon niet starten.")
            if at_start
            else _(
                "Uw aantekeningen zijn bewaard; wat u nog aan het typen was staat nog in het venster "
                "en wordt bewaard zoals altijd. U kunt verder werken."
            )
        )
        where = (
            _("De details staan in het logbestand {path}.").format(path=log_file)
            if log_file is not None
            else _("Er kon geen logbestand worden geschreven; kopieer de details als u ze wilt bewaren.")
        )
        self.where = QLabel(where)
        for label in (self.sentence, self.kept, self.where):
            label.setWordWrap(True)
            label.setMinimumWidth(440)  # wrapped labels then ask for the height of this width
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(_("Kopieer details"), self)
        self.copy_button.setObjectName("copyDetails")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Sluiten"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)

    def add(self, details: str) -> None:
        """Another error while this one is on screen: one dialog, all the details."""
        self.count += 1
        self.details += "\n\n" + details
        self.sentence.setText(_("Er ging iets mis dat de app niet verwachtte ({n} keer).").format(n=self.count))

    def full_details(self) -> str:
        header = (
            f"opvoed-desktop {__version__}, Python {platform.python_version()}, Qt {qVersion()}, {platform.platform()}"
        )
        return f"{header}\n\n{self.details}\n"

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.full_details())
        self.copy_button.setText(_("Gekopieerd"))


class ErrorReporter(QObject):
    """Receives errors from any thread; shows them on the main thread, one dialog at a time."""

    happened = Signal(str)

    def __init__(self, log: ErrorLog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.dialog: ErrorDialog | None = None
        self.happened.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, _exc: BaseException, details: str) -> None:
        self.happened.emit(details)

    def _show(self, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(details)
            return
        self.dialog = ErrorDialog(details, self.log.log_file(), QApplication.activeWindow())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.show()
        self.dialog.raise_()

    def _forget(self) -> None:
        self.dialog = None


def install_qt_message_handler(log: ErrorLog) -> None:
    """Qt's warnings and errors go to the log (and, as before, to stderr where there is one)."""

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = _QT_LEVELS.get(kind)
        if level is None:
            return  # debug and info messages: Qt's chatter, not a trace of an error
        log.qt_message(level, message, context.category or "")
        print_to_stderr(message)

    qInstallMessageHandler(handler)


def uninstall_qt_message_handler() -> None:
    qInstallMessageHandler(None)
