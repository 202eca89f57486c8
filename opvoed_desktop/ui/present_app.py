"""`opvoed-desktop present`: straight into a show, without the main window."""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from opvoed_desktop.services.presenting import AgendaItem, MemoryNoteSink, NoteSink, TimingRecorder, build_show
from opvoed_desktop.services.presenting.meeting_show import MeetingShow
from opvoed_desktop.services.presenting.notes import PendingMeeting
from opvoed_desktop.ui.presenter import LANGUAGES_DELAY_MS, PresenterController

if TYPE_CHECKING:
    from opvoed_desktop.services.context import AppContext

# benchmarks/bench_present.py sets this to a file: the wall time of the first painted slide is
# written there and the app quits. Nothing else reads it.
FIRST_PAINT_ENV = "OPVOED_BENCH_FIRST_PAINT"
# How often Python hands the interpreter lock over while the meeting is made on a worker thread:
# the default 5 ms is waited for each time a key's handling passes through Python (the key, the
# repaint, the console), and keys took 28–50 ms to reach the room's screen during that first
# second of a show (benchmarks/bench_paint.py's key part, on the X server).
MAKING_SWITCH_INTERVAL = 0.0005


def run_presenting(
    services: AppContext,
    items: Sequence[AgendaItem],
    argv: list[str],
    notes: NoteSink | None = None,
    recorder: TimingRecorder | None = None,
    audience_screen: str | None = None,
    room_language: str = "nl",
    shown: MeetingShow | None = None,
    programme_id: str | None = None,
) -> int:
    """Present `items`: into the meeting `shown` (with `notes` and `recorder`), or — a programme
    without a meeting — into a new meeting made just after the first slide is up."""
    from opvoed_desktop.ui.application import configure

    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    configure(app, services)
    show = build_show(items, services.library, shown.holding if shown is not None else None)
    pending = PendingMeeting() if notes is None else None
    controller = PresenterController(
        show,
        services.library,
        notes or pending or MemoryNoteSink(),
        recorder or pending,
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
    if shown is not None:
        controller.console.tell_meeting(shown.title, shown.created)
    controller.start()
    maker = None
    if pending is not None:
        from opvoed_desktop.i18n import active

        maker = _MeetingMaker(services, items, programme_id, active().locale)
        maker.ready.connect(lambda result: _attach(result, pending, controller))
        # Paint first, then the meeting: as soon as the first slide is on the screen, so that what
        # is typed is stored from then on and the few milliseconds it takes (storage/show_store.py)
        # are over before a person presses a key; at the latest when the room's languages are offered.
        painted = _AfterFirstPaint(maker.start, app)
        controller.audience.canvas.installEventFilter(painted)
        controller.console.current_view.installEventFilter(painted)
        QTimer.singleShot(LANGUAGES_DELAY_MS, maker.start)
    try:
        return app.exec()
    finally:
        if maker is not None:
            maker.close(app)


class _MeetingMaker(QObject):
    """Opens the notes and makes the show's meeting on a worker thread: opening the database (or
    first creating it) takes from a few milliseconds to most of a second, and the show must go on
    answering keys meanwhile. The result comes back to the GUI thread through `ready`."""

    ready = Signal(object)  # (service, MeetingShow), or the sentence saying why not

    def __init__(self, services: AppContext, items: Sequence[AgendaItem], programme_id: str | None, locale: str):
        super().__init__()
        self.services, self.items, self.programme_id, self.locale = services, list(items), programme_id, locale
        self.database: object = None
        self.thread = threading.Thread(target=self._work, name="present-meeting", daemon=True)

    def start(self) -> None:
        if self.thread.ident is None:
            self._switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(self._switch_interval, MAKING_SWITCH_INTERVAL))
            self.thread.start()

    def _work(self) -> None:
        try:
            self._make()
        finally:
            self._settle()

    def _make(self) -> None:
        from datetime import datetime

        from opvoed_desktop.services.presenting.meeting_show import new_meeting_for_show
        from opvoed_desktop.storage.show_store import open_show_store

        try:
            # The usual case (the notes exist, at this app's schema, undamaged) without SQLAlchemy:
            # some 30 MB and most of a second of a core less while the first keys come in.
            service: object = open_show_store(self.services.data)
            if service is None:  # a first start, a migration, damage, read-only: the full way
                from opvoed_desktop.services.meetings import MeetingService
                from opvoed_desktop.storage import open_database

                self.database = open_database(self.services.data)
                service = MeetingService(self.database)
            else:
                self.database = service
            shown = new_meeting_for_show(
                service, self.items, now=datetime.now(), locale=self.locale, programme_id=self.programme_id
            )
        except Exception as exc:  # a full disk, a damaged file, another window holding the notes
            self.ready.emit(str(exc) or repr(exc))
            return
        self.ready.emit((service, shown))

    def _settle(self) -> None:
        """The usual lock hand-over again; and what is loaded by now (SQLAlchemy, the content, Qt's
        wrappers: some 400,000 objects that live as long as the show) is left out of the
        collector's full passes, one of which took 54 ms in the first second of a show."""
        if hasattr(self, "_switch_interval"):
            sys.setswitchinterval(self._switch_interval)
        gc.freeze()

    def close(self, app: QApplication) -> None:
        """After the show: wait for the meeting, let it take what was typed (a show ended within a
        second still keeps its note), then close the database."""
        if self.thread.ident is None:
            self._work()  # the show ended before the meeting was begun: make it now
        elif self.thread.is_alive():
            self.thread.join(timeout=15)
        app.sendPostedEvents()
        app.processEvents()
        if self.database is not None:
            self.database.close()  # type: ignore[attr-defined]


def _attach(result: object, pending: PendingMeeting, controller: PresenterController) -> None:
    """On the GUI thread: hand what was typed and timed so far to the new meeting, and say so."""
    if isinstance(result, str):
        controller.console.notes_unavailable(result)
        return
    service, shown = result  # type: ignore[misc]
    try:
        controller.console.note.flush()  # what is typed already goes along
        pending.attach(*shown.sinks(service), shown.items)
    except Exception as exc:
        controller.console.notes_unavailable(str(exc))
        return
    controller.console.tell_meeting(shown.title, created=True)


class _AfterFirstPaint(QObject):
    """Calls `then` once, in the event loop's turn after the first paint of a watched widget."""

    def __init__(self, then: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.then = then
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.then)  # after this paint has gone to the window system
        return False


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
