"""Templates to print: content of kind `template` with fields, tables and faces, rendered to PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from opvoed_desktop.content import Library, load_library
from opvoed_desktop.content.model import ListItem, Paragraph, Special
from opvoed_desktop.documents.forms import faces
from opvoed_desktop.services.handouts import ITEM_IDS, TEMPLATES, HandoutError, HandoutRequest, HandoutService
from tests.conftest import ContentWriter
from tests.documents.pdftools import pdftotext, words

TEMPLATE = """
---
id: sjabloon-x
kind: template
order: 1
audience: deelnemers
title: Een formulier
---
Bijeenkomst in {gemeente}.

::: invullen
Naam van de groep
Wat ging goed?
:::

::: tabel
- Wat
- Wie
:::

::: gezichten
- Ik voelde me welkom.
:::
"""


def test_every_template_is_shipped_and_printable(library: Library) -> None:
    ids = [item.id for item in library.of_kind("template")]
    assert sorted(ids) == sorted(ITEM_IDS[k] for k in TEMPLATES)
    forms = {item.id: {b.kind for b in item.blocks if isinstance(b, Special)} for item in library.of_kind("template")}
    assert "tabel" in forms["sjabloon-afspraken"] and "gezichten" in forms["sjabloon-evaluatie"]
    # The agreements form asks what the issue asks: what, who, when, the municipality, a check-in date.
    table = next(b for b in library.get("sjabloon-afspraken").blocks if isinstance(b, Special) and b.kind == "tabel")  # type: ignore[union-attr]
    columns = [c.text for c in table.children]
    assert len(columns) == 5 and any("gemeente" in c for c in columns) and any("vragen we na" in c for c in columns)


def test_template_blocks_parse_and_fill(write_content: ContentWriter) -> None:
    path = write_content("x.md", TEMPLATE)
    library = load_library(path.parent)
    assert library.problems == [], [p.format() for p in library.problems]
    item = library.get("sjabloon-x")
    assert item is not None and item.kind == "template" and item.audience == "deelnemers"
    kinds = [(b.kind, [type(c) for c in b.children]) for b in item.blocks if isinstance(b, Special)]
    assert kinds == [
        ("invullen", [Paragraph, Paragraph]),
        ("tabel", [ListItem, ListItem]),
        ("gezichten", [ListItem]),
    ]


@pytest.mark.parametrize(
    ("change", "words_"),
    [
        (("kind: template", "kind: page"), "sjabloon"),  # form blocks only in templates
        (("- Wat\n", "Wat\n"), "'- '"),  # a table column is a list item
        (("{gemeente}", "{telefoon}"), "sjabloon"),  # no contact placeholders in a template
        (("audience: deelnemers", "audience: ouders"), "audience"),
    ],
)
def test_template_mistakes_are_reported(write_content: ContentWriter, change: tuple[str, str], words_: str) -> None:
    path = write_content("x.md", TEMPLATE.replace(*change))
    library = load_library(path.parent)
    assert any(words_ in p.message for p in library.errors), [p.format() for p in library.errors]


def test_evaluation_form_prints_questions_with_faces(service: HandoutService, tmp_path: Path) -> None:
    target = tmp_path / "evaluatie.pdf"
    service.write(HandoutRequest("evaluatie", "nl", municipality="Lindewaard"), target)
    text = pdftotext(target)
    for question in ("Ik voelde me welkom.", "Ik wil verder met de samenwerking.", "Wat kan beter?"):
        assert question in text
    # Five questions, three faces each: the faces are drawn, not typed (no text where they stand).
    assert "☺" not in text and "\ufffd" not in text
    drawing = faces()
    assert len([s for s in drawing.contents if type(s).__name__ == "Circle"]) == 9  # 3 heads, 6 eyes


def test_agreements_form_has_the_meeting_and_five_columns(service: HandoutService, tmp_path: Path) -> None:
    target = tmp_path / "afspraken.pdf"
    service.write(HandoutRequest("afspraken", "nl", municipality="Lindewaard"), target)
    text = pdftotext(target).replace("\n", " ")
    assert "Bijeenkomst in Lindewaard op" in text
    for column in ("Wat gaan we doen?", "Wie doet het?", "Wanneer klaar?", "Wat doet de gemeente?"):
        assert column in text


def test_right_to_left_form_has_the_writing_line_on_the_left(service: HandoutService, tmp_path: Path) -> None:
    """In Arabic the label stands on the right and the line to write on is to its left."""
    target = tmp_path / "uitnodiging-ar.pdf"
    service.write(HandoutRequest("uitnodiging", "ar", municipality="Lindewaard"), target)
    found, width, _height = words(target)
    # The label is printed in Arabic (the catalog has it); -bbox gives a word's glyphs in visual order.
    label = next(w for w in found if w.text[::-1] == "التاريخ")
    assert label.x0 > width / 2  # the label's column is the right-hand one


def test_unknown_template_names_the_choices() -> None:
    from opvoed_desktop.services.handouts import normalise_kind

    with pytest.raises(HandoutError) as caught:
        normalise_kind("formulier")
    assert "evaluatie" in str(caught.value) and "drie-maanden" in str(caught.value)
    assert normalise_kind("sjabloon-afspraken") == "afspraken"


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("kind", TEMPLATES)
@pytest.mark.parametrize("lang", ["ar", "fa", "ti", "am", "uk"])
def test_every_page_of_a_draft_template_says_so_in_both_languages(
    service: HandoutService, tmp_path: Path, kind: str, lang: str
) -> None:
    """Page 2 printed or handed on alone still says its translation is a draft, in the reader's
    language and in Dutch (the sentences come from the documents' own labels)."""
    from opvoed_desktop.documents.labels import label
    from opvoed_desktop.i18n.catalogs import load_content_catalog
    from opvoed_desktop.paths import translations_dir

    path = tmp_path / f"{kind}-{lang}.pdf"
    result = service.write(HandoutRequest(kind, lang, large=True, municipality="Utrecht"), path)
    assert result.tally.needs_notice  # every shipped template translation is still a draft
    pages = pdftotext(path).split("\f")[:-1]
    assert len(pages) >= 2, "large print should need a second page"
    own = _squeezed(label(load_content_catalog(lang, translations_dir()), "draft")[0])
    dutch = _squeezed(label(load_content_catalog("nl", translations_dir()), "draft")[0])
    for number, page in enumerate(pages, 1):
        assert own in _squeezed(page), f"page {number} does not say it is a draft in {lang}"
        assert dutch in _squeezed(page), f"page {number} does not say it is a draft in Dutch"
