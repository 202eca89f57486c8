"""A show: the agenda turned into slides, each with a public face and a private one.

`AudienceSlide` is the only thing the audience window ever receives. It holds plain strings taken
from `::: scherm` blocks, titles and minutes, and the path of the slide's picture — it has no
field in which instructions, tips or notes could travel, so a mistake elsewhere cannot put them
on the beamer.

Its texts are Dutch, the source: the room's language is chosen separately from the interface
(`room_language.RoomLanguage` translates a slide just before it is shown).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from opvoed_desktop.content.agenda import AgendaItem
from opvoed_desktop.content.model import Block, Exercise, Library, ListItem, Screen, Special
from opvoed_desktop.i18n import _
from opvoed_desktop.textdir import isolate


def N_(message: str) -> str:
    """Mark a Dutch phrase for the room: extracted for translators, translated later in the room's
    language rather than now in the interface's."""
    return message


PAUSE_TITLE = N_("Pauze")
PAUSE_MINUTES = N_("{n} minuten")
RESUME_AT = N_("We gaan om {time} verder")
END_TITLE = N_("Bedankt voor uw komst")
HOLDING = "holding"  # the style of the slide the room sees while people come in


@dataclass(frozen=True, slots=True)
class AudienceLine:
    text: str
    bullet: bool = False


@dataclass(frozen=True, slots=True)
class AudienceSlide:
    """What the room sees. `style` is "content", "title", "pause", "holding" (before the first
    item) or "end"; `image` is a picture file shown beside or below the text."""

    title: str
    lines: tuple[AudienceLine, ...] = ()
    question: str | None = None
    style: str = "content"
    image: Path | None = None


@dataclass(frozen=True, slots=True)
class Slide:
    """One position in the show, for the facilitator: the public slide plus private guidance."""

    number: int  # 1-based, as shown in the overview and used by number + Enter
    item_index: int
    label: str
    minutes: int
    audience: AudienceSlide
    instructions: tuple[Block, ...] = ()
    tips: tuple[Special, ...] = ()
    step: int | None = None
    caption: str = ""  # short, under its agenda item in the overview

    @property
    def is_holding(self) -> bool:
        """The welcome slide before the first item: it belongs to no item and records no time."""
        return self.audience.style == HOLDING


@dataclass(frozen=True)
class Show:
    items: tuple[AgendaItem, ...]
    slides: tuple[Slide, ...]

    def first_slide_of(self, item_index: int) -> int:
        for i, slide in enumerate(self.slides):
            if slide.item_index >= item_index and not slide.is_holding:
                return i
        return max(0, len(self.slides) - 1)

    def slides_of(self, item_index: int) -> list[Slide]:
        return [s for s in self.slides if s.item_index == item_index]

    def session_bounds(self, item_index: int) -> tuple[int, int]:
        """Indexes [first, last] of the items of the session that holds `item_index`."""
        first, last = 0, len(self.items) - 1
        for i in range(item_index, -1, -1):
            if self.items[i].kind == "session":
                first = i
                break
        for i in range(item_index + 1, len(self.items)):
            if self.items[i].kind == "session":
                last = i - 1
                break
        return first, last


def audience_from_screen(screen: Screen, library: Library) -> AudienceSlide:
    lines = tuple(AudienceLine(line.text, isinstance(line, ListItem)) for line in screen.lines)
    image = library.image_path(screen.image) if screen.image else None
    return AudienceSlide(screen.title, lines, screen.question, image=image)


def holding_slide(title: str, venue: str = "", when: str = "") -> AudienceSlide | None:
    """The meeting's title, venue and time, for the room while people come in (None without a title)."""
    lines = tuple(AudienceLine(text.strip()) for text in (venue, when) if text.strip())
    if not title.strip():
        return None
    return AudienceSlide(title.strip(), lines, style=HOLDING)


def pause_slide(resume_at: str) -> AudienceSlide:
    """A break as the room sees it: "Pauze — we gaan om 20:15 verder" (the countdown is added)."""
    return AudienceSlide(PAUSE_TITLE, (AudienceLine(RESUME_AT.format(time=resume_at)),), style="pause")


def build_show(items: Sequence[AgendaItem], library: Library, holding: AudienceSlide | None = None) -> Show:
    """The slides of an agenda; `holding` (see `holding_slide`) comes first when given."""
    slides: list[Slide] = []

    def add(item_index: int, label: str, minutes: int, audience: AudienceSlide, **private: object) -> None:
        slides.append(Slide(len(slides) + 1, item_index, label, minutes, audience, **private))  # type: ignore[arg-type]

    if holding is not None and items:
        add(0, _("Welkomstscherm"), 0, holding)
    for index, item in enumerate(items):
        target = library.get(item.ref) if item.ref else None
        if item.kind == "exercise" and isinstance(target, Exercise) and target.steps:
            for step in target.steps:
                screen = audience_from_screen(step.screen, library) if step.screen else AudienceSlide(step.title)
                # Titles isolated: in an Arabic "الخطوة 1: …" a Dutch "Waar verschilde het beeld?"
                # keeps its question mark at its end (the labels are for the console only).
                label = _("{item} — stap {n}: {title}").format(
                    item=isolate(item.title), n=step.number, title=isolate(step.title)
                )
                caption = _("Stap {n}: {title}").format(n=step.number, title=isolate(step.title))
                add(
                    index,
                    label,
                    step.minutes,
                    screen,
                    instructions=step.blocks,
                    tips=step.tips,
                    step=step.number,
                    caption=caption,
                )
        elif item.kind == "background" and target is not None and target.screens:
            screens = target.screens
            # The page's own text (everything but its slides) is background for the facilitator.
            notes = tuple(b for b in target.blocks if not (isinstance(b, Special) and b.kind == "scherm"))
            share = item.minutes // len(screens) if item.minutes else 0
            for n, page in enumerate(screens, start=1):
                label = _("{item} — scherm {n} van {total}").format(item=isolate(item.title), n=n, total=len(screens))
                caption = _("Scherm {n}: {title}").format(n=n, title=isolate(page.title))
                add(index, label, share, audience_from_screen(page, library), caption=caption, instructions=notes)
        elif item.kind == "pause":
            minutes = PAUSE_MINUTES.format(n=item.minutes)
            add(index, item.title, item.minutes, AudienceSlide(PAUSE_TITLE, (AudienceLine(minutes),), style="pause"))
        elif item.kind == "session":
            add(index, item.title, 0, AudienceSlide(item.title, style="title"))
        else:
            add(index, item.title, item.minutes, AudienceSlide(item.title, style="title"))
    return Show(tuple(items), tuple(slides))


def end_slide() -> AudienceSlide:
    return AudienceSlide(END_TITLE, style="end")
