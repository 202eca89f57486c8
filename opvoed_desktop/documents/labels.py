"""Fixed words of the printed documents that are not toolkit content (table headings, the draft notice).

Their Dutch text is the msgid of an entry in the content catalogs, like every toolkit text: `make pot`
extracts them into content.pot (`printed(...)` is the marker, see babel-content.cfg and the Makefile),
the translation editor shows them, and a hand-out looks them up in the catalog of its own language.
`missing` takes `{n}`.
"""

from __future__ import annotations

from opvoed_desktop.i18n.catalogs import ContentCatalog, State


def printed(text: str) -> str:
    """Marks a word of the printed documents for extraction into the content catalogs."""
    return text


WORDS: dict[str, str] = {
    "draft": printed("Dit is een conceptvertaling. Iemand die de taal spreekt, heeft haar nog niet nagekeken."),
    "missing": printed("Tekstdelen die nog niet vertaald zijn en in het Nederlands staan: {n}."),
    "what": printed("Wat"),
    "who": printed("Wie"),
    "when": printed("Wanneer klaar"),
    "agenda": printed("Programma"),
    "time": printed("Tijd"),
    "item": printed("Onderdeel"),
    "minutes": printed("Minuten"),
    "break": printed("Pauze"),
    "kind_informal": printed("organisatie uit de eigen gemeenschap"),
    "kind_cjg": printed("Centrum voor Jeugd en Gezin"),
    "kind_wijkteam": printed("wijkteam"),
    "kind_jgz": printed("jeugdgezondheidszorg"),
    "kind_other": printed("andere organisatie"),
}


def label(catalog: ContentCatalog, key: str) -> tuple[str, State]:
    """The word in the catalog's language and its state (missing: the Dutch word)."""
    return catalog.lookup(WORDS[key])
