"""Reading our PDFs back: text through pdftotext and pypdf, words with positions, fonts."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def norm(text: str) -> str:
    """NFC, without the bidi marks pdftotext adds around right-to-left runs."""
    return unicodedata.normalize("NFC", text.translate(_BIDI_MARKS))


def pdftotext(path: Path) -> str:
    return norm(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                               text=True).stdout)


def pypdf_text(path: Path) -> str:
    return norm("\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def words(path: Path) -> tuple[list[Word], float, float]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    found: list[Word] = []
    width = height = 0.0
    page = 0
    for line in out.splitlines():
        match = _PAGE.search(line)
        if match:
            page += 1
            width, height = float(match.group(1)), float(match.group(2))
            continue
        match = _WORD.search(line)
        if match:
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            found.append(Word(page, x0, y0, x1, y1, norm(html.unescape(match.group(5)))))
    return found, width, height


def fonts(path: Path) -> list[dict[str, object]]:
    """Every font the pages use: name, embedded (a FontFile), subset (ABCDEF+ prefix), ToUnicode."""
    reader = PdfReader(str(path))
    seen: dict[str, dict[str, object]] = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            seen[name] = {
                "name": name,
                "embedded": any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")),
                "subset": bool(re.match(r"^/[A-Z]{6}\+", name)),
                "to_unicode": "/ToUnicode" in font,
            }
    return list(seen.values())
