"""Runs a show: the console on the laptop, the audience window on the beamer, keys, clock ticks,
and moving the audience window when screens come and go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n.translator import SOURCE_LOCALE
from opvoed_desktop.services.presenting import NoteSink, Presentation, Show, TimingRecorder, load_room_language
from opvoed_desktop.services.presenting import keys as k
from opvoed_desktop.services.presenting.session import BLANK_BLACK, BLANK_WHITE
from opvoed_desktop.services.presenting.timer import Clock
from opvoed_desktop.ui.audience_window import AudienceWindow
from opvoed_desktop.ui.presenter_console import PresenterConsole
from opvoed_desktop.ui.screens import ScreenWatcher, choose_audience, console_screen, screen_infos, screen_named

TICK_MS = 250
# Naming every room language asks babel for twelve locales (≈50 ms): not before the first slide.
LANGUAGES_DELAY_MS = 800
_SPECIAL = {
    Qt.Key.Key_Right: "Right",
    Qt.Key.Key_Left: "Left",
    Qt.Key.Key_Up: "Up",
    Qt.Key.Key_Down: "Down",
    Qt.Key.Key_PageDown: "PgDown",
    Qt.Key.Key_PageUp: "PgUp",
    Qt.Key.Key_Space: "Space",
    Qt.Key.Key_Return: "Return",
    Qt.Key.Key_Enter: "Enter",
    Qt.Key.Key_Backspace: "Backspace",
    Qt.Key.Key_Home: "Home",
    Qt.Key.Key_End: "End",
    Qt.Key.Key_Escape: "Esc",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_F1: "F1",
    Qt.Key.Key_F5: "F5",
    Qt.Key.Key_F6: "F6",
}
_NAMES = {int(key.value): name for key, name in _SPECIAL.items()}


def key_name(event: QKeyEvent) -> str:
    """A QKeyEvent as the names `KeyInterpreter` knows ("Right", "Shift+F5", "B", "Ctrl+N")."""
    key = int(event.key())
    mods = event.modifiers()
    base = _NAMES.get(key)
    if base is None:
        base = chr(key) if 0x20 < key < 0x7F else event.text()
    if mods & Qt.KeyboardModifier.ControlModifier:
        return "Ctrl+" + base
    if mods & Qt.KeyboardModifier.ShiftModifier and key in _NAMES:
        return "Shift+" + base
    return base


class PresenterController(QObject):
    finished = Signal()

    def __init__(
        self,
        show: Show,
        library: Library,
        notes: NoteSink,
        recorder: TimingRecorder | None = None,
        clock: Clock | None = None,
        near_screen: str | None = None,
        audience_screen: str | None = None,
        room_language: str = SOURCE_LOCALE,
        translations_dir: Path | None = None,
        overlay_dir: Path | None = None,
    ) -> None:
        super().__init__()
        if translations_dir is None:
            from opvoed_desktop.paths import translations_dir as shipped

            translations_dir = shipped()
        self.translations_dir = translations_dir
        self.overlay_dir = overlay_dir
        self.presentation = Presentation(show, clock, recorder)
        self.keys = k.KeyInterpreter()
        self.near_screen = near_screen
        self.preferred_screen = audience_screen
        self.font_scale = 1.0
        family = "Noto Sans" if "Noto Sans" in _families() else ""
        self.audience = AudienceWindow(self.handle_key, family)
        self.console = PresenterConsole(self.presentation, library, notes, self.handle_key, self.do)
        self.console.room_controls.room_language_chosen.connect(self.set_room_language)
        self.console.room_controls.audience_screen_chosen.connect(self.choose_screen)
        self.console.room_controls.room_languages_wanted.connect(self._offer_room_languages)
        self.single_screen = False
        self.room_fullscreen = False  # on one screen: the room's view covers it (Tab toggles)
        self._placed = False
        self._refresh_pending = False
        self.presentation.listeners.append(self._changed)
        self.watcher = ScreenWatcher(self)
        self.watcher.changed.connect(self.place_windows)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        if room_language != SOURCE_LOCALE:
            self.set_room_language(room_language)

    # Running ----------------------------------------------------------------------------
    def start(self, index: int = 0) -> None:
        self.presentation.start(index)
        self.place_windows()
        self._ticker.start()
        QTimer.singleShot(LANGUAGES_DELAY_MS, self._offer_room_languages)

    # The room: its language and its screen --------------------------------------------
    def set_room_language(self, code: str) -> None:
        """Show the slides in `code` from now on; the console's own texts stay as they are."""
        if code == self.presentation.room.code:
            return
        room = load_room_language(code, self.translations_dir, self.overlay_dir)
        for canvas in (self.audience.canvas, self.console.current_view, self.console.next_view):
            canvas.set_rtl(room.rtl)
        self.presentation.set_room(room)  # repaints the room and refreshes the console
        self.console.room_controls.show_language(code)

    def _offer_room_languages(self) -> None:
        if self.console.room_controls.languages_offered:
            return
        from opvoed_desktop.services.presenting.room_language import room_languages

        self.console.room_controls.offer_languages(room_languages(self.translations_dir, self.overlay_dir))

    def choose_screen(self, name: str) -> None:
        """The facilitator's choice of screen for the room ("" lets the app choose)."""
        self.preferred_screen = name or None
        self.place_windows()

    def start_at_item(self, item_index: int) -> None:
        self.start(self.presentation.show.first_slide_of(item_index))

    def place_windows(self) -> None:
        """Console near the main window (or on the primary screen), audience full-screen on another
        screen if there is one. On one screen the console shows the room's view as its preview and
        the room's view covers the screen only on request (Tab) — or when a beamer is lost mid-show,
        because then the room (perhaps on a mirrored beamer now) was watching the slides."""
        infos = screen_infos()
        current = self.console.screen().name() if self.console.isVisible() else self.near_screen
        console_name = console_screen(infos, current)
        audience_name = choose_audience(infos, console_name, self.preferred_screen)
        if audience_name == self.preferred_screen and audience_name == console_name and len(infos) > 1:
            console_name = next(i.name for i in infos if i.name != audience_name)
        single = audience_name == console_name
        if single and self._placed and not self.single_screen:
            self.room_fullscreen = True
        elif not single:
            self.room_fullscreen = False
        self.single_screen = single
        self._placed = True
        console_target = screen_named(console_name)
        if console_target is not None:
            self.console.setScreen(console_target)
            if self.console.screen() is not console_target or not self.console.isVisible():
                self.console.setGeometry(console_target.availableGeometry())
            self.console.showMaximized()
        self.console.room_controls.offer_screens(infos, self.preferred_screen)
        self.console.screen_banner.setVisible(single)
        self._show_audience()
        target = screen_named(audience_name)
        if single and not self.room_fullscreen:
            self.audience.hide()
        elif target is not None:
            self.audience.place_on(target)
        if single and self.room_fullscreen:
            self.audience.raise_()
            self.audience.activateWindow()
        else:
            self.console.raise_()
            self.console.activateWindow()
            self.console.setFocus()

    def _show_audience(self) -> None:
        p = self.presentation
        self.audience.show_slide(p.audience(), p.blank, p.audience_timer())

    def _changed(self) -> None:
        self._show_audience()
        if self.audience.isVisible():
            # Paint and flush the room's screen now; the console's heavier update follows one
            # event-loop turn later, so the beamer never waits for the laptop.
            self.audience.canvas.repaint()
        if not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self._refresh_console)
        if self.presentation.ended:
            QTimer.singleShot(0, self.stop)

    def _refresh_console(self) -> None:
        self._refresh_pending = False
        self.console.refresh()
        p = self.presentation
        with_timer = p.timer_on_screen
        # On one screen the console's preview is the room's view the facilitator watches.
        canvas = self.audience.canvas if self.audience.isVisible() else self.console.current_view
        previous = p.show.slides[p.index - 1] if p.index > 0 else None
        neighbours = [p.public(n.audience) for n in (p.next_slide, previous) if n is not None]
        # What a key can no longer reach goes before the new neighbour is rendered: one 8 MB
        # picture less at the peak.
        canvas.keep_only([canvas.slide, *neighbours])
        for neighbour in neighbours:
            # In the room's language: that is the slide the next key press will show.
            canvas.prepare(neighbour, with_timer)
        for other in (self.console.current_view, self.console.next_view):
            if other is not canvas:  # the console's small views are not prepared: keep what they show
                other.keep_only([other.slide])

    def _tick(self) -> None:
        self.console.tick()
        self._show_audience()

    def stop(self) -> None:
        self._ticker.stop()
        self.watcher.stop()
        self.console.note.flush()
        for window in (self.audience, self.console):
            window.allow_close = True
            window.close()
        self.finished.emit()

    # Keys and actions -------------------------------------------------------------------
    def handle_key(self, event: QKeyEvent) -> bool:
        action = self.keys.feed(key_name(event))
        if action is None:
            return bool(self.keys.digits) or event.text().isdigit()
        if action.name == k.JUMP:
            self.presentation.jump(action.number)
        else:
            self.do(action.name)
        return True

    def do(self, action: str) -> None:
        p = self.presentation
        simple = {
            k.NEXT: p.next,
            k.PREVIOUS: p.previous,
            k.FIRST: p.first,
            k.LAST: p.last,
            k.START: lambda: p.start(0),
            k.START_CURRENT: lambda: p.start_at_item(p.slide.item_index if p.slide else 0),
            k.END: p.end,
            k.TIMER_TOGGLE: p.timer_toggle,
            k.TIMER_PLUS: p.timer_add_minute,
            k.TIMER_RESET: p.timer_reset,
            k.TIMER_SHOW: p.toggle_timer_on_screen,
            k.BLACK: lambda: p.toggle_blank(BLANK_BLACK),
            k.WHITE: lambda: p.toggle_blank(BLANK_WHITE),
            k.PAUSE: p.toggle_pause,
        }
        if action in simple:
            simple[action]()
        elif action == k.HELP:
            self._to_console()
            self.console.toggle_help()
        elif action == k.NOTE:
            self._to_console()
            self.console.focus_note()
        elif action == k.SWITCH:
            self.switch_window()
        elif action in (k.BIGGER, k.SMALLER):
            self.font_scale = max(0.5, min(1.6, self.font_scale + (0.1 if action == k.BIGGER else -0.1)))
            self.audience.canvas.set_scale(self.font_scale)
            self.console.current_view.set_scale(self.font_scale)

    def _to_console(self) -> None:
        if self.single_screen and self.room_fullscreen:
            self.show_room_fullscreen(False)
        self.console.raise_()
        self.console.activateWindow()

    def switch_window(self) -> None:
        """Tab: on one screen, show the room's view full-screen or come back to the console; with
        a beamer, bring the console forward."""
        if self.single_screen:
            self.show_room_fullscreen(not self.room_fullscreen)
            return
        self.console.raise_()
        self.console.activateWindow()
        self.console.setFocus()

    def show_room_fullscreen(self, on: bool) -> None:
        """On one screen: the room's view over the whole screen (on) or the console with its preview."""
        self.room_fullscreen = on
        if not self.single_screen:
            return
        if on:
            target = screen_named(self.console.screen().name() if self.console.screen() else None)
            if target is not None:
                self.audience.place_on(target)
            self.audience.raise_()
            self.audience.activateWindow()
            self.audience.setFocus()
        else:
            self.audience.hide()
            self.console.raise_()
            self.console.activateWindow()
            self.console.setFocus()


def _families() -> set[str]:
    from PySide6.QtGui import QFontDatabase

    return set(QFontDatabase.families())
