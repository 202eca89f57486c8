"""Translatable units of the content: every heading, paragraph, list item, slide line and field.

The same function feeds the gettext extractor (content.pot) and the code that shows a translated
item, so the msgids used for lookup are exactly the ones translators saw.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from opvoed_desktop.content.markdown import screen_from_block
from opvoed_desktop.content.model import Block, Exercise, Item, Programme, Special

_QUESTION = re.compile(r"^Vraag:\s*")


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    line: int
    role: str  # a hint for translators: title, heading, paragraph, item, screen-title, question, …


def units(item: Item) -> Iterator[Unit]:
    yield Unit(item.title, 1, "title")
    if item.summary:
        yield Unit(item.summary, 1, "summary")
    if isinstance(item, Exercise):
        yield from _exercise_units(item)
    elif isinstance(item, Programme):
        yield from _block_units(item.blocks)
        for entry in item.entries:
            if entry.kind in ("eigen", "sessie") and entry.title:
                yield Unit(entry.title, entry.line, "agenda-item")
    else:
        yield from _block_units(item.blocks)


def _exercise_units(ex: Exercise) -> Iterator[Unit]:
    for field in (ex.group_form, ex.group_size):
        if field:
            yield Unit(field, 1, "field")
    for material in ex.materials:
        yield Unit(material, 1, "material")
    yield from _block_units(ex.goal)
    yield from _block_units(ex.preparation)
    for step in ex.steps:
        yield Unit(step.title, step.line, "step-title")
        yield from _block_units(step.blocks)
        if step.screen is not None:
            yield from _screen_units(step.screen.title, step.screen.lines, step.screen.question, step.screen.line)
        for tip in step.tips:
            yield from _block_units(tip.children, "tip")
    yield from _block_units(ex.short_route)
    yield from _block_units(ex.interpreters)
    yield from _block_units(ex.tips)
    yield from _block_units(ex.capture_text)


def _screen_units(title: str, lines: tuple[Block, ...], question: str | None, line: int) -> Iterator[Unit]:
    if title:
        yield Unit(title, line + 1, "screen-title")
    for entry in lines:
        yield Unit(entry.text, entry.line, "screen-line")  # type: ignore[union-attr]
    if question:
        yield Unit(question, line, "question")


def _block_units(blocks: tuple[Block, ...], role: str | None = None) -> Iterator[Unit]:
    for block in blocks:
        if isinstance(block, Special):
            if block.kind == "scherm":
                screen = screen_from_block(block)
                yield from _screen_units(screen.title, screen.lines, screen.question, block.line)
            else:
                yield from _block_units(block.children, block.kind)
            continue
        kind = type(block).__name__.lower()
        yield Unit(block.text, block.line, role or kind)
