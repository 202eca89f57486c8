"""Where the app's log lines go: a small private file in the data dir, never the terminal.

Log lines are for whoever helps the user later (error codes, file names), in English, and never
hold note text. Without this, Python prints warnings to stderr in English, between the sentences
the user is meant to read. A log that cannot be written (full disk, read-only folder) is dropped
silently: logging must never be the thing that fails.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os

from opvoed_desktop.errorlog import SafeFormatter
from opvoed_desktop.paths import DataPaths

LOGGER = "opvoed_desktop"
MAX_BYTES = 512 * 1024


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def flush(self) -> None:
        with contextlib.suppress(OSError):
            super().flush()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            super().close()


def configure(paths: DataPaths | None) -> logging.Handler:
    """Send the app's log lines to `<data dir>/logs/opvoed.log` (0600) when that can be written."""
    logger = logging.getLogger(LOGGER)
    ours = [h for h in logger.handlers if getattr(h, "_opvoed", False)]
    target = paths.logs / "opvoed.log" if paths is not None else None
    for old in ours:
        if target is not None and getattr(old, "baseFilename", None) == str(target):
            return old  # already logging there (the CLI entry, then the window)
    for old in ours:
        logger.removeHandler(old)
        with contextlib.suppress(OSError):
            old.close()
    handler: logging.Handler = logging.NullHandler()
    if paths is not None and paths.root.is_dir() and os.access(paths.root, os.W_OK | os.X_OK):
        try:
            paths.logs.mkdir(mode=0o700, exist_ok=True)
            target = paths.logs / "opvoed.log"
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.close(fd)
            handler = _QuietFileHandler(target, maxBytes=MAX_BYTES, backupCount=2, encoding="utf-8", delay=True)
            handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        except OSError:
            handler = logging.NullHandler()
    handler._opvoed = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    return handler
