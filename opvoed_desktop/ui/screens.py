"""Which screen the room sees, and noticing when screens come, go or change resolution.

Never keeps a `QScreen` between events: Qt deletes it when a monitor is unplugged, and using
it afterwards is how presentation programs crash. Screens are remembered by name and looked
up fresh every time.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRect, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen

DEBOUNCE_MS = 150


@dataclass(frozen=True, slots=True)
class ScreenInfo:
    name: str
    geometry: QRect
    primary: bool


def screen_infos() -> list[ScreenInfo]:
    primary = QGuiApplication.primaryScreen()
    return [ScreenInfo(s.name(), s.geometry(), s is primary) for s in QGuiApplication.screens()]


def choose_audience(screens: list[ScreenInfo], console: str | None, preferred: str | None = None) -> str | None:
    """The name of the screen for the room: the chosen one if present; else another screen than
    the console's (the largest, then a non-primary one); else the only one."""
    names = [s.name for s in screens]
    if preferred and preferred in names:
        return preferred
    others = [s for s in screens if s.name != console]
    if others:
        best = max(others, key=lambda s: (not s.primary, s.geometry.width() * s.geometry.height()))
        return best.name
    return names[0] if names else None


def console_screen(screens: list[ScreenInfo], near: str | None) -> str | None:
    names = [s.name for s in screens]
    if near in names:
        return near
    primary = next((s.name for s in screens if s.primary), None)
    return primary or (names[0] if names else None)


def screen_named(name: str | None) -> QScreen | None:
    for screen in QGuiApplication.screens():
        if screen.name() == name:
            return screen
    return QGuiApplication.primaryScreen()


class ScreenWatcher(QObject):
    """Emits `changed` once after a burst of screen events (plugging emits several)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._added)
        app.screenRemoved.connect(self._poke)
        app.primaryScreenChanged.connect(self._poke)
        for screen in QGuiApplication.screens():
            self._watch(screen)

    def _watch(self, screen: QScreen) -> None:
        screen.geometryChanged.connect(self._poke)

    def _added(self, screen: QScreen) -> None:
        self._watch(screen)
        self._poke()

    def _poke(self, *_args: object) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            for signal, slot in (
                (app.screenAdded, self._added),
                (app.screenRemoved, self._poke),
                (app.primaryScreenChanged, self._poke),
            ):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
            for screen in QGuiApplication.screens():
                with contextlib.suppress(RuntimeError, TypeError):
                    screen.geometryChanged.disconnect(self._poke)
