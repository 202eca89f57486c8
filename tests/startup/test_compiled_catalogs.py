"""Compiled catalogs (.mo) read with gettext give exactly what parsing the .po gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel import Locale

from opvoed_desktop.i18n import catalogs
from opvoed_desktop.i18n.catalogs import _read_plain_po, _read_po_babel, load_content_catalog
from opvoed_desktop.i18n.compiled import compile_po, mo_path, read_mo
from opvoed_desktop.i18n.translator import KNOWN_RTL, PoTranslations, Translator, is_rtl

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "translations").glob("*/LC_MESSAGES/*.po"))


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    """A copy of the shipped catalogs without any .mo."""
    folder = tmp_path / "translations"
    shutil.copytree(REPO / "translations", folder, ignore=shutil.ignore_patterns("*.mo"))
    catalogs.clear_cache()
    yield folder
    catalogs.clear_cache()


@pytest.mark.parametrize("po", [p for p in SHIPPED if p.name == "content.po"], ids=lambda p: p.parent.parent.name)
def test_a_compiled_content_catalog_holds_what_the_po_says(po: Path, tmp_path: Path) -> None:
    copy = tmp_path / po.name
    shutil.copy(po, copy)
    compile_po(copy)
    compiled = read_mo(copy)
    assert compiled is not None
    # babel is the independent reader; the app shows a translation with its draft state.
    expected = {k: v for k, v in _read_po_babel(copy).items() if v[0]}
    assert compiled.messages() == expected
    assert expected == {k: v for k, v in _read_plain_po(copy.read_text(encoding="utf-8")).items() if v[0]}


@pytest.mark.parametrize("po", [p for p in SHIPPED if p.name == "ui.po"], ids=lambda p: p.parent.parent.name)
def test_a_compiled_ui_catalog_translates_like_the_po(po: Path, tmp_path: Path) -> None:
    copy = tmp_path / po.name
    shutil.copy(po, copy)
    compile_po(copy)
    compiled, parsed = read_mo(copy), PoTranslations(copy)
    assert compiled is not None
    for msgid, text in parsed._messages.items():
        if isinstance(text, str):
            assert compiled.gettext(msgid) == parsed.gettext(msgid), msgid
        else:
            for n in range(0, 25):
                assert compiled.ngettext(msgid, msgid + " (meer)", n) == parsed.ngettext(msgid, msgid + " (meer)", n)
    assert compiled.gettext("Geen vertaling voor deze zin") == "Geen vertaling voor deze zin"


def test_a_stale_mo_is_ignored(translations: Path) -> None:
    po = translations / "ar" / "LC_MESSAGES" / "content.po"
    compile_po(po)
    assert read_mo(po) is not None
    text = po.read_text(encoding="utf-8")
    msgid = next(k for k, v in _read_plain_po(text).items() if v[0])
    translated = _read_plain_po(text)[msgid][0]
    po.write_text(text.replace(f'msgstr "{translated}"', 'msgstr "Nieuw"', 1), encoding="utf-8")
    assert read_mo(po) is None
    assert load_content_catalog("ar", translations).lookup(msgid)[0] == "Nieuw"


@pytest.mark.parametrize("damage", [b"", b"\x95\x04\x12\xde" + b"\x00" * 10, b"not a catalog at all" * 10])
def test_a_damaged_mo_is_ignored(translations: Path, damage: bytes) -> None:
    po = translations / "tr" / "LC_MESSAGES" / "content.po"
    mo_path(po).write_bytes(damage)
    assert read_mo(po) is None
    parsed = load_content_catalog("tr", translations)
    assert parsed.messages == _read_plain_po(po.read_text(encoding="utf-8"))


def test_the_content_catalog_reads_the_same_with_and_without_mo(translations: Path) -> None:
    without = {lang: load_content_catalog(lang, translations) for lang in ("ar", "ti", "ckb")}
    for po in translations.glob("*/LC_MESSAGES/content.po"):
        compile_po(po)
    catalogs.clear_cache()
    for lang, plain in without.items():
        compiled = load_content_catalog(lang, translations)
        for msgid in plain.messages:
            assert compiled.lookup(msgid) == plain.lookup(msgid), (lang, msgid)


def test_the_ui_translator_uses_the_mo(translations: Path) -> None:
    po = translations / "ar" / "LC_MESSAGES" / "ui.po"
    plain = Translator.load("ar", translations)
    compile_po(po)
    compiled = Translator.load("ar", translations)
    assert type(compiled.catalog).__name__ == "MoTranslations"
    for msgid in ("Bibliotheek", "Bijeenkomsten", "&Bestand"):
        assert compiled.gettext(msgid) == plain.gettext(msgid) != msgid


def test_saving_an_overlay_writes_its_mo(tmp_path: Path, translations: Path) -> None:
    from opvoed_desktop.services.translations import TranslationService

    overlay = tmp_path / "overlay"
    service = TranslationService(translations, overlay)
    segment = next(s for s in service.segments("tr", "content") if s.state == "missing")
    service.save("tr", "content", segment.key, "Taslak çeviri")
    po = overlay / "tr" / "content.po"
    compiled = read_mo(po)
    assert compiled is not None
    assert compiled.messages()[segment.key] == ("Taslak çeviri", True)
    catalogs.clear_cache()
    assert load_content_catalog("tr", translations, overlay).lookup(segment.key) == ("Taslak çeviri", "draft")
    service.mark_checked("tr", "content", segment.key, "Ayşe")
    assert read_mo(po).messages()[segment.key] == ("Taslak çeviri", False)  # type: ignore[union-attr]


@pytest.mark.parametrize("code", sorted(KNOWN_RTL))
def test_the_direction_table_agrees_with_cldr(code: str) -> None:
    assert KNOWN_RTL[code] == (Locale.parse(code).character_order == "right-to-left")
    assert is_rtl(code) == KNOWN_RTL[code]


def test_other_languages_still_ask_babel() -> None:
    assert is_rtl("he") and is_rtl("ur") and not is_rtl("de") and not is_rtl("sw")
