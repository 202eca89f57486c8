"""The MeetingService façade: records round-trip, validation, agenda and notes, trash."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import InvalidInputError, NotFoundError


def _meeting(service: MeetingService, **kw: object) -> str:
    values = {
        "starts_at": datetime(2025, 4, 1, 19, 30),
        "venue": "Buurthuis De Schakel",
        "municipality": "Utrecht",
        "facilitator": "Sanne",
        "languages": ["nl", "ar"],
    }
    values.update(kw)
    return service.create_meeting(values.pop("title", "Ouderavond"), **values)  # type: ignore[arg-type]


def test_meeting_round_trip_with_all_records(service: MeetingService) -> None:
    mid = _meeting(service)
    items = service.plan_agenda(mid, [("exercise", "oefening-b", "Krachten", 25), ("pause", None, "Pauze", 15)])
    service.set_participants(mid, "informal", 5, "Moskee Al Fath")
    service.set_participants(mid, "informal", 7, "Moskee Al Fath, vrouwengroep")  # replaces
    service.save_item_note(mid, items[0], "Ouders vertrouwen de imam")
    strength = service.add_strength(mid, "formal", "Kennis van hulp")
    agreement = service.add_agreement(mid, "Folder vertalen", party="CJG", due=date(2025, 6, 1))
    service.add_wish(mid, "Ouderkamer")
    service.add_evaluation(mid, "ouders", 5, "Goed")

    d = service.get_meeting(mid)
    assert (d.title, d.venue, d.languages) == ("Ouderavond", "Buurthuis De Schakel", ["nl", "ar"])
    assert [(a.position, a.title, a.ref) for a in d.agenda] == [(1, "Krachten", "oefening-b"), (2, "Pauze", None)]
    assert [(p.side, p.count, p.organisations) for p in d.participants] == [
        ("informal", 7, "Moskee Al Fath, vrouwengroep")
    ]
    assert [n.text for n in d.notes_for(items[0])] == ["Ouders vertrouwen de imam"]
    assert [s.id for s in d.strengths] == [strength]
    assert d.agreements[0].due == date(2025, 6, 1) and d.agreements[0].status == "open"
    assert [w.text for w in d.wishes] == ["Ouderkamer"]
    assert [(e.score, e.remark) for e in d.evaluations] == [(5, "Goed")]

    service.update_agreement(agreement, status="done", due=None)
    service.update_strength(strength, text="Kennis van de sociale kaart")
    d = service.get_meeting(mid)
    assert (d.agreements[0].status, d.agreements[0].due) == ("done", None)
    assert d.strengths[0].text == "Kennis van de sociale kaart"


def test_save_item_note_upserts_one_note_per_item(service: MeetingService) -> None:
    mid = _meeting(service)
    (item,) = service.plan_agenda(mid, [("exercise", "a", "A", 10)])
    first = service.save_item_note(mid, item, "eerste")
    second = service.save_item_note(mid, item, "eerste versie, aangevuld")
    general = service.save_item_note(mid, None, "algemeen")
    assert first == second != general
    d = service.get_meeting(mid)
    assert [n.text for n in d.notes_for(item)] == ["eerste versie, aangevuld"]
    assert [n.text for n in d.notes_for(None)] == ["algemeen"]


def test_replanning_agenda_keeps_notes_as_general_notes(service: MeetingService) -> None:
    mid = _meeting(service)
    (item,) = service.plan_agenda(mid, [("exercise", "a", "A", 10)])
    service.save_item_note(mid, item, "niet kwijtraken")
    service.plan_agenda(mid, [("own", None, "Eigen punt", 5)])
    d = service.get_meeting(mid)
    assert [a.title for a in d.agenda] == ["Eigen punt"]
    assert [n.text for n in d.notes_for(None)] == ["niet kwijtraken"]


def test_move_agenda_item_renumbers(service: MeetingService) -> None:
    mid = _meeting(service)
    ids = service.plan_agenda(mid, [("own", None, t, 5) for t in "ABC"])
    service.move_agenda_item(ids[2], 1)
    added = service.add_agenda_item(mid, "pause", "Pauze", 10)
    d = service.get_meeting(mid)
    assert [(a.position, a.title) for a in d.agenda] == [(1, "C"), (2, "A"), (3, "B"), (4, "Pauze")]
    assert d.agenda[-1].id == added


@pytest.mark.parametrize(
    "call",
    [
        lambda s, mid: s.add_strength(mid, "buren", "x"),
        lambda s, mid: s.add_agreement(mid, "x", status="klaar"),
        lambda s, mid: s.add_evaluation(mid, "ouders", 6),
        lambda s, mid: s.add_evaluation(mid, "ouders", 0),
        lambda s, mid: s.add_contact("Utrecht", "X", kind="kerk"),
        lambda s, mid: s.plan_agenda(mid, [("lunch", None, "x", 5)]),
        lambda s, mid: s.update_meeting(mid, title="   "),
    ],
)
def test_invalid_input_is_refused_in_dutch(service: MeetingService, call) -> None:  # type: ignore[no-untyped-def]
    mid = _meeting(service)
    with pytest.raises(InvalidInputError) as info:
        call(service, mid)
    assert str(info.value).endswith(".")


def test_unknown_ids_raise_not_found(service: MeetingService) -> None:
    with pytest.raises(NotFoundError):
        service.get_meeting("nope")
    with pytest.raises(NotFoundError):
        service.add_note("nope", "tekst")
    with pytest.raises(NotFoundError):
        service.update_note("nope", "tekst")


def test_list_filters_and_order(service: MeetingService) -> None:
    old = _meeting(service, title="Oud", starts_at=datetime(2023, 1, 1, 10))
    new = _meeting(service, title="Nieuw", starts_at=datetime(2025, 1, 1, 10), municipality="Ede")
    sample = _meeting(service, title="Voorbeeld", starts_at=datetime(2024, 1, 1), is_sample=True)
    assert [x.id for x in service.list_meetings()] == [new, sample, old]
    assert [x.id for x in service.list_meetings(municipality="Ede")] == [new]
    assert [x.id for x in service.list_meetings(since=datetime(2024, 6, 1))] == [new]
    assert [x.id for x in service.list_meetings(until=datetime(2024, 6, 1))] == [sample, old]
    assert [x.id for x in service.list_meetings(include_samples=False)] == [new, old]
    assert [x.id for x in service.list_meetings(text="nieuw")] == [new]
    assert service.municipalities() == ["Ede", "Utrecht"]
    assert service.find_meeting_id(new[:8]) == new


def test_trash_restore_and_empty(service: MeetingService) -> None:
    keep = _meeting(service, title="Blijft")
    gone = _meeting(service, title="Weg")
    service.add_note(gone, "tekst")
    service.trash_meeting(gone)
    assert [x.id for x in service.list_meetings()] == [keep]
    assert [x.id for x in service.list_trash()] == [gone]
    service.restore_meeting(gone)
    assert {x.id for x in service.list_meetings()} == {keep, gone}
    service.trash_meeting(gone)
    assert service.empty_trash() == 1
    assert service.list_trash() == []
    with pytest.raises(NotFoundError):
        service.get_meeting(gone)
    assert [x.id for x in service.list_meetings()] == [keep]


def test_contacts_per_municipality(service: MeetingService) -> None:
    cid = service.add_contact("Utrecht", "CJG Utrecht", "cjg", phone="030 123", languages=("nl", "ar"))
    service.add_contact("Ede", "Wijkteam Ede", "wijkteam")
    service.update_contact(cid, opening_hours="ma–vr 9–17")
    (contact,) = service.contacts("Utrecht")
    assert (contact.organisation, contact.kind, contact.phone, contact.languages, contact.opening_hours) == (
        "CJG Utrecht",
        "cjg",
        "030 123",
        ["nl", "ar"],
        "ma–vr 9–17",
    )
    service.delete_contact(cid)
    assert [c.organisation for c in service.contacts()] == ["Wijkteam Ede"]


def test_close_meeting_sets_closed_and_backs_up(service: MeetingService) -> None:
    mid = _meeting(service)
    backup = service.close_meeting(mid)
    assert service.get_meeting(mid).closed_at is not None
    assert backup is not None and backup.exists() and "closed-meeting" in backup.name
