"""A running presentation: position, black/white screen, the step countdown, the meeting clock,
and the actual start and end of every agenda item (handed to a `TimingRecorder`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from opvoed_desktop.content.agenda import AgendaItem
from opvoed_desktop.services.presenting.room_language import RoomLanguage, RoomSlide
from opvoed_desktop.services.presenting.show import AudienceSlide, Show, Slide, end_slide, pause_slide
from opvoed_desktop.services.presenting.timer import (
    AMBER_SHARE,
    Clock,
    Countdown,
    SystemClock,
    TimerView,
    format_seconds,
)

BLANK_NONE, BLANK_BLACK, BLANK_WHITE = "none", "black", "white"
DEFAULT_PAUSE_MINUTES = 15  # the Z key's break when the agenda has no pause after this point


class TimingRecorder(Protocol):
    """Receives the actual times of agenda items (the storage layer persists them)."""

    def item_started(self, index: int, item: AgendaItem, at: datetime) -> None: ...
    def item_ended(self, index: int, item: AgendaItem, at: datetime) -> None: ...


class NullRecorder:
    def item_started(self, index: int, item: AgendaItem, at: datetime) -> None:
        pass

    def item_ended(self, index: int, item: AgendaItem, at: datetime) -> None:
        pass


class AgendaTimingWriter:
    """A recorder over `MeetingService.update_agenda_item(id, actual_start=…, actual_end=…)`.

    Items without a storage id (a programme presented without a meeting) are skipped. Times
    are stored as naive UTC, the storage layer's convention.
    """

    def __init__(self, update: Callable[..., None]) -> None:
        self._update = update

    def item_started(self, index: int, item: AgendaItem, at: datetime) -> None:
        if item.id:
            self._update(item.id, actual_start=_naive_utc(at))

    def item_ended(self, index: int, item: AgendaItem, at: datetime) -> None:
        if item.id:
            self._update(item.id, actual_end=_naive_utc(at))


def _naive_utc(at: datetime) -> datetime:
    from datetime import UTC

    return at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at


@dataclass(frozen=True, slots=True)
class MeetingClock:
    """Seconds; `schedule_delta` > 0 means behind schedule, < 0 ahead."""

    item_elapsed: float
    item_remaining: float
    meeting_elapsed: float
    meeting_remaining: float
    schedule_delta: float


@dataclass
class Pause:
    """A break: the room sees when the meeting goes on ("we gaan om 20:15 verder") and a
    countdown to that minute. `ends` is monotonic; `resume_at` is the wall-clock minute shown."""

    ends: float
    resume_at: datetime
    total: float

    @classmethod
    def starting(cls, clock: Clock, minutes: int) -> Pause:
        now_m, now = clock.monotonic(), clock.now()
        resume = now + timedelta(minutes=max(1, minutes))
        if resume.second or resume.microsecond:
            # A whole minute to announce; the countdown runs to exactly that minute.
            resume = resume.replace(second=0, microsecond=0) + timedelta(minutes=1)
        seconds = (resume - now).total_seconds()
        return cls(now_m + seconds, resume, seconds)

    def extend(self, seconds: float = 60) -> None:
        self.ends += seconds
        self.resume_at += timedelta(seconds=seconds)
        self.total += seconds

    def view(self, now: float) -> TimerView:
        remaining = self.ends - now
        if remaining <= 0:
            level = "red"
        elif remaining <= self.total * AMBER_SHARE:
            level = "amber"
        else:
            level = "normal"
        text = format_seconds(remaining) if remaining > 0 else "+" + format_seconds(-remaining)
        return TimerView(text, level, True, remaining)


class Presentation:
    def __init__(self, show: Show, clock: Clock | None = None, recorder: TimingRecorder | None = None) -> None:
        self.show = show
        self.clock = clock or SystemClock()
        self.recorder = recorder or NullRecorder()
        self.index = 0
        self.blank = BLANK_NONE
        self.running = False
        self.ended = False
        self.countdown = Countdown(self.clock, 0)
        self.timer_on_screen = False
        self.room = RoomLanguage()
        self.pause: Pause | None = None  # the Z key's break, shown over the current slide
        self._item_pauses: dict[int, Pause] = {}  # the agenda's own breaks, from their first showing
        self._item_started: dict[int, float] = {}  # monotonic, first entry
        self._session_started: dict[int, tuple[float, int]] = {}  # session -> (monotonic, first item)
        self._current_item: int | None = None
        self.listeners: list[Callable[[], None]] = []

    # Navigation -------------------------------------------------------------------------
    @property
    def slide(self) -> Slide | None:
        return self.show.slides[self.index] if self.show.slides else None

    @property
    def next_slide(self) -> Slide | None:
        nxt = self.index + 1
        return self.show.slides[nxt] if nxt < len(self.show.slides) else None

    @property
    def at_end(self) -> bool:
        return self.index >= len(self.show.slides) - 1

    def start(self, index: int = 0) -> None:
        """Begin (or restart) the show at slide `index`; F5 and Shift+F5."""
        self.running = True
        self.ended = False
        self.blank = BLANK_NONE
        self.go(index, force=True)

    def start_at_item(self, item_index: int) -> None:
        self.start(self.show.first_slide_of(item_index))

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def first(self) -> None:
        self.go(0)

    def last(self) -> None:
        self.go(len(self.show.slides) - 1)

    def jump(self, number: int) -> bool:
        """Go to slide `number` (1-based, as in the overview); False if there is no such slide."""
        if not 1 <= number <= len(self.show.slides):
            return False
        self.go(number - 1)
        return True

    def go(self, index: int, force: bool = False) -> None:
        if not self.show.slides:
            return
        index = max(0, min(index, len(self.show.slides) - 1))
        if index == self.index and not force:
            return
        self.index = index
        # Moving on un-blanks the screen, as PowerPoint does: the facilitator wants the room back.
        self.blank = BLANK_NONE
        self.pause = None
        slide = self.show.slides[index]
        self.countdown.reset(slide.minutes * 60, keep_running=True)
        if slide.audience.style == "pause" and slide.item_index not in self._item_pauses:
            self._item_pauses[slide.item_index] = Pause.starting(self.clock, slide.minutes)
        if not slide.is_holding:  # people are still coming in: no item has started
            self._enter_item(slide.item_index)
        self._changed()

    def _enter_item(self, item_index: int) -> None:
        if item_index == self._current_item:
            return
        now_m, now = self.clock.monotonic(), self.clock.now()
        if self._current_item is not None:
            self.recorder.item_ended(self._current_item, self.show.items[self._current_item], now)
        self._current_item = item_index
        if item_index not in self._item_started:
            self._item_started[item_index] = now_m
            self.recorder.item_started(item_index, self.show.items[item_index], now)
        session = self.show.session_bounds(item_index)[0]
        self._session_started.setdefault(session, (now_m, item_index))

    def end(self) -> None:
        """Esc: stop presenting; the current item gets its end time."""
        if self._current_item is not None and not self.ended:
            self.recorder.item_ended(self._current_item, self.show.items[self._current_item], self.clock.now())
        self._current_item = None
        self.running = False
        self.ended = True
        self._changed()

    # Screen -----------------------------------------------------------------------------
    def toggle_blank(self, kind: str) -> None:
        self.blank = BLANK_NONE if self.blank == kind else kind
        self._changed()

    def toggle_pause(self) -> None:
        """Z: the pause slide, with the time the meeting goes on, over whatever is on screen; again: back."""
        if self.pause is not None:
            self.pause = None
        else:
            self.pause = Pause.starting(self.clock, self.pause_minutes())
            self.blank = BLANK_NONE
        self._changed()

    def pause_minutes(self) -> int:
        """The length of the next break on the agenda (from the current item on), else 15 minutes."""
        start = self.slide.item_index if self.slide is not None else 0
        for item in self.show.items[start:]:
            if item.kind == "pause" and item.minutes > 0:
                return item.minutes
        return DEFAULT_PAUSE_MINUTES

    def current_pause(self) -> Pause | None:
        """The break the room sees now: the Z key's, or the agenda's pause item on screen."""
        if self.pause is not None:
            return self.pause
        slide = self.slide
        if slide is not None and not self.ended and slide.audience.style == "pause":
            return self._item_pauses.get(slide.item_index)
        return None

    def toggle_timer_on_screen(self) -> None:
        self.timer_on_screen = not self.timer_on_screen
        self._changed()

    def set_room(self, room: RoomLanguage) -> None:
        """Show the audience slides in another language from now on (the position is kept)."""
        self.room = room
        self._changed()

    def public(self, slide: AudienceSlide) -> AudienceSlide:
        """A slide as the room sees it: in the room's language."""
        return self.room.slide(slide)

    def audience(self) -> AudienceSlide | None:
        """The public slide in the room's language, or None when the screen is blanked."""
        if self.blank != BLANK_NONE:
            return None
        if self.ended or self.slide is None:
            return self.room.slide(end_slide())
        pause = self.current_pause()
        if pause is not None:
            return self.room.slide(pause_slide(pause.resume_at.strftime("%H:%M")))
        return self.room.slide(self.slide.audience)

    def room_state(self) -> RoomSlide | None:
        """The current slide's translation state, for the facilitator (never for the room)."""
        slide = self.slide
        return self.room.translate(slide.audience) if slide is not None and not self.ended else None

    def audience_timer(self) -> TimerView | None:
        slide = self.slide
        if slide is None or self.ended or self.blank != BLANK_NONE:
            return None
        pause = self.current_pause()
        if pause is not None:
            return pause.view(self.clock.monotonic())
        return self.countdown.view() if self.timer_on_screen else None

    def timer_view(self) -> TimerView:
        """The console's timer: the break's countdown during a pause, else the step's."""
        pause = self.current_pause()
        return pause.view(self.clock.monotonic()) if pause is not None else self.countdown.view()

    # Clock ------------------------------------------------------------------------------
    def meeting_clock(self) -> MeetingClock:
        slide = self.slide
        if slide is None or slide.item_index not in self._item_started:
            return MeetingClock(0, 0, 0, 0, 0)
        now = self.clock.monotonic()
        items = self.show.items
        current = slide.item_index
        first, last = self.show.session_bounds(current)
        item_planned = items[current].minutes * 60
        item_elapsed = now - self._item_started[current]
        # Planned from the item where this session was started: starting mid-agenda is not "ahead".
        session_start, first_item = self._session_started.get(first, (now, current))
        meeting_elapsed = now - session_start
        planned_total = sum(i.minutes for i in items[first_item : last + 1]) * 60
        planned_after = sum(i.minutes for i in items[current + 1 : last + 1]) * 60
        projected_end = meeting_elapsed + max(0.0, item_planned - item_elapsed) + planned_after
        return MeetingClock(
            item_elapsed,
            item_planned - item_elapsed,
            meeting_elapsed,
            planned_total - meeting_elapsed,
            projected_end - planned_total,
        )

    # Timer ------------------------------------------------------------------------------
    def timer_toggle(self) -> None:
        self.countdown.toggle()
        self._changed()

    def timer_add_minute(self) -> None:
        """+: one more minute for the step, or during a break one minute later back."""
        pause = self.current_pause()
        if pause is not None:
            pause.extend(60)
        else:
            self.countdown.add(60)
        self._changed()

    def timer_reset(self) -> None:
        slide = self.slide
        self.countdown.reset(slide.minutes * 60 if slide else 0)
        self._changed()

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()
