"""The segment list of the translation editor: a table model and its filter (state, scope, search)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.catalogs import CHECKED, DRAFT, MISSING
from opvoed_desktop.services.translations import Segment

SOURCE, TRANSLATION, STATE = range(3)
SegmentRole = Qt.ItemDataRole.UserRole + 1
# Filters on the state column; "unfinished" is what Ctrl+Enter walks through (as in Qt Linguist).
ALL, UNFINISHED = "all", "unfinished"
STATE_FILTERS = (ALL, UNFINISHED, MISSING, DRAFT, CHECKED)
# Which part of the content: everything, both hand-outs, or one of them (by item id).
SCOPES = ("all", "handouts", "handout-ouders", "handout-deelnemers")
_COLOURS = {MISSING: "#b3261e", DRAFT: "#8a5a00", CHECKED: "#1e6b34"}
Index = QModelIndex | QPersistentModelIndex


def state_label(state: str) -> str:
    return {MISSING: _("Ontbreekt"), DRAFT: _("Concept"), CHECKED: _("Nagekeken")}.get(state, state)


def filter_label(name: str) -> str:
    labels = {ALL: _("Alle staten"), UNFINISHED: _("Onafgemaakt")}
    return labels.get(name) or state_label(name)


def scope_label(name: str) -> str:
    return {
        "all": _("Alle teksten"),
        "handouts": _("Beide hand-outs"),
        "handout-ouders": _("Hand-out voor ouders"),
        "handout-deelnemers": _("Hand-out voor deelnemers"),
    }[name]


def one_line(text: str, limit: int = 160) -> str:
    flat = " ⏎ ".join(part for part in text.splitlines())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class SegmentModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.segments: list[Segment] = []
        self.rtl = False

    def set_segments(self, segments: list[Segment], rtl: bool) -> None:
        self.beginResetModel()
        self.segments = segments
        self.rtl = rtl
        self.endResetModel()

    def replace(self, segment: Segment) -> int:
        """Show the stored state of one segment; returns its row (-1 when not listed)."""
        for row, old in enumerate(self.segments):
            if old.key == segment.key:
                self.segments[row] = segment
                self.dataChanged.emit(self.index(row, 0), self.index(row, STATE))
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.segments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Nederlands"), _("Vertaling"), _("Status"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        segment = self.segments[index.row()]
        column = index.column()
        if role == SegmentRole:
            return segment
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SOURCE:
                return one_line(segment.source)
            if column == TRANSLATION:
                return one_line(segment.text)
            return state_label(segment.state)
        if role == Qt.ItemDataRole.ToolTipRole and column != STATE:
            if column == SOURCE and segment.context:
                return f"{segment.source}\n({segment.context})"  # one msgid, several meanings: which one
            return segment.source if column == SOURCE else segment.text
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            return QColor(_COLOURS[segment.state])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != STATE:
            # Leading edge of the cell's own direction (see DirectionDelegate).
            return int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        return None


class SegmentFilter(QSortFilterProxyModel):
    """State filter, scope (hand-out) and a case-insensitive search in both columns."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.state = ALL
        self.scope = "all"
        self.needle = ""

    def set_filter(self, *, state: str | None = None, scope: str | None = None, needle: str | None = None) -> None:
        self.beginFilterChange()
        if state is not None:
            self.state = state
        if scope is not None:
            self.scope = scope
        if needle is not None:
            self.needle = needle.casefold().strip()
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, SegmentModel)
        segment = model.segments[row]
        return accepts(segment, self.state, self.scope, self.needle)


def accepts(segment: Segment, state: str, scope: str, needle: str) -> bool:
    if state == UNFINISHED and segment.state == CHECKED:
        return False
    if state not in (ALL, UNFINISHED) and segment.state != state:
        return False
    if scope == "handouts" and segment.handout is None:
        return False
    if scope not in ("all", "handouts") and segment.item_id != scope:
        return False
    return not needle or needle in segment.source.casefold() or needle in segment.text.casefold()


class DirectionDelegate(QStyledItemDelegate):
    """Lays the translation column out in its own direction: Arabic is elided and aligned from the
    right even in a Dutch interface, Dutch from the left in an Arabic one."""

    def __init__(self, model: SegmentModel, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.segments = model

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.column() == TRANSLATION:
            option.direction = Qt.LayoutDirection.RightToLeft if self.segments.rtl else Qt.LayoutDirection.LeftToRight
        elif index.column() == SOURCE:
            option.direction = Qt.LayoutDirection.LeftToRight


# The fonts the PDFs print with, with their OpenType tables, so that Qt joins Pashto and Sorani
# letters (ټ ښ ګ ڵ ێ) the way the paper will; Latin text falls through to the widget's own font.
SCRIPT_FAMILIES = ("Noto Sans Arabic", "Noto Sans Ethiopic")
# Qt's application font database is the running QGuiApplication's (one per process): that the
# bundled fonts are in it is kept on the application itself, so they are added once per application.
FONTS_PROPERTY = "opvoedBundledFonts"


def add_bundled_fonts() -> None:
    """Our Arabic and Ethiopic fonts for the editor too: a laptop without them would show boxes."""
    app = QGuiApplication.instance()
    if app is None or app.property(FONTS_PROPERTY):
        return  # no application yet: no font database to add to (a widget needs one anyway)
    from opvoed_desktop.paths import resources_dir

    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    app.setProperty(FONTS_PROPERTY, True)


def with_script_fonts(font: QFont) -> QFont:
    """`font` asking for our Arabic and Ethiopic fonts first: Qt takes, per character, the first
    family that has it, so Arabic-script and Ge'ez text is shown in the fonts of the hand-outs."""
    add_bundled_fonts()
    chosen = QFont(font)
    chosen.setFamilies([*SCRIPT_FAMILIES, *[f for f in font.families() if f not in SCRIPT_FAMILIES]])
    return chosen


def plural_examples(expr: str, count: int) -> list[str]:
    """For each plural form a few numbers that use it (n = 0, 1, 2, 3…), so translators know which is which."""
    import gettext

    pick = gettext.c2py(expr)
    found: list[list[int]] = [[] for _i in range(count)]
    for n in range(0, 120):
        index = pick(n)
        if index < count and len(found[index]) < 3:
            found[index].append(n)
    return [", ".join(str(n) for n in numbers) + ("…" if len(numbers) == 3 else "") for numbers in found]
