"""Line order at the edges of a line: trailing spaces, separators, and the paragraph's direction.

Drawn text in the wrong order is a changed text for the person reading it (a question mark at the
wrong end of an Arabic question, a price before its word). These cases are what the Unicode
Bidirectional Algorithm's rule L1 is about, with the expected order worked out by hand from it.
"""

from __future__ import annotations

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
