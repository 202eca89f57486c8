"""The engine's visual order against an independent oracle: Qt's own text layout (QTextLayout).

Qt implements the Unicode Bidirectional Algorithm itself (bracket pairs, isolates, numbers). For
mixed strings of Arabic-script and Dutch words, brackets, quotes, numbers, phone numbers, web and
e-mail addresses and punctuation, Qt lays out a paragraph in a narrow column; for each line Qt
made, the order in which our engine draws the characters (paragraph levels, then rules L1 and L2 on
that line) must be the order of Qt's glyphs from left to right. One font that has Arabic and Latin
(DejaVu Sans) is used, so that Qt maps every glyph back to its character without font fallback.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvoed_desktop.documents.engine.bidi import line_levels, paragraph_levels, visual_order
from opvoed_desktop.documents.engine.extraction import CONTROLS

QtGui = pytest.importorskip("PySide6.QtGui")
QtCore = pytest.importorskip("PySide6.QtCore")

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# The cases, kept as a fixed regression corpus.
CORPUS = (
    ("مركز الشباب والأسرة (CJG – Centrum voor Jeugd en Gezin).", True),
    ("Vrouwengroep Lotus Ede (voorbeeld)", True),
    ("فريق الحي (wijkteam).", True),
    ("هاتف: +31 20 123 45 67 أو www.alamal.nl", True),
    ("Stichting Al Amal (منظمة من مجتمعك)", True),
    ("اللغات: العربية، الهولندية", True),
    ("Bel het CJG (مركز الشباب) op 030-1234567.", False),
    ("«نص» و «abc».", True),
    ("12.", True),
)

ARABIC = ("مركز", "الشباب", "والأسرة", "فريق", "الحي", "هاتف", "بلدية", "من", "في", "الأطفال", "تربية")
DUTCH = ("CJG", "Centrum", "voor", "Jeugd", "en", "Gezin", "wijkteam", "Ede", "Lotus", "ma", "vr")
OTHER = (
    "(", ")", "[", "]", "«", "»", '"', "'", "12", "3,5", "2026", "+31 20 123 45 67", "030-1234567",
    "www.cjg.nl", "https://cjg.nl/ouders?x=1", "info@cjg.nl", ".", ",", ":", "!", "?", "؟", "،", "–", "9.00–17.00",
    "\u2066+31 6 12\u2069",
)
TOKENS = st.sampled_from(ARABIC + DUTCH + OTHER)


@pytest.fixture(scope="module")
def font(qapp: object) -> object:
    if not DEJAVU.is_file():
        pytest.skip("DejaVu Sans is needed as the one font of the oracle (fonts-dejavu-core)")
    family_id = QtGui.QFontDatabase.addApplicationFont(str(DEJAVU))
    family = QtGui.QFontDatabase.applicationFontFamilies(family_id)[0]
    chosen = QtGui.QFont(family)
    chosen.setPixelSize(14)
    return chosen


def qt_lines(text: str, rtl: bool, width: float, font: object) -> list[tuple[int, int, dict[int, float]]]:
    """Qt's lines: (start, end, where Qt drew each character's glyph: its left x).

    Each character's glyphs are asked for on their own (`glyphRuns(i, 1)`): the string indexes Qt
    reports for whole right-to-left runs are not reliable (isolates, font fallback).
    """
    layout = QtGui.QTextLayout(text, font)
    option = QtGui.QTextOption()
    option.setTextDirection(QtCore.Qt.LayoutDirection.RightToLeft if rtl else QtCore.Qt.LayoutDirection.LeftToRight)
    option.setWrapMode(QtGui.QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(line)
    layout.endLayout()
    flags = QtGui.QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphPositions
    out = []
    for line in lines:
        start, length = line.textStart(), line.textLength()
        places = {}
        for index in range(start, start + length):
            xs = [p.x() for run in layout.glyphRuns(index, 1, flags) for p in run.positions()]
            if xs and drawn(text[index]):
                places[index] = min(xs)
        out.append((start, start + length, places))
    return out


def engine_order(text: str, rtl: bool, start: int, end: int) -> list[int]:
    """Our visual order of one line of the paragraph, as logical indices."""
    level, levels = paragraph_levels(text, rtl)
    line = line_levels(text[start:end], levels[start:end], level)
    return [start + i for i in visual_order(line)]


def drawn(char: str) -> bool:
    """A character with a visible glyph: white space and bidi controls have no place to compare."""
    return not char.isspace() and char not in CONTROLS


def assert_same_order(text: str, rtl: bool, width: float, font: object) -> None:
    """Our order, left to right, visits Qt's glyphs from left to right (a ligature's letters share
    one place)."""
    for start, end, places in qt_lines(text, rtl, width, font):
        ours = [i for i in engine_order(text, rtl, start, end) if i in places]
        xs = [places[i] for i in ours]
        assert all(a <= b + 0.01 for a, b in itertools.pairwise(xs)), (
            text[start:end],
            "ours: " + "".join(text[i] for i in ours),
            "qt:   " + "".join(text[i] for i in sorted(places, key=places.__getitem__)),
        )


@pytest.mark.parametrize(("text", "rtl"), CORPUS)
def test_corpus_matches_qt_on_one_line_and_wrapped(text: str, rtl: bool, font: object) -> None:
    assert_same_order(text, rtl, 10_000, font)
    assert_same_order(text, rtl, 90, font)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tokens=st.lists(TOKENS, min_size=1, max_size=14),
    joints=st.lists(st.sampled_from([" ", " ", " ", ""]), min_size=14, max_size=14),
    rtl=st.booleans(),
    width=st.sampled_from([10_000, 160, 90]),
)
def test_mixed_strings_match_qt_line_by_line(
    tokens: list[str], joints: list[str], rtl: bool, width: float, font: object
) -> None:
    text = "".join(token + joint for token, joint in zip(tokens, joints, strict=False)).strip()
    if not text:
        return
    assert_same_order(text, rtl, width, font)
