"""The sentences the user sees for a caught error: the app's own, a file problem, or the unforeseen.

Kept apart from errors.py so that the lowest layers (i18n among them) can raise an `AppError` without
importing the translator that these sentences need.
"""

from __future__ import annotations

from pathlib import Path

from opvoed_desktop.i18n import _


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
