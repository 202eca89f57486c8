"""The app's own errors, and one sentence for the errors the app does not expect.

An `AppError` is foreseen: its message is one sentence for the user (what is wrong, what to do), and
the UI shows it where the user acted. Anything else is a bug: it is not caught in the UI but reaches
the error hook (opvoed_desktop.errorlog), which writes it to the log and says so in one sentence.
"""

from __future__ import annotations

from pathlib import Path

from opvoed_desktop.i18n import _


class AppError(Exception):
    """An error the app foresaw; `str(error)` is a sentence the user can act on."""


def file_problem(exc: OSError) -> str:
    """A failed file operation in one sentence (the OS's own wording of the reason, no code)."""
    reason = exc.strerror or type(exc).__name__
    return _("Dat lukte niet: {reason}. Kijk of er ruimte is op de schijf en of de map beschrijfbaar is.").format(
        reason=reason
    )


def user_message(exc: BaseException) -> str:
    """What the UI shows for an error it caught: the app's sentence, or a plain one for a file problem."""
    if isinstance(exc, OSError):
        # An OSError raised with a sentence of ours (no errno) already says it plainly.
        return file_problem(exc) if exc.strerror or not str(exc) else str(exc)
    return str(exc)


def unexpected_sentence(log_file: Path | None) -> str:
    """The one sentence for an error the app did not expect (CLI and window alike)."""
    if log_file is None:
        return _("Er ging iets mis dat de app niet verwachtte; er kon geen logbestand worden geschreven.")
    return _("Er ging iets mis dat de app niet verwachtte; de details staan in {path}.").format(path=log_file)
