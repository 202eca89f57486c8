"""Use case: translate in the app — segments, progress, edits to the overlay, export/import, new languages.

Split by job: segments.py (what is shown and changed), files.py (the shipped and overlay catalogs on
disk), service.py (TranslationService, the one object the editor and the CLI use).
"""

from opvoed_desktop.services.translations.segments import (
    CHECKED_BY,
    DOMAINS,
    HANDOUTS,
    Change,
    Domain,
    FontCheck,
    ImportPreview,
    Progress,
    Segment,
    TranslationError,
)
from opvoed_desktop.services.translations.service import TranslationService

__all__ = [
    "CHECKED_BY",
    "DOMAINS",
    "HANDOUTS",
    "Change",
    "Domain",
    "FontCheck",
    "ImportPreview",
    "Progress",
    "Segment",
    "TranslationError",
    "TranslationService",
]
