"""The user's preferences, kept as a small JSON file in the data dir (written atomically)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from opvoed_desktop.fileio import write_atomic
from opvoed_desktop.paths import DataPaths


@dataclass
class Settings:
    ui_language: str | None = None
    # The language the library shows the toolkit in; None follows the interface language.
    content_language: str | None = None
    # False until the facilitator has dismissed the first-start welcome (where data lives, nothing leaves).
    welcome_seen: bool = False
    # Where the window was, to reopen there: the main tab, the open meeting and its tab.
    last_tab: int | None = None
    last_meeting: str | None = None
    last_meeting_tab: int | None = None
    # The programme last chosen for a meeting's agenda: F5 with no meeting open makes one with it.
    last_programme: str | None = None
    # How the app looks on this laptop: the theme ("light", "high-contrast") and the text size step.
    theme: str | None = None
    text_size: int | None = None

    @classmethod
    def load(cls, paths: DataPaths) -> Settings:
        try:
            data = json.loads((paths.root / "settings.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()  # missing or damaged: start from the defaults, never fail the start
        if not isinstance(data, dict):
            return cls()
        language = data.get("ui_language")
        content = data.get("content_language")
        return cls(
            ui_language=language if isinstance(language, str) else None,
            content_language=content if isinstance(content, str) else None,
            welcome_seen=data.get("welcome_seen") is True,
            last_tab=_small_int(data.get("last_tab")),
            last_meeting=data["last_meeting"] if isinstance(data.get("last_meeting"), str) else None,
            last_meeting_tab=_small_int(data.get("last_meeting_tab")),
            last_programme=_short_text(data.get("last_programme")),
            theme=_short_text(data.get("theme")),
            text_size=_small_int(data.get("text_size")),
        )

    def save(self, paths: DataPaths) -> None:
        paths.ensure()
        write_atomic(paths.root / "settings.json", json.dumps(asdict(self)).encode("utf-8"))


def _small_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 100 else None


def _short_text(value: object) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None
