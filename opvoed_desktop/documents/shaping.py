"""Right-to-left text for reportlab: bidi (python-bidi's pure-Python algorithm) and Arabic shaping.

reportlab reorders each line through `rlbidi.log2vis` when a paragraph has `wordWrap='RTL'`; that
module is not on PyPI, so we provide it. It does not shape, so Arabic-script text is turned into
contextual forms first (arabic_reshaper, extended with the private-use forms of our font for
Pashto and Sorani letters), and the font's ToUnicode map turns every form back into the plain
letter so the PDF's text extracts as real Unicode.
"""

from __future__ import annotations

import json
import sys
import types
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from bidi import algorithm as _bidi

# Private-use code points our Arabic font gives to joining forms without a Unicode code point.
PUA_RANGE = range(0xF500, 0xF700)
_PUA_TO_LETTER: dict[int, str] = {}


def log2vis(
    text: str, base_direction: str | None = None, clean: bool = True, positions_V_to_L: list[int] | None = None
) -> str:
    """Logical → visual order of one line, filling `positions_V_to_L` in place as reportlab expects."""
    visual, positions = _reorder((base_direction or "").upper(), text)
    if positions_V_to_L is not None:
        positions_V_to_L[:] = positions
    return visual


@lru_cache(maxsize=8192)
def _reorder(direction: str, text: str) -> tuple[str, tuple[int, ...]]:
    """The bidi algorithm for one line, memoised: reportlab re-runs bidi on every wrap of a
    paragraph, and a table cell is wrapped several times per layout (and again per render)."""
    storage = _bidi.get_empty_storage()
    level = 1 if direction == "RTL" else 0 if direction == "LTR" else _bidi.get_base_level(text)
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    _bidi.get_embedding_levels(text, storage)
    chars = storage["chars"]
    for index, char in enumerate(chars):
        char["index"] = index
        if char["ch"] == "+" and index + 1 < len(chars) and chars[index + 1]["type"] == "EN":
            # "+31 20 …": the plus belongs to the number, it must not drift to the number's far end.
            char["type"] = "EN"
        elif char["ch"] in "\u200c\u200d":
            # Joiners only steer shaping; kept (not removed as BN) so they reach the extracted text.
            char["type"] = char["orig"] = "ON"
        elif ord(char["ch"]) in PUA_RANGE:
            # Our private-use letter forms are Arabic letters, not left-to-right symbols.
            char["type"] = char["orig"] = "AL"
    _bidi.explicit_embed_and_overrides(storage, False)
    _bidi.resolve_weak_types(storage, False)
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    _bidi.reorder_resolved_levels(storage, False)
    _bidi.apply_mirroring(storage, False)
    chars = storage["chars"]
    return "".join(c["ch"] for c in chars), tuple(c["index"] for c in chars)


def install_bidi() -> None:
    """Make `import rlbidi` find our log2vis, and give reportlab's fonts a Unicode-true ToUnicode."""
    if "rlbidi" not in sys.modules:
        module = types.ModuleType("rlbidi")
        module.log2vis = log2vis  # type: ignore[attr-defined]
        sys.modules["rlbidi"] = module
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfgen import textobject

    if not textobject.rtlSupport:
        raise RuntimeError("reportlab was imported before opvoed_desktop.documents; right-to-left text would break")
    if getattr(ttfonts.makeToUnicodeCMap, "__wrapped_by_opvoed__", False):
        return
    ttfonts.makeToUnicodeCMap = _unicode_true_cmap(ttfonts.makeToUnicodeCMap)


def _unicode_true_cmap(original: Callable[[str, list[int]], str]) -> Callable[[str, list[int]], str]:
    """Wrap reportlab's ToUnicode CMap writer: every entry must name real UTF-16BE text.

    Two kinds of entry are rewritten: presentation and private-use forms become the plain letters
    they stand for, and characters above U+FFFF (emoji, mathematical letters), which reportlab
    writes as five hex digits (`<1F600>`, an odd-length string extractors reject), become their
    UTF-16 surrogate pair (`<D83DDE00>`).
    """

    def make(fontname: str, subset: list[int]) -> str:
        text = original(fontname, subset)
        replacements = {}
        for index, code in enumerate(subset):
            letters = letters_for(code)
            if letters is None and code > 0xFFFF:
                letters = chr(code)
            if letters is not None:
                replacements[f"<{index:02X}> <{code:04X}>"] = f"<{index:02X}> <{_utf16_hex(letters)}>"
        if not replacements:
            return text
        lines = [replacements.get(line, line) for line in text.split("\n")]
        return "\n".join(lines)

    make.__wrapped_by_opvoed__ = True  # type: ignore[attr-defined]
    return make


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def letters_for(code: int) -> str | None:
    """The plain letters behind a presentation form or one of our private-use forms."""
    if code in _PUA_TO_LETTER:
        return _PUA_TO_LETTER[code]
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        plain = unicodedata.normalize("NFKC", chr(code))
        if plain == chr(code) or not plain.strip():
            return None
        # Text extractors put right-to-left runs back in logical order glyph by glyph, so a
        # ligature (lam-alef) must carry its letters in visual order to come out right.
        return plain[::-1] if len(plain) > 1 else plain
    return None


@lru_cache(maxsize=8)
def reshaper_for(forms_file: Path | None) -> object:
    """An arabic_reshaper that knows the extra forms of the font whose table is `forms_file`."""
    import arabic_reshaper
    from arabic_reshaper.letters import LETTERS_ARABIC

    reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})
    if forms_file is not None:
        table = json.loads(forms_file.read_text(encoding="utf-8"))
        letters = dict(LETTERS_ARABIC)
        for letter, forms in table.items():
            letters[letter] = tuple(forms)
            for form in forms[1:]:
                if form and ord(form) in PUA_RANGE:
                    _PUA_TO_LETTER[ord(form)] = letter
        reshaper.letters = letters
    return reshaper


def needs_extra_forms(text: str) -> set[str]:
    """Arabic-script letters that join but have no Unicode presentation forms (Pashto, Sorani, …)."""
    from arabic_reshaper.letters import LETTERS_ARABIC

    return {
        c for c in text if "\u0620" <= c <= "\u06ff" and c not in LETTERS_ARABIC and unicodedata.category(c) == "Lo"
    }


@lru_cache(maxsize=4096)
def reshape(text: str, forms_file: Path | None) -> str:
    """Arabic-script text in contextual forms; memoised (the same texts come back on every render)."""
    return reshaper_for(forms_file).reshape(text)  # type: ignore[attr-defined]
