"""The library: a navigation tree, search with highlighted hits, and a reading pane."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.content import Exercise, Library
from opvoed_desktop.content.html import FIRST_HIT, Lookup, Renderer
from opvoed_desktop.content.search import SearchIndex  # a light module: the index is built on demand
from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.html_delegate import HTML_ROLE, HtmlDelegate

ID_ROLE = Qt.ItemDataRole.UserRole


def isolate(text: str) -> str:
    """Let a Dutch title keep its own direction inside a right-to-left interface.

    U+2068/U+2069 (first-strong isolate) stop "Waarom samenwerken?" from showing its question mark
    on the wrong side when the surrounding layout is Arabic.
    """
    return f"\u2068{text}\u2069"


def draft_notice(renderer: Renderer) -> str:
    """A line above a translated page: how much of it is a draft, and how much is still Dutch."""
    if renderer.lookup is None or not (renderer.drafts or renderer.missing):
        return ""
    parts = []
    if renderer.drafts:
        parts.append(
            ngettext(
                "{n} tekst is een conceptvertaling, nog niet nagekeken door iemand die de taal spreekt.",
                "{n} teksten zijn een conceptvertaling, nog niet nagekeken door iemand die de taal spreekt.",
                renderer.drafts,
            ).format(n=renderer.drafts)
        )
    if renderer.missing:
        parts.append(
            ngettext(
                "{n} tekst is nog niet vertaald en staat in het Nederlands.",
                "{n} teksten zijn nog niet vertaald en staan in het Nederlands.",
                renderer.missing,
            ).format(n=renderer.missing)
        )
    text = html.escape(" ".join(parts))
    return f'<p style="background-color:#eef3fb; color:#1f2a44; padding:6px;" id="draftNotice">{text}</p>'


def tree_sections(
    library: Library, tr: Callable[[str], str] = lambda text: text
) -> list[tuple[str, list[tuple[str, str, list[tuple[str, str]]]]]]:
    """(section title, [(item id, label, [(child id, child label)])]) in reading order."""
    parts = []
    for part in library.of_kind("part"):
        children = [(e.id, f"{e.letter}. {tr(e.title)}") for e in library.exercises(part.id)]
        parts.append((part.id, _("Deel {n} — {title}").format(n=part.number, title=isolate(tr(part.title))), children))
    plain = [
        (_("Achtergrond"), "background"),
        (_("Bijlagen"), "appendix"),
        (_("Brochures"), "brochure"),
        (_("Hand-outs"), "handout"),
        (_("Sjablonen"), "template"),
        (_("Programma's"), "programme"),
    ]
    sections = [
        (_("Inleiding"), [(i.id, tr(i.title), []) for i in library.of_kind("page")]),
        (_("De bijeenkomst"), parts),
    ]
    for label, kind in plain:
        entries = []
        for item in library.of_kind(kind):
            title = tr(item.title)
            if kind == "appendix" and item.number is not None:
                title = f"{item.number}. {title}"
            entries.append((item.id, title, []))
        sections.append((label, entries))
    return sections


class LibraryView(QWidget):
    item_opened = Signal(str)

    def __init__(
        self,
        library: Library,
        index: SearchIndex | Callable[[], SearchIndex],
        parent: QWidget | None = None,
        *,
        lookup: Lookup | None = None,
        rtl: bool = False,
    ) -> None:
        """`lookup` shows the toolkit in another language (Dutch where it is not translated);
        `index` may be a function that builds the search index when the first search needs it."""
        super().__init__(parent)
        self.lookup = lookup
        self.content_rtl = rtl
        self.library = library
        self._index = index
        self.current_id: str | None = None
        self._query = ""

        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(_("Zoek in de toolkit (Ctrl+F)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(_("Zoeken"))
        self.search_field.textChanged.connect(self.run_search)
        self.search_field.returnPressed.connect(self._open_first_result)
        self.search_field.installEventFilter(self)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("libraryTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Inhoud van de toolkit"))
        accessibility.no_tab_trap(self.tree)
        self.tree.currentItemChanged.connect(self._tree_selected)

        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(_("Zoekresultaten"))
        accessibility.no_tab_trap(self.results)
        self.results.setWordWrap(True)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.currentItemChanged.connect(self._result_selected)
        self.results.installEventFilter(self)
        self.result_count = QLabel(self)
        self.result_count.setObjectName("resultCount")
        self.result_count.setWordWrap(True)
        results_box = QWidget(self)
        results_layout = QVBoxLayout(results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.result_count)
        results_layout.addWidget(self.results)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(results_box)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.search_field)
        left_layout.addWidget(self.stack)

        self.reader = QTextBrowser(self)
        self.reader.setObjectName("reader")
        self.reader.setOpenLinks(False)
        self.reader.setAccessibleName(_("Tekst"))
        self.reader.anchorClicked.connect(self._link_clicked)
        # The reading pane follows the language of the text, not of the interface.
        self.reader.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self.reader.document().setDocumentMargin(18)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._fill_tree()
        first = self.library.of_kind("page")
        if first:
            self.open_item(first[0].id)


    @property
    def index(self) -> SearchIndex:
        if not isinstance(self._index, SearchIndex):
            self._index = self._index()
        return self._index
    def _fill_tree(self) -> None:
        self.tree.clear()
        self._tree_items: dict[str, QTreeWidgetItem] = {}
        for label, entries in tree_sections(self.library, self._tr):
            if not entries:
                continue
            section = QTreeWidgetItem(self.tree, [label])
            section.setFlags(section.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            for item_id, title, children in entries:
                node = QTreeWidgetItem(section, [isolate(title)])
                node.setData(0, ID_ROLE, item_id)
                node.setToolTip(0, title)
                self._tree_items[item_id] = node
                for child_id, child_title in children:
                    child = QTreeWidgetItem(node, [isolate(child_title)])
                    child.setData(0, ID_ROLE, child_id)
                    child.setToolTip(0, child_title)
                    self._tree_items[child_id] = child
        self.tree.expandAll()

    def _tr(self, text: str) -> str:
        return self.lookup(text)[0] if self.lookup is not None else text

    # Navigation -----------------------------------------------------------------------------

    def open_item(self, item_id: str) -> bool:
        item = self.library.get(item_id)
        if item is None:
            return False
        self.current_id = item_id
        renderer = Renderer(self.library, self._query, self.lookup)
        page = renderer.item(item)
        self.reader.setHtml(draft_notice(renderer) + page)
        if renderer.hits:
            self.reader.scrollToAnchor(FIRST_HIT)
        node = self._tree_items.get(item_id)
        if node is not None and self.tree.currentItem() is not node:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(node)
            self.tree.blockSignals(False)
        self.item_opened.emit(item_id)
        return True

    def _tree_selected(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None and current.data(0, ID_ROLE):
            self.open_item(str(current.data(0, ID_ROLE)))

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == "item":
            self.search_field.clear()
            self.open_item(url.path())

    def zoom(self, steps: int) -> None:
        if steps > 0:
            self.reader.zoomIn(steps)
        else:
            self.reader.zoomOut(-steps)

    # Search ---------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def run_search(self, query: str) -> None:
        self._query = query.strip()
        if not self._query:
            self.stack.setCurrentIndex(0)
            if self.current_id:
                self.open_item(self.current_id)
            return
        hits = self.index.search(self._query)
        self.results.blockSignals(True)
        self.results.clear()
        snippets = Renderer(self.library, self._query)  # snippets are already in the reading language
        for hit in hits:
            title = self._tr(hit.title)
            row = QListWidgetItem(isolate(title))
            row.setData(ID_ROLE, hit.item_id)
            row.setData(
                HTML_ROLE,
                f'<div dir="{"rtl" if self.content_rtl else "ltr"}"><b>{html.escape(title)}</b><br>'
                f'<span style="color:#555555;">{snippets.text(hit.snippet)}</span></div>',
            )
            row.setToolTip(hit.snippet)
            self.results.addItem(row)
        self.results.blockSignals(False)
        if hits:
            self.result_count.setText(ngettext("{n} treffer", "{n} treffers", len(hits)).format(n=len(hits)))
        else:
            self.result_count.setText(
                _("Niets gevonden voor ‘{query}’. Probeer een ander of korter woord.").format(query=self._query)
            )
        self.stack.setCurrentIndex(1)
        if hits:
            self.open_item(hits[0].item_id)

    def _result_selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.open_item(str(current.data(ID_ROLE)))

    def _open_first_result(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search_field:
                if key == Qt.Key.Key_Down and self.stack.currentIndex() == 1 and self.results.count():
                    self.results.setCurrentRow(max(self.results.currentRow(), 0))
                    self.results.setFocus()
                    return True
                if key == Qt.Key.Key_Down:
                    self.tree.setFocus()
                    return True
                if key == Qt.Key.Key_Escape:
                    self.search_field.clear()
                    self.tree.setFocus()
                    return True
            elif watched is self.results and key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)

    def exercise_ids(self) -> list[str]:
        return [e.id for e in self.library.exercises() if isinstance(e, Exercise)]
