"""Presenting a meeting without Qt: agenda planning, the show, navigation, timers, key actions."""

from opvoed_desktop.content.agenda import AgendaItem, AgendaPlan, Fit, ScheduledItem, items_from_programme
from opvoed_desktop.services.presenting.notes import MeetingNoteSink, MemoryNoteSink, NoteSink
from opvoed_desktop.services.presenting.room_language import RoomLanguage, RoomSlide, load_room_language
from opvoed_desktop.services.presenting.session import (
    AgendaTimingWriter,
    MeetingClock,
    NullRecorder,
    Presentation,
    TimingRecorder,
)
from opvoed_desktop.services.presenting.show import AudienceLine, AudienceSlide, Show, Slide, build_show
from opvoed_desktop.services.presenting.timer import Clock, Countdown, ManualClock, SystemClock, TimerView

__all__ = [
    "AgendaItem",
    "AgendaPlan",
    "AgendaTimingWriter",
    "AudienceLine",
    "AudienceSlide",
    "Clock",
    "Countdown",
    "Fit",
    "ManualClock",
    "MeetingClock",
    "MeetingNoteSink",
    "MemoryNoteSink",
    "NoteSink",
    "NullRecorder",
    "Presentation",
    "RoomLanguage",
    "RoomSlide",
    "ScheduledItem",
    "Show",
    "Slide",
    "SystemClock",
    "TimerView",
    "TimingRecorder",
    "build_show",
    "items_from_programme",
    "load_room_language",
]
