"""Catalog lookup (states, overlay, cache) and locale facts (bidi and shaping: test_engine_*.py)."""

from __future__ import annotations

import os
from pathlib import Path

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
