"""`opvoed-desktop` and `python -m opvoed_desktop`: the GUI by default, CLI sub-commands headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from opvoed_desktop.app import main as run

    return run(sys.argv[1:] if argv is None else argv, hooks=True)


if __name__ == "__main__":
    sys.exit(main())
