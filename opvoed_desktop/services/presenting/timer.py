"""Countdown and clocks with an injectable time source, so tests can move time by hand."""

from __future__ import annotations

import time as _time
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

AMBER_SHARE = 0.2


class Clock(Protocol):
    def monotonic(self) -> float: ...
    def now(self) -> datetime: ...


class SystemClock:
    def monotonic(self) -> float:
        return _time.monotonic()

    def now(self) -> datetime:
        return datetime.now().astimezone()


class ManualClock:
    """A clock for tests and demos: time only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._t = 1000.0
        self._start = start or datetime(2025, 3, 1, 19, 0).astimezone()

    def advance(self, seconds: float) -> None:
        self._t += seconds

    def monotonic(self) -> float:
        return self._t

    def now(self) -> datetime:
        from datetime import timedelta

        return self._start + timedelta(seconds=self._t - 1000.0)


@dataclass(frozen=True, slots=True)
class TimerView:
    """A countdown as shown: `text` like "04:59" or "+01:20" (overrun); level normal/amber/red."""

    text: str
    level: str
    running: bool
    remaining: float


def format_seconds(seconds: float, signed: bool = False) -> str:
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))  # a countdown shows 00:01 until it is really 0
    sign = ("-" if seconds < 0 else "+") if signed and whole else ""
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    body = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
    return sign + body


class Countdown:
    def __init__(self, clock: Clock, seconds: float = 0) -> None:
        self._clock = clock
        self.total = float(seconds)
        self._used = 0.0  # seconds counted before the current run
        self._since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def elapsed(self) -> float:
        extra = self._clock.monotonic() - self._since if self._since is not None else 0.0
        return self._used + extra

    @property
    def remaining(self) -> float:
        return self.total - self.elapsed

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock.monotonic()

    def pause(self) -> None:
        if self._since is not None:
            self._used = self.elapsed
            self._since = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def add(self, seconds: float = 60) -> None:
        self.total += seconds

    def reset(self, seconds: float | None = None, keep_running: bool = False) -> None:
        was_running = self.running
        if seconds is not None:
            self.total = float(seconds)
        self._used = 0.0
        self._since = None
        if keep_running and was_running:
            self.start()

    @property
    def level(self) -> str:
        remaining = self.remaining
        if remaining <= 0 and (self.total > 0 or self.elapsed > 0):
            return "red"
        if self.total > 0 and remaining <= self.total * AMBER_SHARE:
            return "amber"
        return "normal"

    def view(self) -> TimerView:
        remaining = self.remaining
        text = format_seconds(remaining) if remaining > 0 else "+" + format_seconds(-remaining)
        return TimerView(text, self.level, self.running, remaining)
