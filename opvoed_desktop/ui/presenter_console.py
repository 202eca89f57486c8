"""The facilitator's console on the laptop: now and next, guidance, clocks, timer, overview, note."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.content.html import Renderer
from opvoed_desktop.content.model import Library
from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting import NoteSink, Presentation
from opvoed_desktop.services.presenting.keys import help_rows
from opvoed_desktop.services.presenting.timer import format_seconds
from opvoed_desktop.ui.audience_canvas import AudienceCanvas, embed
from opvoed_desktop.ui.autosave import AutosaveTextEdit
from opvoed_desktop.ui.room_controls import RoomControls, room_state_text

BADGE = "border-radius:6px; padding:4px 10px; font-weight:bold;"
TIMER_STYLE = {
    "normal": "background:#26375a; color:#ffffff;",
    "amber": "background:#ffb300; color:#000000;",
    "red": "background:#d32f2f; color:#ffffff;",
}


class PresenterConsole(QWidget):
    def __init__(
        self,
        presentation: Presentation,
        library: Library,
        notes: NoteSink,
        on_key: Callable[[QKeyEvent], bool],
        on_action: Callable[[str], None],
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presenterConsole")
        self.setWindowTitle(_("Opvoed Desktop — presentatieconsole"))
        self.presentation = presentation
        self.library = library
        self.notes = notes
        self._on_key = on_key
        self._on_action = on_action
        self._note_index: int | None = None
        self._shown_index = -1
        self.allow_close = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(1280, 800)

        root = QVBoxLayout(self)
        root.addLayout(self._header())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._overview_column())
        splitter.addWidget(self._preview_column())
        splitter.addWidget(self._guidance_column())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 4)
        root.addWidget(splitter, 1)
        root.addLayout(self._buttons())
        self.help = self._help_overlay()
        self._fill_overview()
        self.refresh()
        self.tick()

    # Building ---------------------------------------------------------------------------
    def _label(self, name: str, big: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        if big:
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            label.setFont(font)
        return label

    def _button(self, text: str, action: str, tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"button-{action}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the show, not to buttons
        button.setToolTip(tip)
        button.clicked.connect(lambda: self._on_action(action))
        return button

    def _header(self) -> QGridLayout:
        grid = QGridLayout()
        self.time_of_day = self._label("timeOfDay", big=True)
        self.item_clock = self._label("itemClock")
        self.meeting_clock = self._label("meetingClock")
        self.schedule = self._label("schedule")
        self.timer_label = self._label("timerLabel", big=True)
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_label.setMinimumWidth(self.timer_label.fontMetrics().horizontalAdvance("+00:00:00") + 24)
        grid.addWidget(self.time_of_day, 0, 0, 2, 1)
        grid.addWidget(self.item_clock, 0, 1)
        grid.addWidget(self.meeting_clock, 1, 1)
        grid.addWidget(self.schedule, 0, 2, 2, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.timer_label, 0, 3, 2, 1)
        timer_box = QHBoxLayout()
        self.start_button = self._button(_("Start timer"), "timer-toggle", _("Toets S"))
        timer_box.addWidget(self.start_button)
        timer_box.addWidget(self._button(_("+1 minuut"), "timer-plus", _("Toets +")))
        timer_box.addWidget(self._button(_("Opnieuw"), "timer-reset", _("Toets R")))
        self.timer_on_screen = QCheckBox(_("Timer voor de zaal"), self)
        self.timer_on_screen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timer_on_screen.setToolTip(_("Toets T"))
        self.timer_on_screen.clicked.connect(lambda: self._on_action("timer-show"))
        timer_box.addWidget(self.timer_on_screen)
        grid.addLayout(timer_box, 0, 4, 2, 1)
        return grid

    def _overview_column(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Overzicht (klik of nummer + Enter)"), box))
        self.overview = QListWidget(box)
        self.overview.setObjectName("overview")
        self.overview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.overview.setWordWrap(True)
        self.overview.itemClicked.connect(self._overview_clicked)
        layout.addWidget(self.overview)
        return box

    def _preview_column(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.current_label = self._label("currentLabel", big=True)
        self.current_label.setWordWrap(True)
        layout.addWidget(self.current_label)
        self.room_state = QLabel(box)
        self.room_state.setObjectName("roomState")
        self.room_state.setStyleSheet("color: #8a6d00; font-style: italic;")
        self.room_state.setToolTip(_("Alleen voor u: de zaal ziet deze opmerking niet."))
        layout.addWidget(self.room_state)
        self.current_view = AudienceCanvas(box)
        self.current_view.setMinimumSize(320, 180)
        layout.addWidget(self.current_view, 3)
        self.next_label = self._label("nextLabel")
        self.next_label.setWordWrap(True)
        layout.addWidget(self.next_label)
        self.next_view = AudienceCanvas(box)
        self.next_view.setMinimumSize(200, 112)
        layout.addWidget(self.next_view, 2)
        self.room_controls = RoomControls(box)
        layout.addWidget(self.room_controls)
        return box

    def _guidance_column(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Voor u als begeleider (niet op het scherm)"), box))
        self.guidance = QTextBrowser(box)
        self.guidance.setObjectName("guidance")
        self.guidance.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.guidance, 3)
        self.note_label = QLabel(_("Snelle notitie bij dit onderdeel (Ctrl+N; wordt vanzelf bewaard)"), box)
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        self.note = AutosaveTextEdit(self._save_note, box)
        self.note.setObjectName("quickNote")
        self.note.setPlaceholderText(_("Typ hier; de zaal ziet dit niet."))
        self.note.installEventFilter(self)
        self.note.failed.connect(lambda message: self.note_label.setText(message))
        layout.addWidget(self.note, 2)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.previous_button = self._button(_("Vorige"), "previous")
        self.next_button = self._button(_("Volgende"), "next")
        self._arrows()
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self._button(_("Zwart (B)"), "black"))
        row.addWidget(self._button(_("Wit (W)"), "white"))
        row.addWidget(self._button(_("Hulp (F1)"), "help"))
        row.addWidget(self._button(_("Beëindigen (Esc)"), "end"))
        return row

    def _arrows(self) -> None:
        """Arrows point the way the reading goes: mirrored with the layout, whatever the language."""
        back, forward = ("▶", "◀") if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else ("◀", "▶")
        previous, following = _("Vorige"), _("Volgende")
        self.previous_button.setText(back + " " + previous)
        self.next_button.setText(following + " " + forward)

    def _help_overlay(self) -> QLabel:
        rows = "".join(
            f"<tr><td style='padding:4px 16px;'><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
            for k, v in help_rows()
        )
        title = html.escape(_("Toetsen tijdens de presentatie"))
        close = html.escape(_("Druk op een toets om dit te sluiten."))
        overlay = QLabel(f"<h2>{title}</h2><table>{rows}</table><p>{close}</p>", self)
        overlay.setObjectName("helpOverlay")
        overlay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        overlay.setStyleSheet("background: rgba(15, 26, 46, 235); color: #ffffff; font-size: 13pt;")
        overlay.hide()
        return overlay

    # Updating ---------------------------------------------------------------------------
    def _fill_overview(self) -> None:
        self.overview.clear()
        show = self.presentation.show
        self._rows: dict[int, int] = {}  # slide index -> overview row
        last_item = -1
        for index, slide in enumerate(show.slides):
            if slide.item_index != last_item and slide.caption:
                header = QListWidgetItem(embed(show.items[slide.item_index].title))
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.overview.addItem(header)
            last_item = slide.item_index
            text = f"{slide.number}. {slide.caption or slide.label}"
            item = QListWidgetItem(("    " if slide.caption else "") + embed(text))
            item.setData(Qt.ItemDataRole.UserRole, slide.number)
            self._rows[index] = self.overview.count()
            self.overview.addItem(item)

    def _overview_clicked(self, item: QListWidgetItem) -> None:
        number = item.data(Qt.ItemDataRole.UserRole)
        if number:
            self.presentation.jump(int(number))

    def refresh(self) -> None:
        """After navigation: now/next, guidance, overview selection, the note of this item."""
        p = self.presentation
        slide = p.slide
        self.current_view.show_slide(p.audience(), p.blank, p.audience_timer())
        nxt = p.next_slide
        self.next_view.show_slide(p.public(nxt.audience) if nxt else None, "none" if nxt else "black", None)
        _set(self.room_state, room_state_text(p.room_state()))
        self.next_label.setText(_("Volgende: {label}").format(label=embed(nxt.label)) if nxt else _("Volgende: einde"))
        self.timer_on_screen.setChecked(p.timer_on_screen)
        if slide is None or p.index == self._shown_index:
            return
        self._shown_index = p.index
        self.current_label.setText(_("Nu: {label}").format(label=embed(slide.label)))
        row = self._rows.get(p.index, 0)
        self.overview.setCurrentRow(row)
        self.overview.scrollToItem(self.overview.item(row))
        self.guidance.setHtml(self._guidance_html())
        self._switch_note(slide.item_index)

    def _guidance_html(self) -> str:
        slide = self.presentation.slide
        if slide is None:
            return ""
        renderer = Renderer(self.library)
        parts = [renderer.blocks(slide.instructions)] if slide.instructions else []
        parts += [renderer.tip(tip) for tip in slide.tips]
        if not parts:
            minutes = _("{n} minuten").format(n=slide.minutes)
            parts.append(f"<p>{html.escape(slide.label)} — {html.escape(minutes)}</p>")
        return "\n".join(parts)

    def _switch_note(self, item_index: int) -> None:
        if item_index == self._note_index:
            return
        self.note.flush()
        self._note_index = item_index
        item = self.presentation.show.items[item_index]
        try:
            text = self.notes.load(item_index, item)
        except AppError:
            text = ""
        self.note.set_text_quietly(text)

    def _save_note(self, text: str) -> None:
        if self._note_index is None:
            return
        self.notes.save(self._note_index, self.presentation.show.items[self._note_index], text)

    def tick(self) -> None:
        """Every quarter second: clocks and timer (labels change only when their text does)."""
        p = self.presentation
        _set(self.time_of_day, p.clock.now().strftime("%H:%M"))
        clock = p.meeting_clock()
        _set(self.item_clock, _("Onderdeel: {clock}").format(clock=_span(clock.item_elapsed, clock.item_remaining)))
        _set(
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
        _set(self.schedule, text, BADGE + style)
        view = p.countdown.view()
        _set(self.timer_label, view.text, BADGE + TIMER_STYLE[view.level])
        _set(self.start_button, _("Pauzeer timer") if view.running else _("Start timer"))
        timer = p.audience_timer()
        self.current_view.show_slide(p.audience(), p.blank, timer)

    # Keys, help, closing ------------------------------------------------------------------
    def focus_note(self) -> None:
        self.raise_()
        self.activateWindow()
        self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note.moveCursor(QTextCursor.MoveOperation.End)  # add to the note, never in front of it

    def toggle_help(self) -> None:
        self.help.setGeometry(self.rect())
        self.help.setVisible(not self.help.isVisible())
        self.help.raise_()

    def eventFilter(self, watched: object, event: object) -> bool:
        if (
            watched is self.note
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.note.flush()
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.help.isVisible() and event.key() not in (Qt.Key.Key_F1, Qt.Key.Key_Question):
            self.help.hide()
            return
        if not self._on_key(event):
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LayoutDirectionChange, QEvent.Type.LanguageChange):
            self._arrows()
        super().changeEvent(event)

    def resizeEvent(self, event: object) -> None:
        self.help.setGeometry(self.rect())
        super().resizeEvent(event)  # type: ignore[arg-type]

    def closeEvent(self, event: QCloseEvent) -> None:
        self.note.flush()
        if self.allow_close:
            event.accept()
        else:
            event.ignore()
            self._on_action("end")


def _span(elapsed: float, remaining: float) -> str:
    if remaining >= 0:
        return _("{elapsed} bezig, nog {remaining}").format(
            elapsed=format_seconds(elapsed), remaining=format_seconds(remaining)
        )
    return _("{elapsed} bezig, {over} te lang").format(elapsed=format_seconds(elapsed), over=format_seconds(-remaining))


def _set(widget: QLabel | QPushButton, text: str, style: str | None = None) -> None:
    if widget.text() != text:
        widget.setText(text)
    if style is not None and widget.styleSheet() != style:
        widget.setStyleSheet(style)
