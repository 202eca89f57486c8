"""The small, strict Markdown dialect of the content files (see docs/content-format.md).

Every heading, paragraph and list item becomes one block: one translatable unit later on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from opvoed_desktop.content.model import Block, Heading, ListItem, Paragraph, Screen, Special
from opvoed_desktop.i18n import _

# Templates (kind `template`) have three blocks of their own: lines to write on ("invullen"), a table
# with empty rows ("tabel", one column per line) and questions answered by colouring a face
# ("gezichten", one question per line).
FORM_KINDS = ("invullen", "tabel", "gezichten")
SPECIAL_KINDS = ("scherm", "tip", "contact", *FORM_KINDS)
# Blocks whose every line is a unit of its own: projector lines, contact lines and form fields are short.
LINE_BLOCKS = ("scherm", "contact", *FORM_KINDS)

_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_BULLET = re.compile(r"^[-*]\s+(.*\S)\s*$")
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(.*\S)\s*$")
_OPEN = re.compile(r"^:::\s*([A-Za-z-]+)\s*$")
_CLOSE = re.compile(r"^:::\s*$")
_QUESTION = re.compile(r"^Vraag:\s*(.+)$")
# A picture for the slide: a file in the content's `afbeeldingen/` folder, not a text to translate.
IMAGE_LINE = re.compile(r"^Afbeelding:\s*(.*?)\s*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")

Report = Callable[[int, str], None]


def parse(text: str, first_line: int, report: Report) -> tuple[Block, ...]:
    """Parse a body; `first_line` is the file line number of text's first line."""
    lines = text.split("\n")
    return tuple(_parse_lines(lines, first_line, report, inside=None))


def _parse_lines(lines: list[str], first: int, report: Report, inside: str | None) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    para_line = 0
    i = 0

    def flush() -> None:
        nonlocal para
        if para:
            blocks.append(Paragraph(" ".join(p.strip() for p in para), para_line))
            para = []

    while i < len(lines):
        raw = lines[i].rstrip()
        lineno = first + i
        stripped = raw.strip()
        if not stripped:
            flush()
            i += 1
            continue
        opening = _OPEN.match(stripped)
        if opening:
            flush()
            kind = opening.group(1).lower()
            if inside is not None:
                report(
                    lineno,
                    _("een ':::'-blok kan niet binnen een ander blok ('{inside}') staan").format(inside=inside),
                )
            end = i + 1
            while end < len(lines) and not _CLOSE.match(lines[end].strip()):
                if _OPEN.match(lines[end].strip()):
                    break
                end += 1
            closed = end < len(lines) and bool(_CLOSE.match(lines[end].strip()))
            if not closed:
                report(
                    lineno,
                    _("het blok '::: {kind}' wordt niet afgesloten met een regel ':::'").format(kind=kind),
                )
            if kind not in SPECIAL_KINDS:
                report(
                    lineno,
                    _("onbekend blok '::: {kind}'; gebruik scherm, tip, contact, invullen, tabel of gezichten").format(
                        kind=kind
                    ),
                )
            inner = lines[i + 1 : end]
            children = (
                _parse_line_units(inner, lineno + 1, report)
                if kind in LINE_BLOCKS
                else _parse_lines(inner, lineno + 1, report, inside=kind)
            )
            blocks.append(Special(kind, lineno, tuple(children)))
            # An unclosed block stops before the next opener, which is then read in its own right.
            i = end + 1 if closed else end
            continue
        if _CLOSE.match(stripped):
            flush()
            report(lineno, _("losse ':::' zonder blok dat ermee opent"))
            i += 1
            continue
        heading = _HEADING.match(raw)
        if heading:
            flush()
            level = len(heading.group(1))
            if level not in (2, 3):
                report(lineno, _("gebruik '##' of '###' voor een kop ('#' is de titel uit de kop)"))
            blocks.append(Heading(heading.group(2).strip(), lineno, level))
            i += 1
            continue
        bullet = _BULLET.match(raw)
        numbered = _NUMBERED.match(raw)
        if bullet or numbered:
            flush()
            text = bullet.group(1) if bullet else numbered.group(2)  # type: ignore[union-attr]
            j = i + 1
            # A long item continues on lines indented by at least two spaces.
            while j < len(lines) and lines[j].startswith("  ") and lines[j].strip():
                text += " " + lines[j].strip()
                j += 1
            if numbered:
                blocks.append(ListItem(text, lineno, ordered=True, number=int(numbered.group(1))))
            else:
                blocks.append(ListItem(text, lineno))
            i = j
            continue
        if raw.startswith(">") or raw.startswith("|") or raw.startswith("<"):
            report(lineno, _("citaten (>), tabellen (|) en HTML (<) kent het formaat niet"))
        if not para:
            para_line = lineno
        para.append(stripped)
        i += 1
    flush()
    return blocks


def _parse_line_units(lines: list[str], first: int, report: Report) -> list[Block]:
    units: list[Block] = []
    for offset, raw in enumerate(lines):
        stripped = raw.strip()
        if not stripped:
            continue
        bullet = _BULLET.match(stripped)
        if bullet:
            units.append(ListItem(bullet.group(1), first + offset))
        else:
            units.append(Paragraph(stripped, first + offset))
    return units


def screen_from_block(block: Special) -> Screen:
    title = ""
    lines: list[Paragraph | ListItem] = []
    question: str | None = None
    image: str | None = None
    for child in block.children:
        if isinstance(child, Paragraph):
            picture = IMAGE_LINE.match(child.text)
            if picture:
                image = image or picture.group(1) or None
                continue
        if isinstance(child, Paragraph) and not title:
            title = child.text
            continue
        if isinstance(child, Paragraph):
            match = _QUESTION.match(child.text)
            if match:
                question = match.group(1).strip()
                continue
        if isinstance(child, Paragraph | ListItem):
            lines.append(child)
    return Screen(title=title, lines=tuple(lines), question=question, line=block.line, image=image)


def plain(text: str) -> str:
    """Inline markup removed: for search, titles and plain-text exports."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def inline_html(text: str, highlight: Callable[[str], str] | None = None) -> str:
    """Escape, then turn **bold** and *italic* into tags. `highlight` marks search hits."""
    escaped = html.escape(text, quote=False)
    if highlight is not None:
        escaped = highlight(escaped)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    return _ITALIC.sub(r"<i>\1</i>", escaped)


def iter_text_blocks(blocks: tuple[Block, ...]) -> list[Heading | Paragraph | ListItem]:
    """All text units in reading order, special blocks flattened."""
    out: list[Heading | Paragraph | ListItem] = []
    for block in blocks:
        if isinstance(block, Special):
            children = block.children
            if block.kind == "scherm":
                # A picture's file name is no text: not searched, not translated.
                children = tuple(c for c in children if not (isinstance(c, Paragraph) and IMAGE_LINE.match(c.text)))
            out.extend(iter_text_blocks(children))
        else:
            out.append(block)
    return out
