"""Every check of an untrusted bundle, on a bundle written here by hand (not by this app's export,
so the reader is held to the format, not to what the exporter happens to write): what is read
back, and the one sentence each refusal says, naming the file and never quoting its content.

No database is opened here: these run in a fraction of a second each, which also keeps the
mutation run of storage/bundle_reading.py short (docs/testing.md).
"""

from __future__ import annotations

import copy
import io
import json
import struct
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from opvoed_desktop.export.errors import BundleError
from opvoed_desktop.storage import bundle, sealed
from opvoed_desktop.storage.bundle_reading import parse_bundle, read_bundle

NOW = datetime(2026, 6, 1, 12, 0)  # naive UTC, as parse_bundle takes it
SECRET = "Vader noemde het adres"


def uid(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-{n:012x}"


def stamps(created: str = "2026-03-14T19:30:00", updated: str = "2026-03-14T21:00:00") -> dict[str, str]:
    return {"created_at": created, "updated_at": updated}


def a_bundle() -> dict[str, Any]:
    """One meeting with a row of every kind, one contact and one deletion, as JSON has them."""
    meeting = {
        "title": "Ouderavond De Boog",
        "starts_at": "2026-03-14T19:30:00",
        "venue": "Wijkcentrum De Boog",
        "municipality": "Gouda",
        "facilitator": "Aylin Yilmaz",
        "languages": ["nl", "ar"],
        "minutes_available": 90,
        "programme_id": None,
        "closed_at": "2026-03-14T21:30:00",
        "is_sample": False,
        "deleted_at": None,
        "id": uid(1),
        **stamps(),
        "participants": [{"side": "formal", "count": 4, "organisations": "CJG", "id": uid(2), **stamps()}],
        "agenda": [
            {
                "position": 0,
                "kind": "session",
                "ref": "welkom",
                "title": "Welkom",
                "planned_minutes": 15,
                "actual_start": "2026-03-14T19:34:00",
                "actual_end": None,
                "id": uid(3),
                **stamps(),
            }
        ],
        "notes": [
            {"agenda_item_id": uid(3), "text": "Ouders kennen het CJG niet.", "id": uid(4), **stamps()},
            {"agenda_item_id": None, "text": "Goede sfeer.", "id": uid(11), **stamps()},
        ],
        "strengths": [{"side": "informal", "text": "Vertrouwen", "id": uid(5), **stamps()}],
        "agreements": [
            {
                "what": "Folder vertalen",
                "party": "CJG",
                "due": "2026-04-30",
                "due_text": "",
                "status": "busy",
                "id": uid(6),
                **stamps(),
            }
        ],
        "wishes": [{"text": "Een vaste contactpersoon.", "id": uid(7), **stamps()}],
        "evaluations": [{"respondent_group": "ouders", "score": 4, "remark": "Leerzaam.", "id": uid(8), **stamps()}],
    }
    contact = {
        "municipality": "Gouda",
        "organisation": "CJG Gouda",
        "kind": "cjg",
        "address": "Markt 1",
        "phone": "0182 000000",
        "website": "",
        "opening_hours": "",
        "languages": ["nl"],
        "opening_slots": [{"days": [0, 1, 2, 3, 4], "from": "09:00", "to": "17:00"}],
        "id": uid(9),
        **stamps(),
    }
    return {
        "format": bundle.FORMAT,
        "format_version": 4,
        "app_version": "1.0",
        "exported_at": "2026-03-15T08:00:00",
        "meetings": [meeting],
        "contacts": [contact],
        "tombstones": [{"table": "wish", "id": uid(10), "deleted_at": "2026-03-14T22:00:00"}],
    }


def raw(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def parsed(data: Any) -> dict[str, Any]:
    return parse_bundle(raw(data), "b.json", now=NOW)


def refusal(data: Any = None, *, content: bytes | None = None) -> str:
    with pytest.raises(BundleError) as refused:
        parse_bundle(raw(data) if content is None else content, "b.json", now=NOW)
    return str(refused.value)


# What is read back ------------------------------------------------------------------------------
def test_a_bundle_is_read_with_its_times_and_dates_as_such_and_the_rest_as_written() -> None:
    data = parsed(a_bundle())
    (meeting,) = data["meetings"]
    assert meeting["starts_at"] == datetime(2026, 3, 14, 19, 30)
    # Every time of every row, also the ones after an empty (None) column, is a time.
    for row in [meeting, *data["contacts"], *(r for key, _m in bundle.CHILDREN for r in meeting[key])]:
        assert (row["created_at"], row["updated_at"]) == (datetime(2026, 3, 14, 19, 30), datetime(2026, 3, 14, 21))
    assert meeting["closed_at"] == datetime(2026, 3, 14, 21, 30)
    assert meeting["deleted_at"] is None and meeting["programme_id"] is None
    assert meeting["agenda"][0]["actual_start"] == datetime(2026, 3, 14, 19, 34)
    assert meeting["agenda"][0]["actual_end"] is None
    assert meeting["agreements"][0]["due"] == date(2026, 4, 30)
    assert type(meeting["agreements"][0]["due"]) is date  # a day, not a moment
    assert data["tombstones"] == [{"table": "wish", "id": uid(10), "deleted_at": datetime(2026, 3, 14, 22)}]
    assert meeting["notes"][0]["text"] == "Ouders kennen het CJG niet."
    assert meeting["notes"][0]["agenda_item_id"] == uid(3) and meeting["notes"][1]["agenda_item_id"] is None
    assert data["contacts"][0]["opening_slots"] == [{"days": [0, 1, 2, 3, 4], "from": "09:00", "to": "17:00"}]
    assert meeting["languages"] == ["nl", "ar"] and meeting["minutes_available"] == 90


def test_a_bundle_saved_with_a_byte_order_mark_is_read_the_same() -> None:
    """Notepad on Windows puts one in front when a person saves the file again."""
    assert parse_bundle(b"\xef\xbb\xbf" + raw(a_bundle()), "b.json", now=NOW) == parsed(a_bundle())


def test_opening_hours_are_kept_the_way_the_app_stores_them() -> None:
    data = a_bundle()
    data["contacts"][0]["opening_slots"] = [{"days": [4, 0, 2], "from": "09:00", "to": "12:00"}]
    assert parsed(data)["contacts"][0]["opening_slots"] == [{"days": [0, 2, 4], "from": "09:00", "to": "12:00"}]


def test_a_bundle_without_an_export_time_is_read() -> None:
    data = a_bundle()
    del data["exported_at"]
    assert parsed(data)["meetings"][0]["id"] == uid(1)


# Older bundles ---------------------------------------------------------------------------------
def _older(version: int) -> dict[str, Any]:
    data = a_bundle()
    data["format_version"] = version
    meeting = data["meetings"][0]
    meeting["languages"] = ["Nederlands", "Klingon"]
    del meeting["minutes_available"]
    meeting["agreements"].append({**meeting["agreements"][0], "id": uid(12)})
    for agreement in meeting["agreements"]:
        del agreement["due_text"]
    contact = data["contacts"][0]
    del contact["opening_slots"]
    contact["opening_hours"] = "ma-vr 9:00-17:00"
    data["contacts"].append({**contact, "id": uid(13), "opening_hours": "na afspraak"})
    if version == 1:
        del data["tombstones"]
    return data


@pytest.mark.parametrize("version", [1, 2])
def test_a_version_1_or_2_bundle_gets_language_codes_typed_hours_and_the_new_columns(version: int) -> None:
    data = parsed(_older(version))
    meeting = data["meetings"][0]
    assert meeting["languages"] == ["nl", "Klingon"]
    assert meeting["minutes_available"] is None
    assert [a["due_text"] for a in meeting["agreements"]] == ["", ""]
    first, second = data["contacts"]
    assert first["opening_slots"] == [{"days": [0, 1, 2, 3, 4], "from": "09:00", "to": "17:00"}]
    assert first["opening_hours"] == ""  # all of it read as days and times
    assert (second["opening_slots"], second["opening_hours"]) == ([], "na afspraak")  # kept as typed
    kept = [{"table": "wish", "id": uid(10), "deleted_at": datetime(2026, 3, 14, 22)}]
    assert data["tombstones"] == ([] if version == 1 else kept)


def test_a_version_3_bundle_keeps_its_languages_and_only_its_hours_are_read() -> None:
    data = _older(3)
    data["meetings"][0]["languages"] = ["nl", "Nederlands"]  # version 3 has codes: taken as they are
    read = parsed(data)
    assert read["meetings"][0]["languages"] == ["nl", "Nederlands"]
    assert read["contacts"][0]["opening_slots"] == [{"days": [0, 1, 2, 3, 4], "from": "09:00", "to": "17:00"}]


def test_a_version_4_bundle_keeps_the_hours_it_kept_as_typed() -> None:
    data = a_bundle()
    data["contacts"][0]["opening_slots"] = []
    data["contacts"][0]["opening_hours"] = "ma-vr 9:00-17:00"  # the person chose to keep the text
    contact = parsed(data)["contacts"][0]
    assert (contact["opening_slots"], contact["opening_hours"]) == ([], "ma-vr 9:00-17:00")


# Refusals of the content -----------------------------------------------------------------------
NOT_JSON = "b.json is geen geldige JSON; kies een export van opvoed-desktop."


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": NaN}',
        b'{"format": Infinity}',
        b'{"format": -Infinity}',
        b"\xff\xfe{}",
        b"[" * 100_000,
        b'{"format": "opvoed-desktop-bundle",',
    ],
    ids=["nan", "infinity", "minus-infinity", "not-utf8", "nested-too-deep", "cut-off"],
)
def test_what_is_not_json_as_the_app_writes_it_is_refused(content: bytes) -> None:
    assert refusal(content=content) == NOT_JSON


@pytest.mark.parametrize("data", [[], "tekst", {"format": "een ander programma", "format_version": 4}, {}])
def test_json_that_is_no_bundle_of_this_app_is_refused(data: Any) -> None:
    assert refusal(data) == "b.json is geen bundel van opvoed-desktop."


@pytest.mark.parametrize(
    ("version", "shown"),
    [(5, "5"), (0, "0"), (True, "True"), ("4", "4"), (None, "None"), ("v" * 40, "v" * 20), (4.5, "4.5")],
)
def test_an_unknown_format_version_is_named(version: Any, shown: str) -> None:
    data = a_bundle()
    data["format_version"] = version
    assert refusal(data) == (
        f"b.json heeft een onbekende formaatversie ({shown}); werk de app bij en probeer het opnieuw."
    )


def test_a_schema_violation_names_the_place_and_the_rule_never_the_text() -> None:
    data = a_bundle()
    data["meetings"][0]["notes"][1]["text"] = 12
    assert refusal(data) == (
        "b.json klopt niet met het bundelformaat (bij meetings/0/notes/1/text: type); er is niets ingelezen."
    )
    data = a_bundle()
    data["meetings"][0]["title"] = SECRET * 20  # too long
    said = refusal(data)
    assert said == "b.json klopt niet met het bundelformaat (bij meetings/0/title: maxLength); er is niets ingelezen."
    data = a_bundle()
    del data["contacts"]
    assert refusal(data) == "b.json klopt niet met het bundelformaat (bij /: required); er is niets ingelezen."


@pytest.mark.parametrize("where", ["wish-as-note", "contact-as-meeting", "two-meetings", "two-contacts"])
def test_the_same_id_twice_is_refused(where: str) -> None:
    data = a_bundle()
    meeting = data["meetings"][0]
    if where == "wish-as-note":
        meeting["wishes"][0]["id"] = meeting["notes"][1]["id"]
    elif where == "contact-as-meeting":
        data["contacts"][0]["id"] = meeting["id"]
    elif where == "two-meetings":
        data["meetings"].append({**copy.deepcopy(meeting), **{k: [] for k, _m in bundle.CHILDREN}})
    else:
        data["contacts"].append(copy.deepcopy(data["contacts"][0]))
    assert refusal(data) == "b.json bevat hetzelfde nummer twee keer; er is niets ingelezen."


def test_a_note_at_an_agenda_item_the_bundle_lacks_is_refused() -> None:
    data = a_bundle()
    data["meetings"][0]["notes"][1]["agenda_item_id"] = uid(99)
    assert refusal(data) == "b.json bevat een notitie bij een onbekend agendapunt; er is niets ingelezen."


def test_opening_hours_no_day_has_are_refused() -> None:
    data = a_bundle()
    data["contacts"][0]["opening_slots"] = [{"days": [0], "from": "17:00", "to": "09:00"}]
    assert refusal(data) == (
        "b.json bevat openingstijden die niet kunnen (De sluitingstijd moet later op de dag liggen dan de "
        "openingstijd); er is niets ingelezen."
    )


@pytest.mark.parametrize("where", ["meeting", "agreement-due", "tombstone"])
def test_a_date_the_calendar_lacks_is_refused(where: str) -> None:
    data = a_bundle()
    if where == "meeting":
        data["meetings"][0]["starts_at"] = "2026-02-30T19:30:00"
    elif where == "agreement-due":
        data["meetings"][0]["agreements"][0]["due"] = "2026-13-01"
    else:
        data["tombstones"][0]["deleted_at"] = "2026-03-14T25:00:00"
    assert refusal(data) == "b.json bevat een ongeldige datum; er is niets ingelezen."


@pytest.mark.parametrize("where", ["language", "contact", "last-half", "key", "tombstone-table"])
def test_half_an_emoji_anywhere_is_refused(where: str) -> None:
    data = a_bundle()
    if where == "language":
        data["meetings"][0]["languages"].append("\ud83d")
    elif where == "contact":
        data["contacts"][0]["address"] = "Markt \udc00 1"
    elif where == "last-half":
        data["contacts"][0]["address"] = "Markt 1 \udfff"  # the last of the halves
    elif where == "key":
        data["meetings"][0]["\ud83dveld"] = "x"
    else:
        data["tombstones"][0]["table"] = "wish\ud800"
    content = json.dumps(data, ensure_ascii=True).encode()  # JSON spells the half as \\ud83d
    assert refusal(content=content) == (
        "b.json bevat een ongeldig teken (een half emoji-teken); er is niets ingelezen."
    )


# Times in the future -----------------------------------------------------------------------------
FUTURE_PLACES = [
    "meeting.deleted_at",
    "meeting.closed_at",
    "meeting.starts_at",
    "evaluation.created_at",
    "agenda.updated_at",
    "contact.created_at",
    "contact.updated_at",
]


def _set_time(data: dict[str, Any], where: str, value: str) -> None:
    meeting = data["meetings"][0]
    kind, column = where.split(".")
    row = {
        "meeting": meeting,
        "evaluation": meeting["evaluations"][0],
        "agenda": meeting["agenda"][0],
        "contact": data["contacts"][0],
    }[kind]
    row[column] = value


@pytest.mark.parametrize("where", FUTURE_PLACES)
def test_a_change_time_in_the_future_anywhere_is_refused(where: str) -> None:
    data = a_bundle()
    _set_time(data, where, "2027-01-02T03:04:00")
    if where == "meeting.starts_at":  # a meeting planned for next year is not a change time
        assert parsed(data)["meetings"][0]["starts_at"] == datetime(2027, 1, 2, 3, 4)
        return
    assert refusal(data) == (
        "b.json bevat tijden in de toekomst (tot 02-01-2027 03:04 UTC); controleer de klok van de computer "
        "waar de bundel vandaan komt; er is niets ingelezen."
    )


def test_a_clock_exactly_five_minutes_ahead_is_still_a_clock() -> None:
    data = a_bundle()
    data["exported_at"] = (NOW + timedelta(minutes=5)).isoformat()
    assert parsed(data)["exported_at"] == data["exported_at"]
    data["exported_at"] = (NOW + timedelta(minutes=5, microseconds=1)).isoformat()
    assert "in de toekomst (tot 01-06-2026 12:05 UTC)" in refusal(data)


def test_the_latest_of_several_future_times_is_named() -> None:
    data = a_bundle()
    data["meetings"][0]["notes"][0]["updated_at"] = "2026-09-01T10:00:00"
    data["meetings"][0]["wishes"][0]["updated_at"] = "2026-10-01T11:00:00"
    data["exported_at"] = "2026-08-01T09:00:00"
    assert "(tot 01-10-2026 11:00 UTC)" in refusal(data)


# The file as it arrives ----------------------------------------------------------------------------
def sentence(path: Path) -> str:
    with pytest.raises(BundleError) as refused:
        read_bundle(path)
    return str(refused.value)


def test_a_folder_chosen_as_the_bundle_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "map.json"
    folder.mkdir()
    assert sentence(folder) == "Het bestand map.json kan niet worden gelezen."


def test_a_sealed_bundle_reads_back_with_its_passphrase_and_is_named_without(tmp_path: Path) -> None:
    path = tmp_path / "avond.json.age"
    path.write_bytes(sealed.seal(raw(a_bundle()), "een wachtwoord voor de bundel"))
    assert sentence(path) == (
        "avond.json.age is versleuteld; geef het wachtwoord van de bundel (opdrachtregel: "
        "--bundle-passphrase-file BESTAND)."
    )
    with sealed.opening("een wachtwoord voor de bundel"):
        assert read_bundle(path) == parse_bundle(raw(a_bundle()))


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def _claim(path: Path, name: str, *, size: int, packed: int | None = None) -> None:
    """Make the zip's directory claim other sizes for one member, as a crafted zip can: the
    reader decides on what the directory says before it unpacks anything."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name.encode():
            if packed is not None:
                struct.pack_into("<I", data, at + 20, packed)
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{name} not in {path}")


def test_a_zip_with_the_bundle_beside_other_files_reads_the_bundle(tmp_path: Path) -> None:
    path = _zip(tmp_path / "avond.zip", {"verslag.pdf": b"%PDF-1.4", "bundle.json": raw(a_bundle())})
    assert read_bundle(path) == parse_bundle(raw(a_bundle()))


def test_a_zip_bundle_under_another_case_is_not_taken_for_the_bundle(tmp_path: Path) -> None:
    path = _zip(tmp_path / "avond.zip", {"Bundle.json": raw(a_bundle())})
    assert sentence(path) == "avond.zip bevat geen bundle.json; kies een export van opvoed-desktop."


def test_a_member_named_like_a_drive_is_outside_the_folder(tmp_path: Path) -> None:
    path = _zip(tmp_path / "vreemd.zip", {"bundle.json": raw(a_bundle()), "C:": b"x"})
    assert sentence(path) == "vreemd.zip bevat paden buiten de eigen map en wordt niet ingelezen."


def test_a_member_with_a_one_letter_name_is_fine(tmp_path: Path) -> None:
    path = _zip(tmp_path / "avond.zip", {"a": b"x", "bundle.json": raw(a_bundle())})
    assert read_bundle(path) == parse_bundle(raw(a_bundle()))


BOMB = "bom.zip is verdacht sterk ingepakt (een zip-bom?) en wordt niet ingelezen."


@pytest.mark.parametrize(
    ("size", "packed", "refused"),
    [
        (1024 * 1024, 1, False),  # up to 1 MB any packing is fine (small files pack very well)
        (1024 * 1024 + 1, 1, True),
        (2_100_000, 21_000, False),  # exactly 100 times smaller: still a normal file
        (2_100_001, 21_000, True),
        (2_100_000, 0, True),  # nothing packed into 2 MB
    ],
)
def test_the_packing_limit_of_one_member(tmp_path: Path, size: int, packed: int, refused: bool) -> None:
    path = _zip(tmp_path / "bom.zip", {"verslag.pdf": b"%PDF", "bundle.json": raw(a_bundle())})
    _claim(path, "verslag.pdf", size=size, packed=packed)
    if refused:
        assert sentence(path) == BOMB
    else:
        assert read_bundle(path)["meetings"][0]["id"] == uid(1)


@pytest.mark.parametrize("extra", [0, 1])
def test_a_zip_that_unpacks_to_over_a_gigabyte_is_refused(tmp_path: Path, extra: int) -> None:
    content = raw(a_bundle())
    path = _zip(tmp_path / "groot.zip", {"a.pdf": b"a", "b.pdf": b"b", "bundle.json": content})
    half = 512 * 1024 * 1024
    _claim(path, "a.pdf", size=half, packed=half // 50)
    _claim(path, "b.pdf", size=half - len(content) + extra, packed=half // 50)
    if extra:
        assert sentence(path) == "groot.zip is uitgepakt te groot en wordt niet ingelezen."
    else:
        assert read_bundle(path)["meetings"][0]["id"] == uid(1)


def test_a_bundle_in_a_zip_over_50_mb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = _zip(tmp_path / "groot.zip", {"bundle.json": raw(a_bundle())})
    _claim(path, "bundle.json", size=50 * 1024 * 1024 + 1, packed=1024 * 1024)
    assert sentence(path) == "bundle.json is groter dan 50 MB en wordt niet ingelezen."
    _claim(path, "bundle.json", size=50 * 1024 * 1024, packed=1024 * 1024)
    assert sentence(path) == "groot.zip is een beschadigd zip-bestand."  # not refused for its size


def test_a_zip_packed_with_an_unknown_method_is_named(tmp_path: Path) -> None:
    path = _zip(tmp_path / "vreemd.zip", {"bundle.json": raw(a_bundle())})
    data = bytearray(path.read_bytes())
    struct.pack_into("<H", data, 8, 99)  # the member's own header
    struct.pack_into("<H", data, data.find(b"PK\x01\x02") + 10, 99)  # and the directory
    path.write_bytes(bytes(data))
    assert sentence(path) == "vreemd.zip is een beschadigd zip-bestand."


def test_a_zip_locked_with_a_password_is_named(tmp_path: Path) -> None:
    """An export someone zipped again with a password (Windows, 7-Zip): one sentence that says
    what to do, not "the import failed (RuntimeError)"."""
    path = _zip(tmp_path / "met-wachtwoord.zip", {"bundle.json": raw(a_bundle())})
    data = bytearray(path.read_bytes())
    data[6] |= 0x1  # "encrypted", in the member's own header
    data[data.find(b"PK\x01\x02") + 8] |= 0x1  # and in the directory
    path.write_bytes(bytes(data))
    assert sentence(path) == (
        "met-wachtwoord.zip is met een wachtwoord ingepakt; pak het eerst uit en lees dan bundle.json in."
    )


def test_a_cut_off_zip_is_named(tmp_path: Path) -> None:
    content = raw({"x": SECRET * 1000})
    path = _zip(tmp_path / "half.zip", {"bundle.json": content}, zipfile.ZIP_DEFLATED)
    whole = path.read_bytes()
    directory = whole[whole.find(b"PK\x01\x02") :]
    path.write_bytes(whole[:200] + directory)  # the member's data cut off, its directory kept
    assert sentence(path) == "half.zip is een beschadigd zip-bestand."


def test_a_zip_is_told_by_its_content_not_its_name(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bundle.json", raw(a_bundle()))
    path = tmp_path / "avond.json"  # renamed by hand
    path.write_bytes(buffer.getvalue())
    assert read_bundle(path) == parse_bundle(raw(a_bundle()))


def test_a_file_is_named_by_its_own_name_in_every_refusal(tmp_path: Path) -> None:
    path = tmp_path / "avond.json"
    path.write_bytes(b"{niet af")
    assert sentence(path) == "avond.json is geen geldige JSON; kies een export van opvoed-desktop."


def test_a_bundle_json_of_exactly_50_mb_in_a_zip_is_read_whole(tmp_path: Path) -> None:
    """The limit is 50 MB: a bundle.json of exactly that size is read to its last byte (a bundle
    of another program here, so that only a whole read tells it apart from broken JSON)."""
    import os

    head = b'{"format": "een ander programma", "vulling": "'
    filler = os.urandom(26 * 1024 * 1024).hex().encode()  # packs about 2:1, far from a zip bomb
    content = head + filler[: 50 * 1024 * 1024 - len(head) - 2] + b'"}'
    assert len(content) == 50 * 1024 * 1024
    path = _zip(tmp_path / "groot.zip", {"bundle.json": content}, zipfile.ZIP_DEFLATED)
    assert sentence(path) == "groot.zip is geen bundel van opvoed-desktop."


def test_an_empty_bundle_without_an_export_time_is_read() -> None:
    data = {"format": bundle.FORMAT, "format_version": 4, "meetings": [], "contacts": [], "tombstones": []}
    assert parsed(data) == data


def test_an_export_time_the_calendar_lacks_is_not_held_against_the_bundle() -> None:
    """It is not stored anywhere; only a readable one is compared with the clock."""
    data = a_bundle()
    data["exported_at"] = "2026-02-30T10:00:00"
    assert parsed(data)["meetings"][0]["id"] == uid(1)


def test_a_deletion_time_in_the_future_is_refused() -> None:
    data = a_bundle()
    data["tombstones"].append({"table": "note", "id": uid(50), "deleted_at": "2027-01-02T03:04:00"})
    assert "in de toekomst (tot 02-01-2027 03:04 UTC)" in refusal(data)


def test_the_future_is_measured_in_utc_also_on_a_laptop_in_the_netherlands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bundle times are UTC. Compared with the local clock, a laptop at UTC+1 or +2 would take
    times up to two hours ahead for the present."""
    import time

    monkeypatch.setenv("TZ", "Etc/GMT-14")  # 14 hours ahead of UTC, the furthest there is
    time.tzset()
    try:
        data = a_bundle()
        data["exported_at"] = (datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=1)).isoformat()
        with pytest.raises(BundleError, match="in de toekomst"):
            parse_bundle(raw(data), "b.json")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_opening_hours_of_every_contact_are_checked_also_after_one_without_any() -> None:
    data = a_bundle()
    del data["contacts"][0]["opening_slots"]  # optional: taken as none
    data["contacts"].append(
        {**data["contacts"][0], "id": uid(14), "opening_slots": [{"days": [2], "from": "12:00", "to": "08:00"}]}
    )
    assert "bevat openingstijden die niet kunnen" in refusal(data)
    data["contacts"][1]["opening_slots"] = [{"days": [4, 0], "from": "08:00", "to": "12:00"}]
    first, second = parsed(data)["contacts"]
    assert first["opening_slots"] == [] and second["opening_slots"] == [
        {"days": [0, 4], "from": "08:00", "to": "12:00"}
    ]
