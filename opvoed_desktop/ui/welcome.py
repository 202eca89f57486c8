"""The welcome on a fresh account: where the data is kept, and that nothing leaves the laptop.

A banner rather than a dialog: a facilitator who starts the app in front of a group is not
stopped by a modal window, and the message stays until it is acknowledged once.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.settings import Settings


def welcome_text(paths: DataPaths) -> str:
    return _(
        "Welkom bij Opvoed Desktop. Uw bijeenkomsten, aantekeningen en contacten worden alleen op deze "
        "laptop bewaard, in de map {path}. De app gebruikt geen internet: er verlaat niets deze laptop, "
        "tenzij u het zelf exporteert."
    ).format(path=f"\u2066{paths.root}\u2069")  # a path reads left to right in any language


class WelcomeBanner(QFrame):
    dismissed = Signal()

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setObjectName("welcomeBanner")
        self.setStyleSheet("#welcomeBanner { background:#e8f1f8; color:#10324a; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel(welcome_text(paths), self)
        self.label.setObjectName("welcomeText")
        self.label.setWordWrap(True)
        # The path is there to be copied into a file manager or an e-mail to the coordinator.
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.button = QPushButton(_("Begrepen"), self)
        self.button.setObjectName("welcomeDismiss")
        self.button.clicked.connect(self.dismiss)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def dismiss(self) -> None:
        settings = Settings.load(self.paths)
        settings.welcome_seen = True
        with contextlib.suppress(OSError):  # a read-only data dir: the welcome simply shows again next time
            settings.save(self.paths)
        self.hide()
        self.dismissed.emit()


def welcome_banner(paths: DataPaths, parent: QWidget | None = None) -> WelcomeBanner | None:
    """The banner on a fresh account, None once it has been acknowledged."""
    return None if Settings.load(paths).welcome_seen else WelcomeBanner(paths, parent)
