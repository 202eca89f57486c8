"""The app's own errors: the foreseen kind, and the exit status of the unforeseen.

An `AppError` is foreseen: its message is one sentence for the user (what is wrong, what to do), and
the UI shows it where the user acted. Anything else is a bug: it is not caught in the UI but reaches
the error hook (opvoed_desktop.errorlog), which writes it to the log and says so in one sentence
(opvoed_desktop.messages words it). This module imports nothing of the app: every layer may raise these.
"""

from __future__ import annotations

# Exit status of a run that ended in an error the app did not expect (BSD's EX_SOFTWARE).
UNEXPECTED_EXIT = 70


class AppError(Exception):
    """An error the app foresaw; `str(error)` is a sentence the user can act on."""
