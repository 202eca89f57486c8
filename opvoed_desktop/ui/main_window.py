"""The main window: the library now; meetings, agenda and hand-outs join as tabs later."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from opvoed_desktop import __version__
from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.ui.library_view import LibraryView

if TYPE_CHECKING:
    from opvoed_desktop.app import Services


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(_("Opvoed Desktop — samenwerking formele en informele opvoedondersteuning"))
        self.resize(1280, 800)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.problem_banner = self._problem_banner()
        if self.problem_banner is not None:
            layout.addWidget(self.problem_banner)
        self.library_view = LibraryView(services.library, services.search, central)
        layout.addWidget(self.library_view)
        self.setCentralWidget(central)
        self._build_menus()
        self.statusBar().showMessage(_("Alles blijft op deze laptop; er gaat niets over internet."), 8000)

    def _problem_banner(self) -> QLabel | None:
        library = self.services.library
        if not library.skipped:
            return None
        names = ", ".join(p.name for p in library.skipped[:5])
        text = ngettext(
            "Eén inhoudsbestand is overgeslagen omdat het een fout bevat ({names}); "
            "'opvoed-desktop content check' laat zien wat er mis is.",
            "{n} inhoudsbestanden zijn overgeslagen omdat ze fouten bevatten ({names}); "
            "'opvoed-desktop content check' laat zien wat er mis is.",
            len(library.skipped),
        ).format(n=len(library.skipped), names=names)
        banner = QLabel(text, self)
        banner.setObjectName("problemBanner")
        banner.setWordWrap(True)
        banner.setStyleSheet("background:#fdecea; color:#611a15; padding:8px;")
        return banner

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&Bestand"))
        quit_action = QAction(_("&Afsluiten"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(_("Beel&d"))
        search_action = QAction(_("&Zoeken"), self)
        search_action.setShortcut(QKeySequence.StandardKey.Find)
        search_action.triggered.connect(self.library_view.focus_search)
        view_menu.addAction(search_action)
        bigger = QAction(_("Tekst &groter"), self)
        bigger.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        bigger.triggered.connect(lambda: self.library_view.zoom(1))
        view_menu.addAction(bigger)
        smaller = QAction(_("Tekst &kleiner"), self)
        smaller.setShortcut(QKeySequence.StandardKey.ZoomOut)
        smaller.triggered.connect(lambda: self.library_view.zoom(-1))
        view_menu.addAction(smaller)

        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("&Over Opvoed Desktop"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("Over Opvoed Desktop"),
            _(
                "Opvoed Desktop {version}\n\nEen hulpmiddel voor bijeenkomsten tussen formele en "
                "informele opvoedondersteuning. Werkt zonder internet; aantekeningen blijven op "
                "deze laptop. Zie 'Over deze toolkit' in de bibliotheek voor de bronnen."
            ).format(version=__version__),
        )
