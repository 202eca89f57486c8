"""Where quick notes typed in the presenter console go: one note per agenda item."""

from __future__ import annotations

from typing import Any, Protocol

from opvoed_desktop.services.presenting.agenda import AgendaItem


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
