from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from opvoed_desktop.content import Exercise, Library, load_library
from opvoed_desktop.content.loader import load_library_uncached
from opvoed_desktop.content.model import ListItem, Paragraph, Special
from tests.conftest import EXERCISE, PART, ContentWriter


def problems_text(library: Library) -> str:
    return "\n".join(p.format(library.root) for p in library.problems)


# The bundled toolkit -----------------------------------------------------------------------


def test_bundled_content_has_no_errors(library: Library) -> None:
    assert library.errors == [], problems_text(library)
    assert library.skipped == []


def test_bundled_content_is_complete(library: Library) -> None:
    assert [p.number for p in library.of_kind("part")] == [1, 2, 3]
    assert [e.letter for e in library.exercises()] == list("ABCDEFG")
    assert {e.letter: e.part for e in library.exercises()} == {
        "A": "deel-1",
        "B": "deel-1",
        "C": "deel-2",
        "D": "deel-2",
        "E": "deel-3",
        "F": "deel-3",
        "G": "deel-3",
    }
    assert len(library.of_kind("background")) >= 7
    assert [a.number for a in library.of_kind("appendix")][:3] == [1, 2, 3]
    assert sorted(b.audience for b in library.of_kind("brochure")) == ["formeel", "gemeente", "informeel"]
    assert sorted(h.audience for h in library.of_kind("handout")) == ["deelnemers", "ouders"]
    assert len(library.programmes()) >= 3
    assert {"inleiding", "praktisch", "begrippen", "over-toolkit"} <= {p.id for p in library.of_kind("page")}


def test_every_exercise_is_a_full_facilitator_card(library: Library) -> None:
    captures = {e.letter: e.capture for e in library.exercises()}
    assert captures["B"] == "strengths"
    assert captures["F"] == "agreements"
    assert captures["G"] == "wishes"
    for ex in library.exercises():
        assert ex.goal and ex.preparation and ex.tips and ex.capture_text, ex.id
        assert ex.materials and ex.group_form and ex.group_size, ex.id
        assert len(ex.steps) >= 2, ex.id
        assert sum(s.minutes for s in ex.steps) == ex.minutes, ex.id
        for step in ex.steps:
            assert step.blocks, f"{ex.id} stap {step.number} has no instructions"
            assert step.screen is not None and step.screen.title, f"{ex.id} stap {step.number}"
            assert len(step.screen.title) <= 60, step.screen.title


def test_background_pages_carry_slides(library: Library) -> None:
    for page in library.of_kind("background"):
        assert page.screens, f"{page.id} has no slide for the projector"


def test_statements_are_labelled_as_written_for_discussion(library: Library) -> None:
    statements = library.get("bijlage-uitspraken")
    assert statements is not None
    first = next(b for b in statements.blocks if isinstance(b, Paragraph))
    assert "geschreven" in first.text.lower() and "geen citaten" in first.text.lower()


def test_parents_handout_has_contact_block_with_placeholders(library: Library) -> None:
    handout = library.get("handout-ouders")
    assert handout is not None
    contact = [b for b in handout.blocks if isinstance(b, Special) and b.kind == "contact"]
    assert len(contact) == 1
    text = " ".join(c.text for c in contact[0].children)
    for name in ("organisatie", "adres", "telefoon", "openingstijden", "talen"):
        assert "{" + name + "}" in text


def test_programme_templates_fit_their_time(library: Library) -> None:
    ids = {p.id: p for p in library.programmes()}
    for programme in ids.values():
        assert all(e.minutes is not None for e in programme.entries if e.kind != "sessie")
        assert programme.minutes_planned <= programme.minutes_available, programme.id
    first = ids["programma-kennismaking"]
    assert first.minutes_available == 60 and first.minutes_planned == 60
    # A dagdeel is about three and a half hours: the half-day has a real break and room to run over.
    half_day = ids["programma-dagdeel"]
    assert half_day.minutes_available == 210 and half_day.minutes_planned <= 190
    assert any(e.kind == "pauze" and (e.minutes or 0) >= 15 for e in half_day.entries)
    assert longest_stretch(half_day) <= 100
    # All of A–G in two dagdelen, each with a break and never two hours on end.
    two = ids["programma-twee-bijeenkomsten"]
    assert {e.ref for e in two.entries if e.kind == "ref"} >= {f"oefening-{x}" for x in "abcdefg"}
    assert sum(1 for e in two.entries if e.kind == "sessie") == 2
    assert longest_stretch(two) <= 110
    for session in sessions(two):
        assert any(e.kind == "pauze" for e in session) and sum(e.minutes or 0 for e in session) <= 210
    # The "deel 3" programme that the introduction promises.
    part_3 = ids["programma-deel-3"]
    assert [e.ref for e in part_3.entries if e.ref and e.ref.startswith("oefening")] == [
        "oefening-e",
        "oefening-f",
        "oefening-g",
    ]
    assert any("Alleen deel 3" in b.text for b in library.get("inleiding").blocks if hasattr(b, "text"))  # type: ignore[union-attr]


def sessions(programme: object) -> list[list[object]]:
    out: list[list[object]] = [[]]
    for entry in programme.entries:  # type: ignore[attr-defined]
        if entry.kind == "sessie":
            if out[-1]:
                out.append([])
            continue
        out[-1].append(entry)
    return out


def longest_stretch(programme: object) -> int:
    """The most minutes in a row without a break (a new session also ends a stretch)."""
    longest = run = 0
    for entry in programme.entries:  # type: ignore[attr-defined]
        run = 0 if entry.kind in ("pauze", "sessie") else run + (entry.minutes or 0)
        longest = max(longest, run)
    return longest


def test_minutes_written_in_the_text_match_the_exercises(library: Library) -> None:
    """The parts and the introduction name each exercise's minutes and each part's total."""
    minutes = {e.letter: e.minutes for e in library.exercises()}
    pattern = re.compile(r"\*\*([A-G])\. [^*]+\*\* \((\d+) minuten\)")
    for item_id in ("inleiding", "deel-1", "deel-2", "deel-3"):
        item = library.get(item_id)
        text = "\n".join(getattr(b, "text", "") for b in item.blocks)  # type: ignore[union-attr]
        found = pattern.findall(text)
        assert found, item_id
        for letter, written in found:
            assert int(written) == minutes[letter], (item_id, letter)
    for part in library.of_kind("part"):
        total = sum(e.minutes for e in library.exercises(part.id))
        text = " ".join(getattr(b, "text", "") for b in part.blocks)
        assert f"Samen duurt dit deel {total} minuten." in text, part.id
    everything = sum(minutes.values())
    intro = " ".join(getattr(b, "text", "") for b in library.get("inleiding").blocks)  # type: ignore[union-attr]
    assert f"Samen duren de oefeningen {everything} minuten" in intro
    practical = " ".join(getattr(b, "text", "") for b in library.get("praktisch").blocks)  # type: ignore[union-attr]
    assert f"samen duren {everything} minuten" in practical


def test_short_routes_state_the_shortened_length(library: Library) -> None:
    for ex in library.exercises():
        said = [int(n) for b in ex.short_route for n in re.findall(r"duurt de oefening (\d+) minuten", b.text)]
        assert said == [ex.minutes_short], ex.id


def test_library_is_cached_until_a_file_changes(write_content: ContentWriter) -> None:
    path = write_content("deel.md", PART)
    first = load_library(path.parent)
    assert load_library(path.parent) is first
    path.write_text(path.read_text(encoding="utf-8").replace("Verkenning", "Verkenning!!"), encoding="utf-8")
    assert load_library(path.parent).get("deel-1").title == "Verkenning!!"  # type: ignore[union-attr]


# Parsing --------------------------------------------------------------------------------------


def test_exercise_is_parsed_into_steps_screens_and_tips(write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    write_content("x.md", EXERCISE)
    library = load_library_uncached(write_content("y.md", PART.replace("deel-1", "deel-9")).parent)
    assert library.errors == [], problems_text(library)
    ex = library.get("oefening-x")
    assert isinstance(ex, Exercise)
    assert [s.title for s in ex.steps] == ["Begin", "Gesprek"]
    assert [s.minutes for s in ex.steps] == [5, 10]
    first = ex.steps[0]
    assert first.screen is not None
    assert first.screen.title == "Welkom"
    assert [line.text for line in first.screen.lines] == ["Fijn dat je er bent"]
    assert first.screen.question == "Wat wil je vandaag leren?"
    assert len(first.tips) == 1 and first.tips[0].children[0].text == "Begin op tijd."
    second = ex.steps[1]
    assert [b.number for b in second.blocks if isinstance(b, ListItem)] == [1, 2]
    assert ex.materials == ("flip-over",)


# Broken content: every problem reported with file and line, the rest still loads ---------------


def load_dir(path: Path) -> Library:
    return load_library_uncached(path.parent)


def test_missing_title_is_reported_and_file_skipped(write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    bad = write_content("kapot.md", "---\nid: kapot\nkind: page\n---\nTekst.\n")
    library = load_dir(bad)
    assert "deel-1" in library.items and "kapot" not in library.items
    assert bad in library.skipped
    assert any(p.path == bad and "'title'" in p.message for p in library.errors)


def test_duplicate_id_names_both_files(write_content: ContentWriter) -> None:
    write_content("a.md", PART)
    second = write_content("b.md", PART)
    library = load_dir(second)
    problem = next(p for p in library.errors if p.path == second)
    assert "deel-1" in problem.message and "a.md" in problem.message


def test_step_minutes_must_add_up(write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    bad = write_content("x.md", EXERCISE.replace("minutes: 15", "minutes: 20"))
    library = load_dir(bad)
    problem = next(p for p in library.errors if p.path == bad)
    assert "15" in problem.message and "20" in problem.message
    assert problem.line == 8  # the line of `minutes:` in the file


def test_step_without_screen_and_gap_in_numbers(write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    text = EXERCISE.replace("::: scherm\nIn tweetallen\n:::\n", "").replace("Stap 2 —", "Stap 3 —")
    bad = write_content("x.md", text)
    messages = [p.message for p in load_dir(bad).errors]
    assert any("schermblok" in m for m in messages)
    assert any("stap 3 had stap 2" in m for m in messages)


def test_unknown_reference_in_exercise_and_programme(write_content: ContentWriter) -> None:
    write_content("x.md", EXERCISE)  # its part does not exist
    prog = write_content(
        "p.md",
        "---\nid: p\nkind: programme\ntitle: P\nminutes_available: 60\nitems:\n"
        "  - ref: oefening-x\n  - ref: bestaat-niet\n  - pauze: 10\n---\nUitleg.\n",
    )
    library = load_dir(prog)
    messages = [p.format(library.root) for p in library.errors]
    assert any(m.startswith("x.md:") and "deel-1" in m for m in messages), messages
    assert any(m.startswith("p.md:8:") and "bestaat-niet" in m for m in messages), messages


def test_placeholders_only_known_and_only_in_handouts(write_content: ContentWriter) -> None:
    page = write_content("page.md", "---\nid: pagina\nkind: page\ntitle: P\n---\nHallo {gemeente}.\n")
    handout = write_content(
        "h.md",
        "---\nid: h\nkind: handout\naudience: ouders\ntitle: H\n---\n"
        "In {gemeente} op {datum}.\n\nBel {telefoon}.\n\n::: contact\n{organisatie}\n{fax}\n:::\n",
    )
    library = load_dir(handout)
    by_file = {(p.path.name, p.line): p.message for p in library.errors}
    assert ("page.md", 6) in by_file
    assert "telefoon" in by_file[("h.md", 9)] and "contact" in by_file[("h.md", 9)]
    assert "fax" in by_file[("h.md", 13)]
    assert not any(line == 7 for name, line in by_file if name == "h.md")
    assert page in library.skipped and handout in library.skipped


def test_invalid_yaml_reports_its_line(write_content: ContentWriter) -> None:
    bad = write_content("y.md", "---\nid: y\nkind: page\ntitle: Een titel: met dubbele punt\n---\nTekst.\n")
    problem = next(p for p in load_dir(bad).errors if p.path == bad)
    assert problem.line == 4
    assert "YAML" in problem.message


def test_unclosed_block_and_unknown_block(write_content: ContentWriter) -> None:
    bad = write_content("z.md", "---\nid: z\nkind: page\ntitle: Z\n---\n::: scherm\nTitel\n\n::: raar\nx\n:::\n")
    messages = {p.line: p.message for p in load_dir(bad).errors}
    assert "niet afgesloten" in messages[6]
    assert "raar" in messages[9]


def test_file_without_front_matter_and_not_utf8(write_content: ContentWriter, tmp_path: Path) -> None:
    plain = write_content("plain.md", "Gewoon tekst\n")
    binary = plain.parent / "bin.md"
    binary.write_bytes(b"---\nid: b\n\xff\xfe\n---\n")
    library = load_dir(plain)
    assert {p.path.name for p in library.errors} == {"plain.md", "bin.md"}
    assert library.items == {}


def test_missing_content_dir_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    library = load_library_uncached(tmp_path / "nope")
    assert library.items == {} and library.errors


def test_programme_entry_needs_minutes_for_non_exercise(write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    prog = write_content(
        "p.md",
        "---\nid: p\nkind: programme\ntitle: P\nminutes_available: 30\nitems:\n"
        "  - ref: deel-1\n  - eigen: Koffie\n    minutes: 45\n---\nUitleg.\n",
    )
    library = load_dir(prog)
    assert any("minutes" in p.message and p.line == 7 for p in library.errors)
    warnings = [p for p in library.problems if p.severity == "warning"]
    assert any("45" in p.message and "30" in p.message for p in warnings)


def test_materials_are_checked_for_the_checklist(write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    empty = write_content("x.md", EXERCISE.replace("materials:\n  - flip-over\n", ""))
    warnings = [p for p in load_dir(empty).problems if p.path == empty]
    assert [p.severity for p in warnings] == ["warning"] and "materials" in warnings[0].message
    blank = write_content("x.md", EXERCISE.replace("  - flip-over\n", "  - flip-over\n  - ''\n"))
    errors = [p for p in load_dir(blank).errors if p.path == blank]
    assert errors and errors[0].line == 11 and "materials" in errors[0].message


# "Krap in tijd" and "Met tolken" ---------------------------------------------------------------

SHORT_ROUTE = """
## Krap in tijd
Kies dit vooraf.

- Stap 2: laat de groep weg en praat alleen in tweetallen. (bespaart 4 min)

## Met tolken
Reken op ongeveer 20 minuten.

## Tips"""


def with_route(route: str) -> str:
    return EXERCISE.replace("\n## Tips", textwrap.dedent(route), 1)


def test_short_route_and_interpreters_are_parsed(write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    path = write_content("x.md", with_route(SHORT_ROUTE))
    library = load_dir(path)
    assert library.problems == [], problems_text(library)
    ex = library.get("oefening-x")
    assert isinstance(ex, Exercise)
    assert [(s.step, s.minutes) for s in ex.shortcuts] == [(2, 4)]
    assert ex.minutes_short == 11
    assert ex.minutes_with_interpreters == 20
    assert [b.text for b in ex.interpreters] == ["Reken op ongeveer 20 minuten."]
    # Both sections are translatable and shown in the reading pane.
    from opvoed_desktop.content.html import Renderer
    from opvoed_desktop.content.units import units

    texts = [u.text for u in units(ex)]
    assert "Kies dit vooraf." in texts and "Reken op ongeveer 20 minuten." in texts
    page = Renderer(library).item(ex)
    assert page.index("Krap in tijd") < page.index("Met tolken") < page.index("Tips")


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("- Stap 7: sla over. (bespaart 2 min)", "stap 7"),  # no such step
        ("- Stap 1: sla over. (bespaart 6 min)", "5 min"),  # step 1 lasts only 5
        ("- Sla stap 2 over.", "Krap in tijd"),  # no step and minutes to read
    ],
)
def test_short_route_lines_are_checked(write_content: ContentWriter, line: str, words: str) -> None:
    write_content("deel.md", PART)
    route = SHORT_ROUTE.replace("- Stap 2: laat de groep weg en praat alleen in tweetallen. (bespaart 4 min)", line)
    path = write_content("x.md", with_route(route))
    library = load_dir(path)
    problem = next(p for p in library.errors if p.path == path)
    assert words in problem.message
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].startswith("- ")


def test_interpreter_minutes_must_match_thirty_percent(write_content: ContentWriter) -> None:
    write_content("deel.md", PART)
    path = write_content("x.md", with_route(SHORT_ROUTE.replace("ongeveer 20 minuten", "ongeveer 30 minuten")))
    library = load_dir(path)
    assert library.errors == []
    warning = next(p for p in library.problems if p.path == path)
    assert "20" in warning.message and "30" in warning.message


@pytest.mark.parametrize(("minutes", "expected"), [(15, 20), (30, 40), (35, 45), (40, 50), (45, 60)])
def test_interpreter_minutes_are_about_thirty_percent_more(minutes: int, expected: int) -> None:
    from opvoed_desktop.content.model import with_interpreters

    assert with_interpreters(minutes) == expected
    assert abs(with_interpreters(minutes) - minutes * 1.3) <= 2.5


def test_every_bundled_exercise_has_a_short_route_and_an_interpreter_line(library: Library) -> None:
    for ex in library.exercises():
        assert ex.shortcuts, ex.id
        assert 0 < ex.minutes_short < ex.minutes, ex.id
        assert ex.interpreters, ex.id
        mentioned = [int(n) for b in ex.interpreters for n in re.findall(r"(\d+) minuten", b.text)]
        assert mentioned[:1] == [ex.minutes_with_interpreters], ex.id
