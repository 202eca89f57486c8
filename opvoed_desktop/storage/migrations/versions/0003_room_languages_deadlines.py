"""The room's languages become language codes; deadlines in words; the agenda's dagdeel.

- meeting.languages: free text ("Nederlands, Arabisch, Tigrinya") becomes codes (nl, ar, ti),
  matched by name in any of many languages; what matches nothing is kept exactly as typed.
- agreement.due_text: a deadline such as "eind januari" that is not a date, kept as typed.
- meeting.minutes_available: how long the meeting may take (None: the programme's own).

updated_at is left alone: every laptop migrates the same text to the same codes, so a bundle
between two migrated laptops sees no conflict.

The matching is a frozen copy of i18n/language_names.py as it was when this revision was written,
with the names it matched by (from i18n/language_table.py, babel 2.19.0) in 0003_language_names.json
beside it, not an import of them: a later change to how the app matches names must not change what
this revision does to a database that meets it years later. Only babel's parser of locale codes
(is a stored entry already a code?) is asked live, as SQLAlchemy is: a library pinned by the lock.
tests/storage/test_frozen_migrations.py checks that the copy started out equal to the app's matcher.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_text", sa.String(length=100), server_default="", nullable=False))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minutes_available", sa.Integer(), nullable=True))
    normalise_meeting_languages(op.get_bind())


def normalise_meeting_languages(conn: sa.Connection) -> int:
    """Rewrite each meeting's languages as codes plus unmatched text; returns how many changed."""
    changed = 0
    seen: dict[str, list[str] | None] = {}  # many meetings share the same languages: match each once
    rows = conn.execute(sa.text("SELECT id, languages FROM meeting")).all()
    for meeting_id, raw in rows:
        key = raw if isinstance(raw, str) else json.dumps(raw)
        if key not in seen:
            seen[key] = _normalised(raw)
        result = seen[key]
        if result is not None:
            conn.execute(
                sa.text("UPDATE meeting SET languages = :languages WHERE id = :id"),
                {"languages": json.dumps(result, ensure_ascii=False), "id": meeting_id},
            )
            changed += 1
    return changed


def _normalised(raw: object) -> list[str] | None:
    """The new value, or None when there is nothing to change (or nothing safe to change)."""
    try:
        values = json.loads(raw) if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
    except (ValueError, TypeError):
        return None  # not JSON: leave it for the app to show, never lose it here
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return None
    codes, unmatched = normalise_languages(values)
    result = codes + unmatched
    return result if result != values else None


# The frozen copy of i18n/language_names.py (2026-12-02), for an interface in Dutch (a migration
# runs before any language is chosen).
_SEPARATORS = re.compile(r"[,;/+&\n·،]|\s+(?:en|and|und|et|ve|و)\s+")
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")
_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
NAMES_FILE = Path(__file__).with_name("0003_language_names.json")


@functools.lru_cache(maxsize=1)
def frozen_names() -> dict[str, str]:
    """Folded name or code → language code: every language babel 2.19.0 named, by its name in
    Dutch, English, itself and fourteen neighbouring languages, as the app matched them that day."""
    names: dict[str, str] = json.loads(NAMES_FILE.read_text(encoding="utf-8"))["names"]
    return names


def fold(text: str) -> str:
    """Case, accents and spacing do not matter: "Oekraïens" == "oekraiens"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("-", " ").replace("_", " ").split())


def is_code(value: str) -> bool:
    """Whether a stored entry is a language code (and not text kept as typed)."""
    if not _CODE.fullmatch(value):
        return False
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


def _lookup(part: str, names: dict[str, str]) -> str | None:
    key = fold(part)
    # "Arabisch (Marokkaans)" is Arabic; "Koerdisch (Sorani)" is Sorani
    for candidate in (key, fold(_BRACKETS.sub("", part)), *map(fold, re.findall(r"\((.*?)\)", part))):
        if candidate in names:
            return names[candidate]
    # "ar-MA", "nl_BE": the language of a regional code
    base = re.fullmatch(r"([a-z]{2,3})[ ][a-z]{2,4}", key)
    return names.get(base.group(1)) if base else None


def normalise_languages(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """(language codes, parts that name no language): codes stay, free text is matched by name."""
    names = frozen_names()
    codes: list[str] = []
    unmatched: list[str] = []
    for value in values:
        value = value.strip()
        found: list[str] = []
        if is_code(value):
            found = [value]
        elif value:
            unknown: list[str] = []
            for part in _SEPARATORS.split(value):
                part = part.strip(" .")
                if not part:
                    continue
                code = _lookup(part, names)
                if code is None:
                    unknown.append(part)
                elif code not in found:
                    found.append(code)
            unmatched += [u for u in unknown if u not in unmatched]  # as it was: "x, x" keeps both
        codes += [code for code in found if code not in codes]
    return codes, unmatched


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("minutes_available")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_column("due_text")
