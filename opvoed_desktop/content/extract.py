"""A babel extractor for the content files: `pybabel extract -F babel.cfg` calls it per file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from opvoed_desktop.content.loader import FileProblems, load_file
from opvoed_desktop.content.units import units


def extract_content(
    fileobj: Any, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Yield (line, funcname, message, comments) for every unit of one content file."""
    path = Path(getattr(fileobj, "name", "content.md"))
    found = FileProblems(path)
    item = load_file(path, found)
    if item is None:
        return
    for unit in units(item):
        yield unit.line, None, unit.text, [f"{item.id} · {unit.role}"]
