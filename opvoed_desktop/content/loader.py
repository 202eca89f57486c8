"""Load resources/content into a Library, reporting every problem with file and line.

A broken file is skipped, never fatal: the app starts with what is valid and says what is not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from opvoed_desktop.content import frontmatter
from opvoed_desktop.content.images import find_content_root
from opvoed_desktop.content.markdown import parse
from opvoed_desktop.content.model import KINDS, Item, Library, Problem, Programme
from opvoed_desktop.content.placeholders import check_placeholders
from opvoed_desktop.content.validate import (
    build_exercise,
    check_cross_references,
    check_screens,
)
from opvoed_desktop.i18n import _, active

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMON_FIELDS = {"id", "kind", "title", "order", "summary"}
EXTRA_FIELDS: dict[str, set[str]] = {
    "page": set(),
    "part": {"number"},
    "exercise": {"part", "letter", "minutes", "group_form", "group_size", "materials", "capture"},
    "background": set(),
    "appendix": {"number"},
    "brochure": {"audience"},
    "handout": {"audience"},
    "programme": {"minutes_available", "items"},
    "template": {"audience"},
}
AUDIENCES = {
    "brochure": ("gemeente", "formeel", "informeel"),
    "handout": ("ouders", "deelnemers"),
    "template": ("deelnemers", "partners"),
}


class FileProblems:
    """Collects the problems of one file; any error means the file is skipped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, "error"))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, "warning"))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def load_library(root: Path) -> Library:
    """Load every `*.md` under root. Cached per folder, file state and interface language (the
    problems found are sentences in it): cheap to call again, never stale."""
    files = tuple(sorted(root.rglob("*.md"))) if root.is_dir() else ()
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return _load_cached(root, stamp, active().locale)


@lru_cache(maxsize=4)
def _load_cached(root: Path, stamp: tuple[tuple[str, int, int], ...], _locale: str) -> Library:
    return load_library_uncached(root, [Path(s[0]) for s in stamp])


def load_library_uncached(root: Path, files: list[Path] | None = None) -> Library:
    library = Library(root=root)
    if not root.is_dir():
        library.problems.append(Problem(root, 0, _("de map met inhoud bestaat niet; installeer de app opnieuw")))
        return library
    if files is None:
        files = sorted(root.rglob("*.md"))
    first_seen: dict[str, Path] = {}
    for path in files:
        found = FileProblems(path)
        item = load_file(path, found, root)
        if item is not None and item.id in first_seen:
            found.error(
                1,
                _("id '{id}' komt al voor in {other}; elk id moet uniek zijn").format(
                    id=item.id, other=first_seen[item.id].name
                ),
            )
        library.problems.extend(found.problems)
        if item is None or found.has_errors:
            library.skipped.append(path)
            continue
        first_seen[item.id] = path
        library.items[item.id] = item
    check_cross_references(library)
    return library


def load_file(path: Path, found: FileProblems, content_root: Path | None = None) -> Item | None:
    """One content file; `content_root` is where its pictures folder is (found when not given)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        found.error(1, _("het bestand is geen UTF-8-tekst; sla het op als UTF-8"))
        return None
    except OSError as exc:
        found.error(0, _("het bestand kan niet gelezen worden ({reason})").format(reason=exc.strerror))
        return None
    try:
        doc = frontmatter.split(text)
    except frontmatter.FrontMatterError as exc:
        found.error(exc.line, exc.message)
        return None
    meta, lines = doc.meta, doc.key_lines

    def line_of(key: str) -> int:
        return lines.get(key, 2)

    for key in ("id", "kind", "title"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            found.error(line_of(key), _("het veld '{key}' ontbreekt of is leeg").format(key=key))
    if found.has_errors:
        return None
    item_id, kind, title = meta["id"].strip(), meta["kind"].strip(), meta["title"].strip()
    if not ID_PATTERN.match(item_id):
        found.error(
            line_of("id"),
            _("id '{id}' mag alleen kleine letters, cijfers en '-' bevatten").format(id=item_id),
        )
    if kind not in KINDS:
        found.error(
            line_of("kind"),
            _("onbekende soort '{kind}'; kies uit: {kinds}").format(kind=kind, kinds=", ".join(KINDS)),
        )
        return None
    order = _int_field(meta, "order", line_of, found, required=False, default=0)
    for key in sorted(set(meta) - COMMON_FIELDS - EXTRA_FIELDS[kind]):
        found.warn(
            line_of(key),
            _("het veld '{key}' wordt niet gebruikt bij soort '{kind}' (tikfout?)").format(key=key, kind=kind),
        )

    blocks = parse(doc.body, doc.body_first_line, found.error)
    common: dict[str, Any] = {
        "id": item_id,
        "kind": kind,
        "title": title,
        "order": order,
        "source": path,
        "blocks": blocks,
        "summary": str(meta.get("summary") or "").strip(),
    }
    if kind in ("part", "appendix"):
        common["number"] = _int_field(meta, "number", line_of, found, required=True)
    if kind in AUDIENCES:
        audience = meta.get("audience")
        if audience not in AUDIENCES[kind]:
            found.error(
                line_of("audience"),
                _("het veld 'audience' moet een van deze zijn: {values}").format(values=", ".join(AUDIENCES[kind])),
            )
        common["audience"] = audience
    check_placeholders(kind, blocks, found)
    if kind == "exercise":
        item: Item | None = build_exercise(meta, line_of, common, found)
    elif kind == "programme":
        item = _build_programme(meta, line_of, doc.element_lines.get("items", []), common, found)
    else:
        item = Item(**common)
    if item is not None:
        check_screens(item, found, content_root or find_content_root(path))
    return item


def _int_field(
    meta: dict[str, Any],
    key: str,
    line_of: Any,
    found: FileProblems,
    *,
    required: bool,
    default: int = 0,
) -> int:
    value = meta.get(key)
    if value is None and not required:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        found.error(line_of(key), _("het veld '{key}' moet een heel getal zijn (0 of meer)").format(key=key))
        return default
    return value


def _build_programme(
    meta: dict[str, Any],
    line_of: Any,
    element_lines: list[int],
    common: dict[str, Any],
    found: FileProblems,
) -> Programme | None:
    from opvoed_desktop.content.programme import parse_entries

    available = _int_field(meta, "minutes_available", line_of, found, required=True)
    raw = meta.get("items")
    if not isinstance(raw, list) or not raw:
        found.error(line_of("items"), _("een programma heeft een lijst 'items' nodig"))
        return None
    entries = parse_entries(raw, element_lines, line_of("items"), found)
    return Programme(**common, minutes_available=available, entries=tuple(entries))
