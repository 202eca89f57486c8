"""The toolkit as typed, immutable data. Built by the loader, read by services, UI and documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("page", "part", "exercise", "background", "appendix", "brochure", "handout", "programme", "template")
CAPTURES = ("notes", "strengths", "agreements", "wishes")


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    line: int
    level: int = 2


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class ListItem:
    text: str
    line: int
    ordered: bool = False
    number: int = 0


@dataclass(frozen=True, slots=True)
class Special:
    """A `::: kind` … `:::` block; `children` are its units (paragraphs and list items)."""

    kind: str
    line: int
    children: tuple[Block, ...] = ()


Block = Heading | Paragraph | ListItem | Special
TextBlock = Heading | Paragraph | ListItem


@dataclass(frozen=True, slots=True)
class Screen:
    """What the room sees: a big title, a few short lines, optionally a question and a picture.

    `image` is a file name in the content's `afbeeldingen/` folder (see `content.images`).
    """

    title: str
    lines: tuple[Paragraph | ListItem, ...]
    question: str | None
    line: int
    image: str | None = None


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    title: str
    minutes: int
    line: int
    blocks: tuple[Block, ...]
    screen: Screen | None
    tips: tuple[Special, ...]


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    title: str
    order: int
    source: Path
    blocks: tuple[Block, ...]
    summary: str = ""
    number: int | None = None
    audience: str | None = None

    @property
    def screens(self) -> tuple[Screen, ...]:
        from opvoed_desktop.content.markdown import screen_from_block

        return tuple(screen_from_block(b) for b in self.blocks if isinstance(b, Special) and b.kind == "scherm")


@dataclass(frozen=True, slots=True)
class Shortcut:
    """One line of an exercise's "Krap in tijd" route: which step to shorten and what it saves."""

    step: int
    minutes: int
    text: str
    line: int


def with_interpreters(minutes: int) -> int:
    """About 30% longer, to the nearest five minutes: what a room with interpreters needs."""
    return (minutes * 13 + 25) // 50 * 5


@dataclass(frozen=True)
class Exercise(Item):
    part: str = ""
    letter: str = ""
    minutes: int = 0
    group_form: str = ""
    group_size: str = ""
    materials: tuple[str, ...] = ()
    capture: str = "notes"
    goal: tuple[Block, ...] = ()
    preparation: tuple[Block, ...] = ()
    steps: tuple[Step, ...] = ()
    tips: tuple[Block, ...] = ()
    capture_text: tuple[Block, ...] = ()
    short_route: tuple[Block, ...] = ()  # the "Krap in tijd" section as written
    shortcuts: tuple[Shortcut, ...] = ()  # its lines, parsed: step and minutes saved
    interpreters: tuple[Block, ...] = ()  # the "Met tolken" section

    @property
    def screens(self) -> tuple[Screen, ...]:
        return tuple(s.screen for s in self.steps if s.screen is not None)

    @property
    def minutes_short(self) -> int:
        """The length when every shortcut of the "Krap in tijd" route is taken."""
        return self.minutes - sum(s.minutes for s in self.shortcuts)

    @property
    def minutes_with_interpreters(self) -> int:
        return with_interpreters(self.minutes)


@dataclass(frozen=True, slots=True)
class ProgrammeEntry:
    """One line of a programme: kind is "ref", "pauze", "eigen" or "sessie"."""

    kind: str
    title: str = ""
    ref: str | None = None
    minutes: int | None = None
    line: int = 0


@dataclass(frozen=True)
class Programme(Item):
    minutes_available: int = 0
    entries: tuple[ProgrammeEntry, ...] = ()

    @property
    def minutes_planned(self) -> int:
        return sum(e.minutes or 0 for e in self.entries)


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    line: int
    message: str
    severity: str = "error"

    def format(self, root: Path | None = None) -> str:
        shown = self.path
        if root is not None:
            try:
                shown = self.path.relative_to(root)
            except ValueError:
                shown = self.path
        prefix = "" if self.severity == "error" else "waarschuwing: "
        return f"{shown}:{self.line}: {prefix}{self.message}"


@dataclass
class Library:
    """All valid items by id, plus every problem found while loading."""

    root: Path
    items: dict[str, Item] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    def get(self, item_id: str) -> Item | None:
        return self.items.get(item_id)

    def image_path(self, name: str) -> Path:
        """Where a slide's picture (`Afbeelding: name`) lives."""
        from opvoed_desktop.content.images import image_path

        return image_path(self.root, name)

    def of_kind(self, kind: str) -> list[Item]:
        return sorted((i for i in self.items.values() if i.kind == kind), key=lambda i: (i.order, i.id))

    def exercises(self, part: str | None = None) -> list[Exercise]:
        return [i for i in self.of_kind("exercise") if isinstance(i, Exercise) and (part is None or i.part == part)]

    def programmes(self) -> list[Programme]:
        return [i for i in self.of_kind("programme") if isinstance(i, Programme)]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
