"""What a placeholder in the toolkit's texts is: `{name}`, filled when a hand-out or form is made.

One definition for the checks of `content check` (check_placeholders, below) and the filling of hand-outs
(documents/compose.py). The interface's own strings are str.format templates, a different grammar
(with `{{`, `{n:.1f}` and positional fields), which i18n/po_checks.py checks on its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from opvoed_desktop.content.markdown import FORM_KINDS
from opvoed_desktop.content.model import Block, ListItem, Special
from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.content.loader import FileProblems

# Whatever stands between a pair of braces. A well-formed placeholder has a NAME; anything else between
# braces is a mistake the checks name.
BRACED = re.compile(r"\{([^{}]*)\}")
NAME = re.compile(r"[a-z_]+")

# Filled everywhere (the meeting's municipality and date) and inside a '::: contact' block only.
GENERAL = frozenset({"gemeente", "datum"})
CONTACT = frozenset({"organisatie", "soort", "adres", "telefoon", "website", "openingstijden", "talen"})


def braced(text: str) -> list[re.Match[str]]:
    """Every `{...}` in `text`, well-formed or not, in order."""
    return list(BRACED.finditer(text))


def placeholders(text: str) -> set[str]:
    """The names of the well-formed placeholders in `text`."""
    return {m.group(1) for m in BRACED.finditer(text) if NAME.fullmatch(m.group(1))}


def is_placeholder(match: re.Match[str]) -> bool:
    return NAME.fullmatch(match.group(1)) is not None


def without_placeholders(text: str) -> str:
    """`text` with its well-formed placeholders taken out (what is left of braces there is stray)."""
    return BRACED.sub(lambda m: "" if is_placeholder(m) else m.group(0), text)


def check_placeholders(kind: str, blocks: tuple[Block, ...], found: FileProblems) -> None:
    def walk(seq: tuple[Block, ...], in_contact: bool) -> None:
        for block in seq:
            if isinstance(block, Special):
                if block.kind == "contact" and kind != "handout":
                    found.error(block.line, _("een '::: contact'-blok kan alleen in een hand-out"))
                if block.kind in FORM_KINDS and kind != "template":
                    found.error(
                        block.line,
                        _("een '::: {block}'-blok kan alleen in een sjabloon (kind: template)").format(
                            block=block.kind
                        ),
                    )
                if block.kind in ("tabel", "gezichten") and not all(isinstance(c, ListItem) for c in block.children):
                    found.error(
                        block.line,
                        _("in een '::: {block}'-blok begint elke regel met '- '").format(block=block.kind),
                    )
                walk(block.children, in_contact or block.kind == "contact")
                continue
            for name in (m.group(1) for m in braced(block.text)):
                if kind not in ("handout", "template"):
                    found.error(
                        block.line,
                        _("'{{{name}}}': accolades zijn alleen voor plaatshouders in hand-outs en sjablonen").format(
                            name=name
                        ),
                    )
                elif name in CONTACT and kind == "template":
                    found.error(
                        block.line,
                        _("'{{{name}}}' kan niet in een sjabloon; gebruik {{gemeente}} of {{datum}}").format(name=name),
                    )
                elif name in CONTACT and not in_contact:
                    found.error(
                        block.line,
                        _("'{{{name}}}' kan alleen binnen een '::: contact'-blok").format(name=name),
                    )
                elif name not in GENERAL | CONTACT:
                    found.error(
                        block.line,
                        _("onbekende plaatshouder '{{{name}}}'; bekend zijn: {known}").format(
                            name=name,
                            known=", ".join("{" + n + "}" for n in sorted(GENERAL | CONTACT)),
                        ),
                    )
            if block.text.count("{") != block.text.count("}"):
                found.error(block.line, _("een accolade '{' of '}' staat alleen"))

    walk(blocks, False)
