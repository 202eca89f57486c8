"""The full-screen window for the room. It only ever receives `AudienceSlide`s and timer views."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting import AudienceSlide, TimerView
from opvoed_desktop.ui.audience_canvas import AudienceCanvas


class AudienceWindow(QWidget):
    def __init__(self, on_key: Callable[[QKeyEvent], bool], family: str = "") -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("audienceWindow")
        self.setWindowTitle(_("Opvoed Desktop — scherm voor de zaal"))
        self.setCursor(Qt.CursorShape.BlankCursor)
        self._on_key = on_key
        self.allow_close = False
        self.canvas = AudienceCanvas(self, family)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.screen_name = ""

    def show_slide(self, slide: AudienceSlide | None, blank: str, timer: TimerView | None) -> None:
        self.canvas.show_slide(slide, blank, timer)

    def place_on(self, screen: QScreen) -> None:
        """Cover `screen` completely. Works with and without a window manager (no WM: the
        full-screen state is not honoured, so the geometry is set explicitly too)."""
        geometry = screen.geometry()
        self.screen_name = screen.name()
        if self.windowHandle() is not None and self.isVisible() and self.screen() is not screen:
            # Leaving full-screen first lets the window manager move it to another monitor.
            self.showNormal()
        self.setScreen(screen)
        self.setGeometry(geometry)
        self.showFullScreen()
        if self.geometry() != geometry:
            self.setGeometry(geometry)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._on_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Alt+F4 on the beamer must not leave the console without a show; the controller closes us.
        if self.allow_close:
            event.accept()
        else:
            event.ignore()
