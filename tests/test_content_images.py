"""Pictures on slides: `Afbeelding: file` in a `::: scherm` block, checked without Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from opvoed_desktop.content import load_library
from opvoed_desktop.content.html import Renderer
from opvoed_desktop.content.images import ImageError, probe
from opvoed_desktop.content.search import SearchIndex
from opvoed_desktop.content.units import units
from opvoed_desktop.paths import content_dir
from tests.conftest import ContentWriter

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (400).to_bytes(4, "big") + b"\x08\x06"
# A minimal JPEG header: SOI, an APP0 segment, then a baseline start-of-frame of 320×200.
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    b"\xff\xc0\x00\x11\x08" + (200).to_bytes(2, "big") + (320).to_bytes(2, "big") + b"\x03" + b"\x00" * 9
)
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>'

PAGE = """
---
id: achtergrond-beeld
kind: background
order: 10
title: Met een plaatje
---
Uitleg voor de begeleider.

::: scherm
Drie stappen
- Eerst kennismaken
Vraag: Waar staan we?
Afbeelding: {image}
:::
"""


def write_page(write_content: ContentWriter, image: str, data: bytes | None = None, name: str = "") -> Path:
    page = write_content("achtergrond/beeld.md", PAGE.replace("{image}", image))
    root = page.parent.parent
    if data is not None:
        folder = root / "afbeeldingen"
        folder.mkdir(exist_ok=True)
        (folder / (name or image)).write_bytes(data)
    return root


def test_image_line_is_parsed_and_is_no_translatable_unit(write_content: ContentWriter) -> None:
    root = write_page(write_content, "trap.png", PNG)
    library = load_library(root)
    assert not library.problems, library.problems
    item = library.get("achtergrond-beeld")
    assert item is not None
    screen = item.screens[0]
    assert (screen.title, screen.question, screen.image) == ("Drie stappen", "Waar staan we?", "trap.png")
    assert [line.text for line in screen.lines] == ["Eerst kennismaken"]
    texts = [unit.text for unit in units(item)]
    assert "Drie stappen" in texts and not [t for t in texts if "Afbeelding" in t or "trap.png" in t]
    assert not SearchIndex(library).search("trap.png")
    assert library.image_path("trap.png") == root / "afbeeldingen" / "trap.png"


@pytest.mark.parametrize(
    ("image", "data", "stored_as", "message"),
    [
        ("weg.png", None, "", "staat niet in de map afbeeldingen/"),
        ("plaatje.gif", b"GIF89a", "", "geen PNG-, JPEG- of SVG-bestand"),
        ("nep.png", b"dit is tekst", "", "is geen PNG-afbeelding"),
        ("nep.jpg", PNG, "", "is geen JPEG-afbeelding"),
        ("nep.svg", b"<html></html>", "", "is geen SVG-tekening"),
        ("sub/trap.png", PNG, "trap.png", "alleen de bestandsnaam"),
        ("", None, "", "hoort de bestandsnaam"),
    ],
)
def test_bad_images_are_reported_with_file_and_line(
    write_content: ContentWriter, image: str, data: bytes | None, stored_as: str, message: str
) -> None:
    root = write_page(write_content, image, data, stored_as)
    library = load_library(root)
    assert "achtergrond-beeld" not in library.items
    shown = [p.format(root) for p in library.errors]
    assert len(shown) == 1 and shown[0].startswith("achtergrond/beeld.md:13: "), shown
    assert message in shown[0]


def test_only_one_image_per_screen(write_content: ContentWriter) -> None:
    page = write_content("beeld.md", PAGE.replace("{image}", "a.png\nAfbeelding: a.png"))
    (page.parent / "afbeeldingen").mkdir()
    (page.parent / "afbeeldingen" / "a.png").write_bytes(PNG)
    library = load_library(page.parent)
    assert [p.format(page.parent) for p in library.errors] == [
        "beeld.md:14: een schermblok heeft hooguit één regel 'Afbeelding:'"
    ]


@pytest.mark.parametrize(("name", "data", "size"), [("a.png", PNG, (640, 400)), ("b.jpeg", JPEG, (320, 200))])
def test_probe_reads_kind_and_size_from_the_header(tmp_path: Path, name: str, data: bytes, size: tuple) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    info = probe(path)
    assert (info.width, info.height) == size


def test_probe_svg_and_refusals(tmp_path: Path) -> None:
    (tmp_path / "c.svg").write_bytes(SVG)
    assert probe(tmp_path / "c.svg").kind == "svg"
    with pytest.raises(ImageError):
        probe(tmp_path / "missing.png")


def test_reading_pane_shows_the_picture(write_content: ContentWriter) -> None:
    root = write_page(write_content, "trap.png", PNG)
    library = load_library(root)
    html = Renderer(library).item(library.get("achtergrond-beeld"))  # type: ignore[arg-type]
    image = (root / "afbeeldingen" / "trap.png").resolve().as_uri()
    assert f'<img src="{image}" width="460">' in html
    assert "Afbeelding" not in html


def test_shipped_diagrams_are_used_and_valid() -> None:
    library = load_library(content_dir())
    pictures = {
        item_id: [s.image for s in library.get(item_id).screens if s.image]  # type: ignore[union-attr]
        for item_id in ("vormen-en-sleutelfiguren", "rollen-gemeente")
    }
    assert pictures == {
        "vormen-en-sleutelfiguren": ["samenwerking-vormen.png"],
        "rollen-gemeente": ["rollen-gemeente.png"],
    }
    for names in pictures.values():
        info = probe(library.image_path(names[0]))
        assert info.kind == "png" and info.width >= 1200
