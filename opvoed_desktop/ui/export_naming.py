"""What the export dialog proposes and checks, apart from its widgets: the formats by name, a
report language in its own name, the file name from a meeting's date and title, the extension
against the chosen format, and the folder to start in.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from opvoed_desktop.i18n import _


def format_names() -> dict[str, str]:
    return {
        "pdf": _("PDF-verslag (.pdf)"),
        "docx": _("Word-document (.docx)"),
        "md": _("Platte tekst, Markdown (.md)"),
        "csv": _("Afspraken als tabel, CSV (.csv)"),
        "json": _("Bundel voor een andere laptop (.json)"),
    }


def language_name(code: str) -> str:
    """The report language in its own name, with the interface language's name beside it."""
    from babel import Locale, UnknownLocaleError

    from opvoed_desktop.i18n import active

    shown_in = active().locale
    shown_in = "nl" if shown_in.startswith("x-") else shown_in.replace("-", "_")
    try:
        locale = Locale.parse(code.replace("-", "_"))
        native, beside = locale.get_display_name(code.replace("-", "_")), locale.get_display_name(shown_in)
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    native, beside = (
        (native or code)[:1].upper() + (native or code)[1:],
        (beside or code)[:1].upper() + (beside or code)[1:],
    )
    return native if native == beside else f"{native} ({beside})"


def check_suffix(path: Path, expected: str, name: str) -> tuple[Path, str, bool]:
    """(the path to write, a sentence for the field, whether to go on) for `expected` (".pdf").

    The right extension (in any case) passes. Another format's extension ("verslag.csv" with
    PDF chosen) stops: a CSV is never written into a .pdf; the person chooses. Without an
    extension, or with one no format uses ("verslag 9.12"), the expected one is added, visibly.
    """
    suffix = path.suffix.lower()
    if suffix == expected:
        return path, "", True
    if suffix in {f".{code}" for code in format_names()} | {".zip"}:
        sentence = _(
            "De naam eindigt op {typed}, maar u koos {format}. Pas de naam aan of kies een ander formaat."
        ).format(typed=path.suffix, format=name)
        return path, sentence, False
    fixed = path.with_name(path.name + expected)
    return fixed, _("De naam kreeg {suffix} erbij, het formaat dat u koos.").format(suffix=expected), True


def slug(text: str) -> str:
    """ "Eén avond?" → "een-avond"; letters of any script stay ("أمسية الآباء" → "أمسية-الآباء"), so an
    Arabic or Tigrinya title still names its file. Accents on Latin letters go, as before; the marks
    of other scripts (the hamza of "أ", vowel signs) are part of their letters and stay."""
    kept: list[str] = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            if kept and not kept[-1].isascii() and kept[-1] != "-":
                kept.append(ch)
            continue
        kept.append(ch.lower() if ch.isalnum() else "-")
    words = re.sub("-+", "-", unicodedata.normalize("NFC", "".join(kept))).strip("-")
    return words[:50].strip("-")


def documents_folder() -> Path:
    """The user's Documents folder (else the home folder): where a proposed file name starts."""
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()
