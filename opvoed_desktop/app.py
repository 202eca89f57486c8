"""Composition root: resolve paths and language, load the content, then hand over to the UI.

Kept free of Qt so that the order of start-up is readable and testable; the UI import is the
last step and only happens when a window is wanted.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from opvoed_desktop.content import Library, load_library
from opvoed_desktop.content.search import SearchIndex
from opvoed_desktop.i18n import Translator, _, use
from opvoed_desktop.paths import DataPaths, content_dir, data_paths, translations_dir


@dataclass
class Services:
    """Everything a window needs, passed in explicitly (no global registry)."""

    library: Library
    search: SearchIndex
    data: DataPaths
    translator: Translator


def build_services(data_dir: str | None = None, lang: str | None = None, content: Path | None = None) -> Services:
    translator = Translator.load(lang or os.environ.get("OPVOED_LANG") or "nl", translations_dir())
    use(translator)
    library = load_library(content or content_dir())
    data = data_paths(data_dir)
    return Services(library=library, search=SearchIndex(library), data=data, translator=translator)


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args: argparse.Namespace) -> int:
    if not has_display():
        print(
            _(
                "Er is geen beeldscherm gevonden; start de app op een bureaublad, "
                "of gebruik de opdrachten van 'opvoed-desktop --help'."
            ),
            file=sys.stderr,
        )
        return 1
    services = build_services(args.data_dir, args.lang, Path(args.content_dir) if args.content_dir else None)
    services.data.ensure()
    from opvoed_desktop.ui.application import run

    return run(services, sys.argv[:1])
