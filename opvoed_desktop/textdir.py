"""Which way a piece of text reads, by Unicode's rule: its first strong character decides.

Shared by the PDF report, the DOCX report and the audience screen (no Qt here).
"""

from __future__ import annotations

import unicodedata


def first_strong_rtl(text: str, default: bool = False) -> bool:
    """True when the first strong character is right-to-left (Hebrew, Arabic script)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return default


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def isolate(text: str) -> str:
    """Text set apart for the bidi algorithm (FSI … PDI): a Dutch title inside an Arabic sentence,
    or an Arabic one in a Dutch sentence, keeps its own direction and does not pull the words
    around it along. For the screen; terminals often show these marks as boxes."""
    return f"\u2068{text}\u2069"
