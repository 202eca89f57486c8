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
