"""One Dutch word, several meanings: "Wachtwoord" of the notes, of an e-mailed export and of the hub
are separate entries (msgctxt) that translators can translate differently, from extraction through
the running app to the translation editor."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.frontend import parse_keywords
from babel.messages.pofile import read_po, write_po

from opvoed_desktop.i18n import Translator, pgettext, speaking
from opvoed_desktop.i18n.compiled import compile_po
from opvoed_desktop.services.translations import TranslationService

REPO = Path(__file__).resolve().parents[2]
NOTES = "wachtwoord van de aantekeningen"
EXPORT = "wachtwoord van een versleutelde export"
HUB = "wachtwoord voor de hub"


def ui_keywords() -> dict[str, object]:
    """The keywords `make pot` extracts the ui domain with (read from the Makefile the lead runs)."""
    line = next(line for line in (REPO / "Makefile").read_text().splitlines() if "-F babel.cfg" in line)
    return parse_keywords(re.findall(r"-k\s+(\S+)", line))


def test_each_password_field_has_its_own_entry_for_translators() -> None:
    keywords = ui_keywords()
    found: list[str | None] = []
    for path in sorted((REPO / "opvoed_desktop").rglob("*.py")):
        for _line, message, _comments, context in extract_from_file("python", str(path), keywords=keywords):
            if message == "Wachtwoord":
                found.append(context)
    assert sorted(found, key=str) == sorted([NOTES, EXPORT, HUB])


def _catalog_dir(tmp_path: Path, *, compiled: bool) -> Path:
    catalog = Catalog(locale="en", domain="ui")
    catalog.add("Wachtwoord", "Password")  # the entry all three shared until now
    catalog.add("Wachtwoord", "Passphrase", context=NOTES)
    catalog.add("Wachtwoord", "Export password", context=EXPORT, flags=("fuzzy",))
    po = tmp_path / "en" / "LC_MESSAGES" / "ui.po"
    po.parent.mkdir(parents=True)
    with open(po, "wb") as handle:
        write_po(handle, catalog)
    if compiled:
        compile_po(po)
    return tmp_path


@pytest.mark.parametrize("compiled", [False, True], ids=["po", "mo"])
def test_the_app_shows_each_meaning_its_own_translation(tmp_path: Path, compiled: bool) -> None:
    translator = Translator.load("en", _catalog_dir(tmp_path, compiled=compiled))
    with speaking(translator):
        assert pgettext(NOTES, "Wachtwoord") == "Passphrase"
        assert pgettext(EXPORT, "Wachtwoord") == "Export password"  # a draft is shown, as everywhere
        # Not translated apart yet (a catalog from before the contexts): the shared translation.
        assert pgettext(HUB, "Wachtwoord") == "Password"
        assert translator.gettext("Wachtwoord") == "Password"  # the context entries never hide it
    with speaking(Translator()):
        assert pgettext(HUB, "Wachtwoord") == "Wachtwoord"  # Dutch: the source text


def test_the_translation_editor_keeps_the_meanings_apart(tmp_path: Path) -> None:
    shipped = tmp_path / "translations"
    template = Catalog(domain="ui")
    for context in (NOTES, HUB):
        template.add("Wachtwoord", context=context)
    template.add("Opslaan")
    shipped.mkdir()
    with open(shipped / "ui.pot", "wb") as handle:
        write_po(handle, template)
    _catalog_dir(shipped, compiled=False)
    service = TranslationService(shipped, tmp_path / "overlay")
    segments = {s.key: s for s in service.segments("en", "ui") if s.source == "Wachtwoord"}
    assert {(s.context, s.text) for s in segments.values()} == {(NOTES, "Passphrase"), (HUB, "")}
    hub = next(s for s in segments.values() if s.context == HUB)
    service.save("en", "ui", hub.key, "Hub password")
    after = {s.context: s.text for s in service.segments("en", "ui") if s.source == "Wachtwoord"}
    assert after == {NOTES: "Passphrase", HUB: "Hub password"}
    exported = read_po(io.BytesIO(service.export_po("en", "ui")))
    assert exported.get("Wachtwoord", HUB).string == "Hub password"
    assert exported.get("Wachtwoord", NOTES).string == "Passphrase"
    translator = Translator.load("en", tmp_path / "overlay-as-shipped", overlay_dir=tmp_path / "overlay")
    with speaking(translator):  # the running app reads the editor's overlay by context too
        assert pgettext(HUB, "Wachtwoord") == "Hub password"
    service.reset("en", "ui", hub.key)
    assert service.segment("en", "ui", hub.key).text == ""


@pytest.mark.parametrize("compiled", [False, True], ids=["po", "mo"])
def test_an_overlay_with_one_edit_leaves_the_rest_of_the_interface_translated(tmp_path: Path, compiled: bool) -> None:
    """The translation editor's overlay holds only what was edited: every other string (plain, in
    context, plural) still comes from the shipped catalog under it, not in Dutch."""
    shipped = tmp_path / "shipped"
    catalog = Catalog(locale="en", domain="ui")
    catalog.add("Sluiten", "Close")
    catalog.add("Wachtwoord", "Passphrase", context=NOTES)
    catalog.add(("{n} bijeenkomst", "{n} bijeenkomsten"), ("{n} meeting", "{n} meetings"))
    catalog.add("Opslaan", "Save")
    overlay = Catalog(locale="en", domain="ui")
    overlay.add("Opslaan", "Keep")
    for folder, written in ((shipped / "en" / "LC_MESSAGES", catalog), (tmp_path / "overlay" / "en", overlay)):
        folder.mkdir(parents=True)
        with open(folder / "ui.po", "wb") as handle:
            write_po(handle, written)
        if compiled:
            compile_po(folder / "ui.po")
    translator = Translator.load("en", shipped, overlay_dir=tmp_path / "overlay")
    assert translator.gettext("Opslaan") == "Keep"
    assert translator.gettext("Sluiten") == "Close"
    assert translator.pgettext(NOTES, "Wachtwoord") == "Passphrase"
    assert translator.ngettext("{n} bijeenkomst", "{n} bijeenkomsten", 3) == "{n} meetings"
    assert translator.gettext("Niet vertaald") == "Niet vertaald"
