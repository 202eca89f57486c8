"""Compiled catalogs: a `.mo` beside each `.po`, read with the standard library's gettext.

Parsing a 1,500-entry `.po` costs 25–30 ms, twelve of them a third of a second in one hand-out
run; reading the `.mo` is a few milliseconds. The `.po` stays the one file people edit: the
`.mo` is made at build time (setup.py, `make mo`) for the shipped catalogs and whenever the app
saves an overlay, and it is only used while it was compiled from exactly the `.po` beside it
(its SHA-256 is stored inside). A missing, stale or damaged `.mo` means the `.po` is parsed as
before, so nothing depends on the compile step having run.

Drafts (the gettext `fuzzy` flag) are included, as the app shows them; each is also marked by an
empty entry in the `opvoed-draft` context, because the `.mo` format has no flags.
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

DRAFT_CONTEXT = "opvoed-draft"
SOURCE_CONTEXT = "opvoed-source"
SOURCE_KEY = "sha256"
_SEP = "\x04"  # gettext's separator between a context and a msgid in a .mo


def mo_path(po: Path) -> Path:
    return po.with_suffix(".mo")


def mo_bytes(catalog: Catalog, po_bytes: bytes) -> bytes:
    """The .mo of `catalog`, which was read from (or written as) `po_bytes`."""
    from babel.messages.catalog import Catalog as BabelCatalog
    from babel.messages.mofile import write_mo

    compiled = BabelCatalog(locale=catalog.locale, charset="utf-8")
    compiled.mime_headers = catalog.mime_headers
    for message in catalog:
        if not message.id or not message.string:
            continue
        compiled.add(message.id, message.string, context=message.context)
        if message.fuzzy and isinstance(message.id, str) and not message.context:
            compiled.add(message.id, "-", context=DRAFT_CONTEXT)
    compiled.add(SOURCE_KEY, hashlib.sha256(po_bytes).hexdigest(), context=SOURCE_CONTEXT)
    buffer = io.BytesIO()
    write_mo(buffer, compiled, use_fuzzy=True)
    return buffer.getvalue()


def compile_po(po: Path, mo: Path | None = None) -> Path:
    """Compile one `.po` (build time; raises babel's errors for a broken file)."""
    from babel.messages.pofile import read_po

    data = po.read_bytes()
    catalog = read_po(io.BytesIO(data), abort_invalid=True)
    target = mo or mo_path(po)
    target.write_bytes(mo_bytes(catalog, data))
    return target


def write_beside(po: Path, catalog: Catalog, po_bytes: bytes) -> None:
    """After saving an overlay `.po`: its `.mo` too (a failure only costs speed, never the text)."""
    from opvoed_desktop.fileio import write_atomic

    try:
        write_atomic(mo_path(po), mo_bytes(catalog, po_bytes))
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.remove(mo_path(po))  # never leave an older .mo that still matches nothing


class MoTranslations(gettext.GNUTranslations):
    """A compiled catalog with the app's rules: an empty translation shows the source text."""

    @property
    def _below(self) -> gettext.NullTranslations | None:
        return self._fallback  # type: ignore[attr-defined]  # gettext's own, not in its stubs

    # Missing here: the catalog below (a compiled overlay lies over the shipped one), then the source.
    def gettext(self, message: str) -> str:
        found = self._catalog.get(message)  # type: ignore[attr-defined]
        if isinstance(found, str) and found:
            return found
        return self._below.gettext(message) if self._below else message

    def pgettext(self, context: str, message: str) -> str:
        found = self._catalog.get(f"{context}{_SEP}{message}")  # type: ignore[attr-defined]
        if isinstance(found, str) and found:
            return found
        return self._below.pgettext(context, message) if self._below else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._catalog.get((singular, self.plural(n)))  # type: ignore[attr-defined]
        if isinstance(found, str) and found:
            return found
        return self._below.ngettext(singular, plural, n) if self._below else (singular if n == 1 else plural)

    def messages(self) -> dict[str, tuple[str, bool]]:
        """msgid → (text, draft) of the singular entries (what content catalogs hold)."""
        catalog: dict[object, str] = self._catalog  # type: ignore[attr-defined]
        prefix = DRAFT_CONTEXT + _SEP
        drafts = {key[len(prefix) :] for key in catalog if isinstance(key, str) and key.startswith(prefix)}
        return {
            key: (text, key in drafts)
            for key, text in catalog.items()
            if isinstance(key, str) and key and _SEP not in key
        }


def read_mo(po: Path, po_bytes: bytes | None = None) -> MoTranslations | None:
    """The compiled catalog of `po` when its `.mo` was made from exactly these bytes, else None."""
    try:
        data = po.read_bytes() if po_bytes is None else po_bytes
        with open(mo_path(po), "rb") as handle:
            compiled = MoTranslations(handle)
    except Exception:
        # No .mo (a checkout without `make mo`), or a damaged one (gettext raises OSError, struct
        # errors, UnicodeDecodeError, ValueError for a bad header): the caller parses the .po.
        return None
    stored = compiled._catalog.get(f"{SOURCE_CONTEXT}{_SEP}{SOURCE_KEY}")  # type: ignore[attr-defined]
    if stored != hashlib.sha256(data).hexdigest():
        return None
    return compiled


def compile_tree(translations: Path) -> list[Path]:
    """Every `<lang>/LC_MESSAGES/*.po` under `translations` compiled beside itself (build time)."""
    return [compile_po(po) for po in sorted(translations.glob("*/LC_MESSAGES/*.po"))]

