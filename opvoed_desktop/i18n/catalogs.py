"""Content catalogs (the toolkit texts per language) and facts about a language.

A shipped catalog lives in `translations/<lang>/LC_MESSAGES/content.po`; the user's own edits live in
an overlay (`<data dir>/translations/<lang>/content.po`) whose entries win. Shipped files are never
written. The gettext `fuzzy` flag means "draft, not yet checked by a speaker".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n.po_cache import PoCache
from opvoed_desktop.i18n.translator import SOURCE_LOCALE

if TYPE_CHECKING:
    from babel import Locale

State = Literal["checked", "draft", "missing"]
CHECKED: State = "checked"
DRAFT: State = "draft"
MISSING: State = "missing"

# The languages the hand-outs are made in: Dutch (source) first.
HANDOUT_LANGUAGES = ("nl", "en", "ar", "tr", "ti", "so", "fa", "ps", "uk", "pl", "am", "ckb")
DOMAIN = "content"


class CatalogError(AppError):
    """A catalog file that cannot be read; the message names the file."""


@dataclass(frozen=True)
class LocaleFacts:
    code: str
    native_name: str  # the language named in its own language, from babel
    direction: Literal["ltr", "rtl"]
    script: str  # "latin" (also Cyrillic), "arabic" or "ethiopic": decides the fonts
    # (number of forms, gettext expression): given by whoever knows better (a shipped catalog's own
    # header, see services/translations), else babel's, looked up when first asked: importing
    # babel's table imports its whole catalog machinery, which a hand-out never needs.
    plural_forms: tuple[int, str] | None = None

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def plural_count(self) -> int:
        return (self.plural_forms or babel_plural(self.code))[0]

    @property
    def plural_expr(self) -> str:
        return (self.plural_forms or babel_plural(self.code))[1]


_SCRIPTS = {
    "ar": "arabic",
    "fa": "arabic",
    "ps": "arabic",
    "ckb": "arabic",
    "ur": "arabic",
    "ti": "ethiopic",
    "am": "ethiopic",
}


@lru_cache(maxsize=64)
def locale_facts(code: str) -> LocaleFacts:
    """Facts about a language from babel; raises ValueError for a code babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        loc = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(code) from exc
    name = loc.get_display_name(loc) or code
    return LocaleFacts(
        code=code,
        native_name=name,
        direction="rtl" if loc.character_order == "right-to-left" else "ltr",
        script=_SCRIPTS.get(loc.language) or _script_family(loc),
    )


@lru_cache(maxsize=64)
def babel_plural(code: str) -> tuple[int, str]:
    """babel's plural rule of a language babel knows (locale_facts checked it): (forms, expression)."""
    from babel.messages.plurals import get_plural

    plural = get_plural(code.replace("-", "_"))
    return plural.num_plurals, plural.plural_expr


def _script_family(loc: Locale) -> str:
    """The font family for a language we do not ship, from CLDR's likely script (fa_AF → Arab)."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    subtags = likely.get(str(loc)) or likely.get(loc.language) or ""
    script = loc.script or next((p for p in subtags.split("_")[1:] if len(p) == 4), "Latn")
    return {"Arab": "arabic", "Ethi": "ethiopic"}.get(script, "latin")


@dataclass
class ContentCatalog:
    """msgid → (text, fuzzy) for one language; the overlay is already merged in."""

    locale: str
    messages: dict[str, tuple[str, bool]] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    @property
    def is_source(self) -> bool:
        return self.locale == SOURCE_LOCALE

    def lookup(self, msgid: str) -> tuple[str, State]:
        """The text to show and its state; a missing translation falls back to the Dutch msgid."""
        if self.is_source or not msgid:
            return msgid, CHECKED
        found = self.messages.get(msgid)
        if found is None or not found[0]:
            return msgid, MISSING
        text, fuzzy = found
        return text, DRAFT if fuzzy else CHECKED

    def stats(self, msgids: list[str]) -> dict[State, int]:
        counts: dict[State, int] = {CHECKED: 0, DRAFT: 0, MISSING: 0}
        for msgid in msgids:
            counts[self.lookup(msgid)[1]] += 1
        return counts


def shipped_path(translations_dir: Path, locale: str) -> Path:
    return translations_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def overlay_path(overlay_dir: Path, locale: str) -> Path:
    return overlay_dir / locale / f"{DOMAIN}.po"


def available_locales(translations_dir: Path) -> list[str]:
    """Languages with a shipped content catalog, plus the Dutch source."""
    found = {p.parent.parent.name for p in translations_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return [SOURCE_LOCALE, *sorted(found - {SOURCE_LOCALE})]


def load_content_catalog(locale: str, translations_dir: Path, overlay_dir: Path | None = None) -> ContentCatalog:
    """The merged catalog for `locale`; files are parsed again only when their mtime changes."""
    files = [shipped_path(translations_dir, locale)]
    if overlay_dir is not None:
        files.append(overlay_path(overlay_dir, locale))
    messages: dict[str, tuple[str, bool]] = {}
    used = []
    for path in files:
        parsed = _CACHE.get(path)
        if parsed is None:
            continue
        used.append(path)
        for msgid, (text, fuzzy) in parsed.items():
            # An empty overlay entry must not hide a shipped translation.
            if text or msgid not in messages:
                messages[msgid] = (text, fuzzy)
    return ContentCatalog(locale=locale, messages=messages, files=tuple(used))


def _read_po(path: Path) -> dict[str, tuple[str, bool]]:
    # The compiled .mo beside the .po when it was made from exactly this .po (i18n/compiled.py).
    # Else babel's read_po costs ~30 ms for a 1,200-entry catalog, too slow for twelve languages
    # in one short CLI run; the plain entries we write are read directly, anything unusual goes
    # to babel.
    from opvoed_desktop.i18n.compiled import read_mo

    try:
        data = path.read_bytes()
    except OSError:
        return _read_po_babel(path)
    compiled = read_mo(path, data)
    if compiled is not None:
        return compiled.messages()
    try:
        return _read_plain_po(data.decode("utf-8"))
    except (_Unusual, UnicodeDecodeError):
        return _read_po_babel(path)


class _Unusual(Exception):
    pass


def _read_plain_po(text: str) -> dict[str, tuple[str, bool]]:
    """Entries separated by blank lines, each: comments, `msgid "…"`, `msgstr "…"`, continuations."""
    from babel.messages.pofile import unescape

    messages: dict[str, tuple[str, bool]] = {}
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fuzzy = False
        parts: dict[str, list[str]] = {}
        current: list[str] | None = None
        for raw in block.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in (flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#~"):
                raise _Unusual
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgid ", "msgstr ")):
                keyword, _sep, rest = line.partition(" ")
                if keyword in parts:
                    raise _Unusual
                current = parts[keyword] = [rest]
            elif line.startswith('"') and current is not None:
                current.append(line)
            else:
                raise _Unusual  # msgctxt, plural forms, anything else: babel reads it
        if not parts:
            continue
        if set(parts) != {"msgid", "msgstr"}:
            raise _Unusual
        msgid = "".join(unescape(p) for p in parts["msgid"])
        if msgid:
            messages[msgid] = ("".join(unescape(p) for p in parts["msgstr"]), fuzzy)
    return messages


def _read_po_babel(path: Path) -> dict[str, tuple[str, bool]]:
    from babel.messages.pofile import PoFileError, read_po

    try:
        with open(path, "rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (PoFileError, OSError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogError(str(path)) from exc
    messages: dict[str, tuple[str, bool]] = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue  # the header, and plural entries (content has none)
        text = message.string if isinstance(message.string, str) else ""
        messages[message.id] = (text, message.fuzzy)
    return messages


# Parsed content catalogs, for every caller in the process (self-refreshing: see po_cache).
_CACHE: PoCache[dict[str, tuple[str, bool]]] = PoCache(_read_po)


def clear_cache() -> None:
    _CACHE.forget()
