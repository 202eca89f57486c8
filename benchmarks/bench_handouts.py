"""Hand-out speed against its floors, measured in the same run and in turns:

- the floor: a bare reportlab two-page document (benchmarks/floors.py), warm in this process, and
  in a fresh process (one document, and twelve);
- one hand-out warm (median): ratio to the floor, and to a bare reportlab document of the same
  pages (the same story with reportlab's own Paragraph instead of the text engine);
- one hand-out from a fresh `handout` process, and all 12 languages from one fresh
  `--all-languages` process (wall time, imports included), against the fresh-process floors.

Goals (issue 16): warm ≤ 1.3× the floor; one fresh ≤ 1.6×; twelve fresh ≤ 0.6 s.
Run: `.venv/bin/python benchmarks/bench_handouts.py`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.floors import REPORTLAB_FRESH, reportlab_document
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


def warm_ms(
    service: HandoutService, request: HandoutRequest, repeat: int = 20
) -> tuple[float, float, float]:
    """Medians of the hand-out, of its bare reportlab twin and of the floor document, rendered in
    turns (a busy machine slows all three alike)."""
    ours, bare, floor = [], [], []
    service.render(request)
    reportlab_document()
    with BareReportlab():
        service.render(request)
    for _ in range(repeat):
        start = time.perf_counter()
        service.render(request)
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        reportlab_document()
        floor.append((time.perf_counter() - start) * 1000)
        with BareReportlab():
            start = time.perf_counter()
            service.render(request)
            bare.append((time.perf_counter() - start) * 1000)
    return statistics.median(ours), statistics.median(bare), statistics.median(floor)


def pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n")


def fresh_s(argv: list[str], repeat: int = 5) -> tuple[float, float]:
    """Median wall seconds of a fresh `opvoed-desktop` process and of the fresh floor process
    writing as many bare documents, in turns."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    repo = Path(__file__).resolve().parent.parent
    count = 12 if "--all-languages" in argv else 1
    ours, floor = [], []
    for _ in range(repeat + 1):  # the first of each only compiles bytecode and fills caches
        with tempfile.TemporaryDirectory() as folder:
            out = folder if count == 12 else str(Path(folder) / "hand-out.pdf")
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "opvoed_desktop", "--data-dir", str(Path(folder) / "data"),
                            *argv, "-o", out], check=True, capture_output=True, env=env)
            ours.append(time.perf_counter() - start)
            assert len(list(Path(folder).glob("*.pdf"))) == count
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", REPORTLAB_FRESH, str(count), folder], check=True, cwd=repo, env=env)
            floor.append(time.perf_counter() - start)
    return statistics.median(ours[1:]), statistics.median(floor[1:])


def main() -> None:
    service = HandoutService(load_library(content_dir()), translations_dir())
    rows = []
    for kind, lang, bilingual in (("ouders", "nl", None), ("ouders", "ar", None), ("ouders", "ti", None),
                                  ("ouders", "ar", "nl"), ("deelnemers", "fa", None), ("agenda", "tr", None)):
        request = HandoutRequest(kind, lang, bilingual=bilingual, municipality="Utrecht", contacts=CONTACTS)
        label = f"{kind} {lang}" + (" + nl" if bilingual else "")
        ours, bare, floor = warm_ms(service, request)
        our_pages = pages(service.render(request).pdf)
        rows.append((f"one hand-out warm: {label} ({our_pages} p.)", f"{ours:.1f} ms",
                     f"{ours / floor:.2f} (floor {floor:.1f} ms)", f"{ours / bare:.2f} ({bare:.1f} ms)"))
    for argv, label in (
        (["handout", "ouders", "--lang", "ar"], "one hand-out (ar), fresh process"),
        (["handout", "ouders", "--all-languages"], "parents' hand-out in 12 languages, one fresh process"),
        (["handout", "deelnemers", "--all-languages"], "participants' hand-out in 12 languages, one fresh process"),
    ):
        ours, floor = fresh_s(argv)
        rows.append((label, f"{ours:.2f} s", f"{ours / floor:.2f} (floor {floor:.2f} s)", "—"))
    print("| measurement | median | ratio to floor | ratio to bare reportlab, same pages |")
    print("| --- | ---: | ---: | ---: |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
