"""The self-test's window check: build the real main window, show it, close it.

Kept in ui/ because it needs Qt; cli/self_test.py imports it only when that check runs.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TYPE_CHECKING

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.services.context import AppContext


class WindowCheckFailed(Exception):
    """The window opened but is not right; the message says what is wrong."""


def open_and_close_main_window(services: AppContext, *, timeout: float = 10.0) -> str:
    """Return a one-line description on success; raise with a clear reason otherwise."""
    from opvoed_desktop.display import has_display

    if not has_display():
        # A coordinator may run the self-test over ssh or in a terminal without a desktop.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtWidgets import QApplication

    from opvoed_desktop.ui.application import configure
    from opvoed_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "opvoed-desktop"])
    assert isinstance(app, QApplication)
    configure(app, services)
    window = MainWindow(services)
    try:
        window.show()
        deadline = time.monotonic() + timeout
        while not window.isVisible() or window.windowHandle() is None or not window.windowHandle().isExposed():
            app.processEvents()
            if time.monotonic() > deadline:
                raise WindowCheckFailed(_("het hoofdvenster verscheen niet binnen {s} seconden").format(s=int(timeout)))
            time.sleep(0.01)
        for _round in range(5):  # let the deferred start-up work (first page, backup) begin
            app.processEvents()
        if window.library_view.current_id is None:
            raise WindowCheckFailed(_("de bibliotheek in het hoofdvenster is leeg"))
        tabs = window.tabs.count()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        _wait_for_start_backup()
    return _("geopend en gesloten ({platform}, {tabs} tabbladen)").format(platform=app.platformName(), tabs=tabs)


def _wait_for_start_backup() -> None:
    # The window starts a backup thread after its first paint; let it finish before the temporary
    # data dir goes away, or it would write into a folder that no longer exists.
    for thread in threading.enumerate():
        if thread.name == "start-backup":
            thread.join(10)
