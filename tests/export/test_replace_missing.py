"""Characters no font prints become U+FFFD and are counted, however often a report meets them.

The text setter remembers the characters it found printable (a report asks about the same few
hundred characters many thousands of times); the oracle is a setter that has never seen any text,
asked about each line on its own.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.export.pdf_text import REPLACEMENT, TextSetter

FONTS = FontLocator()
# Latin, Arabic, Ethiopic, an emoji, a private-use character no font has, and controls.
ALPHABET = st.sampled_from([*"aé ñ\tسلامሰላም", "\U0001f600", "\U0010fffd", "\u200f", "\u2066", "\u2069"])


def fresh(line: str) -> tuple[str, int]:
    setter = TextSetter(FONTS, rtl=False)
    return setter._replace_missing(line), setter.replaced


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=12), min_size=1, max_size=6))
def test_a_setter_that_saw_earlier_lines_replaces_and_counts_like_a_fresh_one(lines: list[str]) -> None:
    setter = TextSetter(FONTS, rtl=False)
    expected_total = 0
    for line in lines + lines:  # every line twice: the second time from what the setter remembers
        before = setter.replaced
        expected, count = fresh(line)
        assert setter._replace_missing(line) == expected
        assert setter.replaced - before == count
        expected_total += count
    assert setter.replaced == expected_total


def test_an_unprintable_character_is_replaced_every_time_it_comes_back() -> None:
    setter = TextSetter(FONTS, rtl=False)
    assert setter._replace_missing("a\U0010fffd") == "a" + REPLACEMENT
    assert setter._replace_missing("\U0010fffda") == REPLACEMENT + "a"
    assert setter.replaced == 2
