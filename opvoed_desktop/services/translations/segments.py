"""What the translation editor shows and changes: segments, progress, import previews, and the
pure functions that lay a catalog's entry over a segment."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from babel.messages.catalog import Catalog, Message

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n.catalogs import CHECKED, DRAFT, State
from opvoed_desktop.i18n.po_checks import Problem

Domain = Literal["content", "ui"]
DOMAINS: tuple[Domain, ...] = ("content", "ui")
# Hand-outs are content items; their segments carry the item id in the translator comment.
HANDOUTS = {"handout-ouders": "ouders", "handout-deelnemers": "deelnemers"}
CHECKED_BY = "checked-by:"


class TranslationError(AppError):
    """One sentence for the user: what is wrong and what to do."""


@dataclass(frozen=True)
class Segment:
    msgid: str | tuple[str, str]
    translation: tuple[str, ...]  # one text, or one per plural form
    state: State
    item_id: str = ""
    role: str = ""
    shipped: tuple[str, ...] = ()
    in_overlay: bool = False
    checked_by: str = ""  # "Name, 2026-11-24"
    # The msgctxt of a UI string whose msgid has several meanings ("Wachtwoord" of the notes, of an
    # export, of the hub): each its own segment, translated apart. The editor shows it.
    context: str | None = None

    @property
    def key(self) -> str:
        msgid = self.msgid if isinstance(self.msgid, str) else self.msgid[0]
        return entry_key(msgid, self.context)

    @property
    def is_plural(self) -> bool:
        return not isinstance(self.msgid, str)

    @property
    def source(self) -> str:
        return self.msgid if isinstance(self.msgid, str) else "\n".join(self.msgid)

    @property
    def text(self) -> str:
        return "\n".join(form for form in self.translation if form) if self.is_plural else self.translation[0]

    @property
    def handout(self) -> str | None:
        """The hand-out kind ("ouders", "deelnemers") that prints this segment, if any."""
        return HANDOUTS.get(self.item_id)


@dataclass
class Progress:
    total: int = 0
    checked: int = 0
    draft: int = 0
    missing: int = 0

    def add(self, state: State) -> None:
        self.total += 1
        setattr(self, state, getattr(self, state) + 1)

    @property
    def done_percent(self) -> int:
        return round(100 * self.checked / self.total) if self.total else 100


@dataclass(frozen=True)
class Change:
    key: str
    source: str
    old: str
    old_state: State
    new: str
    new_state: State


@dataclass
class ImportPreview:
    """What an import would change; `apply_import` writes all of it or nothing."""

    lang: str
    domain: Domain
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    unknown: int = 0  # msgids we do not have (an older or newer toolkit); ignored
    warnings: list[Problem] = field(default_factory=list)
    _messages: dict[str, Message] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class FontCheck:
    script: str  # ISO 15924, e.g. "Arab", "Ethi", "Latn"
    ok: bool
    message: str


CONTEXT_SEP = "\x04"  # between a msgctxt and its msgid in a segment's key, as in a .mo


def entry_key(msgid: str, context: str | None) -> str:
    """A segment's key: its (singular) msgid, after its context when it has one."""
    return f"{context}{CONTEXT_SEP}{msgid}" if context else msgid


def split_key(key: str) -> tuple[str, str | None]:
    """(msgid, context) of a segment's key: what babel's catalogs are looked up by."""
    context, sep, msgid = key.partition(CONTEXT_SEP)
    return (msgid, context) if sep else (key, None)


def message_key(message: Message) -> str:
    return entry_key(message.id if isinstance(message.id, str) else message.id[0], message.context)


def get_entry(catalog: Catalog, key: str) -> Message | None:
    msgid, context = split_key(key)
    return catalog.get(msgid, context)


def put_entry(catalog: Catalog, key: str, message: Message) -> None:
    """Replace an entry (babel's `catalog[key] = m` merges flags and comments into the old one)."""
    msgid, context = split_key(key)
    message.context = context
    if catalog.get(msgid, context) is not None:
        catalog.delete(msgid, context)
    catalog[msgid] = message


def entry_comment(message: Message) -> tuple[str, str]:
    """(item id, role) from the extractor's `#. <item id> · <role>` comment."""
    for comment in message.auto_comments:
        if " · " in comment:
            item_id, _sep, role = comment.partition(" · ")
            return item_id.strip(), role.strip()
    return "", ""


def comment_of(segment: Segment) -> list[str]:
    return [f"{segment.item_id} · {segment.role}"] if segment.item_id else []


def forms_of(segment: Segment, translation: str | Sequence[str], nplurals: int) -> tuple[str, ...]:
    if not segment.is_plural:
        return (translation if isinstance(translation, str) else (translation[0] if translation else ""),)
    forms = [translation] if isinstance(translation, str) else list(translation)
    return tuple((forms + [""] * nplurals)[:nplurals])


def lay_over(segment: Segment, message: Message | None, nplurals: int, *, overlay: bool = False) -> Segment:
    """The segment with `message` laid over it; an empty message text does not hide what is below."""
    if message is None:
        return segment
    forms = forms_of(segment, message.string or "", nplurals)
    if not any(forms):
        return segment
    checked_by = next((c[len(CHECKED_BY) :].strip() for c in message.user_comments if c.startswith(CHECKED_BY)), "")
    state: State = DRAFT if message.fuzzy else CHECKED
    return replace(segment, translation=forms, state=state, in_overlay=overlay, checked_by=checked_by)


def po_bytes(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    catalog.fuzzy = False
    write_po(buffer, catalog, width=100)
    return buffer.getvalue()
