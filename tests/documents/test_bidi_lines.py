"""Line order at the edges of a line: trailing spaces, separators, and the paragraph's direction.

Drawn text in the wrong order is a changed text for the person reading it (a question mark at the
wrong end of an Arabic question, a price before its word). These cases are what the Unicode
Bidirectional Algorithm's rule L1 is about, with the expected order worked out by hand from it.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from opvoed_desktop.documents.engine.bidi import display, line_levels, visual_order


def test_a_right_to_left_paragraph_puts_trailing_punctuation_and_space_at_its_start() -> None:
    assert display("abc!", True) == "!abc"
    assert display("abc!", None) == "abc!", "the first strong letter decides: left to right"
    assert display("abc ", True) == " abc"


def test_trailing_spaces_and_tabs_take_the_paragraph_level() -> None:
    assert line_levels("ab  ", [2, 2, 2, 2], 1) == [2, 2, 1, 1]
    assert line_levels("  ", [2, 2], 0) == [0, 0], "a line of only spaces is all at the paragraph level"
    assert line_levels("a\tb", [1, 1, 1], 0) == [1, 0, 1]
    assert line_levels("", [], 1) == []


def test_a_paragraph_separator_and_the_spaces_before_it_take_the_paragraph_level() -> None:
    assert line_levels("ab \ncd", [2, 2, 2, 2, 2, 2], 1) == [2, 2, 1, 1, 2, 2]
    assert line_levels("ab \u2029cd", [2, 2, 2, 2, 2, 2], 1) == [2, 2, 1, 1, 2, 2]


def test_spaces_between_words_keep_their_level() -> None:
    assert line_levels("a b", [1, 1, 1], 0) == [1, 1, 1]


def test_visual_order_reverses_each_level_from_the_highest_down() -> None:
    assert visual_order([0, 1, 1, 2, 2, 1, 0]) == [0, 5, 3, 4, 2, 1, 6]


# The left-to-right shortcut of paragraph_levels, held to python-bidi itself ----------------------


def _python_bidi_levels(text: str, rtl: bool | None) -> tuple[int, tuple[int, ...]]:
    """paragraph_levels without its shortcut: python-bidi's own answer."""
    from opvoed_desktop.documents.engine import bidi

    saved = bidi.left_to_right_only
    bidi.left_to_right_only = lambda text: False  # type: ignore[assignment]
    try:
        return bidi.paragraph_levels.__wrapped__(text, rtl)  # type: ignore[attr-defined, no-any-return]
    finally:
        bidi.left_to_right_only = saved  # type: ignore[assignment]


def test_every_character_of_the_left_to_right_classes_stays_on_level_zero() -> None:
    """Every code point Python gives one of LEFT_TO_RIGHT_ONLY's classes, in runs of 4,000 (one
    right-to-left or Arabic-digit character among them would rise above 0; a separator would
    start a second paragraph)."""
    import sys
    import unicodedata

    from opvoed_desktop.documents.engine.bidi import LEFT_TO_RIGHT_ONLY

    chars = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.bidirectional(chr(code)) in LEFT_TO_RIGHT_ONLY
    ]
    assert len(chars) > 250_000
    for start in range(0, len(chars), 4000):
        chunk = "".join(chars[start : start + 4000])
        for rtl in (None, False):
            assert _python_bidi_levels(chunk, rtl) == (0, (0,) * len(chunk)), (start, rtl)


_MIXED = st.lists(
    st.sampled_from(
        [*"ab 1.,-+%$:/()[]«»\u00a0\t", "12", "x\u0301", "\u200b", "\u00ad", "ግዕዝ", "ąę", "ї", "\u2019", "א", "ب",
         "\u0661", "\u06f1", "\u200f", "\u200e", "\u2066", "\u2067", "\u2069", "\u202b", "\u202c", "\u2029", "\x1c",
         "\U00010ec0", "\u0378"]
    ),
    max_size=25,
).map("".join)


@given(_MIXED, st.sampled_from([None, False, True]))
@settings(max_examples=400)
def test_paragraph_levels_equal_python_bidis_with_or_without_the_shortcut(text: str, rtl: bool | None) -> None:
    from opvoed_desktop.documents.engine.bidi import paragraph_levels

    assert paragraph_levels.__wrapped__(text, rtl) == _python_bidi_levels(text, rtl)  # type: ignore[attr-defined]


_DEEP = st.lists(
    st.sampled_from([*"ab 1.()", "سلام", "א", "\u0661", "ሰ", "é", "\U0001f600", "\u202b", "\u202a", "\u202e",
                     "\u202c", "\u2067", "\u2066", "\u2069"]),
    max_size=40,
).map("".join)


@given(_DEEP, st.sampled_from([None, False, True]))
@settings(max_examples=400)
def test_levels_read_by_position_equal_levels_read_by_pattern(text: str, rtl: bool | None) -> None:
    """python-bidi's levels block read by position (one digit per level: the usual case) and read
    number by number agree, and a block with a level of two digits (deep embeddings) is left to
    the reading by pattern."""
    from bidi.wrapper import get_display_inner

    from opvoed_desktop.documents.engine import bidi

    debug = get_display_inner(text or "a", None if rtl is None else ("R" if rtl else "L"), True)
    start = debug.find(bidi._LEVELS_OPEN) + len(bidi._LEVELS_OPEN)
    end = debug.find(bidi._LEVELS_CLOSE, start)
    encoded = (text or "a").encode()
    by_pattern = bidi._levels_by_pattern(debug, start, end, encoded)
    by_position = bidi._single_digit_levels(debug, start, end, encoded)
    if max(by_pattern) < 10:
        assert by_position == by_pattern
    else:
        assert by_position is None


def test_a_level_above_nine_is_read_by_pattern() -> None:
    from bidi.wrapper import get_display_inner

    from opvoed_desktop.documents.engine import bidi
    from opvoed_desktop.documents.engine.bidi import paragraph_levels

    text = "\u202b\u202a" * 6 + "x"  # embeddings twelve deep
    level, levels = paragraph_levels.__wrapped__(text, False)  # type: ignore[attr-defined]
    assert level == 0 and max(levels) >= 10
    debug = get_display_inner(text, "L", True)
    start = debug.find(bidi._LEVELS_OPEN) + len(bidi._LEVELS_OPEN)
    assert levels == bidi._levels_by_pattern(debug, start, debug.find(bidi._LEVELS_CLOSE, start), text.encode())
