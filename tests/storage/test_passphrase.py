"""What a person types to open encrypted notes (storage/passphrase.py): the passphrase file a command
reads, the minimum length, the strength shown while typing, and the recovery key written down by hand.

No database here, no key derivation: each test takes milliseconds. The expected strengths are worked
out by hand from the rules in `strength`'s docstring (length counts most, then distinct characters,
then kinds of character or ordinary words), not computed by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvoed_desktop.storage import crypto
from opvoed_desktop.storage.passphrase import (
    MIN_PASSPHRASE,
    PassphraseFileError,
    WeakPassphraseError,
    check_passphrase,
    format_recovery_key,
    parse_recovery_key,
    read_passphrase_file,
    strength,
    strength_label,
)


# The passphrase file ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "passphrase"),
    [
        ("paarse olifant danst zacht\n", "paarse olifant danst zacht"),
        ("paarse olifant danst zacht", "paarse olifant danst zacht"),  # no newline at the end
        ("met windows-regeleinde\r\n", "met windows-regeleinde"),
        ("eerste regel telt\ntweede regel niet\n", "eerste regel telt"),
        # Spaces are part of what the person chose: a passphrase is never trimmed.
        ("  spaties horen erbij  \n", "  spaties horen erbij  "),
        ("wachtwoord met é, ü en ß\n", "wachtwoord met é, ü en ß"),
    ],
)
def test_the_passphrase_is_the_first_line_of_its_file_as_typed(tmp_path: Path, content: str, passphrase: str) -> None:
    target = tmp_path / "pw"
    target.write_bytes(content.encode("utf-8"))
    assert read_passphrase_file(target) == passphrase


def test_a_passphrase_file_under_home_is_found_by_its_tilde_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "wachtwoord.txt").write_text("thuis bewaard wachtwoord\n", encoding="utf-8")
    assert read_passphrase_file(Path("~/wachtwoord.txt")) == "thuis bewaard wachtwoord"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: None, id="missing"),
        pytest.param(lambda p: p.mkdir(), id="a folder"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(lambda p: p.write_bytes(b"\n"), id="only a newline"),
        pytest.param(lambda p: p.write_bytes(b"\nwachtwoord op regel twee\n"), id="first line empty"),
        pytest.param(lambda p: p.write_bytes(b"\xff\xfe geen utf-8 \x80\n"), id="not UTF-8"),
    ],
)
def test_an_unusable_passphrase_file_is_named_in_one_sentence(tmp_path: Path, make: object) -> None:
    target = tmp_path / "wachtwoord.txt"
    make(target)  # type: ignore[operator]
    with pytest.raises(PassphraseFileError) as raised:
        read_passphrase_file(target)
    assert raised.value.path == target
    assert str(raised.value) == (
        f"Het wachtwoordbestand {target} kan niet worden gelezen of is leeg; kijk of de naam klopt."
    )
    # Caught where every encryption problem is caught: one sentence, never a traceback.
    assert isinstance(raised.value, crypto.EncryptionError)


# The minimum --------------------------------------------------------------------------------------
def test_ten_characters_are_enough_and_nine_are_not() -> None:
    assert MIN_PASSPHRASE == 10
    check_passphrase("a" * 10)
    check_passphrase("vier woord")
    with pytest.raises(WeakPassphraseError) as raised:
        check_passphrase("a" * 9)
    assert str(raised.value) == "Kies een wachtwoord van minstens 10 tekens, liefst een paar losse woorden."
    assert isinstance(raised.value, crypto.EncryptionError)


@pytest.mark.parametrize("blank", [" " * 10, " " * 30, "\t" * 12, " \n \t " * 4])
def test_a_passphrase_of_only_spaces_is_refused_however_long(blank: str) -> None:
    with pytest.raises(WeakPassphraseError):
        check_passphrase(blank)


# Strength while typing -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("passphrase", "expected"),
    [
        ("", 0),
        ("aaaaaaaaa", 0),  # 9: below the minimum
        ("aaaaaaaaaa", 1),  # 10: just allowed, weak
        ("abcdefghijklm", 1),  # 13 different letters: not yet long enough for the next step
        ("abcdefghijklmn", 2),  # 14 different letters
        ("abcdefgabcdefg", 1),  # 14 long but only 7 different characters
        ("abcdefghabcdef", 2),  # 14 long with 8 different characters
        ("abcdefghijabcdefghi", 2),  # 19 long, 10 different
        ("abcdefghijabcdefghij", 3),  # 20 long, 10 different
        ("abcdefghiabcdefghiab", 2),  # 20 long but only 9 different
        ("abcdefghAB", 1),  # two kinds of character
        ("abcdefghA1", 2),  # three kinds: lower, upper, digit
        ("abcdefgh!1", 2),  # three kinds: lower, digit, punctuation
        ("aap noot mies wi", 2),  # three words of three letters or more ("wi" is too short)
        ("aap noot mies wim", 3),  # four ordinary words
        ("Paarse olifant danst zacht 12!", 4),  # everything: the highest step
        ("Paarse olifant danst zacht op zolder, 12 keer!", 4),
    ],
)
def test_strength_follows_length_variety_and_words(passphrase: str, expected: int) -> None:
    assert strength(passphrase) == expected


@pytest.mark.parametrize(
    ("score", "label"),
    [(-1, "te kort"), (0, "te kort"), (1, "zwak"), (2, "redelijk"), (3, "goed"), (4, "sterk"), (5, "sterk")],
)
def test_each_strength_has_its_word(score: int, label: str) -> None:
    assert strength_label(score) == label


# The recovery key ---------------------------------------------------------------------------------
def test_a_recovery_key_is_shown_in_eight_groups_of_four() -> None:
    # An independent oracle: RFC 4648's base32 of the bytes 0..19, worked out once by hand.
    assert format_recovery_key(bytes(range(20))) == "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT"
    assert parse_recovery_key("AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT") == bytes(range(20))


@pytest.mark.parametrize(
    "written",
    [
        "aaaq-eaye-auda-ocaj-bifq-ydio-b4ib-ceqt",
        "AAAQ EAYE AUDA OCAJ BIFQ YDIO B4IB CEQT",
        "AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQT",
        " AAAQ.EAYE.AUDA.OCAJ / BIFQ.YDIO.B4IB.CEQT \n",
        # Handwriting: a zero for O, a one for I, an eight for B (none of 0, 1, 8 is base32).
        "AAAQ-EAYE-AUDA-0CAJ-81FQ-YD10-B418-CEQT",
    ],
)
def test_a_recovery_key_is_read_back_as_it_was_written_down(written: str) -> None:
    assert parse_recovery_key(written) == bytes(range(20))


@pytest.mark.parametrize(
    "written",
    [
        "",
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQ",  # a character short
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQTA",  # a character too many
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQ9",  # 9 is no base32 character
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQé",
        "het wachtwoord in plaats van de sleutel",
    ],
)
def test_what_is_not_a_recovery_key_is_not_read_as_one(written: str) -> None:
    assert parse_recovery_key(written) is None


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=20, max_size=20))
def test_every_recovery_key_reads_back_to_its_bytes(raw: bytes) -> None:
    shown = format_recovery_key(raw)
    assert len(shown) == 39 and "=" not in shown
    assert parse_recovery_key(shown) == raw
    assert parse_recovery_key(shown.lower().replace("-", "")) == raw
