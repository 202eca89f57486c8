"""What a sync reports: the counts up and down, its progress, its being stopped, and the summary.

Kept apart from the protocol so the window and the command line can say a result without loading it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from opvoed_desktop.i18n import _, ngettext


@dataclass
class Counts:
    added: int = 0
    changed: int = 0
    deleted: int = 0
    conflicts: int = 0
    refused: int = 0  # rows the hub's rules turned away (a time in the future, a moved row)

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class SyncResult:
    up: Counts = field(default_factory=Counts)
    down: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"up": self.up.as_dict(), "down": self.down.as_dict()}


Progress = Callable[[str, int, int], None]  # (phase "up" | "down", done, total)


class Cancelled(Exception):
    """The user stopped the sync; what was committed stays, the next sync goes on from there."""


def summary(result: SyncResult) -> str:
    """Two plain lines: what went up, what came down (the CLI and the hub dialog say the same)."""

    def line(counts: Counts) -> str:
        parts = [
            _("{n} toegevoegd").format(n=counts.added),
            _("{n} gewijzigd").format(n=counts.changed),
            _("{n} verwijderd").format(n=counts.deleted),
            ngettext("{n} conflict", "{n} conflicten", counts.conflicts).format(n=counts.conflicts),
        ]
        if counts.refused:
            parts.append(_("{n} geweigerd").format(n=counts.refused))
        return ", ".join(parts)

    return "\n".join(
        [
            _("Naar de hub: {counts}").format(counts=line(result.up)),
            _("Van de hub: {counts}").format(counts=line(result.down)),
        ]
    )
