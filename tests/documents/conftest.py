from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from opvoed_desktop.content import Library
from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES, shipped_path
from opvoed_desktop.i18n.hours import read_typed_hours
from opvoed_desktop.paths import translations_dir
from opvoed_desktop.services.handouts import Contact, HandoutService
from tests.documents.fixture_texts import TEXTS

CONTACTS = (
    Contact("Stichting Al Amal", "informal", "Kerkstraat 12, 3511 AB Utrecht", "030 123 45 67", "www.alamal.nl",
            "", ("ar", "nl"), read_typed_hours("ma–vr 9:00–17:00")[0]),
    Contact("CJG Utrecht-West", "cjg", "Marktplein 1, Utrecht", "+31 30 286 00 00", "cjgutrecht.nl",
            "elke werkdag", ("nl", "tr")),
)


def write_catalog(path: Path, lang: str, texts: dict[str, str], *, fuzzy: bool = True) -> Path:
    catalog = Catalog(locale=lang.replace("-", "_"), domain="content")
    for msgid, text in texts.items():
        catalog.add(msgid, text, flags=("fuzzy",) if fuzzy else ())
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        write_po(handle, catalog)
    return path


@pytest.fixture(scope="session")
def catalog_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalogs where they exist, small fixture catalogs for the languages still without."""
    root = tmp_path_factory.mktemp("translations")
    for lang in HANDOUT_LANGUAGES[1:]:
        real = shipped_path(translations_dir(), lang)
        target = shipped_path(root, lang)
        if real.is_file():
            target.parent.mkdir(parents=True)
            shutil.copyfile(real, target)
        else:
            write_catalog(target, lang, TEXTS[lang])
    return root


@pytest.fixture(scope="session")
def fonts() -> FontLocator:
    return FontLocator()


@pytest.fixture(scope="session")
def service(library: Library, catalog_dir: Path, fonts: FontLocator) -> HandoutService:
    return HandoutService(library, catalog_dir, fonts=fonts)
