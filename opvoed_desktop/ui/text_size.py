"""One text size for the whole app (five steps, Ctrl+ / Ctrl− / Ctrl+0), remembered per laptop.

The size is the application font: every widget without a font of its own follows it at once, the
library reader and the console's big labels scale from it when they are built. The audience screen
has its own size (Ctrl+ / Ctrl− during the show), which this does not touch.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from opvoed_desktop.i18n import _

# Percent of the system's own size. 160% at QT_SCALE_FACTOR=1.5 is 240% of the default on screen.
STEPS = (100, 115, 130, 145, 160)
DEFAULT = 0
LARGEST = len(STEPS) - 1


def clamp(step: int | None) -> int:
    if step is None:
        return DEFAULT
    return max(0, min(LARGEST, step))


def step_names() -> list[str]:
    return [_("Tekstgrootte {percent}%").format(percent=percent) for percent in STEPS]


# The step is a fact of the QApplication, as its font is (Qt's one process-wide object): it is kept
# there as a property, not in a module variable beside it.
APP_PROPERTY = "opvoedTextSize"


def current() -> int:
    """The step the running application was given (`apply`); the default before that."""
    app = QApplication.instance()
    step = app.property(APP_PROPERTY) if app is not None else None
    return clamp(step) if isinstance(step, int) else DEFAULT


def base_point_size(app: QApplication) -> float:
    """The system's size, remembered the first time: steps are taken from it, not from each other."""
    base = getattr(app, "_opvoed_base_point_size", None)
    if base is None:
        base = app.font().pointSizeF()
        if base <= 0:
            base = 10.0
        app._opvoed_base_point_size = base  # type: ignore[attr-defined]
    return float(base)


def apply(app: QApplication, step: int | None) -> int:
    chosen = clamp(step)
    app.setProperty(APP_PROPERTY, chosen)
    font = app.font()
    font.setPointSizeF(round(base_point_size(app) * STEPS[chosen] / 100, 1))
    app.setFont(font)
    sheet = app.styleSheet()
    if sheet:
        # Widgets with a font rule in the sheet (bold tabs) froze the old size when polished.
        app.setStyleSheet("")
        app.setStyleSheet(sheet)
    return chosen


def scale() -> float:
    """The current step as a factor (1.0 at the system's size) for widgets that size text themselves."""
    return STEPS[current()] / 100
