"""The one cache of parsed catalog files: each file is parsed again only when it changed on disk.

Keyed by the path and its (mtime, size), so an edit made by the translation editor, by hand or by a
newer install is seen at the next look-up without anybody clearing anything. The content catalogs
(catalogs.py, read as plain dicts) and the translation editor (services/translations, read as babel
catalogs) each keep one `PoCache` with their own parser.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class PoCache(Generic[T]):
    def __init__(self, parse: Callable[[Path], T]) -> None:
        self._parse = parse
        self._entries: dict[Path, tuple[tuple[int, int], T]] = {}

    def get(self, path: Path) -> T | None:
        """The parsed file, or None when there is no file at `path`."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._entries.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        parsed = self._parse(path)
        self._entries[path] = (stamp, parsed)
        return parsed

    def forget(self) -> None:
        """Parse every file again next time (a file rewritten within the clock's resolution)."""
        self._entries.clear()
