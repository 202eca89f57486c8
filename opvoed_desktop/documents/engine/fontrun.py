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


def is_neutral(char: str) -> bool:
    """Not a letter: takes the font of the text around it when that font has it."""
    return unicodedata.category(char)[0] != "L"


def choose_fonts(text: str, chain: Sequence[str], covers: Callable[[str, str], bool]) -> list[str | None]:
    """For each character the font (a name from `chain`) that draws it, or None when none can.

    Letters take the first font that has them. Neutral characters take the font of the previous
    letter, else of the next letter, else the first font that has them; marks and invisible
    characters always follow the character before them.
    """
    chosen: list[str | None] = [None] * len(text)
    for index, char in enumerate(text):
        if not is_neutral(char):
            chosen[index] = next((font for font in chain if covers(font, char)), None)
    previous: str | None = None
    for index, char in enumerate(text):
        if not is_neutral(char):
            previous = chosen[index]
            continue
        mark = unicodedata.category(char)[0] == "M" or char in INVISIBLE
        before = chosen[index - 1] if index > 0 else None
        if mark and before is not None:
            chosen[index] = before if covers(before, char) or char in INVISIBLE else None
            if chosen[index] is not None:
                continue
        following = _next_letter_font(text, chosen, index)
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


def _next_letter_font(text: str, chosen: list[str | None], index: int) -> str | None:
    for later in range(index + 1, len(text)):
        if not is_neutral(text[later]):
            return chosen[later]
    return None


def font_runs(fonts: Sequence[str | None]) -> list[tuple[int, int, str | None]]:
    """Maximal stretches drawn in one font: (start, end, font)."""
    runs: list[tuple[int, int, str | None]] = []
    start = 0
    for index in range(1, len(fonts) + 1):
        if index == len(fonts) or fonts[index] != fonts[start]:
            runs.append((start, index, fonts[start]))
            start = index
    return runs
