"""Compile translation catalogs (.po) into the .mo files the app reads (`make mo`, setup.py).

Usage: python packaging/compile_catalogs.py [translations-folder or .po file ...]
(default: every catalog of the checkout's translations/).
"""

from __future__ import annotations

import sys
from pathlib import Path

from opvoed_desktop.i18n.compiled import compile_po, compile_tree

if __name__ == "__main__":
    targets = [Path(a) for a in sys.argv[1:]] or [Path(__file__).resolve().parent.parent / "translations"]
    count = 0
    for target in targets:
        count += len(compile_tree(target)) if target.is_dir() else bool(compile_po(target))
    print(f"{count} catalogs compiled")
