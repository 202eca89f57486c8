"""The facilitator's sheets from a meeting's agenda: the running order on one page (however long)
and the materials each exercise needs, read back with pdftotext."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from opvoed_desktop.content import Exercise, Library
from opvoed_desktop.content.agenda import items_from_programme
from opvoed_desktop.export import facilitator
from opvoed_desktop.export.sheets import pages
from opvoed_desktop.i18n import Translator, speaking
from opvoed_desktop.paths import translations_dir
from opvoed_desktop.services.meetings import MeetingService
from tests import agenda_expectations as expect
from tests.documents.pdftools import pdftotext


def agenda_meeting(meetings: MeetingService, library: Library, programme: str = "programma-dagdeel") -> str:
    meeting = meetings.create_meeting(
        "Kennismaking Moskee Al Fath", starts_at=datetime(2026, 12, 9, 19, 0), venue="Buurthuis De Schakel"
    )
    items = items_from_programme(library.get(programme), library)  # type: ignore[arg-type]
    meetings.plan_agenda(meeting, [(i.kind, i.ref, i.title, i.minutes) for i in items])
    return meeting


def read(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return " ".join(pdftotext(path).split())


def test_running_order_has_times_items_and_the_fit(meetings: MeetingService, library: Library, tmp_path: Path) -> None:
    prog = expect.programme(library, "programma-dagdeel")
    lines = expect.one_session(expect.expected_lines(prog, library), at_least=3)
    minutes = [line.minutes for line in lines]
    available = prog.minutes_available
    assert 0 < sum(minutes) <= available, "the test needs a programme that fits its own time"
    detail = meetings.get_meeting(agenda_meeting(meetings, library))
    pdf = facilitator.running_order(detail, library, "nl", available)
    text = read(pdf, tmp_path, "draaiboek.pdf")
    assert pages(pdf) == 1
    start = time(19, 0)
    for row, line in enumerate(lines):  # each row: its clock times, then its title
        assert f"{expect.span(start, minutes, row)} {' '.join(line.title.split())}" in text
    forms = [line.exercise.group_form for line in lines if line.exercise is not None and line.exercise.group_form]
    assert forms, "the test needs an exercise that says how the group works"
    for form in forms:  # how the group works, from the exercise
        assert " ".join(form.split()) in text
    planned = sum(minutes)
    assert f"Past: {planned} van {available} minuten gepland, {available - planned} over." in text
    assert f"eindigt om {expect.clock(start, planned)}" in text


def test_a_long_agenda_still_fits_one_page(meetings: MeetingService, library: Library, tmp_path: Path) -> None:
    meeting = agenda_meeting(meetings, library, "programma-twee-bijeenkomsten")
    extra = [("own", None, f"Eigen onderdeel nummer {n} met een vrij lange naam", 5) for n in range(15)]
    lines = [(a.kind, a.ref, a.title, a.planned_minutes) for a in meetings.get_meeting(meeting).agenda]
    meetings.plan_agenda(meeting, lines + extra)
    pdf = facilitator.running_order(meetings.get_meeting(meeting), library, "nl")
    assert pages(pdf) == 1
    text = read(pdf, tmp_path, "lang.pdf")
    assert "nummer 14 met een vrij lange naam" in text


def test_materials_per_exercise_from_the_content(meetings: MeetingService, library: Library, tmp_path: Path) -> None:
    lines = expect.one_session(
        expect.expected_lines(expect.programme(library, "programma-kennismaking"), library), at_least=3
    )
    minutes = [line.minutes for line in lines]
    detail = meetings.get_meeting(agenda_meeting(meetings, library, "programma-kennismaking"))
    text = read(facilitator.materials(detail, library, "nl"), tmp_path, "materialen.pdf")
    exercises = [library.get(a.ref or "") for a in detail.agenda if a.kind == "exercise"]
    assert [e.id for e in exercises if isinstance(e, Exercise)] == [line.ref for line in lines if line.exercise]
    assert len(exercises) >= 2, "the test needs a programme with more than one exercise"
    for exercise in exercises:
        assert isinstance(exercise, Exercise) and exercise.materials
        for material in exercise.materials:
            assert " ".join(material.split()) in text
    start = time(19, 0)
    for row, line in enumerate(lines):  # each exercise under its start time, in the agenda's order
        if line.exercise is not None:
            assert f"{expect.clock(start, sum(minutes[:row]))} · {line.title}" in text
    headings = [f" · {line.title}" for line in lines if line.exercise is not None]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)


def test_sheets_in_arabic_with_typed_arabic_and_tigrinya(
    meetings: MeetingService, library: Library, tmp_path: Path
) -> None:
    meeting = agenda_meeting(meetings, library, "programma-kennismaking")
    meetings.add_agenda_item(meeting, "own", "ترحيب بالأهالي", 10)
    meetings.add_agenda_item(meeting, "own", "ሰላምታ ንወለዲ", 5)
    with speaking(Translator.load("ar", translations_dir())):
        detail = meetings.get_meeting(meeting)
        text = read(facilitator.running_order(detail, library, "ar"), tmp_path, "ar.pdf")
        materials = read(facilitator.materials(detail, library, "ar"), tmp_path, "ar-mat.pdf")
    assert "ترحيب بالأهالي" in text and "ሰላምታ ንወለዲ" in text
    assert "flip-over" in materials


def test_no_exercises_says_so(meetings: MeetingService, library: Library, tmp_path: Path) -> None:
    meeting = meetings.create_meeting("Alleen praten")
    meetings.plan_agenda(meeting, [("own", None, "Kringgesprek", 60)])
    text = read(facilitator.materials(meetings.get_meeting(meeting), library, "nl"), tmp_path, "leeg.pdf")
    assert "geen oefeningen" in text


def test_sheets_in_persian_print_times_and_minutes_in_persian_digits(
    meetings: MeetingService, library: Library, tmp_path: Path
) -> None:
    """Clock times, minutes and page numbers in the digits CLDR gives Persian (arabext, ۰–۹); the
    typed title keeps its Latin "7"."""
    from opvoed_desktop.i18n.numerals import localise_digits

    meeting = meetings.create_meeting("Avond 7", starts_at=datetime(2026, 12, 9, 19, 0))
    meetings.plan_agenda(meeting, [("own", None, "Kringgesprek", 45), ("own", None, "Afsluiting", 15)])
    detail = meetings.get_meeting(meeting)
    text = read(facilitator.running_order(detail, library, "fa"), tmp_path, "fa.pdf")
    assert "Avond 7" in text
    assert "۱۹:۰۰–۱۹:۴۵" in text and "۱۹:۴۵–۲۰:۰۰" in text and "۴۵" in text
    assert "19:00" not in text and "45" not in text.replace("Avond 7", "")
    assert localise_digits("Gepland: 60 minuten.", "fa") in text
    with_exercises = meetings.get_meeting(agenda_meeting(meetings, library, "programma-kennismaking"))
    materials = read(facilitator.materials(with_exercises, library, "fa"), tmp_path, "fa-mat.pdf")
    # A dash after the time, not a middle dot: "۱۹:۰۰ ·" would read as a longer number.
    assert "۱۹:۰۰ – " in materials and "19:00" not in materials and "·" not in materials
