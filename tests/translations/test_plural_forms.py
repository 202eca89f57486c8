"""Plural forms: each shipped catalog's header is the truth for it, and it agrees with CLDR.

The oracle is CLDR's plural rules as babel states them (`Locale.plural_form`, the category names
"zero", "one", "two", "few", "many", "other"), not the gettext expression we wrote into the headers:
a gettext catalog numbers its forms in CLDR's category order, so the number n must pick the form
whose index is the position of n's category among the categories that whole numbers reach.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from opvoed_desktop.cli.commands.content import check as content_check
from opvoed_desktop.content import Library
from opvoed_desktop.i18n.po_checks import plural_header, validate_catalog
from opvoed_desktop.i18n.translator import Translator
from opvoed_desktop.services.translations import TranslationService

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "translations"
NUMBERS = (0, 1, 2, 3, 11, 100, 1000)
CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")
CATALOGS = sorted(SHIPPED.glob("*/LC_MESSAGES/*.po"))
LANGUAGES = sorted({path.parent.parent.name for path in CATALOGS})


def cldr_index(lang: str, n: int) -> int:
    """The form a catalog in `lang` must use for n, from CLDR's category of n."""
    rule = Locale.parse(lang).plural_form
    reached = {rule(i) for i in range(0, 1001)} | {rule(i) for i in NUMBERS}
    order = [tag for tag in CLDR_ORDER if tag in reached]
    return order.index(rule(n))


def with_counted_entry(catalog: Path, target: Path, forms: int) -> Path:
    """A copy of `catalog`'s header with one counted string whose forms are told apart by number."""
    header = catalog.read_text(encoding="utf-8").split("\n\n", 1)[0]
    entry = 'msgid "{n} kind"\nmsgid_plural "{n} kinderen"\n' + "".join(
        f'msgstr[{k}] "vorm {k}: {{n}}"\n' for k in range(forms)
    )
    out = target / catalog.parent.parent.name / "LC_MESSAGES" / "ui.po"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(header + "\n\n" + entry, encoding="utf-8")
    return out


def test_every_language_has_a_catalog_to_check() -> None:
    assert {"ar", "tr", "fa", "ti", "am", "uk", "pl", "en"} <= set(LANGUAGES)


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_a_counted_string_picks_the_form_of_its_cldr_category(catalog: Path, tmp_path: Path) -> None:
    lang = catalog.parent.parent.name
    with open(catalog, "rb") as handle:
        nplurals = read_po(handle).num_plurals
    copy = with_counted_entry(catalog, tmp_path, nplurals)
    translator = Translator.load(lang, tmp_path)
    for n in NUMBERS:
        want = cldr_index(lang, n)
        assert want < nplurals, f"{catalog}: CLDR puts {n} in form {want}, the header has {nplurals} forms"
        got = translator.ngettext("{n} kind", "{n} kinderen", n).format(n=n)
        assert got == f"vorm {want}: {n}", f"{copy.name} of {lang}: n={n} should use form {want}, got {got!r}"


@pytest.mark.parametrize("lang", sorted({p.parent.parent.name for p in SHIPPED.glob("*/LC_MESSAGES/ui.po")}))
def test_the_real_ui_strings_follow_cldr(lang: str) -> None:
    """Every counted string of the interface, rendered for each n, is the form CLDR's category asks for."""
    translator = Translator.load(lang, SHIPPED)
    with open(SHIPPED / lang / "LC_MESSAGES" / "ui.po", "rb") as handle:
        catalog = read_po(handle)
    counted = [m for m in catalog if m.id and not isinstance(m.id, str)]
    assert counted, f"{lang}: no counted strings to check"
    for message in counted:
        forms = list(message.string)
        assert len(forms) == catalog.num_plurals and all(forms), f"{lang}: {message.id[0]!r} lacks a form"
        for n in NUMBERS:
            assert translator.ngettext(message.id[0], message.id[1], n) == forms[cldr_index(lang, n)]


def test_arabic_eleven_to_ninety_nine_and_hundreds_use_their_own_forms() -> None:
    """The bug that started this: 25 and 100 printed each other's noun form."""
    translator = Translator.load("ar", SHIPPED)
    assert translator.ngettext("{n} bijeenkomst", "{n} bijeenkomsten", 25) == "{n} لقاءً"
    assert translator.ngettext("{n} bijeenkomst", "{n} bijeenkomsten", 100) == "{n} لقاء"
    assert translator.ngettext("{n} bijeenkomst", "{n} bijeenkomsten", 3) == "{n} لقاءات"


def drop_second_forms(text: str) -> str:
    """The catalog with every `msgstr[1]` (and its continuation lines) taken out."""
    kept, dropping = [], False
    for line in text.split("\n"):
        dropping = line.startswith("msgstr[1]") or (dropping and line.startswith('"'))
        if not dropping:
            kept.append(line)
    return "\n".join(kept)


def old_turkish(root: Path) -> Path:
    """A copy of the shipped catalogs in which Turkish still has the one-form header babel 2.14 gave."""
    copy = root / "translations"
    shutil.copytree(SHIPPED, copy)
    for name in ("ui.po", "content.po"):
        path = copy / "tr" / "LC_MESSAGES" / name
        text = path.read_text(encoding="utf-8").replace("nplurals=2; plural=(n != 1);", "nplurals=1; plural=0;")
        path.write_text(drop_second_forms(text), encoding="utf-8")  # one form per counted string
    return copy


def test_a_header_that_differs_from_cldr_is_a_warning_with_the_fix(tmp_path: Path, library: Library) -> None:
    copy = old_turkish(tmp_path)
    data = (copy / "tr" / "LC_MESSAGES" / "ui.po").read_bytes()
    catalog, problems = validate_catalog(data, "tr")
    assert catalog is not None, [p.sentence() for p in problems]  # usable: the app and CI go on
    assert [p.severity for p in problems] == ["warning"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in problems[0].message
    assert data.decode().splitlines()[problems[0].line - 1].startswith('"Plural-Forms:')
    out, err = io.StringIO(), io.StringIO()
    assert content_check(library, out, err, copy) == 0
    assert "waarschuwing" in err.getvalue() and "nplurals=2; plural=(n != 1);" in err.getvalue()
    assert "2 waarschuwingen" in out.getvalue()
    # The catalog's own header is what the app follows: one form for every number.
    translator = Translator.load("tr", copy)
    assert translator.ngettext("{n} bijeenkomst", "{n} bijeenkomsten", 5) == "{n} toplantı"


def test_a_catalog_with_fewer_forms_than_its_own_header_is_an_error() -> None:
    data = (SHIPPED / "tr" / "LC_MESSAGES" / "ui.po").read_bytes()
    catalog, problems = validate_catalog(drop_second_forms(data.decode()).encode(), "tr")
    assert catalog is None and problems and all(p.is_error for p in problems)
    assert "2 meervoudsvormen" in problems[0].message


def test_a_header_formula_that_picks_a_missing_form_is_an_error() -> None:
    data = (SHIPPED / "tr" / "LC_MESSAGES" / "content.po").read_bytes()
    broken = data.replace(b"plural=(n != 1);", b"plural=(n > 1 ? 2 : 0);")
    catalog, problems = validate_catalog(broken, "tr")
    assert catalog is None and problems[0].is_error and "Plural-Forms" in problems[0].message


def test_an_overlay_gets_the_header_of_the_shipped_catalog_it_overlays(tmp_path: Path) -> None:
    copy = old_turkish(tmp_path)
    service = TranslationService(copy, tmp_path / "overlay")
    key = "{n} bijeenkomst"
    segment = service.save("tr", "ui", key, ["{n} toplantı (taslak)"])
    assert segment.translation == ("{n} toplantı (taslak)",)
    written = (tmp_path / "overlay" / "tr" / "ui.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in written or "nplurals=1; plural=(0);" in written
    assert service.facts("tr").plural_count == 1
    # The shipped catalogs of today: the overlay follows them, two forms.
    current = TranslationService(SHIPPED, tmp_path / "overlay2")
    current.save("tr", "content", TITLE, "Taslak")
    header = (tmp_path / "overlay2" / "tr" / "content.po").read_text(encoding="utf-8")
    assert f'"Plural-Forms: {plural_header((2, "(n != 1)"))}\\n"' in header


TITLE = "Vragen over opvoeden? Hier kunt u terecht"
