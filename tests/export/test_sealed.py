"""Sealing an export with a passphrase of its own (storage/sealed.py), below the CLI and the dialogs:
inside `sealing(...)` every file written is age-encrypted before it reaches the disk, outside it
nothing is; a sealed bundle opens only with its passphrase, and every refusal is one sentence that
names the file. The oracle is pyrage, age's reference implementation, not this module."""

from __future__ import annotations

import threading
from pathlib import Path

import pyrage
import pytest

from opvoed_desktop.export.safe_write import write_bytes
from opvoed_desktop.storage import sealed
from opvoed_desktop.storage.bundle_reading import read_bundle
from opvoed_desktop.storage.errors import BundleError

PASSPHRASE = "een wachtwoord voor de bundel"
SECRET = b"kwispelvaderscafe en nog meer tekst"


def test_inside_sealing_a_file_is_written_encrypted_and_outside_plain(tmp_path: Path) -> None:
    with sealed.sealing(PASSPHRASE):
        write_bytes(tmp_path / "verzegeld.json.age", SECRET)
    write_bytes(tmp_path / "gewoon.json", SECRET)  # after the block: plain again, as asked
    data = (tmp_path / "verzegeld.json.age").read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n") and SECRET not in data
    assert pyrage.passphrase.decrypt(data, PASSPHRASE) == SECRET
    assert (tmp_path / "gewoon.json").read_bytes() == SECRET
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gewoon.json", "verzegeld.json.age"]  # no plain temp


def test_sealing_with_no_passphrase_writes_plain(tmp_path: Path) -> None:
    with sealed.sealing(None):
        assert sealed.sealing_passphrase() is None
        write_bytes(tmp_path / "gewoon.json", SECRET)
    assert (tmp_path / "gewoon.json").read_bytes() == SECRET


def test_a_failed_sealed_export_leaves_the_next_one_as_asked(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), sealed.sealing(PASSPHRASE):
        raise RuntimeError("export afgebroken")
    assert sealed.sealing_passphrase() is None
    write_bytes(tmp_path / "daarna.json", SECRET)
    assert (tmp_path / "daarna.json").read_bytes() == SECRET


def test_sealing_is_per_worker(tmp_path: Path) -> None:
    """The export dialog seals in its worker thread; another thread's exports stay as they are."""
    seen: list[str | None] = []
    with sealed.sealing(PASSPHRASE):
        worker = threading.Thread(target=lambda: seen.append(sealed.sealing_passphrase()))
        worker.start()
        worker.join()
        assert sealed.sealing_passphrase() == PASSPHRASE
    assert seen == [None]


@pytest.mark.parametrize("passphrase", ["", "kort", "123456789"])
def test_a_passphrase_shorter_than_ten_characters_is_refused(tmp_path: Path, passphrase: str) -> None:
    with pytest.raises(BundleError) as refused, sealed.sealing(passphrase):
        write_bytes(tmp_path / "b.json.age", SECRET)  # never reached
    assert str(refused.value) == "Kies voor de bundel een wachtwoord van minstens 10 tekens."
    assert list(tmp_path.iterdir()) == []
    assert sealed.sealing_passphrase() is None


def test_ten_characters_are_enough(tmp_path: Path) -> None:
    with sealed.sealing("0123456789"):
        write_bytes(tmp_path / "b.json.age", SECRET)
    assert pyrage.passphrase.decrypt((tmp_path / "b.json.age").read_bytes(), "0123456789") == SECRET


def _sealed_bundle(tmp_path: Path, name: str = "bundel.json.age") -> Path:
    target = tmp_path / name
    target.write_bytes(pyrage.passphrase.encrypt(b'{"niet": "gelezen"}', PASSPHRASE))
    return target


def test_a_sealed_bundle_opens_only_with_its_passphrase(tmp_path: Path) -> None:
    target = _sealed_bundle(tmp_path)
    data = target.read_bytes()
    assert sealed.is_sealed(data) and sealed.file_is_sealed(target)
    with pytest.raises(BundleError) as no_passphrase:
        sealed.unseal(data, target.name)
    assert str(no_passphrase.value) == (
        "bundel.json.age is versleuteld; geef het wachtwoord van de bundel (opdrachtregel: "
        "--bundle-passphrase-file BESTAND)."
    )
    with sealed.opening("een ander wachtwoord"), pytest.raises(BundleError) as wrong:
        sealed.unseal(data, target.name)
    assert str(wrong.value) == (
        "Het wachtwoord past niet bij bundel.json.age, of het bestand is beschadigd; er is niets ingelezen."
    )
    with sealed.opening(PASSPHRASE):
        assert sealed.unseal(data, target.name) == b'{"niet": "gelezen"}'
    with pytest.raises(BundleError, match="is versleuteld"):  # the passphrase was for that run only
        sealed.unseal(data, target.name)


def test_a_damaged_sealed_bundle_is_one_sentence(tmp_path: Path) -> None:
    data = bytearray(_sealed_bundle(tmp_path).read_bytes())
    data[-5] ^= 0xFF
    with sealed.opening(PASSPHRASE), pytest.raises(BundleError) as damaged:
        sealed.unseal(bytes(data), "bundel.json.age")
    assert "past niet bij bundel.json.age, of het bestand is beschadigd" in str(damaged.value)


def test_reading_a_sealed_bundle_asks_for_its_passphrase_by_name(tmp_path: Path) -> None:
    target = _sealed_bundle(tmp_path, "van-gouda.zip.age")
    with pytest.raises(BundleError, match=r"^van-gouda\.zip\.age is versleuteld"):
        read_bundle(target)


def test_only_a_file_that_starts_with_ages_header_is_sealed(tmp_path: Path) -> None:
    (tmp_path / "plain.json").write_bytes(b'{"format": "opvoed-bundle"}')
    (tmp_path / "short").write_bytes(sealed.MAGIC[:-1])
    (tmp_path / "header").write_bytes(sealed.MAGIC)
    assert [sealed.file_is_sealed(tmp_path / n) for n in ("plain.json", "short", "header")] == [False, False, True]
    assert not sealed.file_is_sealed(tmp_path / "bestaat-niet.age")
    assert not sealed.file_is_sealed(tmp_path)  # a folder
    assert not sealed.is_sealed(b"") and not sealed.is_sealed(b"x" + sealed.MAGIC)


@pytest.mark.parametrize(
    ("name", "inside"),
    [
        ("bundel.zip.age", ".zip"),
        ("Bundel.ZIP.AGE", ".zip"),
        ("bundel.json.age", ".json"),
        ("bundel.json", ".json"),
        ("bundel.v2.zip", ".zip"),
        ("bundel.age", ".age"),
        ("bundel", ""),
    ],
)
def test_the_suffix_before_age_says_what_is_sealed_inside(name: str, inside: str) -> None:
    """`X.zip.age` is a sealed zip (a JSON export there gets its PDF beside it, in the zip)."""
    assert sealed.inner_suffix(Path(name)) == inside
