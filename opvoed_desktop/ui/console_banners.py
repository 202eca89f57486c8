"""Plain sentences on the console about the room: what it sees (black, white, the break), and on
one screen where its view is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting import Presentation
from opvoed_desktop.services.presenting.session import BLANK_BLACK, BLANK_WHITE

BADGE = "border-radius:6px; padding:6px 12px; font-weight:bold;"
BADGE_STYLES = {
    "black": "background:#000000; color:#ffffff; border:2px solid #ffd866;",
    "white": "background:#ffffff; color:#000000; border:2px solid #000000;",
    "pause": "background:#ffd866; color:#0f1a2e; border:2px solid #0f1a2e;",
}


def room_badge(p: Presentation) -> tuple[str, str] | None:
    """(sentence, kind) when the room does not see the slide of the console's "Nu:", else None."""
    if p.ended:
        return None
    if p.blank == BLANK_BLACK:
        return _("De zaal ziet zwart — druk op B om de dia terug te zetten"), "black"
    if p.blank == BLANK_WHITE:
        return _("De zaal ziet wit — druk op W om de dia terug te zetten"), "white"
    if p.pause is not None:
        time = p.pause.resume_at.strftime("%H:%M")
        return _("De zaal ziet de pauze tot {time} — druk op Z om terug te gaan").format(time=time), "pause"
    return None


class RoomBadge(QLabel):
    """Big and coloured like the screen it describes, so a glance at the laptop tells it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomBadge")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.setFont(font)
        self.kind = ""
        self.hide()

    def follow(self, p: Presentation) -> None:
        badge = room_badge(p)
        text, kind = badge if badge is not None else ("", "")
        if text != self.text():
            self.setText(text)
        if kind != self.kind:
            self.kind = kind
            self.setStyleSheet(BADGE + BADGE_STYLES.get(kind, ""))
        self.setVisible(badge is not None)


class ScreenBanner(QWidget):
    """On one screen (no beamer, or a mirrored one): where the room's view is and how to show it."""

    def __init__(self, on_action: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#screenBanner { background:#e8eef8; border:1px solid #26375a; border-radius:6px; }")
        row = QHBoxLayout(self)
        self.text = QLabel(
            _(
                "Eén scherm: het grote voorbeeld hieronder is wat de zaal ziet. Druk op F6 om het "
                "schermvullend te tonen (voor een gespiegelde beamer); F6 of Tab brengt u terug naar deze console."
            ),
            self,
        )
        self.text.setObjectName("screenBannerText")
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.button = QPushButton(_("Zaal schermvullend (F6)"), self)
        self.button.setObjectName("button-switch")
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reached with Tab; a click leaves the focus
        self.button.clicked.connect(lambda: on_action("switch"))
        row.addWidget(self.button)
        self.hide()


class MeetingBanner(QLabel):
    """Where what is typed goes, when the facilitator could not know: a meeting made just now, or
    no meeting at all because the notes cannot be stored."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingBanner")
        self.setWordWrap(True)
        self.hide()

    def created(self, title: str, programme: str = "") -> None:
        if programme:
            text = _(
                "Er was geen bijeenkomst open, dus is ‘{title}’ aangemaakt met het programma ‘{programme}’. "
                "Uw notities en de werkelijke tijden komen daarin; u vindt hem onder Bijeenkomsten."
            ).format(title=title, programme=programme)
        else:
            text = _(
                "Er was geen bijeenkomst open, dus is ‘{title}’ aangemaakt. Uw notities en de werkelijke "
                "tijden komen daarin; u vindt hem onder Bijeenkomsten."
            ).format(title=title)
        self.setText(text)
        self.setStyleSheet("background:#e6f4ea; color:#1b5e20; padding:6px; border-radius:6px;")
        self.show()

    def unstored(self, reason: str) -> None:
        self.setText(_("Notities en tijden kunnen nu niet worden bewaard: {reason}").format(reason=reason))
        self.setStyleSheet("background:#fdecea; color:#611a15; padding:6px; border-radius:6px;")
        self.show()
