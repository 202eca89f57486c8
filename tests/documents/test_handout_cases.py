"""Layouts and bad input: bilingual, large print, agenda, missing font, broken placeholder,
empty contact fields, very long names, unknown language, atomic writing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from opvoed_desktop.app import main as run
from opvoed_desktop.content import Library
from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.fileio import write_atomic
from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES, clear_cache, overlay_path
from opvoed_desktop.services.handouts import Contact, HandoutError, HandoutRequest, HandoutService
from tests.documents.conftest import CONTACTS, write_catalog
from tests.documents.pdftools import pdftotext, words

TITLE = "Vragen over opvoeden? Hier kunt u terecht"
MARGIN_PT = 18 / 25.4 * 72


def test_bilingual_puts_dutch_left_of_arabic_and_each_reads_in_its_direction(service: HandoutService,
                                                                            tmp_path: Path) -> None:
    path = tmp_path / "ar-nl.pdf"
    service.write(HandoutRequest("ouders", "ar", bilingual="nl", municipality="Utrecht", contacts=CONTACTS), path)
    found, width, _h = words(path)
    first = [w for w in found if w.page == 1]
    dutch = next(w for w in first if w.text == "Vragen")
    arabic = [w for w in first if any("\u0600" <= c <= "\u06ff" for c in w.text)]
    assert dutch.x1 < width / 2
    assert arabic and min(w.x0 for w in arabic[:5]) > width / 2
    text = pdftotext(path)
    assert "Vragen over" in text and "Goed om te weten" in text


def test_bilingual_ltr_language_stands_left_of_dutch(service: HandoutService, tmp_path: Path) -> None:
    path = tmp_path / "tr-nl.pdf"
    service.write(HandoutRequest("ouders", "tr", bilingual="nl"), path)
    found, width, _h = words(path)
    assert next(w for w in found if w.text == "Vragen").x0 > width / 2


def test_large_print_takes_more_pages(service: HandoutService) -> None:
    small = service.render(HandoutRequest("ouders", "nl", contacts=CONTACTS)).pdf
    large = service.render(HandoutRequest("ouders", "nl", large=True, contacts=CONTACTS)).pdf
    assert large.count(b"/Type /Page\n") > small.count(b"/Type /Page\n")


def test_participants_have_an_agreements_table_in_every_language(service: HandoutService, tmp_path: Path) -> None:
    for lang, word in (("nl", "Wanneer"), ("ar", "ماذا"), ("ti", "እንታይ")):
        path = tmp_path / f"d-{lang}.pdf"
        service.write(HandoutRequest("deelnemers", lang), path)
        assert word in pdftotext(path)


def test_agenda_lists_times_and_translated_titles(service: HandoutService, tmp_path: Path) -> None:
    path = tmp_path / "agenda.pdf"
    service.write(HandoutRequest("agenda", "nl", agenda=(("13:00", "oefening-b", 45), ("13:45", "pauze", 15))), path)
    text = pdftotext(path)
    assert "13:00" in text and "De kracht van de ander" in text and "Pauze" in text


def test_unknown_language_and_kind_are_clear_errors(service: HandoutService) -> None:
    with pytest.raises(HandoutError, match="Onbekende taal 'xx'"):
        service.render(HandoutRequest("ouders", "xx"))
    with pytest.raises(HandoutError, match="Onbekende soort"):
        service.render(HandoutRequest("folder", "nl"))


def test_missing_font_names_the_font_to_install(library: Library, catalog_dir: Path, tmp_path: Path) -> None:
    empty = HandoutService(library, catalog_dir, fonts=FontLocator([tmp_path]))
    with pytest.raises(HandoutError, match="Noto Sans Arabic"):
        empty.render(HandoutRequest("ouders", "ar"))


def test_glyph_missing_from_the_font_is_refused_with_its_name(library: Library, catalog_dir: Path,
                                                             tmp_path: Path, fonts: FontLocator) -> None:
    overlay = tmp_path / "overlay"
    write_catalog(overlay_path(overlay, "ar"), "ar", {TITLE: "أسئلة 中文"})
    service = HandoutService(library, catalog_dir, overlay, fonts=fonts)
    with pytest.raises(HandoutError, match="U\\+4E2D"):
        service.render(HandoutRequest("ouders", "ar"))


def test_broken_placeholder_in_a_catalog_is_a_clear_error(library: Library, catalog_dir: Path, tmp_path: Path,
                                                         fonts: FontLocator) -> None:
    overlay = tmp_path / "overlay"
    write_catalog(overlay_path(overlay, "tr"), "tr", {"Hier kunt u terecht in de gemeente {gemeente}:":
                                                      "{gemeente belediyesinde:"})
    clear_cache()
    service = HandoutService(library, catalog_dir, overlay, fonts=fonts)
    with pytest.raises(HandoutError, match="plaatshouder"):
        service.render(HandoutRequest("ouders", "tr"))


def test_empty_contact_fields_leave_their_lines_out(service: HandoutService, tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    service.write(HandoutRequest("ouders", "nl", contacts=(Contact("Buurthuis De Brug", "other"),)), path)
    text = pdftotext(path)
    assert "Buurthuis De Brug" in text
    assert "Telefoon:" not in text and "Website:" not in text


@pytest.mark.parametrize("lang", ["nl", "ar", "ti"])
def test_a_300_character_organisation_name_stays_inside_the_frame(service: HandoutService, tmp_path: Path,
                                                                 lang: str) -> None:
    name = ("Stichting Samenwerkende Ouders en Vrijwilligers " * 7)[:280] + "X" * 20
    assert len(name) == 300
    path = tmp_path / "long.pdf"
    contact = Contact(name, "informal", "Lange Laan 1", "030 123 45 67", "www.voorbeeld.nl")
    service.write(HandoutRequest("ouders", lang, contacts=(contact,)), path)
    found, width, height = words(path)
    assert any("Samenwerkende" in w.text for w in found)
    for word in found:
        assert word.x0 >= MARGIN_PT - 3 and word.x1 <= width - MARGIN_PT + 3, word
        assert word.y0 >= 0 and word.y1 <= height, word


def test_write_is_atomic_and_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.pdf"
    write_atomic(target, b"%PDF-1 old")
    assert oct(target.stat().st_mode & 0o777) == "0o600"

    def fail(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        write_atomic(target, b"%PDF-1 new and longer")
    assert target.read_bytes() == b"%PDF-1 old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_read_only_target_folder_gives_a_clear_error_and_no_file(service: HandoutService, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(HandoutError, match="niet schrijven"):
        service.write(HandoutRequest("ouders", "nl"), tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def _cli(argv: list[str]) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    code = run(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_all_languages_writes_twelve_files(tmp_path: Path) -> None:
    code, _out, _err = _cli(["--data-dir", str(tmp_path / "data"), "handout", "ouders", "--all-languages", "-o",
                            str(tmp_path)])
    assert code == 0
    expected = sorted(f"handout-ouders-{x}.pdf" for x in HANDOUT_LANGUAGES)
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == expected


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["handout", "folder", "--lang", "nl"], "Onbekende soort"),
        (["handout", "ouders", "--lang", "xx"], "Onbekende taal"),
        (["handout", "ouders", "--lang", "nl", "--bilingual", "en"], "Nederlands ernaast"),
    ],
)
def test_cli_user_errors_are_one_sentence(tmp_path: Path, argv: list[str], message: str) -> None:
    code, _out, err = _cli(["--data-dir", str(tmp_path), *argv, "-o", str(tmp_path / "x.pdf")])
    assert code == 1
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_cli_missing_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPVOED_FONT_DIRS", str(tmp_path))
    code, _out, err = _cli(["--data-dir", str(tmp_path), "handout", "ouders", "--lang", "ti", "-o",
                            str(tmp_path / "x.pdf")])
    assert code == 1 and "Noto Sans Ethiopic" in err
    assert not (tmp_path / "x.pdf").exists()
