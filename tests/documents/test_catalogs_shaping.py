"""Catalog lookup (states, overlay, cache) and the bidi/shaping pieces."""

from __future__ import annotations

import os
from pathlib import Path

import opvoed_desktop.documents  # noqa: F401
from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.documents.shaping import PUA_RANGE, letters_for, log2vis, reshape
from opvoed_desktop.i18n.catalogs import clear_cache, load_content_catalog, locale_facts, overlay_path, shipped_path
from tests.documents.conftest import write_catalog


def test_lookup_states_overlay_and_cache(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    overlay = tmp_path / "overlay"
    write_catalog(shipped_path(shipped, "tr"), "tr", {"Wat": "Ne", "Wie": "Kim"})
    write_catalog(overlay_path(overlay, "tr"), "tr", {"Wie": "Kimler"}, fuzzy=False)
    clear_cache()
    catalog = load_content_catalog("tr", shipped, overlay)
    assert catalog.lookup("Wat") == ("Ne", "draft")
    assert catalog.lookup("Wie") == ("Kimler", "checked")
    assert catalog.lookup("Waar") == ("Waar", "missing")
    path = overlay_path(overlay, "tr")
    write_catalog(path, "tr", {"Wie": "Kim?"}, fuzzy=False)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_content_catalog("tr", shipped, overlay).lookup("Wie") == ("Kim?", "checked")


def test_dutch_is_the_source_and_always_checked(tmp_path: Path) -> None:
    assert load_content_catalog("nl", tmp_path).lookup("Wat") == ("Wat", "checked")


def test_locale_facts() -> None:
    facts = locale_facts("ckb")
    assert facts.rtl and facts.script == "arabic" and facts.native_name.startswith("کوردی")
    assert locale_facts("uk").plural_count == 3 and locale_facts("am").script == "ethiopic"


def test_log2vis_fills_the_visual_to_logical_map() -> None:
    positions: list[int] = []
    visual = log2vis("אב cd", "RTL", positions_V_to_L=positions)
    assert visual == "cd בא"
    assert sorted(positions) == list(range(5)) and positions[0] == 3


def test_phone_number_keeps_its_order_and_plus_in_rtl() -> None:
    visual = log2vis("هاتف: +31\u00a030\u00a0286", "RTL")
    assert visual.startswith("+31\u00a030\u00a0286")


def test_pashto_and_sorani_letters_join_through_private_forms() -> None:
    face = FontLocator().face("arabic")
    shaped = reshape("ښه ګټه ێڵە", face.forms_file)
    private = [c for c in shaped if ord(c) in PUA_RANGE]
    assert len(private) >= 4, "letters without Unicode presentation forms must still join"
    assert {letters_for(ord(c)) for c in private} <= set("ښګټێڵە")
    # The neighbour of a joining Pashto letter is not left in its isolated form.
    assert "\ufe8f" not in reshape("بښ", face.forms_file)


def test_ligature_extracts_in_visual_order() -> None:
    assert letters_for(0xFEFB) == "ال"  # lam-alef: poppler reverses it back to "لا"


def test_fast_po_reader_agrees_with_babel_and_falls_back(tmp_path: Path) -> None:
    from opvoed_desktop.i18n.catalogs import _read_plain_po, _read_po, _read_po_babel
    from opvoed_desktop.i18n.catalogs import available_locales as locales
    from opvoed_desktop.paths import translations_dir

    path = write_catalog(tmp_path / "x.po", "tr", {"Wat \"nu\"\nook": "Ne", "Wie": ""})
    assert _read_plain_po(path.read_text(encoding="utf-8")) == _read_po_babel(path)
    for lang in locales(translations_dir())[1:]:
        real = shipped_path(translations_dir(), lang)
        assert _read_plain_po(real.read_text(encoding="utf-8")) == _read_po_babel(real), lang
    odd = tmp_path / "ctx.po"
    odd.write_text('msgctxt "a"\nmsgid "Wat"\nmsgstr "Ne"\n', encoding="utf-8")
    assert _read_po(odd) == {"Wat": ("Ne", False)}
