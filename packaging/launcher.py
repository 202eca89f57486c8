"""Entry script of the PyInstaller bundle: the same `main` as the `opvoed-desktop` command."""

from __future__ import annotations

import sys

from opvoed_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
