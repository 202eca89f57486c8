"""What can go wrong in an export or an import, each as one sentence the user can act on.

Messages name files and counts, never note text: notes are personal data.
"""

from __future__ import annotations

from opvoed_desktop.errors import AppError

# Bundles are read and merged by storage (storage/bundle_reading.py, storage/merge.py); the error is
# named here too because the export dialog and command catch both kinds together.
from opvoed_desktop.storage.errors import BundleError


class ExportError(AppError):
    """An export could not be written; `str(exc)` says why and what to do."""


__all__ = ["BundleError", "Cancelled", "ExportError", "ReadOnlyTargetError"]


class Cancelled(Exception):
    """The user cancelled a long export; nothing was left under the final name."""


class ReadOnlyTargetError(ExportError):
    """The target exists and the user made it read-only: it is not replaced without a yes."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(message)
