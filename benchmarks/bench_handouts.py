"""Hand-out speed: one hand-out warm (median), against a bare reportlab document of the same pages
measured in the same run, and all 12 languages from one fresh `--all-languages` process (wall
time, imports included).

Run: `.venv/bin/python benchmarks/bench_handouts.py`. Budgets: a warm hand-out within 1.5× of the
bare reportlab document of its text; ≤ 0.8 s for all 12 languages.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from opvoed_desktop.content import load_library
from opvoed_desktop.documents.model import Contact
from opvoed_desktop.paths import content_dir, translations_dir
from opvoed_desktop.services.handouts import HandoutRequest, HandoutService

CONTACTS = (
    Contact("Stichting Al Amal", "informal", "Kerkstraat 12, Utrecht", "030 123 45 67", "www.alamal.nl", "ma–vr",
            ("ar", "nl")),
    Contact("CJG Utrecht-West", "cjg", "Marktplein 1, Utrecht", "+31 30 286 00 00", "cjgutrecht.nl", "elke werkdag",
            ("nl", "tr")),
)


class BareReportlab:
    """The same hand-out with every paragraph set by reportlab's own Paragraph instead of the
    engine: same story, tables, boxes, QR codes and fonts (registered again as plain TTFonts), but
    no bidi, no shaping, no ActualText. Use as a context manager around `service.render`."""

    def __enter__(self) -> BareReportlab:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.platypus import Paragraph

        from opvoed_desktop.content.markdown import plain
        from opvoed_desktop.documents import text as text_module

        self.module = text_module
        self.para = text_module.Writer.para

        def bare_para(writer: object, text: str, style_name: str, *, bullet: str | None = None,
                      markup: bool = False) -> object:
            style = writer.styles.get(style_name)  # type: ignore[attr-defined]
            name = f"bare-{style.fontName}"
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, pdfmetrics.getFont(style.fontName).face.filename))
            return Paragraph(escape(plain(str(text))), style.clone(f"bare-{style.name}", fontName=name),
                             bulletText=bullet)

        text_module.Writer.para = bare_para  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        self.module.Writer.para = self.para  # type: ignore[method-assign]


def warm_pair_ms(service: HandoutService, request: HandoutRequest, repeat: int = 20) -> tuple[float, float]:
    """Medians of the hand-out and of its bare reportlab twin, rendered in turns (a busy machine
    slows both alike)."""
    ours, bare = [], []
    service.render(request)
    with BareReportlab():
        service.render(request)
    for _ in range(repeat):
        start = time.perf_counter()
        service.render(request)
        ours.append((time.perf_counter() - start) * 1000)
        with BareReportlab():
            start = time.perf_counter()
            service.render(request)
            bare.append((time.perf_counter() - start) * 1000)
    return statistics.median(ours), statistics.median(bare)


def pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n")


def all_languages_s(kind: str, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "opvoed_desktop", "--data-dir", folder, "handout", kind,
                            "--all-languages", "-o", folder], check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
            assert len(list(Path(folder).glob("*.pdf"))) == 12
    return statistics.median(runs)


def main() -> None:
    service = HandoutService(load_library(content_dir()), translations_dir())
    rows = []
    for kind, lang, bilingual in (("ouders", "nl", None), ("ouders", "ar", None), ("ouders", "ti", None),
                                  ("ouders", "ar", "nl"), ("deelnemers", "fa", None), ("agenda", "tr", None)):
        request = HandoutRequest(kind, lang, bilingual=bilingual, municipality="Utrecht", contacts=CONTACTS)
        label = f"{kind} {lang}" + (" + nl" if bilingual else "")
        ours, bare = warm_pair_ms(service, request)
        our_pages = pages(service.render(request).pdf)
        with BareReportlab():
            bare_pages = pages(service.render(request).pdf)
        note = f"bare reportlab, same pages ({bare_pages} p.): {bare:.1f} ms; ratio {ours / bare:.2f} (budget 1.5)"
        rows.append((f"one hand-out warm: {label} ({our_pages} p.)", f"{ours:.1f} ms", note))
    for kind in ("ouders", "deelnemers"):
        rows.append((f"all 12 languages, fresh process: {kind}", f"{all_languages_s(kind):.2f} s", "budget 0.8 s"))
    print("| measurement | median | note |\n| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
