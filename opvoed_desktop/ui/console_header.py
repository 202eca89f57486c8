"""The console's top row: time of day, item and meeting clocks, the schedule badge and the step timer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting import Presentation
from opvoed_desktop.services.presenting.timer import format_seconds

BADGE = "border-radius:6px; padding:4px 10px; font-weight:bold;"
TIMER_STYLE = {
    "normal": "background:#26375a; color:#ffffff;",
    "amber": "background:#ffb300; color:#000000;",
    "red": "background:#d32f2f; color:#ffffff;",
}


def console_button(
    parent: QWidget, text: str, action: str, on_action: Callable[[str], None], tip: str = ""
) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(f"button-{action}")
    # Reached with Tab, not taken by a click; the console routes the show's keys past it (Space
    # presses a button that has the focus, every other show key still drives the show).
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setToolTip(tip)
    button.clicked.connect(lambda: on_action(action))
    return button


def big_label(parent: QWidget, name: str, big: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    if big:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        label.setFont(font)
    return label


class ConsoleHeader(QWidget):
    def __init__(self, on_action: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.time_of_day = big_label(self, "timeOfDay", big=True)
        self.item_clock = big_label(self, "itemClock")
        self.meeting_clock = big_label(self, "meetingClock")
        self.schedule = big_label(self, "schedule")
        self.timer_label = big_label(self, "timerLabel", big=True)
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_label.setMinimumWidth(self.timer_label.fontMetrics().horizontalAdvance("+00:00:00") + 24)
        grid.addWidget(self.time_of_day, 0, 0, 2, 1)
        grid.addWidget(self.item_clock, 0, 1)
        grid.addWidget(self.meeting_clock, 1, 1)
        grid.addWidget(self.schedule, 0, 2, 2, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.timer_label, 0, 3, 2, 1)
        timer_box = QHBoxLayout()
        self.start_button = console_button(self, _("Start timer"), "timer-toggle", on_action, _("Toets S"))
        timer_box.addWidget(self.start_button)
        timer_box.addWidget(console_button(self, _("+1 minuut"), "timer-plus", on_action, _("Toets +")))
        timer_box.addWidget(console_button(self, _("Opnieuw"), "timer-reset", on_action, _("Toets R")))
        self.timer_on_screen = QCheckBox(_("Timer voor de zaal"), self)
        self.timer_on_screen.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.timer_on_screen.setToolTip(_("Toets T"))
        self.timer_on_screen.clicked.connect(lambda: on_action("timer-show"))
        timer_box.addWidget(self.timer_on_screen)
        grid.addLayout(timer_box, 0, 4, 2, 1)

    def tick(self, p: Presentation) -> None:
        """Every quarter second: clocks and timer (labels change only when their text does)."""
        set_text(self.time_of_day, p.clock.now().strftime("%H:%M"))
        clock = p.meeting_clock()
        set_text(self.item_clock, _("Onderdeel: {clock}").format(clock=_span(clock.item_elapsed, clock.item_remaining)))
        set_text(
            self.meeting_clock,
            _("Bijeenkomst: {clock}").format(clock=_span(clock.meeting_elapsed, clock.meeting_remaining)),
        )
        minutes = round(clock.schedule_delta / 60)
        if minutes > 0:
            text, style = _("{n} min achter op schema").format(n=minutes), "background:#d32f2f; color:#ffffff;"
        elif minutes < 0:
            text, style = _("{n} min voor op schema").format(n=-minutes), "background:#1b5e20; color:#ffffff;"
        else:
            text, style = _("Op schema"), "background:#e8eef8; color:#0f1a2e;"
        set_text(self.schedule, text, BADGE + style)
        view = p.timer_view()
        set_text(self.timer_label, view.text, BADGE + TIMER_STYLE[view.level])
        running = p.countdown.running
        set_text(self.start_button, _("Pauzeer timer") if running else _("Start timer"))


def _span(elapsed: float, remaining: float) -> str:
    if remaining >= 0:
        return _("{elapsed} bezig, nog {remaining}").format(
            elapsed=format_seconds(elapsed), remaining=format_seconds(remaining)
        )
    return _("{elapsed} bezig, {over} te lang").format(elapsed=format_seconds(elapsed), over=format_seconds(-remaining))


def set_text(widget: QLabel | QPushButton, text: str, style: str | None = None) -> None:
    if widget.text() != text:
        widget.setText(text)
    if style is not None and widget.styleSheet() != style:
        widget.setStyleSheet(style)
