"""The facilitator's console on the laptop: now and next, guidance, clocks, timer, overview, note.

Its parts live in their own modules: the clocks in `console_header`, guidance and the quick
note in `console_notes`.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
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

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting import NoteSink, Presentation
from opvoed_desktop.services.presenting.keys import help_rows
from opvoed_desktop.ui import accessibility, theme
from opvoed_desktop.ui.audience_canvas import AudienceCanvas, embed
from opvoed_desktop.ui.console_banners import MeetingBanner, RoomBadge, ScreenBanner
from opvoed_desktop.ui.console_header import ConsoleHeader, big_label, console_button, set_text
from opvoed_desktop.ui.console_notes import NotePanel
from opvoed_desktop.ui.reflow import scrollable
from opvoed_desktop.ui.room_controls import RoomControls, room_state_text


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
        self._shown_index = -1
        self.allow_close = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(1280, 800)

        # Everything scrolls inside the window: at 150% and large text on a 1366×768 laptop the
        # console never asks for more than the screen, and nothing in it is squeezed or cut off.
        body = QWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrollable(body, "consoleScroll"))
        root = QVBoxLayout(body)
        self.header = ConsoleHeader(on_action, self)
        root.addWidget(self.header)
        h = self.header  # its widgets under the names the controller and the tests use
        self.time_of_day, self.item_clock, self.meeting_clock = h.time_of_day, h.item_clock, h.meeting_clock
        self.schedule, self.timer_label, self.start_button = h.schedule, h.timer_label, h.start_button
        self.timer_on_screen = h.timer_on_screen
        self.screen_banner = ScreenBanner(on_action, self)
        root.addWidget(self.screen_banner)
        self.meeting_banner = MeetingBanner(self)
        root.addWidget(self.meeting_banner)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._overview_column())
        splitter.addWidget(self._preview_column())
        self.note_panel = NotePanel(presentation, library, notes, self)
        splitter.addWidget(self.note_panel)
        self.guidance, self.note_label, self.note = (
            self.note_panel.guidance,
            self.note_panel.note_label,
            self.note_panel.note,
        )
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 4)
        root.addWidget(splitter, 1)
        root.addLayout(self._buttons())
        self.help = self._help_overlay()
        self._route_keys()
        self._fill_overview()
        self.refresh()
        self.tick()

    # Building ---------------------------------------------------------------------------
    def _button(self, text: str, action: str, tip: str = "") -> QPushButton:
        return console_button(self, text, action, self._on_action, tip)

    def _overview_column(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Overzicht (klik of nummer + Enter)"), box))
        self.overview = QListWidget(box)
        self.overview.setObjectName("overview")
        # Reached with Tab: the arrows choose a step there, Enter goes to it (as a click does).
        self.overview.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        accessibility.name(self.overview, _("Overzicht"))
        accessibility.no_tab_trap(self.overview)
        self.overview.setWordWrap(True)
        self.overview.itemClicked.connect(self._overview_clicked)
        self.overview.itemActivated.connect(self._overview_clicked)
        layout.addWidget(self.overview)
        return box

    def _preview_column(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.current_label = big_label(box, "currentLabel", big=True)
        self.current_label.setWordWrap(True)
        layout.addWidget(self.current_label)
        self.room_state = QLabel(box)
        self.room_state.setObjectName("roomState")
        # The theme's note colour: #8a6d00 on the console's grey was 4.3:1, below the 4.5:1 text needs.
        self.room_state.setStyleSheet(theme.status_style("note") + " font-style: italic;")
        self.room_state.setToolTip(_("Alleen voor u: de zaal ziet deze opmerking niet."))
        layout.addWidget(self.room_state)
        self.room_badge = RoomBadge(box)
        layout.addWidget(self.room_badge)
        self.current_view = AudienceCanvas(box)
        self.current_view.setObjectName("roomPreview")  # what the room sees, small
        self.current_view.setMinimumSize(320, 180)
        layout.addWidget(self.current_view, 3)
        self.next_label = big_label(box, "nextLabel")
        self.next_label.setWordWrap(True)
        layout.addWidget(self.next_label)
        self.next_view = AudienceCanvas(box)
        self.next_view.setMinimumSize(200, 112)
        layout.addWidget(self.next_view, 2)
        self.room_controls = RoomControls(box)
        layout.addWidget(self.room_controls)
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
        row.addWidget(self._button(_("Pauze (Z)"), "pause"))
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
            last_item = -1 if slide.is_holding else slide.item_index  # the welcome is no part of item 1
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
        set_text(self.room_state, room_state_text(p.room_state()))
        self.room_badge.follow(p)
        self.next_label.setText(_("Volgende: {label}").format(label=embed(nxt.label)) if nxt else _("Volgende: einde"))
        self.timer_on_screen.setChecked(p.timer_on_screen)
        if slide is None or p.index == self._shown_index:
            return
        self._shown_index = p.index
        self.current_label.setText(_("Nu: {label}").format(label=embed(slide.label)))
        row = self._rows.get(p.index, 0)
        self.overview.setCurrentRow(row)
        self.overview.scrollToItem(self.overview.item(row))
        self.note_panel.show_slide()

    def tick(self) -> None:
        """Every quarter second: clocks and timer, and the room's view with its timer."""
        p = self.presentation
        self.header.tick(p)
        self.current_view.show_slide(p.audience(), p.blank, p.audience_timer())

    # Where notes go ------------------------------------------------------------------------
    def tell_meeting(self, title: str, created: bool, programme: str = "") -> None:
        """Say which meeting the quick notes and times go to (and that it was just made, with which programme)."""
        self.note_panel.set_destination(title)
        if created:
            self.meeting_banner.created(title, programme)

    def notes_unavailable(self, reason: str) -> None:
        """No meeting can be written: say why, and close the note rather than let it be typed into nothing."""
        self.meeting_banner.unstored(reason)
        self.note_panel.refuse(reason)

    # Keys, help, closing ------------------------------------------------------------------
    def focus_note(self) -> None:
        self.raise_()
        self.activateWindow()
        self.note_panel.focus_note()

    def toggle_help(self) -> None:
        self.help.setGeometry(self.rect())
        self.help.setVisible(not self.help.isVisible())
        self.help.raise_()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.help.isVisible() and event.key() not in (Qt.Key.Key_F1, Qt.Key.Key_Question):
            self.help.hide()
            return
        if not self._on_key(event):
            super().keyPressEvent(event)

    def _route_keys(self) -> None:
        """The show's keys work wherever the focus is in the console, except in the note."""
        for child in self.findChildren(QWidget):
            if child.focusPolicy() != Qt.FocusPolicy.NoFocus and child is not self.note:
                child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and not self._for_control(watched, event)
        ):
            self.keyPressEvent(event)
            return True
        return False

    def _for_control(self, widget: QWidget, event: QKeyEvent) -> bool:
        """Keys the focused control keeps: Tab to move on, Space on a button, arrows and Enter in a
        list or combo box. PgUp/PgDn (the clicker), letters, digits, F-keys and Esc are the show's."""
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return True
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return isinstance(widget, QComboBox) and key in (Qt.Key.Key_Down, Qt.Key.Key_Up)  # Alt+↓ opens
        pending = bool(self._digits_pending())
        if isinstance(widget, QAbstractButton):
            return key == Qt.Key.Key_Space and not pending
        moves = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End)
        if isinstance(widget, QListWidget | QComboBox):
            return key in moves or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and not pending)
        if isinstance(widget, QTextBrowser):
            return key in moves
        return False

    def _digits_pending(self) -> str:
        keys = getattr(self._on_key, "__self__", None)
        interpreter = getattr(keys, "keys", None)
        return str(getattr(interpreter, "digits", ""))

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
