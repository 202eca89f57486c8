"""What each kind of stored record is called for the user: one wording for "not found" errors, the
import preview and merge conflicts."""

from __future__ import annotations

from opvoed_desktop.i18n import _

# The kinds of a JSON bundle (storage/bundle.py) and the table each one fills.
BUNDLE_KIND_TABLES = {
    "meeting": "meeting",
    "participants": "participant_group",
    "agenda": "agenda_item",
    "notes": "note",
    "strengths": "strength",
    "agreements": "agreement",
    "wishes": "wish",
    "evaluations": "evaluation",
    "contacts": "contact",
}


def table_labels() -> dict[str, str]:
    # Built at call time so the active UI language is used.
    return {
        "meeting": _("Bijeenkomst"),
        "participant_group": _("Deelnemersgroep"),
        "agenda_item": _("Agendapunt"),
        "note": _("Notitie"),
        "strength": _("Kracht"),
        "agreement": _("Afspraak"),
        "wish": _("Wens"),
        "evaluation": _("Evaluatie"),
        "contact": _("Contact"),
    }


def bundle_kind_label(kind: str) -> str:
    """A bundle kind ("notes") as the user reads it; an unknown kind as it is."""
    table = BUNDLE_KIND_TABLES.get(kind)
    return table_labels()[table] if table is not None else kind
