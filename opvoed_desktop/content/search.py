"""Search across all content: accent- and case-insensitive, every word must occur in the item.

The whole toolkit is a few hundred kilobytes, so a scan over pre-folded text is well under the
50 ms per keystroke budget; an inverted index would add complexity for nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from opvoed_desktop.content.markdown import iter_text_blocks, plain
from opvoed_desktop.content.model import Exercise, Item, Library

SNIPPET_RADIUS = 60


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded text plus, for each folded character, the index of its source character."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        folded = _fold_char(char)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


def terms_of(query: str) -> list[str]:
    return [t for t in (fold(w) for w in query.split()) if t]


def find_ranges(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) ranges in `text` where any of the folded terms occurs."""
    if not terms:
        return []
    folded, index = fold_with_map(text)
    ranges: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            ranges.append((index[start], index[end - 1] + 1))
            start = folded.find(term, end)
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True, slots=True)
class Hit:
    item_id: str
    title: str
    kind: str
    snippet: str
    score: int


@dataclass(frozen=True, slots=True)
class _Entry:
    item: Item
    title_folded: str
    units: tuple[str, ...]
    units_folded: tuple[str, ...]
    all_folded: str


class SearchIndex:
    def __init__(self, library: Library, translate: Callable[[str], str] | None = None) -> None:
        """With `translate`, each item is found by its translated words as well as its Dutch ones."""
        self._translate = translate
        self._entries = [self._entry(item) for item in library.items.values()]

    def _entry(self, item: Item) -> _Entry:
        units = [item.title, item.summary]
        if isinstance(item, Exercise):
            units += [item.group_form, item.group_size, *item.materials]
            units += [s.title for s in item.steps]
        units += [plain(b.text) for b in iter_text_blocks(item.blocks)]
        units = [u for u in units if u]
        if self._translate is not None:
            # Translated text first, so snippets come in the reading language.
            translated = [plain(self._translate(u)) for u in units]
            units = [t for t in translated if t] + units
        folded = tuple(fold(u) for u in units)
        title = fold(item.title) + "\n" + (fold(self._translate(item.title)) if self._translate else "")
        return _Entry(item, title, tuple(units), folded, "\n".join(folded))

    def search(self, query: str, limit: int = 100) -> list[Hit]:
        terms = terms_of(query)
        if not terms:
            return []
        hits: list[Hit] = []
        for entry in self._entries:
            if not all(t in entry.all_folded for t in terms):
                continue
            score = sum(entry.all_folded.count(t) for t in terms)
            score += sum(50 for t in terms if t in entry.title_folded)
            hits.append(Hit(entry.item.id, entry.item.title, entry.item.kind, _snippet(entry, terms), score))
        hits.sort(key=lambda h: (-h.score, h.title))
        return hits[:limit]


def _snippet(entry: _Entry, terms: list[str]) -> str:
    # Prefer a body text over the title: the title is already shown beside the snippet.
    for unit, folded in list(zip(entry.units, entry.units_folded, strict=True))[1:]:
        position = folded.find(terms[0])
        if position == -1:
            continue
        _, index = fold_with_map(unit)
        source = index[position] if position < len(index) else 0
        start = max(0, source - SNIPPET_RADIUS)
        end = min(len(unit), source + SNIPPET_RADIUS)
        # Cut at word boundaries so the snippet does not start or end inside a word.
        if start > 0:
            space = unit.find(" ", start, source)
            start = space + 1 if space != -1 else start
        if end < len(unit):
            space = unit.rfind(" ", source, end)
            end = space if space != -1 else end
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(unit) else ""
        return prefix + unit[start:end].strip() + suffix
    return entry.units[1] if len(entry.units) > 1 else ""
