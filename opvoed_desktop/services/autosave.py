"""When an autosaving text field stores, without Qt: the decisions, apart from the timers and threads.

The field (ui/autosave.py) counts edits as generations: every keystroke is a new one, and the
store holds the text of some earlier generation. The text is "dirty" while the store holds an
older one. A timed save starts only when something is dirty and no save is under way; one that
comes due while a save runs waits for it and then stores the rest. A save that finishes reports
the generation it stored, which is never allowed to move the store back to an older one (a slow
save finishing after a quicker one). So whatever is typed ends up stored or the field says it is
not: this module is what tests/test_autosave_state.py holds to that.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class TimedSave(Enum):
    NOTHING = "nothing"  # everything is stored: the timers can stop
    AFTER_CURRENT = "after-current"  # a save is under way: store the rest when it is done
    NOW = "now"  # start a save of the current text


@dataclass
class AutosaveState:
    generation: int = 0  # edits so far
    stored: int = 0  # the generation the store holds
    again: bool = False  # a timed save came due while another was under way

    @property
    def dirty(self) -> bool:
        return self.stored != self.generation

    def edited(self) -> None:
        self.generation += 1

    def shown_stored(self) -> None:
        """The field now shows text that came from the store: nothing to save."""
        self.generation += 1
        self.stored = self.generation

    def timed_save(self, *, running: bool) -> TimedSave:
        if not self.dirty:
            return TimedSave.NOTHING
        if running:
            self.again = True
            return TimedSave.AFTER_CURRENT
        return TimedSave.NOW

    def saved(self, generation: int) -> bool:
        """A save of `generation` succeeded; True when the store now holds everything typed."""
        self.stored = max(self.stored, generation)
        return not self.dirty

    def save_again(self) -> bool:
        """After a background save: whether the rest typed meanwhile must be stored now."""
        if self.again and self.dirty:
            self.again = False
            return True
        return False

    def flushing(self) -> None:
        """A synchronous save takes over: no timed save is still due."""
        self.again = False
