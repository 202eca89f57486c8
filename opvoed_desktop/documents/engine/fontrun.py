"""Which font draws each character: the first font of the chain that has its letters, with spaces,
punctuation, digits and marks following their neighbours (a bracket around Arabic words comes from
the Latin font only when the Arabic font lacks it)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

# Characters that steer shaping or bidi and draw nothing: any font will do.
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad\ufeff"
)


def choose_fonts(text: str, chain: Sequence[str], covers: Callable[[str, str], bool]) -> list[str | None]:
    """For each character the font (a name from `chain`) that draws it, or None when none can.

    Letters take the first font that has them. Neutral characters take the font of the previous
    letter, else of the next letter, else the first font that has them; marks and invisible
    characters always follow the character before them.
    """
    category = unicodedata.category
    # One look-up of each character's category (the loops below and the search for the next
    # letter asked again and again for the same characters).
    kinds = [category(char)[0] for char in text]
    chosen: list[str | None] = [None] * len(text)
    first_font: dict[str, str | None] = {}  # each letter's font, asked once per distinct letter
    for index, char in enumerate(text):
        if kinds[index] == "L":
            try:
                chosen[index] = first_font[char]
            except KeyError:
                chosen[index] = first_font[char] = next((font for font in chain if covers(font, char)), None)
    # The font of the next letter after each place, found in one pass from the end.
    following_fonts: list[str | None] = [None] * len(text)
    later: str | None = None
    for index in range(len(text) - 1, -1, -1):
        following_fonts[index] = later
        if kinds[index] == "L":
            later = chosen[index]
    previous: str | None = None
    for index, char in enumerate(text):
        if kinds[index] == "L":
            previous = chosen[index]
            continue
        mark = kinds[index] == "M" or char in INVISIBLE
        before = chosen[index - 1] if index > 0 else None
        if mark and before is not None:
            chosen[index] = before if covers(before, char) or char in INVISIBLE else None
            if chosen[index] is not None:
                continue
        following = following_fonts[index]
        for candidate in (previous, following):
            if candidate is not None and (char in INVISIBLE or covers(candidate, char)):
                chosen[index] = candidate
                break
        else:
            fallback = next((font for font in chain if covers(font, char)), None)
            if fallback is None and char in INVISIBLE:
                fallback = previous or following or chain[0]
            chosen[index] = fallback
    return chosen


def font_runs(fonts: Sequence[str | None]) -> list[tuple[int, int, str | None]]:
    """Maximal stretches drawn in one font: (start, end, font)."""
    runs: list[tuple[int, int, str | None]] = []
    start = 0
    for index in range(1, len(fonts) + 1):
        if index == len(fonts) or fonts[index] != fonts[start]:
            runs.append((start, index, fonts[start]))
            start = index
    return runs
