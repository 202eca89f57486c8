"""The console's choices about the room: the language on its screen, and which screen it is."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.translator import SOURCE_LOCALE
from opvoed_desktop.services.presenting import RoomSlide
from opvoed_desktop.services.presenting.room_language import SOURCE_NAME
from opvoed_desktop.ui.screens import ScreenInfo


class _LazyCombo(QComboBox):
    """Asks for its entries when first opened (naming languages is too slow for the start)."""

    opening = Signal()

    def showPopup(self) -> None:
        self.opening.emit()
        super().showPopup()


class RoomControls(QWidget):
    room_language_chosen = Signal(str)
    audience_screen_chosen = Signal(str)  # "" = let the app choose
    room_languages_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.language_label = QLabel(_("Taal op het scherm"), self)
        row.addWidget(self.language_label)
        self.language = _LazyCombo(self)
        self.language.setObjectName("roomLanguage")
        self.language.setToolTip(_("De taal die de zaal ziet; uw eigen scherm blijft zoals het is."))
        self.language.addItem(SOURCE_NAME, SOURCE_LOCALE)
        self.language.opening.connect(self.room_languages_wanted.emit)
        self.language.activated.connect(self._language_activated)
        self.language_label.setBuddy(self.language)
        row.addWidget(self.language)
        self.screen_label = QLabel(_("Scherm voor de zaal"), self)
        row.addWidget(self.screen_label)
        self.screen = QComboBox(self)
        self.screen.setObjectName("audienceScreen")
        self.screen.activated.connect(lambda i: self.audience_screen_chosen.emit(self.screen.itemData(i) or ""))
        self.screen_label.setBuddy(self.screen)
        row.addWidget(self.screen)
        row.addStretch(1)
        for combo in (self.language, self.screen):
            # Reached with Tab only: the arrows change the language once a combo has the focus,
            # PgUp/PgDn and the letter keys still drive the show (PresenterConsole.eventFilter).
            combo.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.languages_offered = False
        self._show_screens(False)

    # Language ---------------------------------------------------------------------------
    def offer_languages(self, named: list[tuple[str, str]]) -> None:
        current = self.language.currentData()
        self.language.clear()
        for code, name in named:
            self.language.addItem(name, code)
        self.languages_offered = True
        self.show_language(current)

    def show_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index < 0:
            # Chosen before the list was filled (--screen-lang): name it now, complete it later.
            from opvoed_desktop.i18n.catalogs import locale_facts

            try:
                name = locale_facts(code).native_name
            except ValueError:
                name = code
            self.language.addItem(name, code)
            index = self.language.count() - 1
        self.language.setCurrentIndex(index)

    def _language_activated(self, index: int) -> None:
        code = self.language.itemData(index)
        if code:
            self.room_language_chosen.emit(str(code))

    # Screen -----------------------------------------------------------------------------
    def offer_screens(self, screens: list[ScreenInfo], preferred: str | None) -> None:
        """List the screens when there is a choice; the list is rebuilt when screens come or go."""
        self.screen.clear()
        self.screen.addItem(_("Automatisch"), "")
        for info in screens:
            size = f"{info.geometry.width()}×{info.geometry.height()}"
            self.screen.addItem(f"{info.name} ({size})", info.name)
        index = self.screen.findData(preferred or "")
        self.screen.setCurrentIndex(max(0, index))
        self._show_screens(len(screens) >= 2)

    def _show_screens(self, visible: bool) -> None:
        self.screen_label.setVisible(visible)
        self.screen.setVisible(visible)


def room_state_text(state: RoomSlide | None) -> str:
    """The console's discreet note on the slide's translation (the room never sees it)."""
    if state is None:
        return ""
    if state.draft:
        return _("concept-vertaling")
    if state.dutch:
        return _("nog niet vertaald: de zaal ziet Nederlands")
    return ""
