"""Where quick notes typed in the presenter console go: one note per agenda item (index -1: the
meeting's general note)."""

from __future__ import annotations

import threading
from typing import Any, Protocol

from opvoed_desktop.content.agenda import AgendaItem


class NoteSink(Protocol):
    def load(self, index: int, item: AgendaItem) -> str: ...
    def save(self, index: int, item: AgendaItem, text: str) -> None: ...


class MemoryNoteSink:
    """Keeps notes in memory: for a programme shown without a meeting, and for tests."""

    def __init__(self) -> None:
        self.notes: dict[int, str] = {}
        self.saves = 0

    def load(self, index: int, item: AgendaItem) -> str:
        return self.notes.get(index, "")

    def save(self, index: int, item: AgendaItem, text: str) -> None:
        self.notes[index] = text
        self.saves += 1


class MeetingNoteSink:
    """Notes of a stored meeting, through `MeetingService.save_item_note` (duck-typed, so this
    module stays free of the storage imports)."""

    def __init__(self, service: Any, meeting_id: str) -> None:
        self.service = service
        self.meeting_id = meeting_id

    def load(self, index: int, item: AgendaItem) -> str:
        notes = self.service.get_meeting(self.meeting_id).notes
        return next((n.text for n in notes if n.agenda_item_id == item.id), "")

    def save(self, index: int, item: AgendaItem, text: str) -> None:
        self.service.save_item_note(self.meeting_id, item.id, text)


class PendingMeeting:
    """Notes and actual times of a show whose meeting is made a moment after it starts.

    `present --programme` puts the first slide up before the database is opened (a fast start);
    until `attach` hands over the new meeting's sinks and its stored agenda items, what comes in
    is kept here, then passed on in order. The show's items have no storage ids: the stored item
    at the same position stands in for each, and the general note (no item) stays general.
    """

    def __init__(self) -> None:
        self.notes: dict[int, str] = {}
        # Notes are saved from the console's autosave worker, `attach` runs on the GUI thread:
        # a note saved while the new meeting is handed over goes to it exactly once, in order.
        self._lock = threading.Lock()
        self._events: list[tuple[str, int, AgendaItem, Any]] = []
        self._sink: NoteSink | None = None
        self._recorder: Any = None
        self._stored: tuple[AgendaItem, ...] = ()

    @property
    def attached(self) -> bool:
        return self._sink is not None

    def _item(self, index: int, item: AgendaItem) -> AgendaItem:
        return self._stored[index] if 0 <= index < len(self._stored) else item

    def attach(self, sink: NoteSink, recorder: Any, stored: tuple[AgendaItem, ...]) -> None:
        with self._lock:
            self._sink, self._recorder, self._stored = sink, recorder, tuple(stored)
            events, self._events = self._events, []
            for kind, index, item, at in events:
                self._record(kind, index, item, at)
            for index, text in self.notes.items():
                if text:
                    sink.save(index, self._item(index, AgendaItem("general", "")), text)

    # NoteSink
    def load(self, index: int, item: AgendaItem) -> str:
        if self._sink is None:
            return self.notes.get(index, "")
        return self._sink.load(index, self._item(index, item))

    def save(self, index: int, item: AgendaItem, text: str) -> None:
        with self._lock:
            self.notes[index] = text
            sink = self._sink
        if sink is not None:
            sink.save(index, self._item(index, item), text)

    # TimingRecorder
    def item_started(self, index: int, item: AgendaItem, at: Any) -> None:
        self._record("start", index, item, at)

    def item_ended(self, index: int, item: AgendaItem, at: Any) -> None:
        self._record("end", index, item, at)

    def _record(self, kind: str, index: int, item: AgendaItem, at: Any) -> None:
        if self._recorder is None:
            self._events.append((kind, index, item, at))
        elif kind == "start":
            self._recorder.item_started(index, self._item(index, item), at)
        else:
            self._recorder.item_ended(index, self._item(index, item), at)
