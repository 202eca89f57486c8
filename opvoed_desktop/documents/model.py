"""Plain data the document builders take; the services fill it from storage and content."""

from __future__ import annotations

from dataclasses import dataclass, field

from opvoed_desktop.i18n.hours import Slot, parse_hours

CONTACT_KINDS = ("informal", "cjg", "wijkteam", "jgz", "other")


@dataclass(frozen=True)
class Contact:
    """A local place parents can go to (see storage's contacts per municipality)."""

    organisation: str
    kind: str = "other"  # one of CONTACT_KINDS, or free text shown as is
    address: str = ""
    phone: str = ""
    website: str = ""
    opening_hours: str = ""  # as typed, in Dutch: "ma–vr 9.00–17.00"
    languages: tuple[str, ...] = ()  # language codes ("ar", "tr") or names

    @property
    def hours(self) -> tuple[Slot, ...] | None:
        """The opening hours as days and times, printed in the reader's language; None when the
        typed text is not of that form (then it is printed as typed)."""
        return parse_hours(self.opening_hours)


@dataclass(frozen=True)
class AgendaLine:
    time: str  # "09:30"
    title: str
    minutes: int
    title_nl: str = ""  # the Dutch title, for the bilingual layout


@dataclass(frozen=True)
class Layout:
    lang: str
    bilingual: str | None = None  # "nl": Dutch beside the language
    large: bool = False


@dataclass
class Tally:
    """How many units of one document were shown as draft, or as Dutch because they are missing."""

    draft: int = 0
    missing: int = 0
    checked: int = 0
    missing_ids: list[str] = field(default_factory=list)

    @property
    def needs_notice(self) -> bool:
        return bool(self.draft or self.missing)
