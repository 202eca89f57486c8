"""Language names in the "Talen in de zaal" list: from a table made beforehand (fast), equal to
babel's own data, and never a bare code (fallback: interface language → own name → Dutch →
English). The oracle is babel itself, read here directly."""

from __future__ import annotations

import re
from pathlib import Path

import babel
import pytest
from babel import Locale, localedata

from opvoed_desktop.i18n import language_labels
from opvoed_desktop.i18n.language_labels import label, names
from opvoed_desktop.i18n.language_names import NAME_LANGUAGES, known_languages, normalise_languages
from opvoed_desktop.i18n.language_table import AUTONYMS, BABEL_VERSION, NAMES

REPO = Path(__file__).resolve().parent.parent

MARKS = str.maketrans("", "", "\u2068\u2069")


def babel_name(code: str, shown_in: str) -> str:
    return Locale.parse(shown_in).languages.get(code) or ""


def test_the_table_is_babels_data() -> None:
    """Fails when babel in uv.lock changed: run packaging/make_language_table.py."""
    assert babel.__version__ == BABEL_VERSION
    assert set(AUTONYMS) == set(known_languages())
    assert {code: babel_name(code, code) for code in known_languages()} == AUTONYMS
    known = set(known_languages())
    for lang in NAME_LANGUAGES:
        expected = {c: n for c, n in Locale.parse(lang).languages.items() if c in known and n}
        assert NAMES[lang] == expected, lang


@pytest.mark.parametrize("ui", ["nl", "ar", "ti", "so", "sv", "x-rtl"])
def test_every_label_is_names_by_the_fallback_never_a_code(ui: str) -> None:
    shown_in = "nl" if ui.startswith("x-") else ui
    for code in known_languages():
        chain = [babel_name(code, shown_in), babel_name(code, code), babel_name(code, "nl"), babel_name(code, "en")]
        if not any(chain):
            assert names(code, ui) is None  # babel names it nowhere: not offered
            assert label(code, ui) == f"taalcode {code}"
            continue
        found = names(code, ui)
        assert found is not None
        native, beside = found
        cap = [n[:1].upper() + n[1:] for n in chain]
        assert beside == next(n for n in cap if n)  # interface → own → Dutch → English
        assert native == (cap[1] or beside)
        shown = label(code, ui)
        # Every part shown is a name babel gives; the code only where it is also a real name ("Luo").
        parts = re.findall("\u2068(.*?)\u2069", shown) or [shown]
        assert all(part in cap for part in parts), (code, shown)
        assert shown.translate(MARKS) in ({parts[0]} if len(parts) == 1 else {f"{parts[0]} ({parts[1]})"})


def test_arabic_interface_names_what_babel_arabic_lacks() -> None:
    assert babel_name("ary", "ar") == "" and babel_name("ary", "ary") == ""
    assert label("ary", "ar") == "Marokkaans Arabisch"
    assert babel_name("hrx", "ar") == ""
    assert label("hrx", "ar") == "Hunsrückisch"  # its own name, not "Hrx"


def test_building_the_names_reads_no_locale_files_for_the_usual_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The slowness was loading ~330 locale files; now only an interface language outside the
    table is read (once), whatever the number of languages."""
    from opvoed_desktop.ui.meetings import language_picker

    loaded: list[str] = []
    real = localedata.load

    def counting(name: str, merge_inherited: bool = True) -> object:
        loaded.append(name)
        return real(name, merge_inherited)

    monkeypatch.setattr(localedata, "load", counting)
    monkeypatch.setattr(localedata, "_cache", {})
    for ui in ("ti", "ar", "nl", "sv"):
        language_labels.names_in.cache_clear()
        language_labels.autonym.cache_clear()
        loaded.clear()
        rows = language_picker.language_rows.__wrapped__(ui)
        normalise_languages(["Nederlands, Arabisch", "ti"], ui)
        assert len(rows) > 300
        assert {name for name in loaded if name != "root"} <= ({"sv"} if ui == "sv" else set()), (ui, loaded)


def test_the_consoles_room_languages_are_named_without_reading_locale_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console offers the room's languages during the show: reading babel's locale files
    for their names froze it for 0.8 s."""
    from opvoed_desktop.paths import translations_dir
    from opvoed_desktop.services.presenting.room_language import room_languages

    loaded: list[str] = []
    real = localedata.load
    monkeypatch.setattr(localedata, "load", lambda name, merge_inherited=True: loaded.append(name) or real(name))
    monkeypatch.setattr(localedata, "_cache", {})
    named = dict(room_languages(translations_dir()))
    assert {"ar", "ti"} <= set(named)
    assert named["ar"] == "العربية" and named["ti"] == "ትግርኛ"
    assert loaded == []


def test_languages_named_in_the_interface_come_before_fallback_names() -> None:
    """In Arabic most languages have an Arabic name; the few shown by their own or Dutch name (Latin
    letters, which sort first) follow them instead of heading the list."""
    from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES
    from opvoed_desktop.ui.meetings.language_picker import language_rows

    rest = [code for code, _label, _key in language_rows("ar") if code not in HANDOUT_LANGUAGES]
    named = [babel_name(code, "ar") != "" for code in rest]
    assert named[0] and not named[-1]
    assert named == sorted(named, reverse=True), "a fallback name among the Arabic names"


def test_the_generator_writes_the_table_the_app_reads() -> None:
    """packaging/make_language_table.py renders exactly the module the app imports, where it lies."""
    import importlib.util

    import opvoed_desktop.i18n.language_table as table

    spec = importlib.util.spec_from_file_location("make_language_table", REPO / "packaging" / "make_language_table.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert Path(generator.TARGET) == Path(table.__file__)
    assert generator.render(generator.autonyms(), generator.names()) == Path(table.__file__).read_text(encoding="utf-8")
