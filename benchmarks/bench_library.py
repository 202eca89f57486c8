"""Library speed: content load, search per keystroke (index only, and the whole view update).

Run: `.venv/bin/python benchmarks/bench_library.py` (QT_QPA_PLATFORM=offscreen is set here).
Prints a Markdown table of medians; copy it to docs/performance.md.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from opvoed_desktop.content.loader import load_library_uncached
from opvoed_desktop.content.search import SearchIndex
from opvoed_desktop.paths import content_dir

QUERY = "sleutelfiguren gemeente"


def median_ms(fn: Callable[[], object], repeat: int = 30) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def keystrokes(query: str) -> list[str]:
    return [query[:i] for i in range(1, len(query) + 1)]


def main() -> None:
    rows: list[tuple[str, float, str]] = []
    load = median_ms(lambda: load_library_uncached(content_dir()), repeat=15)
    rows.append(("load and validate all content (uncached)", load, "once at start"))
    library = load_library_uncached(content_dir())
    build = median_ms(lambda: SearchIndex(library), repeat=15)
    rows.append(("build the search index", build, "once at start"))
    index = SearchIndex(library)
    prefixes = keystrokes(QUERY)
    per_key = statistics.median(median_ms(lambda p=p: index.search(p), repeat=10) for p in prefixes)
    rows.append(("search, per keystroke (index)", per_key, "budget 50 ms"))

    from PySide6.QtWidgets import QApplication

    from opvoed_desktop.app import build_services
    from opvoed_desktop.ui.library_view import LibraryView

    app = QApplication.instance() or QApplication([])
    services = build_services(data_dir="/tmp/opvoed-bench")
    view = LibraryView(services.library, services.search)
    view.resize(1280, 800)
    view.show()
    app.processEvents()

    def type_query() -> None:
        for prefix in prefixes:
            view.search_field.setText(prefix)
            app.processEvents()
        view.search_field.clear()
        app.processEvents()

    whole = median_ms(type_query, repeat=5) / (len(prefixes) + 1)
    rows.append(("search, per keystroke (results list + highlighted page painted)", whole, "budget 50 ms"))
    print(f"Query typed letter by letter: '{QUERY}', {len(library.items)} content items\n")
    print("| measurement | median | note |\n| --- | ---: | --- |")
    for name, value, note in rows:
        print(f"| {name} | {value:.2f} ms | {note} |")


if __name__ == "__main__":
    main()
