"""Fonts per script, found in resources/fonts first and then in the system's font folders.

Every character is checked against the font's cmap before rendering: a missing glyph is an error
that names the characters and the font to install, never a box on paper.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.paths import resources_dir

FONT_DIRS_ENV = "OPVOED_FONT_DIRS"

# Per script: (regular, bold) file names, best first. We ship the Noto fonts unchanged, with their
# OpenType tables: the engine shapes with HarfBuzz and takes Latin letters and digits from the
# Latin font where the script's font has none.
CANDIDATES: dict[str, tuple[tuple[str, str], ...]] = {
    "latin": (
        ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),
        ("Arial.ttf", "Arial Bold.ttf"),
    ),
    "arabic": (
        ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ),
    "ethiopic": (
        ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
        ("nyala.ttf", "nyala.ttf"),
    ),
}
INSTALL_HINT = {"latin": "Noto Sans", "arabic": "Noto Sans Arabic", "ethiopic": "Noto Sans Ethiopic"}


class FontError(AppError):
    """A font problem the user can fix by installing a font; the message says which."""


@dataclass(frozen=True)
class FontFace:
    """A registered reportlab font family for one script."""

    script: str
    regular: str  # reportlab font names
    bold: str
    path: Path


def system_font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
        ]
    data_home = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return [data_home / "fonts", home / ".fonts", Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]


def default_font_dirs() -> list[Path]:
    override = os.environ.get(FONT_DIRS_ENV)
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    return [resources_dir() / "fonts", *system_font_dirs()]


class FontLocator:
    """Finds and registers fonts; one per process is enough, tests make their own."""

    def __init__(self, search_dirs: list[Path] | None = None) -> None:
        self.search_dirs = list(search_dirs) if search_dirs is not None else default_font_dirs()
        self._index: dict[str, Path] | None = None
        self._faces: dict[str, FontFace] = {}
        self._extras: dict[str, FontFace | None] = {}

    def face(self, script: str) -> FontFace:
        if script not in self._faces:
            self._faces[script] = self._find(script)
        return self._faces[script]

    def _find(self, script: str) -> FontFace:
        for regular_name, bold_name in CANDIDATES[script]:
            regular = self._lookup(regular_name)
            if regular is None:
                continue
            bold = self._lookup(bold_name) or regular
            return FontFace(script=script, regular=_register(regular), bold=_register(bold), path=regular)
        raise FontError(
            _(
                "Er is geen lettertype voor het {script} schrift gevonden; installeer {font} en probeer het opnieuw."
            ).format(script=script_label(script), font=INSTALL_HINT[script])
        )

    def extra_face(self, regular_file: str, bold_file: str | None = None, *, script: str = "latin") -> FontFace | None:
        """An optional extra font found by file name (e.g. "DejaVuSans.ttf"), registered once; None
        when it is not installed or cannot be read.

        For callers that may fall back to more fonts than the per-script faces (the export report
        prints any user text); the bold file falls back to the regular one when absent.
        """
        key = f"extra:{regular_file}:{bold_file}:{script}"
        if key in self._extras:
            return self._extras[key]
        face: FontFace | None = None
        regular = self._lookup(regular_file)
        if regular is not None:
            bold = (self._lookup(bold_file) if bold_file else None) or regular
            try:
                face = FontFace(script, _register(regular), _register(bold), regular)
            except FontError:
                face = None
        self._extras[key] = face
        return face

    def _lookup(self, name: str) -> Path | None:
        # Our own folder first, without walking the (large) system folders.
        for folder in self.search_dirs[:1]:
            if (folder / name).is_file():
                return folder / name
        if self._index is None:
            self._index = {}
            for folder in reversed(self.search_dirs):
                for root, _dirs, files in os.walk(folder):
                    for file in files:
                        self._index[file.lower()] = Path(root) / file
        return self._index.get(name.lower())


def script_label(script: str) -> str:
    return {"latin": _("Latijnse"), "arabic": _("Arabische"), "ethiopic": _("Ethiopische (Ge'ez)")}[script]


def _register(path: Path) -> str:
    """Register a TrueType file once per process (pdf_engine.PDF_ENGINE) under a name unique to it."""
    from opvoed_desktop.documents.pdf_engine import PDF_ENGINE, UnreadableFont

    try:
        return PDF_ENGINE.register(path)
    except UnreadableFont as exc:
        raise FontError(
            _("Het lettertype {file} kan niet worden gelezen; installeer het opnieuw.").format(file=path)
        ) from exc


def missing_message(missing: list[str], face: FontFace) -> str:
    shown = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in missing[:8])
    return _("Het lettertype {font} mist deze tekens: {chars}. Installeer {hint} en probeer het opnieuw.").format(
        font=face.path.name, chars=shown, hint=INSTALL_HINT[face.script]
    )
