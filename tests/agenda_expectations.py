"""What an agenda planned from a toolkit programme should hold, worked out from the content model
itself (the programme's entries and the exercises they name), not copied from the toolkit texts
and not asked of the code under test. The toolkit can be rewritten and re-timed; these tests then
follow it, and still fail when the agenda, its clock times or its sheets are wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from opvoed_desktop.content import Exercise, Library, Programme


@dataclass(frozen=True)
class Line:
    kind: str
    ref: str | None
    title: str
    minutes: int
    exercise: Exercise | None = None


def programme(library: Library, programme_id: str) -> Programme:
    found = library.get(programme_id)
    assert isinstance(found, Programme), f"the toolkit has no programme {programme_id!r}"
    return found


def expected_lines(prog: Programme, library: Library) -> list[Line]:
    """The agenda lines the content format promises: an exercise as 'letter. title' with the
    programme's minutes or else the exercise's own; a page with its title; pauses, own items and
    session markers as written."""
    lines: list[Line] = []
    for entry in prog.entries:
        if entry.kind == "ref":
            target = library.get(entry.ref or "")
            assert target is not None, f"{prog.id} names {entry.ref!r}, which is not in the toolkit"
            if isinstance(target, Exercise):
                title = f"{target.letter}. {target.title}"
                lines.append(Line("exercise", target.id, title, entry.minutes or target.minutes, target))
            else:
                lines.append(Line("background", target.id, target.title, entry.minutes or 0))
        elif entry.kind == "pauze":
            lines.append(Line("pause", None, "Pauze", entry.minutes or 0))
        elif entry.kind == "eigen":
            lines.append(Line("own", None, entry.title, entry.minutes or 0))
        else:
            lines.append(Line("session", None, entry.title, 0))
    return lines


def one_session(lines: list[Line], at_least: int) -> list[Line]:
    """Precondition of the tests that count clock times through the whole agenda."""
    assert len(lines) >= at_least, f"the tests need a programme of at least {at_least} items"
    assert all(line.kind != "session" for line in lines), "the tests need a programme of one session"
    assert all(line.minutes > 0 for line in lines), "the tests need every item to take time"
    return lines


def clock(start: time, minutes: int) -> str:
    return f"{datetime.combine(datetime(2000, 1, 1), start) + timedelta(minutes=minutes):%H:%M}"


def span(start: time, minutes: list[int], row: int) -> str:
    """'HH:MM–HH:MM' of row `row` of an agenda of one session whose items take `minutes`."""
    before = sum(minutes[:row])
    return f"{clock(start, before)}–{clock(start, before + minutes[row])}"
