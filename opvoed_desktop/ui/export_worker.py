"""The export's worker thread and the bridge it reports through.

The work runs in a plain thread; it talks to the dialog only through Qt signals (queued to the GUI
thread). The worker must never hold a reference to the dialog (see run_export): a segfault came from
that (tests/export/test_dialog.py closes the dialog while the job finishes).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from opvoed_desktop.export.errors import BundleError, Cancelled, ExportError
from opvoed_desktop.i18n import _
from opvoed_desktop.storage import StorageError

USER_ERRORS = (ExportError, BundleError, StorageError)
log = logging.getLogger(__name__)


class ExportBridge(QObject):
    progress = Signal(int, int)
    finished = Signal(object, str)  # (result or None, error sentence or "")


def run_export(bridge: ExportBridge, work: Callable[[], Any]) -> threading.Thread:
    """`work` must not hold the dialog: the worker would then drop the dialog's last reference when
    the dialog is already closed, and PySide would delete a widget on the worker thread (a crash).
    The bridge is owned by the application (not by Python), and deleted on the GUI thread after it
    delivered `finished` (deleteLater is posted behind that queued signal)."""

    def target() -> None:
        try:
            bridge.finished.emit(work(), "")
        except Cancelled:
            bridge.finished.emit(None, _("Gestopt; er is niets opgeslagen."))
        except USER_ERRORS as exc:
            bridge.finished.emit(None, str(exc))
        except BaseException as exc:  # the dialog must hear of every failure, never wait forever
            log.debug("export failed", exc_info=True)  # the traceback may quote data: never above debug
            bridge.finished.emit(
                None,
                _("Het exporteren is mislukt ({reason}); er is niets opgeslagen.").format(reason=type(exc).__name__),
            )
        finally:
            bridge.deleteLater()

    thread = threading.Thread(target=target, name="export", daemon=True)
    thread.start()
    return thread
