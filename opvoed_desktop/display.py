"""Whether a window can be shown at all (no Qt needed to ask)."""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
