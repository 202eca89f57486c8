"""Bidi levels and visual order, as small pure functions over the Unicode Bidirectional Algorithm.

`paragraph_levels` resolves a whole paragraph (rules P2–I2, python-bidi's Rust backend, see the
package docstring); the rest works on one line after line breaking: `line_levels` is rule L1,
`visual_order` and `visual_runs` are rule L2, `mirror` is rule L4 for text drawn without HarfBuzz
(HarfBuzz mirrors by itself when it shapes a right-to-left run).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress

from bidi.mirror import MIRRORED
from bidi.wrapper import get_display_inner

# python-bidi's debug output is the `{:#?}` form of unicode-bidi's BidiInfo: one `Level(n)` per byte
# of the UTF-8 text under `levels: [`, and one ParagraphInfo per paragraph.
# The block is found by its line (the text itself, printed above it, has its line breaks escaped, so
# a paragraph that mentions "levels: [" cannot be taken for it) and read as its numbers: a search
# with one pattern over the whole debug output cost more than the bidi algorithm itself.
_LEVELS_OPEN = "\n    levels: [\n"
_LEVELS_CLOSE = "\n    ],\n"
_NUMBER = re.compile(r"\d+")
# One byte's entry in the levels block: "        Level(\n            2,\n        ),\n".
_ENTRY_FORM = re.compile(r" {8}Level\(\n {12}\d,\n {8}\),\n")
_ENTRY = 41
_DIGIT_AT = 27
_FIRST_BYTES = bytes(0 if byte & 0xC0 == 0x80 else 1 for byte in range(256))  # 0: continues a character
_DIGIT_VALUES = bytes.maketrans(b"0123456789", bytes(range(10)))
_PARAGRAPH_LEVEL = re.compile(r"ParagraphInfo \{\s*range: \d+\.\.\d+,\s*level: Level\(\s*(\d+)")

# Characters rule L1 puts back on the paragraph level at the end of a line or before a tab: white
# space, isolate controls, and the characters rule X9 removed (embeddings, boundary neutrals).
TRAILING = frozenset({"WS", "FSI", "LRI", "RLI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"})


# Bidi classes that leave every character of a left-to-right (or undirected) paragraph on level 0:
# no right-to-left letter (R, AL), no Arabic digit (AN), no explicit embedding, override or
# isolate, no paragraph separator (B). Without R, AL and AN every European digit follows the L
# before it (W7) and every neutral lies between Ls (N1, N2), so nothing rises above the paragraph's
# level. A character unassigned in Python's Unicode (class "") is not among them: python-bidi's
# newer Unicode may give it a right-to-left class. tests/documents/test_bidi_lines.py holds this to
# python-bidi over every such character and over generated paragraphs.
LEFT_TO_RIGHT_ONLY = frozenset({"L", "EN", "ES", "ET", "CS", "NSM", "BN", "WS", "ON", "S"})
# Characters already found to be of those classes (grows as text comes by; a set's add is atomic).
_seen_left_to_right: set[str] = set()


def left_to_right_only(text: str) -> bool:
    """Whether no character of `text` can take a level above 0 in a left-to-right paragraph."""
    chars = set(text)
    if chars <= _seen_left_to_right:
        return True
    bidirectional = unicodedata.bidirectional
    for char in chars - _seen_left_to_right:
        if bidirectional(char) not in LEFT_TO_RIGHT_ONLY:
            return False
        _seen_left_to_right.add(char)
    return True


class BidiEngineError(RuntimeError):
    """python-bidi answered in a form we cannot read (a new major version): a programming error."""


@lru_cache(maxsize=8192)
def paragraph_levels(text: str, rtl: bool | None) -> tuple[int, tuple[int, ...]]:
    """The paragraph's embedding level and each character's resolved level (before rule L1).

    `rtl` sets the paragraph direction; None lets the first strong character decide (P2, P3).
    Memoised: the same paragraphs come back on every render of a hand-out.
    """
    base = None if rtl is None else ("R" if rtl else "L")
    if not text:
        return (1 if rtl else 0), ()
    if not rtl and left_to_right_only(text):
        # Every character on level 0 (see LEFT_TO_RIGHT_ONLY): most paragraphs of a left-to-right
        # language, without python-bidi's debug output to read (a tenth of a fresh hand-out's work).
        return 0, (0,) * len(text)
    debug = get_display_inner(text, base, True)
    opened = debug.find(_LEVELS_OPEN)
    closed = debug.find(_LEVELS_CLOSE, opened) if opened >= 0 else -1
    paragraph = _PARAGRAPH_LEVEL.search(debug, closed) if closed >= 0 else None
    if paragraph is None:
        raise BidiEngineError("python-bidi's debug output has no levels; is python-bidi >= 0.7 installed?")
    encoded = text.encode("utf-8")
    start = opened + len(_LEVELS_OPEN)
    levels = _single_digit_levels(debug, start, closed, encoded)
    if levels is None:
        levels = _levels_by_pattern(debug, start, closed, encoded)
    return int(paragraph.group(1)), levels


def _single_digit_levels(debug: str, start: int, end: int, encoded: bytes) -> tuple[int, ...] | None:
    """The levels block read by position when every level is one digit (always, below level 10):
    then each byte's entry is the same 41 characters with its digit at offset 27, so the digits
    are one slice, and the characters' (their first bytes') are picked in C. None otherwise."""
    if end - start != _ENTRY * len(encoded) - 1:
        return None
    digits = debug[start + _DIGIT_AT : end : _ENTRY]
    if not (digits.isascii() and digits.isdigit()) or not _entries_as_expected(debug, start, end):
        return None
    if not encoded.isascii():
        # A character's level is the level of its first byte (a byte that does not continue one).
        digits = "".join(compress(digits, encoded.translate(_FIRST_BYTES)))
    return tuple(digits.encode("ascii").translate(_DIGIT_VALUES))


def _entries_as_expected(debug: str, start: int, end: int) -> bool:
    """The first and the last entry look as _single_digit_levels expects (the format of one
    python-bidi; a change of it falls back to reading by pattern)."""
    first = debug[start : start + _ENTRY]
    last = debug[end - _ENTRY + 1 : end] + "\n"
    return all(_ENTRY_FORM.fullmatch(entry) for entry in (first, last))


def _levels_by_pattern(debug: str, start: int, end: int, encoded: bytes) -> tuple[int, ...]:
    """The levels block read number by number (any level)."""
    per_byte = _NUMBER.findall(debug, start, end)
    if len(encoded) != len(per_byte):
        raise BidiEngineError("python-bidi gave levels for another text than ours")
    # A character's level is the level of its first byte (a byte that does not continue one).
    return tuple(int(level) for level, byte in zip(per_byte, encoded, strict=True) if byte & 0xC0 != 0x80)


def line_levels(text: str, levels: Sequence[int], paragraph_level: int) -> list[int]:
    """Rule L1 for one line: tabs, paragraph separators and the white space before them and at the
    end of the line take the paragraph level (so trailing spaces stay at the line's far end)."""
    out = list(levels)
    at_end = True
    for index in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[index])
        if kind in ("S", "B"):
            out[index] = paragraph_level
            at_end = True
        elif at_end and kind in TRAILING:
            out[index] = paragraph_level
        else:
            at_end = False
    return out


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the logical indices in visual order (left to right).

    From the highest level down to the lowest odd level, every maximal stretch at that level or
    higher is reversed.
    """
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    current = list(levels)
    for level in range(max(levels), min(odd) - 1, -1):
        index = 0
        while index < len(order):
            if current[index] < level:
                index += 1
                continue
            end = index
            while end < len(order) and current[end] >= level:
                end += 1
            order[index:end] = order[index:end][::-1]
            current[index:end] = current[index:end][::-1]
            index = end
    return order


def level_runs(levels: Sequence[int]) -> list[tuple[int, int, int]]:
    """Maximal stretches of one level, in logical order: (start, end, level)."""
    runs: list[tuple[int, int, int]] = []
    start = 0
    for index in range(1, len(levels) + 1):
        if index == len(levels) or levels[index] != levels[start]:
            runs.append((start, index, levels[start]))
            start = index
    return runs


def visual_runs(levels: Sequence[int]) -> list[tuple[int, int, int]]:
    """The level runs of a line in visual order; a run at an odd level is itself drawn reversed.

    Reordering whole runs by their levels (rule L2 on the runs) gives the same order as reordering
    the characters: a character is reversed once per level from its own down to the lowest odd
    one, an odd number of times exactly when its level is odd.
    """
    runs = level_runs(levels)
    return [runs[i] for i in visual_order([level for _s, _e, level in runs])]


def mirror(char: str) -> str:
    """Rule L4: the mirrored form of a character at an odd level ("(" for ")"), or the character."""
    return MIRRORED.get(char, char)


def display(text: str, rtl: bool | None) -> str:
    """One line in visual order with mirrored brackets: for labels drawn without shaping and tests."""
    paragraph_level, levels = paragraph_levels(text, rtl)
    resolved = line_levels(text, levels, paragraph_level)
    return "".join(mirror(text[i]) if resolved[i] % 2 else text[i] for i in visual_order(resolved))
