"""The command line against a real hub: init, share, sync --json on two data dirs, overview."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from opvoed_desktop.app import main as run
from opvoed_desktop.hub import connection
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import open_database


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_two_laptops_share_and_sync_on_the_command_line(hub_url: str, tmp_path: Path) -> None:
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    assert cli("--data-dir", a, "hub", "init", "--url", hub_url)[0] == 0
    with open_database(DataPaths(tmp_path / "a")) as db:
        service = MeetingService(db)
        meeting_id = service.create_meeting("Ouderavond", municipality="Schiedam")
        service.add_note(meeting_id, "geheime notitie")
        service.set_participants(meeting_id, "formal", 4)
        service.add_agreement(meeting_id, what="Folder maken", party="CJG")
        service.create_meeting("Niet gedeeld", municipality="Vlaardingen")
    code, out, err = cli("--data-dir", a, "meetings", "share", meeting_id[:8])
    assert code == 0, err
    assert "1 bijeenkomst wordt gedeeld" in out

    code, out, err = cli("--data-dir", a, "sync", "--hub", hub_url, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"up", "down"}
    assert result["up"]["added"] == 4  # meeting, note, participants, agreement
    code, out, err = cli("--data-dir", b, "sync", "--hub", hub_url, "--json")
    assert json.loads(out)["down"]["added"] == 4
    code, out, _ = cli("--data-dir", b, "meetings", "list", "--json")
    assert [x["title"] for x in json.loads(out)] == ["Ouderavond"]

    code, out, err = cli("--data-dir", b, "hub", "overview", "--hub", hub_url, "--json")
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["municipality"] == "Schiedam" and row["meetings"] == 1
    assert row["participants"] == {"formal": 4} and row["agreements_open"] == 1
    pdf = tmp_path / "overzicht.pdf"
    assert cli("--data-dir", b, "hub", "overview", "--hub", hub_url, "--pdf", str(pdf))[0] == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Schiedam" in text and "geheime" not in text  # counts only


def test_a_hub_that_is_not_initialised_is_said_plainly(hub_url: str, tmp_path: Path) -> None:
    code, _out, err = cli("--data-dir", str(tmp_path / "a"), "sync", "--hub", hub_url)
    assert code == 1
    assert "geen hub" in err and "hub init" in err


def test_an_unreachable_hub_is_one_sentence(tmp_path: Path) -> None:
    code, _out, err = cli("--data-dir", str(tmp_path / "a"), "sync", "--hub", "postgresql://x@127.0.0.1:1/hub")
    assert code == 1
    assert "niet bereikbaar" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u@hub.example.org/org", "require"),
        ("postgresql://u@hub.example.org/org?sslmode=verify-full", "verify-full"),
        ("postgresql://u@localhost/org?sslmode=disable", "disable"),
    ],
)
def test_tls_is_required_unless_the_server_is_on_this_machine(url: str, expected: str) -> None:
    address, _ = connection.parse(url)
    assert address.url.query["sslmode"] == expected


def test_no_plain_connection_to_another_machine() -> None:
    with pytest.raises(connection.HubUrlError, match="alleen met een hub op deze computer"):
        connection.parse("postgresql://u@hub.example.org/org?sslmode=disable")


def test_the_password_never_stays_in_the_address() -> None:
    address, password = connection.parse("postgresql://u:geheim@hub.example.org/org")
    assert password == "geheim"
    assert "geheim" not in address.display and address.url.password is None
