"""Beeld: text size and theme for the whole app, remembered per laptop in the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from opvoed_desktop.i18n import _
from opvoed_desktop.ui import text_size, theme

if TYPE_CHECKING:
    from opvoed_desktop.paths import DataPaths


def apply_saved(app: QApplication, data: DataPaths) -> None:
    """At start (and after a change of language): the look this laptop was left with."""
    from opvoed_desktop.settings import Settings

    settings = Settings.load(data)
    theme.apply(app, settings.theme or theme.LIGHT)
    text_size.apply(app, settings.text_size)


class ViewOptions:
    """The Beeld entries: Tekst groter / kleiner / standaard, and the theme."""

    def __init__(self, window: QMainWindow, menu: QMenu, data: DataPaths) -> None:
        self.window = window
        self.data = data
        self.bigger = QAction(_("Tekst &groter"), window)
        self.bigger.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.bigger.triggered.connect(lambda: self.step(1))
        self.smaller = QAction(_("Tekst &kleiner"), window)
        self.smaller.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.smaller.triggered.connect(lambda: self.step(-1))
        self.normal = QAction(_("Tekst &standaardgrootte"), window)
        self.normal.setShortcut(QKeySequence("Ctrl+0"))
        self.normal.triggered.connect(lambda: self.set_size(text_size.DEFAULT))
        for action in (self.bigger, self.smaller, self.normal):
            menu.addAction(action)
        self.theme_menu = menu.addMenu(_("&Thema"))
        group = QActionGroup(window)
        self.theme_actions: dict[str, QAction] = {}
        for name, label in theme.theme_names().items():
            action = QAction(label, window)
            action.setCheckable(True)
            action.setChecked(name == theme.current())
            action.triggered.connect(lambda _c=False, n=name: self.set_theme(n))
            group.addAction(action)
            self.theme_menu.addAction(action)
            self.theme_actions[name] = action
        self._enable()

    def step(self, by: int) -> None:
        self.set_size(text_size.current() + by)

    def set_size(self, step: int) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        shown = text_size.apply(app, step)
        self._enable()
        self._save(text_size=shown)
        self.window.statusBar().showMessage(text_size.step_names()[shown], 3000)

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        theme.apply(app, name)
        for key, action in self.theme_actions.items():
            action.setChecked(key == theme.current())
        self._save(theme=theme.current())

    def _enable(self) -> None:
        self.bigger.setEnabled(text_size.current() < text_size.LARGEST)
        self.smaller.setEnabled(text_size.current() > 0)

    def _save(self, **changes: object) -> None:
        from opvoed_desktop.settings import Settings

        try:
            settings = Settings.load(self.data)
            for key, value in changes.items():
                setattr(settings, key, value)
            settings.save(self.data)
        except OSError:
            self.window.statusBar().showMessage(_("De keuze kon niet worden bewaard; hij geldt tot u de app sluit."))
