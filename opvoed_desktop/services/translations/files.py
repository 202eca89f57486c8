"""The catalog files behind the translation editor: shipped (read only) and the user's overlay.

Reads each .po once per change on disk (by mtime and size) and writes the overlay atomically, with its
compiled .mo beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from opvoed_desktop.fileio import write_atomic
from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.catalogs import MISSING, clear_cache, locale_facts
from opvoed_desktop.i18n.compiled import write_beside
from opvoed_desktop.i18n.po_cache import PoCache
from opvoed_desktop.i18n.po_checks import plural_header
from opvoed_desktop.services.translations.segments import (
    DOMAINS,
    Domain,
    Segment,
    TranslationError,
    entry_comment,
    get_entry,
    lay_over,
    message_key,
    po_bytes,
)


def read_catalog(path: Path) -> Catalog:
    from babel.messages.pofile import read_po

    try:
        with open(path, "rb") as handle:
            return read_po(handle)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise TranslationError(
            _("De vertaling in {file} is beschadigd; herstel of verwijder het bestand.").format(file=path)
        ) from exc


@dataclass
class CatalogFiles:
    translations_dir: Path
    overlay_dir: Path
    _cache: PoCache[Catalog] = field(default_factory=lambda: PoCache(read_catalog), repr=False)

    # Files --------------------------------------------------------------------------------------
    def shipped_file(self, lang: str, domain: Domain) -> Path:
        return self.translations_dir / lang / "LC_MESSAGES" / f"{domain}.po"

    def overlay_file(self, lang: str, domain: Domain) -> Path:
        return self.overlay_dir / lang / f"{domain}.po"

    def _plural(self, lang: str, domain: Domain | None = None) -> tuple[int, str]:
        """(nplurals, expression) for `lang`: the shipped catalog's own Plural-Forms header is the
        truth (the domain's, else the other's); CLDR through babel for a language we do not ship."""
        for candidate in (domain, *DOMAINS) if domain else DOMAINS:
            shipped = self._catalog(self.shipped_file(lang, candidate))
            if shipped is not None:
                return shipped.num_plurals, shipped.plural_expr
        try:
            facts = locale_facts(lang)
        except ValueError:
            return 2, "(n != 1)"
        return facts.plural_count, facts.plural_expr

    def _nplurals(self, lang: str, domain: Domain | None = None) -> int:
        return self._plural(lang, domain)[0]

    def _segment(self, message: Message, shipped: Catalog | None, overlay: Catalog | None, nplurals: int) -> Segment:
        key = message_key(message)
        item_id, role = entry_comment(message)
        msgid = message.id if isinstance(message.id, str) else (message.id[0], message.id[1])
        forms = ("",) * (nplurals if not isinstance(msgid, str) else 1)
        blank = Segment(msgid, forms, MISSING, item_id, role, context=message.context)
        base = lay_over(blank, get_entry(shipped, key) if shipped is not None else None, nplurals)
        merged = lay_over(base, get_entry(overlay, key) if overlay is not None else None, nplurals, overlay=True)
        return replace(merged, shipped=base.translation)

    def _catalog(self, path: Path) -> Catalog | None:
        return self._cache.get(path)

    def _new_catalog(self, lang: str, domain: Domain) -> Catalog:
        catalog = Catalog(locale=lang, domain=domain, project="opvoed-desktop", fuzzy=False)
        self._same_plural_header(catalog, lang, domain)
        return catalog

    def _same_plural_header(self, catalog: Catalog, lang: str, domain: Domain) -> None:
        """An overlay (and an export) gets the Plural-Forms header of the shipped catalog it lays
        over, so its forms are counted the same way; babel's CLDR rule only for a new language."""
        count, expr = self._plural(lang, domain)
        catalog.mime_headers = [("Plural-Forms", plural_header((count, expr)))]

    def _overlay(self, lang: str, domain: Domain) -> Catalog:
        """A private copy of the overlay catalog to change and write (the cached one stays intact)."""
        from babel.messages.pofile import read_po

        path = self.overlay_file(lang, domain)
        if not path.is_file():
            return self._new_catalog(lang, domain)
        with open(path, "rb") as handle:
            return read_po(handle)

    def _write(self, lang: str, domain: Domain, catalog: Catalog) -> None:
        path = self.overlay_file(lang, domain)
        self._same_plural_header(catalog, lang, domain)  # an overlay from an older header follows the shipped one
        try:
            data = po_bytes(catalog)
            write_atomic(path, data, make_folder=True)
        except OSError as exc:
            raise TranslationError(
                _("Kan de vertaling niet bewaren in {path} ({reason}); de tekst staat nog in het venster.").format(
                    path=path, reason=exc.strerror or exc
                )
            ) from exc
        write_beside(path, catalog, data)  # the compiled .mo the next start reads (speed only)
        clear_cache()  # the hand-out renderer re-reads the overlay for the preview
