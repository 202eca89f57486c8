"""Ending a command's process without the interpreter's teardown.

When a command has returned, Python's finalization frees every object of the process one by one
(modules, fonts, caches, thousands of glyph tuples): for a hand-out, a fifth of a fresh process's
CPU time (65 ms of 0.37 s, measured in turns), spent after the PDF is written and the path printed.
A command whose work leaves nothing for that teardown (every file it wrote closed, no thread, no
connection, no temporary folder left) says so with `allow_quick_end`; the entry point then
flushes stdout and stderr, runs the exit handlers (logging's flush, weakref finalizers) and ends
with `os._exit`. Only the entry point does this (`opvoed_desktop.__main__`), never a test or a
window calling `app.main` in its own process.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys

_allowed = False
_own_process = False


def mark_own_process() -> None:
    """Called by the entry point (opvoed_desktop.__main__) before it runs anything: the process is
    the app's own, not a test or a window running a command inside itself."""
    global _own_process
    _own_process = True


def own_process() -> bool:
    return _own_process


def allow_quick_end() -> None:
    """The running command left nothing for the interpreter's teardown to finish."""
    global _allowed
    _allowed = True


def quick_end_allowed() -> bool:
    """Allowed by the command, and nobody watching the run: a profiler (`python -m cProfile`) or a
    tracer (coverage) writes its report after the program returns, which os._exit would skip."""
    return _allowed and sys.getprofile() is None and sys.gettrace() is None


def end_now(status: int) -> None:
    """Flush, run the exit handlers and end the process with `status`, skipping the teardown.

    Returns (does nothing) when stdout or stderr cannot be flushed: the normal exit then reports it.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            return
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's; absent: skip no handler
    if run_exit_handlers is None:
        return
    run_exit_handlers()
    with contextlib.suppress(OSError, ValueError, AttributeError):  # a handler may print; no stdout: pythonw
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(status)
