"""The process-wide state of the PDF libraries, in one object: `PDF_ENGINE`.

reportlab keeps its registered fonts in a module-level registry (`pdfmetrics`), and each registered
TrueType font carries its subsets and the private glyph keys of our shaping (shaping.GlyphFont)
inside itself; pdfium (reading PDFs for the previews and printing) has one library state per
process. Neither is safe to use from two threads at once: the hand-outs tab renders on a worker
thread while the translation editor previews on the GUI thread, and an export may run beside both.

This state cannot belong to an AppContext: two contexts in one process (the self-test, the tests)
share reportlab whatever we do. So it lives here, once, and everything that touches it goes through
this object: registering a font file (idempotent: once per file, under one name for ever), the glyph
font of a registered font (one per name for ever, so a glyph's private key is never handed out
twice), and `lock`, held while a PDF is built (compose.build_pdf) or read (pdfium). Its methods are
thread-safe, so nothing in it ever needs resetting.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opvoed_desktop.documents.engine.shaping import GlyphFont

__all__ = ["PDF_ENGINE", "PdfEngine", "UnreadableFont"]


class UnreadableFont(Exception):
    """reportlab could not read the font file (fonts.py turns it into a sentence for the user)."""


class PdfEngine:
    def __init__(self) -> None:
        # Reentrant: a hand-out holds it around the whole render and build_pdf takes it again inside.
        self.lock = threading.RLock()
        self._registered: dict[Path, str] = {}
        self._glyph_fonts: dict[str, GlyphFont] = {}

    def register(self, path: Path) -> str:
        """Register a TrueType file with reportlab once, under a name unique to that file; the name."""
        resolved = path.resolve()
        name = self._registered.get(resolved)
        if name is not None:
            return name
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError

        from opvoed_desktop.documents.engine.pdfdraw import EngineTTFont

        with self.lock:
            name = self._registered.get(resolved)  # another thread may have been first
            if name is not None:
                return name
            name = path.stem
            if name in pdfmetrics.getRegisteredFontNames():
                name = f"{name}-{len(self._registered)}"
            try:
                pdfmetrics.registerFont(EngineTTFont(name, str(resolved)))
            except (TTFError, OSError) as exc:
                raise UnreadableFont(str(path)) from exc
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(name, bold, italic, name)
            self._registered[resolved] = name
            return name

    def glyph_font(self, name: str) -> GlyphFont:
        """The shaping side of registered font `name`: made once, kept as long as the font is registered
        (for the process), because the private keys it hands out are written into the font itself."""
        try:
            return self._glyph_fonts[name]
        except KeyError:
            pass
        from opvoed_desktop.documents.engine.shaping import GlyphFont

        with self.lock:
            font = self._glyph_fonts.get(name)
            if font is None:
                font = self._glyph_fonts[name] = GlyphFont(name, self.lock)
            return font


PDF_ENGINE = PdfEngine()
