"""Reading a bundle file as it arrives: a zip export reads back whole, and each refusal is the
one sentence that names the file the person chose (never its content)."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from opvoed_desktop.export.errors import BundleError
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.storage import bundle
from opvoed_desktop.storage.bundle_reading import parse_bundle, read_bundle


def sentence(path: Path) -> str:
    with pytest.raises(BundleError) as refused:
        read_bundle(path)
    return str(refused.value)


def test_a_zip_export_reads_back_the_same_as_its_bundle(
    exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    raw = bundle.dumps(exporter.bundle([meeting_id]))
    path = tmp_path / "avond.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("verslag.pdf", os.urandom(2 * 1024 * 1024))  # large, but not a bomb
        archive.writestr("afspraken.csv", "a;b\n" * 100_000)  # compresses very well, but small
        archive.writestr("bundle.json", raw)
    assert read_bundle(path) == parse_bundle(raw)


def test_a_file_that_is_not_there_is_named(tmp_path: Path) -> None:
    assert sentence(tmp_path / "weg.json") == "Het bestand weg.json bestaat niet of kan niet worden gelezen."


def test_a_file_over_50_mb_is_named(tmp_path: Path) -> None:
    path = tmp_path / "groot.json"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    assert sentence(path) == "groot.json is groter dan 50 MB en wordt niet ingelezen."


def test_a_file_of_exactly_50_mb_is_read(tmp_path: Path) -> None:
    path = tmp_path / "precies.json"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert "geen geldige JSON" in sentence(path), "not refused for its size"


@pytest.mark.parametrize("member", ["../../etc/passwd", "/etc/passwd", "C:evil.json", "a\\..\\b"])
def test_a_zip_with_a_path_outside_its_folder_is_named(tmp_path: Path, member: str) -> None:
    path = tmp_path / "vreemd.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bundle.json", "{}")
        archive.writestr(zipfile.ZipInfo(member), "x")
    assert sentence(path) == "vreemd.zip bevat paden buiten de eigen map en wordt niet ingelezen."


def test_a_zip_bomb_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bom.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bundle.json", b"\x00" * (20 * 1024 * 1024))
    assert sentence(path) == "bom.zip is verdacht sterk ingepakt (een zip-bom?) en wordt niet ingelezen."


def test_a_zip_without_a_bundle_is_named(tmp_path: Path) -> None:
    path = tmp_path / "verslagen.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("verslag.pdf", b"%PDF")
        archive.writestr("map/bundle.json", "{}")  # not at the top: not the bundle
    assert sentence(path) == "verslagen.zip bevat geen bundle.json; kies een export van opvoed-desktop."


def test_a_zip_with_two_bundles_is_named(tmp_path: Path) -> None:
    path = tmp_path / "dubbel.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bundle.json", "{}")
        archive.writestr("BUNDLE.JSON", "{}")
    assert sentence(path) == "dubbel.zip bevat meer dan één bundle.json en wordt niet ingelezen."


def test_a_damaged_zip_is_named(tmp_path: Path) -> None:
    good = tmp_path / "goed.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bundle.json", json.dumps({"x": "y" * 5000}))
    data = bytearray(good.read_bytes())
    data[40:80] = b"\xff" * 40  # inside the compressed bundle
    path = tmp_path / "kapot.zip"
    path.write_bytes(bytes(data))
    assert sentence(path) == "kapot.zip is een beschadigd zip-bestand."
