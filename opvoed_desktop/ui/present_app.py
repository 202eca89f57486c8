"""`opvoed-desktop present`: straight into a show, without the main window."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from opvoed_desktop.services.presenting import AgendaItem, MemoryNoteSink, NoteSink, TimingRecorder, build_show
from opvoed_desktop.ui.presenter import PresenterController

if TYPE_CHECKING:
    from opvoed_desktop.app import Services


def run_presenting(
    services: Services,
    items: Sequence[AgendaItem],
    argv: list[str],
    notes: NoteSink | None = None,
    recorder: TimingRecorder | None = None,
    audience_screen: str | None = None,
) -> int:
    from opvoed_desktop.ui.application import configure

    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    configure(app, services)
    show = build_show(items, services.library)
    controller = PresenterController(
        show, services.library, notes or MemoryNoteSink(), recorder, audience_screen=audience_screen
    )
    controller.finished.connect(app.quit)
    controller.start()
    return app.exec()
