"""The real app, started as `opvoed-desktop` would start it, plus a probe for the journey tests.

The journey drives the app as a person does: keys and mouse clicks through xdotool. To click a
button it has to know where the button is; the probe answers that. The test writes a question
to `ask.json` in the folder named by OPVOED_PROBE_DIR; the probe answers in `answer.json` with the
widget's centre on the screen (and whether it is visible and enabled, and its text). It never
clicks or types; the one thing it does is what a person does before clicking: scroll the widget
into view when it sits in a scrolled panel.

Questions: {"text": "Deze talen opslaan…"} (a button, label, tab, list or combo-box entry shown
with that text), {"name": "roomBadge"} (an object name), {"focus": true} (the widget with the
keyboard focus).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QTabBar,
    QTextEdit,
    QWidget,
)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _into_view(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


def _answer(widget: QWidget, rect: QRect | None = None, text: str = "") -> dict[str, object]:
    _into_view(widget)
    rect = rect if rect is not None else widget.rect()
    centre = widget.mapToGlobal(rect.center())
    top_left = widget.mapToGlobal(rect.topLeft())
    return {
        "x": centre.x(),
        "y": centre.y(),
        "left": top_left.x(),
        "top": top_left.y(),
        "width": rect.width(),
        "height": rect.height(),
        "visible": widget.isVisible(),
        "enabled": widget.isEnabled(),
        "class": type(widget).__name__,
        "name": widget.objectName(),
        "text": text or _text_of(widget),
        "window": widget.window().windowTitle(),
        "checked": widget.isChecked() if isinstance(widget, QAbstractButton) else None,
    }


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton | QLabel | QLineEdit):
        return _plain(widget.text())
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _visible_widgets() -> list[QWidget]:
    # A dialog is a window of its own and also a child of the main window: each widget once.
    found: dict[int, QWidget] = {}
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            found.setdefault(id(top), top)
            for widget in top.findChildren(QWidget):
                if widget.isVisible():
                    found.setdefault(id(widget), widget)
    return list(found.values())


def find(question: dict[str, object]) -> dict[str, object]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if question.get("focus"):
        widget = app.focusWidget()
        return _answer(widget) if widget is not None else {"error": "no widget has the focus"}
    name, text = question.get("name"), question.get("text")
    matches: list[dict[str, object]] = []
    for widget in _visible_widgets():
        if name and widget.objectName() == name:
            matches.append(_answer(widget))
        if not text:
            continue
        if isinstance(widget, QAbstractButton | QLabel) and _plain(widget.text()) == text:
            matches.append(_answer(widget))
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if _plain(widget.tabText(index)) == text:
                    matches.append(_answer(widget, widget.tabRect(index), text))
        elif isinstance(widget, QListWidget):
            for row in range(widget.count()):
                item = widget.item(row)
                if item.text() == text:
                    widget.scrollToItem(item)
                    matches.append(_answer(widget.viewport(), widget.visualItemRect(item), text))
    if not matches:
        return {"error": f"nothing visible shows {question}"}
    if len(matches) > 1:
        return {"error": f"{len(matches)} widgets show {question}", "matches": matches}
    return matches[0]


class Probe(QObject):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.timer = QTimer(self)
        self.timer.setInterval(40)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        ask = self.folder / "ask.json"
        if not ask.exists():
            return
        try:
            question = json.loads(ask.read_text(encoding="utf-8"))
            answer = find(question)
        except Exception as exc:  # the question was unreadable: say so, never take the app down
            answer = {"error": repr(exc)}
        ask.unlink(missing_ok=True)
        partial = self.folder / "answer.part"
        partial.write_text(json.dumps(answer), encoding="utf-8")
        partial.replace(self.folder / "answer.json")


def main() -> int:
    app = QApplication(sys.argv[:1])  # the app takes this instance (QApplication.instance() or …)
    probe = Probe(Path(os.environ["OPVOED_PROBE_DIR"]))
    from opvoed_desktop.__main__ import main as app_main

    try:
        return app_main(sys.argv[1:])
    finally:
        probe.timer.stop()
        del app


if __name__ == "__main__":
    sys.exit(main())
