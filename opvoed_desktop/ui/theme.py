"""The app's look: a calm light theme and a high-contrast variant, one piece with the audience screen.

The audience screen is navy (#0f1a2e) with white text and a warm yellow accent (#ffd866). The laptop
side takes the same navy for text and selection on light surfaces, so the console and the room's
preview read as one app. The colours live here (checked for contrast by tests/ui/test_theme.py); the
shapes live in resources/styles/app.qss, which gets the colours filled in.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from string import Template

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from opvoed_desktop.i18n import _
from opvoed_desktop.paths import resources_dir

LIGHT, HIGH_CONTRAST = "light", "high-contrast"
THEMES = (LIGHT, HIGH_CONTRAST)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Colours:
    window: str
    base: str
    alternate: str
    text: str
    button: str
    button_text: str
    button_hover: str
    button_pressed: str
    tab: str
    border: str
    border_soft: str
    border_width: str
    disabled: str
    disabled_border: str
    highlight: str
    highlight_text: str
    inactive_highlight: str
    inactive_highlight_text: str
    focus: str
    accent: str
    placeholder: str
    link: str
    # Status sentences on the window's background (console room state, errors, success).
    note: str
    error: str
    success: str


PALETTES: dict[str, Colours] = {
    LIGHT: Colours(
        window="#f4f6fa",
        base="#ffffff",
        alternate="#eef2f8",
        text="#0f1a2e",  # the audience screen's navy: 17:1 on white
        button="#e8eef8",
        button_text="#0f1a2e",
        button_hover="#dbe4f3",
        button_pressed="#c9d4ea",  # the audience screen's soft blue
        tab="#e3e9f3",
        border="#6b7a99",  # 4.3:1 on the window: a field's edge is visible (3:1 is enough for it)
        border_soft="#c9d4ea",
        border_width="1px",
        disabled="#5f6b80",
        disabled_border="#a9b4c8",
        highlight="#26375a",  # the audience timer's navy
        highlight_text="#ffffff",
        # Light enough that the items' own colours (drafts, the sample meeting) stay 4.5:1 on it.
        inactive_highlight="#e2e8f4",
        inactive_highlight_text="#0f1a2e",
        focus="#0b57d0",  # 2px ring, ≥ 5:1 against every light surface here
        accent="#26375a",
        placeholder="#56617a",
        link="#1a4fa0",
        note="#6b5200",
        error="#8a1c12",
        success="#1b5e20",
    ),
    HIGH_CONTRAST: Colours(
        window="#ffffff",
        base="#ffffff",
        alternate="#f2f2f2",
        text="#000000",
        button="#ffffff",
        button_text="#000000",
        button_hover="#fff3c4",
        button_pressed="#ffd866",  # the audience screen's yellow, black text on it
        tab="#ffffff",
        border="#000000",
        border_soft="#000000",
        border_width="2px",
        disabled="#4d4d4d",
        disabled_border="#4d4d4d",
        highlight="#0f1a2e",
        highlight_text="#ffd866",  # yellow on navy as on the audience screen: 12.6:1
        inactive_highlight="#ececec",
        inactive_highlight_text="#000000",
        focus="#c00000",  # unlike every edge (black) and the selection (navy): 6:1 on white
        accent="#000000",
        placeholder="#3d3d3d",
        link="#00308f",
        note="#4d3b00",
        error="#7a0000",
        success="#0b3d10",
    ),
}


def theme_names() -> dict[str, str]:
    """Menu labels, in the interface language."""
    return {LIGHT: _("Licht thema"), HIGH_CONTRAST: _("Hoog contrast")}


def colours(theme: str | None = None) -> Colours:
    return PALETTES.get(theme or current(), PALETTES[LIGHT])


def style_sheet(theme: str) -> str:
    """The sheet with this theme's colours; "" when the file cannot be read (a damaged install):
    the app then runs with the palette alone rather than not at all."""
    folder = resources_dir() / "styles"
    try:
        template = (folder / "app.qss").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("style sheet unreadable, running without it: %s", type(exc).__name__)
        return ""
    # The arrows are PNGs next to the sheet (no SVG plugin needed in the bundle).
    return Template(template).substitute(asdict(PALETTES[theme]), styles=folder.as_posix())


def palette(theme: str) -> QPalette:
    """The same colours for what the style sheet does not reach (placeholders, links, item text)."""
    c = PALETTES[theme]
    pal = QPalette()
    role = QPalette.ColorRole
    for name, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.base),
        (role.AlternateBase, c.alternate),
        (role.Text, c.text),
        (role.Button, c.button),
        (role.ButtonText, c.button_text),
        (role.ToolTipBase, c.base),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.placeholder),
        (role.Link, c.link),
        (role.LinkVisited, c.link),
        (role.Highlight, c.highlight),
        (role.HighlightedText, c.highlight_text),
        (role.BrightText, c.error),
    ):
        pal.setColor(name, QColor(value))
    group = QPalette.ColorGroup
    pal.setColor(group.Inactive, role.Highlight, QColor(c.inactive_highlight))
    pal.setColor(group.Inactive, role.HighlightedText, QColor(c.inactive_highlight_text))
    for name in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(group.Disabled, name, QColor(c.disabled))
    return pal


# The theme is a fact of the QApplication, as its palette and style sheet are (one per process, Qt's
# own process-wide object): it is kept there as a property, not in a module variable beside it.
APP_PROPERTY = "opvoedTheme"


def current() -> str:
    """The theme the running application was given (`apply`); the light one before that."""
    app = QApplication.instance()
    name = app.property(APP_PROPERTY) if app is not None else None
    return name if isinstance(name, str) and name in PALETTES else LIGHT


def apply(app: QApplication, theme: str) -> None:
    name = theme if theme in PALETTES else LIGHT
    app.setProperty(APP_PROPERTY, name)
    app.setPalette(palette(name))
    app.setStyleSheet(style_sheet(name))


def status_style(kind: str) -> str:
    """Colour of a status sentence ("note", "error", "success") in the current theme."""
    return f"color:{getattr(colours(), kind)};"


# Contrast after WCAG 2.2 (relative luminance), for the tests and for colours chosen at run time.


def luminance(colour: str) -> float:
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
