"""The worked example: readable in the library and loadable as one sample meeting, telling one story."""

from __future__ import annotations

import re
from pathlib import Path

from opvoed_desktop.content import Library
from opvoed_desktop.content.model import Heading, ListItem, Paragraph
from opvoed_desktop.services import worked_example as ex
from opvoed_desktop.services.meetings import MeetingService


def page_text(library: Library) -> str:
    page = library.get("voorbeeld-lindewaard")
    assert page is not None and page.kind == "page"
    # Inline bold marks are not part of the story: compare the words.
    return " ".join(b.text for b in page.blocks if isinstance(b, Paragraph | ListItem | Heading)).replace("**", "")


def test_the_meeting_holds_what_the_page_tells(service: MeetingService, library: Library) -> None:
    meeting_id = ex.load_worked_example(service, library)
    detail = service.get_meeting(meeting_id)
    assert detail.is_sample and "(voorbeeld)" in detail.title and detail.municipality == "Lindewaard"
    text = page_text(library)
    assert detail.title in text
    # Every strength, agreement (what, who, date, the municipality's part) and wish is on the page.
    strengths = service.strengths(meeting_id)
    assert [s.text for s in strengths] == [text_ for _side, text_ in ex.STRENGTHS]
    assert all(s.text in text for s in strengths)
    agreements = service.agreements(meeting_id)
    assert len(agreements) == 3
    for stored, planned in zip(agreements, ex.AGREEMENTS, strict=True):
        assert stored.what == ex.agreement_text(planned) and stored.due == planned.due
        for part in (planned.what, planned.party, planned.municipality):
            assert part in text, part
        assert f"{planned.due.day} " in text  # the date is written out on the page
    assert [w.text for w in service.wishes(meeting_id)] == list(ex.WISHES)
    assert all(w in text for w in ex.WISHES)
    # The agenda is the two-dagdelen programme, with the notes on the exercises they belong to.
    agenda = detail.agenda
    assert [a.ref for a in agenda if a.kind == "exercise"] == [f"oefening-{x}" for x in "abcdefg"]
    noted = {a.ref for a in agenda if detail.notes_for(a.id)}
    assert noted == set(ex.NOTES)
    # The counts the page gives for the line-up in C match the notes.
    for form, count in re.findall(r"(elkaar kennen|samen iets organiseren) (\d+)", ex.NOTES["oefening-c"]):
        assert f"{form} {count}" in text


def test_loading_twice_gives_one_meeting_and_the_contacts_once(service: MeetingService, library: Library) -> None:
    first = ex.load_worked_example(service, library)
    second = ex.load_worked_example(service, library)
    assert first == second
    assert [m.id for m in service.list_meetings()] == [first]
    assert sorted(c.organisation for c in service.contacts("Lindewaard")) == sorted(c[1] for c in ex.CONTACTS)
    # A sample: the bulk removal of samples takes it away again.
    assert service.delete_samples() == 1 and service.list_meetings() == []


def test_cli_loads_the_example(tmp_path: Path) -> None:
    from tests.test_cli import call

    code, out, _err = call("--data-dir", str(tmp_path), "sample-data", "--example")
    assert code == 0 and "Lindewaard" in out
    code, out, _err = call("--data-dir", str(tmp_path), "meetings", "list")
    assert code == 0 and out.count("(voorbeeld)") == 1
    # The parents' hand-out of the example prints its local contacts.
    key = out.split()[0]
    target = tmp_path / "ouders.pdf"
    code, _out, err = call(
        "--data-dir", str(tmp_path), "handout", "ouders", "--lang", "nl", "--meeting", key, "-o", str(target)
    )
    assert code == 0, err
    from tests.documents.pdftools import pdftotext

    printed = pdftotext(target)
    assert "CJG Lindewaard" in printed and "Vrouwenvereniging Nour" in printed
