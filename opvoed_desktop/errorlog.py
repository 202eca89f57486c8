"""Errors leave a trace: a small rotating log file in the data dir's `logs/`, and the hooks that feed it.

The Windows build has no console, so this file is the only trace of an error there. It is personal
data's neighbour, so it is written with care:
- created 0600 in a 0700 folder, at most `MAX_BYTES` per file and `BACKUPS` old files;
- nothing is written until something happens (a CLI run that goes well leaves no file);
- an exception is logged as its type and the frames of code it passed through, never its message
  (a message may quote a note, a name or a path); an OSError also gives its error code (ENOSPC);
- messages from Qt are logged with the home folder shortened to `~` and cut at 300 characters.

`sys.excepthook` and `threading.excepthook` go through `ErrorLog.install_hooks`; Qt's message handler
is installed by the UI (opvoed_desktop/ui/error_dialog.py), the only layer that imports Qt.
"""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from opvoed_desktop import __version__

LOG_NAME = "opvoed-desktop.log"
MAX_BYTES = 256 * 1024
BACKUPS = 3
LOGGER = "opvoed_desktop"
QT_MESSAGE_LIMIT = 300

# Called with the exception and its privacy-safe details, after they were logged.
Reporter = Callable[[BaseException, str], None]


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are the user's alone (0600 in a 0700 folder)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)

    def _open(self) -> io.TextIOWrapper:
        folder = Path(self.baseFilename).parent
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.name == "posix":
            os.chmod(folder, 0o700)
            os.fchmod(fd, 0o600)  # an older file made with a wider mode is narrowed too
        return os.fdopen(fd, "a", encoding="utf-8")

    def handleError(self, record: logging.LogRecord) -> None:
        # A full disk or a read-only data dir must not turn logging an error into a second error.
        pass

    # Closing flushes what is buffered; on a full disk that raises outside `emit`, so outside
    # `handleError`: logging must never be the thing that fails.
    def flush(self) -> None:
        with contextlib.suppress(OSError):
            super().flush()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            super().close()


def _home_shortened(text: str) -> str:
    home = str(Path.home())
    return text.replace(home, "~") if len(home) > 1 else text


def safe_traceback(exc: BaseException) -> str:
    """The traceback of `exc` (and its causes) without any exception message: types and code only."""
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    for position, error in enumerate(reversed(chain)):
        if position:
            lines.append("The above exception led to:")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(error.__traceback__):
            lines.append(f'  File "{_home_shortened(frame.filename)}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(_describe(error))
    return "\n".join(lines)


def _describe(error: BaseException) -> str:
    kind = type(error)
    name = kind.__qualname__
    if kind.__module__ not in ("builtins", "__main__"):
        name = f"{kind.__module__}.{name}"
    code = errno.errorcode.get(error.errno) if isinstance(error, OSError) and error.errno is not None else None
    if code:
        return f"{name} ({code}; message left out of the log)"
    return f"{name} (message left out of the log)"


class SafeFormatter(logging.Formatter):
    """Exceptions as `safe_traceback`, for every log file of the app."""

    def formatException(self, ei: Any) -> str:
        return safe_traceback(ei[1]) if ei and ei[1] is not None else ""

    def format(self, record: logging.LogRecord) -> str:
        # logging caches the first handler's exception text on the record; another handler's
        # (with the message) must not be reused here, nor ours left for the next one.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached


class ErrorLog:
    """The log file of one data dir. Nothing is created until the first record."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOG_NAME
        self.handler = PrivateRotatingFileHandler(self.path)
        self.handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self.handler.setLevel(logging.INFO)
        self._previous: tuple[Any, Any] | None = None

    @property
    def written(self) -> bool:
        return self.path.is_file()

    def attach(self) -> None:
        """Send the app's own warnings and errors (logger `opvoed_desktop`) to this file."""
        logger = logging.getLogger(LOGGER)
        if self.handler not in logger.handlers:
            logger.addHandler(self.handler)
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)

    def detach(self) -> None:
        logging.getLogger(LOGGER).removeHandler(self.handler)
        self.handler.close()

    def started(self, what: str) -> None:
        """One line about this run (versions, platform), so a later error can be placed."""
        self.attach()
        logging.getLogger(LOGGER).info(
            "%s: opvoed-desktop %s, Python %s, %s", what, __version__, platform.python_version(), platform.platform()
        )

    def unexpected(self, exc: BaseException, where: str = "") -> str:
        """Log an error the app did not expect; returns its privacy-safe details."""
        self.attach()
        details = safe_traceback(exc)
        logging.getLogger(LOGGER).error(
            "unexpected error%s", f" in {where}" if where else "", exc_info=(type(exc), exc, exc.__traceback__)
        )
        self.handler.flush()
        return details

    def log_file(self) -> Path | None:
        """The file's path when it could be written; None (say so) when it could not."""
        return self.path if self.written else None

    # Hooks -----------------------------------------------------------------------------------
    def install_hooks(self, report: Reporter) -> None:
        """Route uncaught errors of the main thread and of other threads here, then to `report`."""

        def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
            if issubclass(kind, KeyboardInterrupt):
                sys.__excepthook__(kind, exc, tb)
                return
            if exc.__traceback__ is None:
                exc = exc.with_traceback(tb)
            report(exc, self.unexpected(exc))

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            if args.exc_value is None or issubclass(args.exc_type, SystemExit):
                return
            name = args.thread.name if args.thread is not None else "?"
            report(args.exc_value, self.unexpected(args.exc_value, f"thread {name}"))

        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = excepthook
        threading.excepthook = thread_hook

    def uninstall_hooks(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def qt_message(self, level: int, message: str, category: str = "") -> None:
        """A message from Qt's message handler (the UI maps Qt's types to logging levels)."""
        self.attach()
        text = _home_shortened(message)[:QT_MESSAGE_LIMIT]
        logging.getLogger(f"{LOGGER}.qt").log(level, "%s%s", f"[{category}] " if category else "", text)


def print_to_stderr(text: str) -> None:
    """Print where there may be no console (a Windows GUI build has sys.stderr None)."""
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(text, file=stream)


def cli_reporter(log: ErrorLog) -> Reporter:
    """For the command line: one sentence with the log file's path on stderr."""
    from opvoed_desktop.messages import unexpected_sentence

    def report(_exc: BaseException, _details: str) -> None:
        print_to_stderr(unexpected_sentence(log.log_file()))

    return report
