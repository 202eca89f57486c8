"""Checks that need more than one field: exercise structure, screens, references (placeholders:
placeholders.py)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opvoed_desktop.content.images import ImageError, check_name, image_path, probe
from opvoed_desktop.content.markdown import IMAGE_LINE, iter_text_blocks, screen_from_block
from opvoed_desktop.content.model import (
    CAPTURES,
    Block,
    Exercise,
    Heading,
    Item,
    Library,
    ListItem,
    Paragraph,
    Problem,
    Programme,
    ProgrammeEntry,
    Shortcut,
    Special,
    Step,
    with_interpreters,
)
from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.content.loader import FileProblems

STEP_HEADING = re.compile(r"^Stap\s+(\d+)\s*[—–-]\s*(.+?)\s*\((\d+)\s*min\.?\)\s*$")
SECTIONS = ("Doel", "Voorbereiding", "Stap", "Krap in tijd", "Met tolken", "Tips", "Vastleggen")
SECTION_LIST = "Doel, Voorbereiding, Stap N — …, Krap in tijd, Met tolken, Tips, Vastleggen"
# "- Stap 3: lees er tien voor in plaats van alle. (bespaart 4 min)"
SHORTCUT = re.compile(r"^Stap\s+(\d+)\b.*\(bespaart\s+(\d+)\s*min\.?\)\s*$", re.DOTALL)
MINUTES_IN_TEXT = re.compile(r"(\d+)\s*minuten")
SCREEN_TITLE_MAX = 60
SCREEN_LINES_MAX = 4


def build_exercise(meta: dict[str, Any], line_of: Any, common: dict[str, Any], found: FileProblems) -> Exercise | None:
    for key in ("part", "letter", "minutes", "capture"):
        if meta.get(key) in (None, ""):
            found.error(line_of(key), _("het veld '{key}' ontbreekt").format(key=key))
    minutes = meta.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
        found.error(line_of("minutes"), _("'minutes' moet een heel getal zijn"))
        minutes = 0
    letter = str(meta.get("letter") or "")
    if letter and not re.fullmatch(r"[A-Z]", letter):
        found.error(line_of("letter"), _("'letter' moet één hoofdletter zijn (A–Z)"))
    capture = meta.get("capture") or "notes"
    if capture not in CAPTURES:
        found.error(
            line_of("capture"),
            _("'capture' moet een van deze zijn: {values}").format(values=", ".join(CAPTURES)),
        )
    materials = meta.get("materials") or []
    if not isinstance(materials, list) or not all(isinstance(m, str) and m.strip() for m in materials):
        found.error(line_of("materials"), _("'materials' moet een lijst van regels met tekst zijn"))
        materials = []
    elif not materials:
        # The materials checklist printed from a meeting's agenda would have nothing for this exercise.
        found.warn(line_of("materials"), _("'materials' ontbreekt: de materialenlijst blijft leeg voor deze oefening"))
    materials = [" ".join(m.split()) for m in materials]
    sections = _split_sections(common["blocks"], found)
    steps = _build_steps(sections.get("Stap", []), found)
    total = sum(s.minutes for s in steps)
    if isinstance(minutes, int) and steps and total != minutes:
        found.error(
            line_of("minutes"),
            _("de stappen duren samen {total} min, maar 'minutes' zegt {minutes}").format(total=total, minutes=minutes),
        )
    shortcuts = _shortcuts(sections.get("Krap in tijd", []), steps, found)
    interpreters = tuple(b for _h, bl in sections.get("Met tolken", []) for b in bl)
    if isinstance(minutes, int) and interpreters:
        _check_interpreter_minutes(interpreters, minutes, found)
    if found.has_errors:
        return None
    return Exercise(
        **common,
        part=str(meta["part"]),
        letter=letter,
        minutes=int(minutes or 0),
        group_form=str(meta.get("group_form") or ""),
        group_size=str(meta.get("group_size") or ""),
        materials=tuple(materials),
        capture=capture,
        goal=tuple(b for _h, bl in sections.get("Doel", []) for b in bl),
        preparation=tuple(b for _h, bl in sections.get("Voorbereiding", []) for b in bl),
        steps=tuple(steps),
        tips=tuple(b for _h, bl in sections.get("Tips", []) for b in bl),
        capture_text=tuple(b for _h, bl in sections.get("Vastleggen", []) for b in bl),
        short_route=tuple(b for _h, bl in sections.get("Krap in tijd", []) for b in bl),
        shortcuts=tuple(shortcuts),
        interpreters=interpreters,
    )


def _shortcuts(raw: list[tuple[Heading, list[Block]]], steps: list[Step], found: FileProblems) -> list[Shortcut]:
    """The list items of "Krap in tijd", each naming a step and the minutes it saves."""
    by_number = {s.number: s for s in steps}
    shortcuts: list[Shortcut] = []
    for _heading, blocks in raw:
        for block in blocks:
            if not isinstance(block, ListItem):
                continue  # a paragraph may explain the route
            match = SHORTCUT.match(block.text)
            if not match:
                found.error(
                    block.line,
                    _("schrijf een regel van 'Krap in tijd' als '- Stap 3: wat je korter doet (bespaart 4 min)'"),
                )
                continue
            number, saves = int(match.group(1)), int(match.group(2))
            step = by_number.get(number)
            if step is None:
                found.error(block.line, _("'Krap in tijd' noemt stap {n}, maar die bestaat niet").format(n=number))
            elif saves <= 0 or saves > step.minutes:
                found.error(
                    block.line,
                    _("stap {n} duurt {minutes} min; hij kan niet {saves} min korter").format(
                        n=number, minutes=step.minutes, saves=saves
                    ),
                )
            else:
                shortcuts.append(Shortcut(number, saves, block.text, block.line))
    seen: set[int] = set()
    for shortcut in shortcuts:
        if shortcut.step in seen:
            found.error(shortcut.line, _("stap {n} staat twee keer in 'Krap in tijd'").format(n=shortcut.step))
        seen.add(shortcut.step)
    return shortcuts


def _check_interpreter_minutes(blocks: tuple[Block, ...], minutes: int, found: FileProblems) -> None:
    """ "Met tolken" names the length with interpreters: about 30% more, as the app computes it."""
    expected = with_interpreters(minutes)
    for block in iter_text_blocks(blocks):
        for number in MINUTES_IN_TEXT.findall(block.text):
            if int(number) != expected:
                found.warn(
                    block.line,
                    _("met tolken duurt een oefening van {minutes} min ongeveer {expected} min, niet {n}").format(
                        minutes=minutes, expected=expected, n=number
                    ),
                )
            return


def _split_sections(blocks: tuple[Block, ...], found: FileProblems) -> dict[str, list[tuple[Heading, list[Block]]]]:
    sections: dict[str, list[tuple[Heading, list[Block]]]] = {}
    current: list[Block] | None = None
    last_rank = -1
    for block in blocks:
        if isinstance(block, Heading) and block.level == 2:
            name = "Stap" if block.text.startswith("Stap") else block.text.strip()
            if name not in SECTIONS:
                found.error(
                    block.line,
                    _("onbekende sectie '{name}'; een oefening kent: {known}").format(
                        name=block.text, known=SECTION_LIST
                    ),
                )
                current = None
                continue
            rank = SECTIONS.index(name)
            if rank < last_rank:
                found.error(
                    block.line,
                    _("de sectie '{name}' staat niet op zijn plaats; volgorde: {known}").format(
                        name=block.text, known=SECTION_LIST
                    ),
                )
            last_rank = max(last_rank, rank)
            current = []
            sections.setdefault(name, []).append((block, current))
        elif current is None:
            found.error(block.line, _("tekst vóór de eerste sectie; begin met '## Doel'"))
        else:
            current.append(block)
    for name in ("Doel", "Stap"):
        if name not in sections:
            found.error(1, _("de oefening mist de sectie '{name}'").format(name=name))
    return sections


def _build_steps(raw: list[tuple[Heading, list[Block]]], found: FileProblems) -> list[Step]:
    steps: list[Step] = []
    for expected, (heading, blocks) in enumerate(raw, start=1):
        match = STEP_HEADING.match(heading.text)
        if not match:
            found.error(
                heading.line,
                _("een stap heet '## Stap {n} — Titel (10 min)'; hier staat '{text}'").format(
                    n=expected, text=heading.text
                ),
            )
            continue
        number, title, minutes = int(match.group(1)), match.group(2), int(match.group(3))
        if number != expected:
            found.error(
                heading.line,
                _("stap {number} had stap {expected} moeten zijn (nummers zonder gaten)").format(
                    number=number, expected=expected
                ),
            )
        screens = [b for b in blocks if isinstance(b, Special) and b.kind == "scherm"]
        if len(screens) != 1:
            found.error(
                heading.line,
                _("stap {n} heeft {count} schermblokken; elke stap heeft er precies één").format(
                    n=number, count=len(screens)
                ),
            )
        tips = tuple(b for b in blocks if isinstance(b, Special) and b.kind == "tip")
        rest = tuple(b for b in blocks if not (isinstance(b, Special) and b.kind in ("scherm", "tip")))
        steps.append(
            Step(
                number=number,
                title=title,
                minutes=minutes,
                line=heading.line,
                blocks=rest,
                screen=screen_from_block(screens[0]) if screens else None,
                tips=tips,
            )
        )
    return steps


def check_screens(item: Item, found: FileProblems, content_root: Path) -> None:
    for block in _specials(item.blocks, "scherm"):
        screen = screen_from_block(block)
        _check_images(block, found, content_root)
        if not screen.title:
            found.error(block.line, _("een schermblok begint met een titelregel"))
        elif len(screen.title) > SCREEN_TITLE_MAX:
            found.warn(
                block.line + 1,
                _("de schermtitel is {n} tekens; houd hem onder {max} voor de beamer").format(
                    n=len(screen.title), max=SCREEN_TITLE_MAX
                ),
            )
        if len(screen.lines) > SCREEN_LINES_MAX:
            found.warn(
                block.line,
                _("het scherm heeft {n} regels; meer dan {max} wordt klein op de beamer").format(
                    n=len(screen.lines), max=SCREEN_LINES_MAX
                ),
            )


def _check_images(block: Special, found: FileProblems, content_root: Path) -> None:
    pictures = [c for c in block.children if isinstance(c, Paragraph) and IMAGE_LINE.match(c.text)]
    for n, child in enumerate(pictures):
        name = IMAGE_LINE.match(child.text).group(1)  # type: ignore[union-attr]
        if n > 0:
            found.error(child.line, _("een schermblok heeft hooguit één regel 'Afbeelding:'"))
            continue
        if not name:
            found.error(child.line, _("na 'Afbeelding:' hoort de bestandsnaam van de afbeelding"))
            continue
        problem = check_name(name)
        if problem is None:
            try:
                probe(image_path(content_root, name))
            except ImageError as exc:
                problem = str(exc)
        if problem is not None:
            found.error(child.line, problem)


def _specials(blocks: tuple[Block, ...], kind: str) -> list[Special]:
    return [b for b in blocks if isinstance(b, Special) and b.kind == kind]


def check_cross_references(library: Library) -> None:
    """References between files: exercise parts and programme entries. Resolves programme minutes."""
    for item in list(library.items.values()):
        if isinstance(item, Exercise):
            part = library.get(item.part)
            if part is None or part.kind != "part":
                library.problems.append(
                    Problem(
                        item.source,
                        2,
                        _("'part: {part}' verwijst niet naar een deel (deel-1, deel-2, …)").format(part=item.part),
                    )
                )
        if isinstance(item, Programme):
            library.items[item.id] = _resolve_programme(item, library)


def _resolve_programme(programme: Programme, library: Library) -> Programme:
    resolved: list[ProgrammeEntry] = []
    for entry in programme.entries:
        if entry.kind != "ref":
            resolved.append(entry)
            continue
        target = library.get(entry.ref or "")
        if target is None:
            library.problems.append(
                Problem(
                    programme.source,
                    entry.line,
                    _("'ref: {ref}' verwijst naar iets dat niet bestaat").format(ref=entry.ref),
                )
            )
            continue
        minutes = entry.minutes
        if minutes is None and isinstance(target, Exercise):
            minutes = target.minutes
        if minutes is None:
            library.problems.append(
                Problem(
                    programme.source,
                    entry.line,
                    _("'ref: {ref}' is geen oefening; geef 'minutes:' erbij").format(ref=entry.ref),
                )
            )
            minutes = 0
        resolved.append(dataclasses.replace(entry, minutes=minutes, title=target.title))
    result = dataclasses.replace(programme, entries=tuple(resolved))
    if result.minutes_planned > result.minutes_available:
        library.problems.append(
            Problem(
                programme.source,
                2,
                _("het programma duurt {planned} min, meer dan de {available} min beschikbaar").format(
                    planned=result.minutes_planned, available=result.minutes_available
                ),
                "warning",
            )
        )
    return result


def text_units(item: Item) -> list[str]:
    """Every text of an item in reading order: the title, summary and each block's text."""
    units = [item.title]
    if item.summary:
        units.append(item.summary)
    units.extend(b.text for b in iter_text_blocks(item.blocks))
    return units
