"""Hand-out speed: one hand-out warm (median), and all 12 languages from one fresh
`--all-languages` process (wall time, imports included).

Run: `.venv/bin/python benchmarks/bench_handouts.py`. Budgets: ≤ 40 ms warm, ≤ 0.8 s for all 12.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def warm_ms(service: HandoutService, request: HandoutRequest, repeat: int = 20) -> float:
    service.render(request)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        service.render(request)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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
        rows.append((f"one hand-out warm: {label}", f"{warm_ms(service, request):.1f} ms", "budget 40 ms"))
    for kind in ("ouders", "deelnemers"):
        rows.append((f"all 12 languages, fresh process: {kind}", f"{all_languages_s(kind):.2f} s", "budget 0.8 s"))
    print("| measurement | median | note |\n| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
