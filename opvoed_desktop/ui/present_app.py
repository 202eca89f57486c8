"""`opvoed-desktop present`: straight into a show, without the main window."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from opvoed_desktop.services.presenting import AgendaItem, MemoryNoteSink, NoteSink, TimingRecorder, build_show
from opvoed_desktop.ui.presenter import PresenterController

if TYPE_CHECKING:
    from opvoed_desktop.app import Services

# benchmarks/bench_present.py sets this to a file: the wall time of the first painted slide is
# written there and the app quits. Nothing else reads it.
FIRST_PAINT_ENV = "OPVOED_BENCH_FIRST_PAINT"


def run_presenting(
    services: Services,
    items: Sequence[AgendaItem],
    argv: list[str],
    notes: NoteSink | None = None,
    recorder: TimingRecorder | None = None,
    audience_screen: str | None = None,
    room_language: str = "nl",
) -> int:
    from opvoed_desktop.ui.application import configure

    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    configure(app, services)
    show = build_show(items, services.library)
    controller = PresenterController(
        show,
        services.library,
        notes or MemoryNoteSink(),
        recorder,
        audience_screen=audience_screen,
        room_language=room_language,
        overlay_dir=services.data.translations_overlay,
    )
    controller.finished.connect(app.quit)
    report = os.environ.get(FIRST_PAINT_ENV)
    if report:
        watcher = _FirstPaint(Path(report), app)
        # With a beamer the room's window paints first; on one screen the console's preview of it.
        controller.audience.canvas.installEventFilter(watcher)
        controller.console.current_view.installEventFilter(watcher)
    controller.start()
    return app.exec()


class _FirstPaint(QObject):
    def __init__(self, target: Path, app: QApplication) -> None:
        super().__init__(app)
        self.target = target
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            # Runs after this paint and the flush to the window system.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        self.target.write_text(repr(time.time()), encoding="utf-8")
        self.app.exit(0)
