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
        )

    def save(self, paths: DataPaths) -> None:
        paths.ensure()
        write_atomic(paths.root / "settings.json", json.dumps(asdict(self)).encode("utf-8"))
