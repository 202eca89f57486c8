"""A meeting's "languages in the room" (free text) → hand-out language codes."""

from __future__ import annotations

import pytest

from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES
from opvoed_desktop.i18n.language_names import match_languages


@pytest.mark.parametrize(
    ("texts", "found", "unknown"),
    [
        (["Arabisch, ti"], ["ar", "ti"], []),
        (["ar, ti"], ["ar", "ti"], []),
        (["Nederlands, Arabisch, Tigrinya"], ["nl", "ar", "ti"], []),
        (["Turkish / Farsi en Oekraiens"], ["tr", "fa", "uk"], []),
        (["العربية", "ትግርኛ", "Türkçe"], ["ar", "ti", "tr"], []),
        (["Arabisch (Marokkaans)", "ar-MA", "Koerdisch (Sorani)"], ["ar", "ckb"], []),
        (["Berbers; Somalisch"], ["so"], ["Berbers"]),
        (["", " , "], [], []),
    ],
)
def test_names_and_codes_match(texts: list[str], found: list[str], unknown: list[str]) -> None:
    assert match_languages(texts, HANDOUT_LANGUAGES, "nl") == (found, unknown)


def test_names_in_the_interface_language_match() -> None:
    assert match_languages(["Арабська"], HANDOUT_LANGUAGES, "uk") == (["ar"], [])
