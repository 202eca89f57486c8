"""What an import found and will do: conflicts, counts, titles; each said in one sentence.

Names meetings and kinds of rows, never their text (notes are personal data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.storage.errors import BundleError
from opvoed_desktop.storage.kinds import bundle_kind_label
from opvoed_desktop.textdir import isolate

LOCAL = "local"
BUNDLE = "bundle"


@dataclass(frozen=True)
class Conflict:
    """A row changed on both sides. Names the meeting and the kind of row, never its text."""

    kind: str  # "meeting", "notes", "agreements", … (bundle keys)
    record_id: str
    meeting_id: str | None
    meeting_title: str
    winner: str  # LOCAL or BUNDLE
    local_updated_at: datetime
    bundle_updated_at: datetime
    # Set when one side deleted the row (LOCAL or BUNDLE) and the other changed it later.
    deleted_on: str | None = None

    def describe(self) -> str:
        if self.deleted_on == BUNDLE:
            return _(
                "{kind} {id} van \u201c{title}\u201d: elders verwijderd maar hier later gewijzigd, en daarom bewaard."
            ).format(kind=kind_label(self.kind), id=self.record_id[:8], title=self.meeting_title)
        if self.deleted_on == LOCAL:
            return _(
                "{kind} {id} van \u201c{title}\u201d: hier verwijderd maar in de bundel later gewijzigd, "
                "en daarom teruggezet."
            ).format(kind=kind_label(self.kind), id=self.record_id[:8], title=self.meeting_title)
        kept = _("de nieuwere uit de bundel") if self.winner == BUNDLE else _("de nieuwere van deze computer")
        return _("{kind} {id} van \u201c{title}\u201d: beide gewijzigd, {kept} is bewaard.").format(
            kind=kind_label(self.kind), id=self.record_id[:8], title=self.meeting_title, kept=kept
        )


@dataclass
class MergeResult:
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    meetings: int = 0  # meetings in the bundle
    deleted: dict[str, int] = field(default_factory=dict)  # local rows removed by a tombstone
    not_restored: int = 0  # bundle rows left out because they were deleted (here or there)
    tombstones: int = 0  # deletions newly learnt from the bundle
    added_meetings: list[str] = field(default_factory=list)  # titles, for "what will change"
    changed_meetings: list[str] = field(default_factory=list)
    deleted_meetings: list[str] = field(default_factory=list)
    backup: Path | None = None  # taken before the import: restoring it undoes the import

    @property
    def changes_anything(self) -> bool:
        return bool(self.added_total or self.updated_total or self.deleted_total or self.tombstones)

    def describe_plan(self, *, isolated: bool = False) -> list[str]:
        """What the import adds, changes and deletes, a line each (meetings by title).

        `isolated`: titles set apart for right-to-left screens (see textdir.isolate)."""
        lines = (
            self.describe_adding(isolated=isolated),
            self.describe_changing(isolated=isolated),
            self.describe_deleting(isolated=isolated),
        )
        return [line for line in lines if line]

    def describe_adding(self, *, isolated: bool = False) -> str:
        if not self.added_total:
            return ""
        parts = []
        if self.added_meetings:
            parts.append(
                ngettext("{n} bijeenkomst: {titles}", "{n} bijeenkomsten: {titles}", len(self.added_meetings)).format(
                    n=len(self.added_meetings), titles=_titles(self.added_meetings, isolated=isolated)
                )
            )
        rows = self.added_total - len(self.added_meetings)
        if rows:
            parts.append(ngettext("{n} rij", "{n} rijen", rows).format(n=rows))
        return _("Toevoegen: {what}.").format(what="; ".join(parts))

    def describe_changing(self, *, isolated: bool = False) -> str:
        if not self.updated_total:
            return ""
        return ngettext(
            "Wijzigen: {n} rij in {titles}.", "Wijzigen: {n} rijen in {titles}.", self.updated_total
        ).format(n=self.updated_total, titles=_titles(self.changed_meetings, isolated=isolated))

    def describe_deleting(self, *, isolated: bool = False) -> str:
        if not self.deleted_total:
            return ""
        parts = []
        if self.deleted_meetings:
            parts.append(
                ngettext(
                    "{n} bijeenkomst met alles erin: {titles}",
                    "{n} bijeenkomsten met alles erin: {titles}",
                    len(self.deleted_meetings),
                ).format(n=len(self.deleted_meetings), titles=_titles(self.deleted_meetings, isolated=isolated))
            )
        rows = self.deleted_total - len(self.deleted_meetings)
        if rows:
            parts.append(ngettext("{n} andere rij", "{n} andere rijen", rows).format(n=rows))
        return _("Verwijderen: {what}.").format(what="; ".join(parts))

    @property
    def deleted_total(self) -> int:
        return sum(self.deleted.values())

    def describe_deletions(self) -> str:
        """One sentence about deletions, or "" when the bundle carried none that mattered here."""
        if not (self.deleted_total or self.not_restored):
            return ""
        deleted, kept = self.deleted_total, self.not_restored
        return (
            ngettext(
                "{n} rij verwijderd omdat die elders is gewist",
                "{n} rijen verwijderd omdat ze elders zijn gewist",
                deleted,
            ).format(n=deleted)
            + ", "
            + ngettext("{n} gewiste rij niet teruggezet.", "{n} gewiste rijen niet teruggezet.", kept).format(n=kept)
        )

    def describe_counts(self) -> str:
        """Like "3 nieuw, 1 bijgewerkt, 0 al aanwezig, 1 conflict.": each count in its own plural form."""
        parts = (
            ngettext("{n} nieuw", "{n} nieuw", self.added_total).format(n=self.added_total),
            ngettext("{n} bijgewerkt", "{n} bijgewerkt", self.updated_total).format(n=self.updated_total),
            ngettext("{n} al aanwezig", "{n} al aanwezig", self.unchanged).format(n=self.unchanged),
            ngettext("{n} conflict", "{n} conflicten", len(self.conflicts)).format(n=len(self.conflicts)),
        )
        return ", ".join(parts) + "."

    @property
    def added_total(self) -> int:
        return sum(self.added.values())

    @property
    def updated_total(self) -> int:
        return sum(self.updated.values())



def _titles(titles: list[str], limit: int = 20, *, isolated: bool = False) -> str:
    shown = ", ".join(f"\u201c{isolate(t) if isolated else t}\u201d" for t in sorted(titles)[:limit])
    if len(titles) > limit:
        shown += " " + _("en {n} andere").format(n=len(titles) - limit)
    return shown


class ImportRefused(BundleError):
    """The bundle asks for something that cannot be right here; nothing was written."""


def kind_label(kind: str) -> str:
    return bundle_kind_label(kind)
