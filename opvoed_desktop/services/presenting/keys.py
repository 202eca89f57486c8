"""Keys to actions, without Qt: the UI passes key names like "Right", "Shift+F5", "5", "B".

Clickers send PageDown/PageUp (some send Right/Left, B or "." for black). Digits followed by
Enter jump to that slide number, as in PowerPoint.
"""

from __future__ import annotations

from dataclasses import dataclass

from opvoed_desktop.i18n import _

NEXT, PREVIOUS, FIRST, LAST, JUMP = "next", "previous", "first", "last", "jump"
BLACK, WHITE, START, START_CURRENT, END = "black", "white", "start", "start-current", "end"
TIMER_TOGGLE, TIMER_PLUS, TIMER_RESET, TIMER_SHOW = "timer-toggle", "timer-plus", "timer-reset", "timer-show"
HELP, SWITCH, BIGGER, SMALLER, NOTE = "help", "switch", "bigger", "smaller", "note"
PAUSE = "pause"

KEYMAP: dict[str, str] = {
    **dict.fromkeys(("Right", "Down", "PgDown", "Space", "Return", "Enter", "N"), NEXT),
    **dict.fromkeys(("Left", "Up", "PgUp", "Backspace", "P"), PREVIOUS),
    "Home": FIRST,
    "End": LAST,
    **dict.fromkeys(("B", "."), BLACK),
    **dict.fromkeys(("W", ","), WHITE),
    "Z": PAUSE,
    "F5": START,
    "Shift+F5": START_CURRENT,
    "Esc": END,
    "S": TIMER_TOGGLE,
    **dict.fromkeys(("+", "=", "Shift++", "Shift+="), TIMER_PLUS),
    "R": TIMER_RESET,
    "T": TIMER_SHOW,
    **dict.fromkeys(("F1", "?", "Shift+?"), HELP),
    # F6 switches between the room's view and the console; Tab does so only in the room's view,
    # which has nothing to tab to: in the console Tab goes from control to control.
    **dict.fromkeys(("F6", "Tab"), SWITCH),
    **dict.fromkeys(("Ctrl++", "Ctrl+=", "Ctrl+Shift++"), BIGGER),
    "Ctrl+-": SMALLER,
    "Ctrl+N": NOTE,
}


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    number: int = 0


class KeyInterpreter:
    """Feeds key names one by one; collects digits until Enter."""

    def __init__(self) -> None:
        self.digits = ""

    def feed(self, key: str) -> Action | None:
        if len(key) == 1 and key.isdigit():
            self.digits = (self.digits + key)[-4:]
            return None
        if self.digits and key in ("Return", "Enter"):
            number, self.digits = int(self.digits), ""
            return Action(JUMP, number)
        if self.digits and key == "Backspace":
            self.digits = self.digits[:-1]
            return None
        self.digits = ""
        name = KEYMAP.get(key)
        return Action(name) if name else None


def help_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for the help overlay."""
    return [
        (_("→ ↓ PgDn Spatie Enter"), _("volgende stap")),
        (_("← ↑ PgUp Backspace"), _("vorige stap")),
        (_("Home / End"), _("eerste / laatste stap")),
        (_("nummer + Enter"), _("naar stap met dat nummer (zie overzicht)")),
        (_("B of ."), _("zwart scherm (nog eens: terug)")),
        (_("W of ,"), _("wit scherm (nog eens: terug)")),
        (_("Z"), _("pauzescherm: wanneer we verder gaan, met aftellen (nog eens: terug)")),
        (_("F5 / Shift+F5"), _("start vanaf het begin / vanaf dit onderdeel")),
        (_("Esc"), _("presentatie beëindigen")),
        (_("S"), _("timer starten of pauzeren")),
        (_("+"), _("timer: één minuut erbij")),
        (_("R"), _("timer opnieuw")),
        (_("T"), _("timer op het scherm voor de zaal tonen of verbergen")),
        (_("Ctrl+N"), _("snelle notitie (alleen voor u zichtbaar)")),
        (_("F6"), _("wisselen tussen presentatie en console (één scherm)")),
        (_("Tab / Shift+Tab"), _("naar de volgende / vorige knop of keuzelijst in de console")),
        (_("Ctrl++ / Ctrl+-"), _("tekst voor de zaal groter / kleiner")),
        (_("F1 of ?"), _("deze hulp tonen of verbergen")),
    ]
