"""The engine's small pure functions: bidi rules L1/L2/L4, poppler's reading order, line breaking,
font choice, and HarfBuzz shaping (joining, ligatures, mirroring) with the fonts we ship."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opvoed_desktop.documents.engine import bidi, extraction
from opvoed_desktop.documents.engine.fontrun import choose_fonts, font_runs
from opvoed_desktop.documents.engine.layout import break_lines, visible_end
from opvoed_desktop.documents.engine.typesetter import isolate_ltr_tokens, markdown_spans
from opvoed_desktop.documents.fonts import FontLocator

# The issue's cases: (logical, right-to-left paragraph, visual with mirrored brackets).
CORPUS = (
    (
        "مركز الشباب والأسرة (CJG – Centrum voor Jeugd en Gezin).",
        True,
        ".(CJG – Centrum voor Jeugd en Gezin) ةرسألاو بابشلا زكرم",
    ),
    ("Vrouwengroep Lotus Ede (voorbeeld)", True, "Vrouwengroep Lotus Ede (voorbeeld)"),
    ("فريق الحي (wijkteam).", True, ".(wijkteam) يحلا قيرف"),
)


@pytest.mark.parametrize(("logical", "rtl", "visual"), CORPUS)
def test_issue_corpus_in_visual_order_with_brackets_the_right_way(logical: str, rtl: bool, visual: str) -> None:
    assert bidi.display(logical, rtl) == visual


def test_paragraph_levels_resolve_bracket_pairs_and_the_base_direction() -> None:
    level, levels = bidi.paragraph_levels("فريق (wijkteam).", True)
    assert level == 1
    # The brackets take the Arabic side (N0), the Dutch word its own even level, the stop the base.
    assert levels == (1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1)
    assert bidi.paragraph_levels("abc", None)[0] == 0
    assert bidi.paragraph_levels("مرحبا abc", None)[0] == 1
    assert bidi.paragraph_levels("", True) == (1, ())


def test_levels_are_per_character_for_characters_of_any_utf8_length() -> None:
    text = "a😀ب\u2066x\u2069"
    level, levels = bidi.paragraph_levels(text, False)
    assert len(levels) == len(text) and level == 0


def test_line_levels_send_trailing_spaces_and_tabs_to_the_paragraph_level() -> None:
    text = "abc def  "
    assert bidi.line_levels(text, [2] * len(text), 1) == [2, 2, 2, 2, 2, 2, 2, 1, 1]
    assert bidi.line_levels("ab\tcd", [2] * 5, 1) == [2, 2, 1, 2, 2]
    assert bidi.line_levels("ab \tcd", [2] * 6, 1) == [2, 2, 1, 1, 2, 2]


def test_visual_order_reverses_from_the_highest_level_down_to_the_lowest_odd() -> None:
    assert bidi.visual_order([0, 0, 0]) == [0, 1, 2]
    assert bidi.visual_order([1, 1, 1]) == [2, 1, 0]
    assert bidi.visual_order([1, 2, 2, 1]) == [3, 1, 2, 0]
    assert bidi.visual_order([0, 1, 1, 2, 2, 0]) == [0, 3, 4, 2, 1, 5]
    assert bidi.visual_order([]) == []


@given(st.lists(st.integers(min_value=0, max_value=4), max_size=30))
def test_visual_runs_give_the_same_order_as_reordering_characters(levels: list[int]) -> None:
    order = bidi.visual_order(levels)
    assert sorted(order) == list(range(len(levels)))
    by_runs = [
        i
        for start, end, level in bidi.visual_runs(levels)
        for i in (range(end - 1, start - 1, -1) if level % 2 else range(start, end))
    ]
    assert by_runs == order


def test_mirror_follows_the_bidi_mirroring_table() -> None:
    assert bidi.mirror("(") == ")" and bidi.mirror("«") == "»" and bidi.mirror("[") == "]"
    assert bidi.mirror("a") == "a"


# poppler's reading order ------------------------------------------------------------------------
TEXT = st.text(st.sampled_from(list("abcXYZ") + list("ابتثجپټ") + list("0123456789 ().,:-+/!?«»\"'\u00a0")))


@given(TEXT, st.booleans())
def test_poppler_reads_the_reading_string_back_as_the_logical_text(text: str, primary_lr: bool) -> None:
    reading = extraction.reading_string(text, primary_lr)
    assert extraction.visible(extraction.poppler_order(reading, primary_lr)) == extraction.visible(text)
    assert set(reading) - set(text) <= {extraction.LRM, extraction.RLM, " "}


def test_poppler_order_model_on_known_lines() -> None:
    # What pdftotext made of the issue's line before: visual glyphs read with its own rule.
    assert extraction.poppler_order(".(wijkteam) يحلا قيرف", False) == "فريق الحي ).(wijkteam"
    assert extraction.poppler_order("abc جد", True) == "abc دج"


def test_word_texts_keep_marks_with_their_words_or_give_up() -> None:
    logical = "1. اتصل بنا"
    reading = extraction.reading_string(logical, False)
    words = ("انب", "لصتا", "1.")
    assert extraction.word_texts(logical, reading, words, False) is not None
    assert extraction.word_texts(logical, reading, ("انب لصتا", "1."), False) is None


def test_needs_span_only_where_glyph_order_would_mislead() -> None:
    assert not extraction.needs_span("Bel het CJG", ("Bel", "het", "CJG"), True)
    assert extraction.needs_span("Bel het CJG", ("Bel", "het", "CJG"), False)
    assert extraction.needs_span("مركز", ("زكرم",), True)
    # An isolate's glyph would copy out as its control character: a span gives the text without it.
    isolated = "\u2068Utrecht\u2069 · \u20682 december\u2069"
    assert extraction.needs_span(isolated, ("\u2068Utrecht\u2069", "·", "\u20682", "december\u2069"), True)


# Line breaking -------------------------------------------------------------------------------------
@given(
    st.text(st.sampled_from([*"abcdefgh ", "\u00a0", "-", "/"]), max_size=80),
    st.floats(min_value=1.0, max_value=40.0),
)
def test_lines_cover_the_text_once_in_order_and_fit(text: str, room: float) -> None:
    advances = [0.0 if c == " " else 1.0 + (ord(c) % 3) for c in text]
    lines = break_lines(text, advances, [room])
    assert "".join(text[a:b] for a, b in lines) == text
    for start, stop in lines:
        end = visible_end(text, start, stop)
        width = sum(advances[start:end])
        assert width <= room + 1e-6 or stop - start == 1 or " " not in text[start:end]


def test_breaks_only_after_spaces_and_never_inside_a_phone_number() -> None:
    text = "bel 030\u00a0123\u00a045\u00a067 nu"
    lines = break_lines(text, [1.0] * len(text), [14])
    assert [text[a:b] for a, b in lines] == ["bel ", "030\u00a0123\u00a045\u00a067 ", "nu"]


def test_overlong_address_is_cut_after_a_slash() -> None:
    text = "www.example.nl/ouders/opvoeden"
    lines = break_lines(text, [1.0] * len(text), [20])
    assert text[lines[0][0] : lines[0][1]] == "www.example.nl/"


# Fonts and shaping ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def faces() -> dict[str, object]:
    fonts = FontLocator()
    return {script: fonts.face(script) for script in ("latin", "arabic", "ethiopic")}


def test_neutrals_follow_their_neighbours_and_letters_their_script(faces: dict[str, object]) -> None:
    from opvoed_desktop.documents.engine.shaping import glyph_font

    arabic, latin = faces["arabic"].regular, faces["latin"].regular  # type: ignore[attr-defined]
    text = "مركز (CJG) 12"
    chosen = choose_fonts(text, (arabic, latin), lambda f, c: glyph_font(f).covers(c))
    assert chosen[0] == arabic and chosen[6] == latin  # م, C
    assert chosen[5] == latin  # "(" has no glyph in Noto Sans Arabic
    assert chosen[-1] == latin  # digits follow the letter before them
    assert [run[2] for run in font_runs(chosen)] == [arabic, latin]
    assert choose_fonts("هاتف 12", (arabic, latin), lambda f, c: glyph_font(f).covers(c))[-1] == arabic


def _glyph_names(face: object, text: str, rtl: bool, language: str) -> list[str]:
    from opvoed_desktop.documents.engine.shaping import glyph_font, shape

    font = glyph_font(face.regular)  # type: ignore[attr-defined]
    return [font.hb_font.glyph_to_string(g.gid) for g in shape(face.regular, text, rtl, language)]  # type: ignore[attr-defined]


def test_pashto_and_sorani_letters_join_through_the_fonts_own_tables(faces: dict[str, object]) -> None:
    names = _glyph_names(faces["arabic"], "ښه ګټه ێڵە", True, "ps")
    joined = [n for n in names if n.endswith((".init", ".medi", ".fina"))]
    assert len(joined) >= 4, names
    # A plain Arabic letter beside a Pashto one takes its joining form too.
    assert "uni0628" not in _glyph_names(faces["arabic"], "بښ", True, "ps")


def test_lam_alef_is_one_glyph_standing_for_both_letters(faces: dict[str, object]) -> None:
    from opvoed_desktop.documents.engine.shaping import shape

    glyphs = shape(faces["arabic"].regular, "لا", True, "ar")  # type: ignore[attr-defined]
    assert len(glyphs) == 1 and (glyphs[0].start, glyphs[0].end) == (0, 2)


def test_brackets_are_mirrored_in_a_right_to_left_run(faces: dict[str, object]) -> None:
    from opvoed_desktop.documents.engine.shaping import shape

    latin = faces["latin"].regular  # type: ignore[attr-defined]
    ltr = [g.gid for g in shape(latin, "()", False, "ar")]
    rtl = [g.gid for g in shape(latin, "()", True, "ar")]
    assert rtl == ltr  # "()" right to left is drawn ")(" mirrored: the same two glyphs, left to right


def test_markdown_bold_spans_and_isolated_phone_numbers() -> None:
    assert markdown_spans("**Gratis.** Een *gesprek*") == (("Gratis.", True), (" Een gesprek", False))
    isolated = isolate_ltr_tokens("هاتف: +31 20 123 45 67 أو www.cjg.nl")
    assert "\u2066+31 20 123 45 67\u2069" in isolated and "\u2066www.cjg.nl\u2069" in isolated
    assert all(unicodedata.category(c) != "Co" for c in isolated)


def test_white_space_set_is_exactly_what_isspace_says() -> None:
    from opvoed_desktop.documents.engine.layout import WHITE_SPACE

    assert {chr(c) for c in range(0x110000) if chr(c).isspace()} == WHITE_SPACE


def test_paragraph_levels_of_a_text_that_mentions_the_debug_fields() -> None:
    # The levels are read from python-bidi's debug output, which also prints the text itself.
    text = "levels: [ Level( ParagraphInfo אב"
    level, levels = bidi.paragraph_levels(text, False)
    assert level == 0
    assert levels == (0,) * (len(text) - 2) + (1, 1)


def _choose_fonts_reference(text: str, chain: tuple[str, ...], covers: object) -> list[str | None]:
    """The rule of choose_fonts written the plain way (how it read before it was made faster)."""
    from opvoed_desktop.documents.engine.fontrun import INVISIBLE

    def letter(char: str) -> bool:
        return unicodedata.category(char)[0] == "L"

    has = covers  # type: ignore[assignment]
    chosen: list[str | None] = [next((f for f in chain if has(f, c)), None) if letter(c) else None for c in text]
    previous = None
    for index, char in enumerate(text):
        if letter(char):
            previous = chosen[index]
            continue
        mark = unicodedata.category(char)[0] == "M" or char in INVISIBLE
        before = chosen[index - 1] if index > 0 else None
        if mark and before is not None:
            chosen[index] = before if has(before, char) or char in INVISIBLE else None
            if chosen[index] is not None:
                continue
        following = next((chosen[j] for j in range(index + 1, len(text)) if letter(text[j])), None)
        for candidate in (previous, following):
            if candidate is not None and (char in INVISIBLE or has(candidate, char)):
                chosen[index] = candidate
                break
        else:
            fallback = next((f for f in chain if has(f, char)), None)
            if fallback is None and char in INVISIBLE:
                fallback = previous or following or chain[0]
            chosen[index] = fallback
    return chosen


@given(st.text(alphabet="ab مر(). 1\u064b\u0301\u200d\u2066áé፩ሀ", max_size=30))
def test_choose_fonts_follows_its_plain_rule(text: str) -> None:
    maps = {"arab": set("مر(). 1\u064b\u200d"), "latn": set("ab(). 1\u0301á"), "ethi": set("ሀ፩ ")}

    def covers(font: str, char: str) -> bool:
        return char in maps[font]

    chain = ("arab", "latn", "ethi")
    assert choose_fonts(text, chain, covers) == _choose_fonts_reference(text, chain, covers)
