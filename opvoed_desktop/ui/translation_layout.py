"""The widgets of the "Vertalen" tab and where they sit: the language bar, the list of texts with its
filters, the editor pane (Dutch above, the translation's forms, the checks, the buttons) and the
hand-out preview beside them.

A base of TranslationEditor (translation_editor.py), which loads and edits; the actions (check and
next, export, import) are translation_actions.py. Kept apart to keep each file readable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.bidi_search import BidiKeyboardSearch
from opvoed_desktop.ui.translation_actions import TranslationActions
from opvoed_desktop.ui.translation_model import (
    SCOPES,
    STATE_FILTERS,
    DirectionDelegate,
    SegmentFilter,
    SegmentModel,
    filter_label,
    scope_label,
)
from opvoed_desktop.ui.translation_preview import HandoutPreview

if TYPE_CHECKING:
    from opvoed_desktop.services.handouts import HandoutService


class TranslationLayout(TranslationActions):
    """Builds the widgets; needs from the editor: _reload, _filter, _show and flush (the signals
    go there), and the actions of TranslationActions."""

    def _filter(self, **change: str) -> None:
        raise NotImplementedError

    def _show(self, index: QModelIndex) -> None:
        raise NotImplementedError

    def _build(self, handouts: Callable[[], HandoutService] | None) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.language_box = QComboBox(self)
        self.language_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        BidiKeyboardSearch(self.language_box)  # the names are isolated: type-to-search must see past that
        self.domain_box = QComboBox(self)
        self.domain_box.addItem(_("Hand-outs en inhoud"), "content")
        self.domain_box.addItem(_("Interface van de app"), "ui")
        self.progress = QProgressBar(self)
        self.progress.setMinimumWidth(160)
        self.progress_label = QLabel(self)
        self.progress_label.setWordWrap(True)
        self.add_button = QPushButton(_("Taal toevoegen…"), self)
        self.export_button = QPushButton(_("Exporteren (.po)…"), self)
        self.import_button = QPushButton(_("Importeren (.po)…"), self)
        language_label = QLabel(_("Taal:"), self)
        language_label.setBuddy(self.language_box)  # "Taal:" names the box for a screen reader
        accessibility.name(self.domain_box, _("Wat u vertaalt"))
        accessibility.name(self.progress, _("Voortgang van de vertaling"))
        for widget in (language_label, self.language_box, self.domain_box, self.progress):
            top.addWidget(widget)
        top.addWidget(self.progress_label, 1)
        for widget in (self.add_button, self.export_button, self.import_button):
            top.addWidget(widget)
        layout.addLayout(top)
        self.message = QLabel(self)
        self.message.setObjectName("translationMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_editor())
        self.preview = HandoutPreview(handouts, self)
        self.preview.before_render = self.flush
        splitter.addWidget(self.preview)
        splitter.setSizes([460, 420, 380])
        layout.addWidget(splitter, 1)

        self.language_box.currentIndexChanged.connect(lambda _i: self._reload())
        self.domain_box.currentIndexChanged.connect(lambda _i: self._reload())
        self.add_button.clicked.connect(self.add_language)
        self.export_button.clicked.connect(self.export_po)
        self.import_button.clicked.connect(self.import_po)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.check_and_next)

    def _build_list(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.state_box = QComboBox(box)
        for name in STATE_FILTERS:
            self.state_box.addItem(filter_label(name), name)
        self.scope_box = QComboBox(box)
        for name in SCOPES:
            self.scope_box.addItem(scope_label(name), name)
        self.search = QLineEdit(box)
        self.search.setPlaceholderText(_("Zoeken in Nederlands en vertaling"))
        self.search.setClearButtonEnabled(True)
        accessibility.name(self.state_box, _("Welke teksten"))
        accessibility.name(self.scope_box, _("Waar de teksten staan"))
        accessibility.name(self.search, _("Zoeken in Nederlands en vertaling"))
        row.addWidget(self.state_box)
        row.addWidget(self.scope_box)
        layout.addLayout(row)
        layout.addWidget(self.search)
        self.model = SegmentModel(self)
        self.proxy = SegmentFilter(self)
        self.proxy.setSourceModel(self.model)
        # A row that stops matching the filter while being edited stays until the filter changes.
        self.proxy.setDynamicSortFilter(False)
        self.table = QTableView(box)
        self.table.setModel(self.proxy)
        accessibility.name(self.table, _("Teksten om te vertalen"))
        accessibility.no_tab_trap(self.table)
        self.table.setItemDelegate(DirectionDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.state_box.currentIndexChanged.connect(lambda _i: self._filter(state=self.state_box.currentData()))
        self.scope_box.currentIndexChanged.connect(lambda _i: self._filter(scope=self.scope_box.currentData()))
        self.search.textChanged.connect(lambda text: self._filter(needle=text))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _p: self._show(current))
        return box

    def _build_editor(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.where = QLabel(box)
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.source_view = QPlainTextEdit(box)
        self.source_view.setReadOnly(True)
        accessibility.name(self.source_view, _("Nederlandse tekst"))
        accessibility.note_field(self.source_view)
        self.source_view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # Dutch, also in an Arabic UI
        layout.addWidget(self.source_view, 1)
        self.form_tabs = QTabWidget(box)
        layout.addWidget(self.form_tabs, 2)
        self.checks = QLabel(box)
        self.checks.setObjectName("translationChecks")
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.checks)
        self.state_label = QLabel(box)
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(_("Nagekeken (Ctrl+Enter)"), box)
        self.check_button.setToolTip(_("Markeer als nagekeken en ga naar de volgende onafgemaakte tekst"))
        self.reset_button = QPushButton(_("Terug naar meegeleverde tekst"), box)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.check_button.clicked.connect(self.check_and_next)
        self.reset_button.clicked.connect(self.reset_current)
        return box
