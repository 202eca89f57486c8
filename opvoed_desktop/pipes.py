"""`opvoed-desktop meetings list | head -1`: the reader has gone, which is no error.

Unix tools end quietly when the pipe they write to is closed (SIGPIPE, status 141 = 128 + 13).
Python instead raises BrokenPipeError, and again at exit when it flushes stdout ("Exception
ignored ..."). `closed_pipe_exit` points stdout at /dev/null, so the final flush has nowhere
to fail, and gives the status a shell expects from a tool whose reader left.
"""

from __future__ import annotations

import contextlib
import os
import sys

SIGPIPE_STATUS = 128 + 13


def closed_pipe_exit() -> int:
    """Call while handling BrokenPipeError: nothing is printed and nothing is logged."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # no real stdout (tests, pythonw)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return SIGPIPE_STATUS
