"""The conflicts dialog: each text changed on two laptops, both versions side by side.

The meeting holds the newest edit meanwhile (opvoed_desktop/hub/conflicts.py keeps the other);
choosing a version keeps it everywhere at the next sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.hub import conflicts as conflict_store
from opvoed_desktop.i18n import _
from opvoed_desktop.textdir import has_rtl, isolate

if TYPE_CHECKING:
    from opvoed_desktop.storage import Database


EXCERPT = 40  # characters of a text shown in the list


def _excerpt(view: conflict_store.ConflictView) -> str:
    """The first line of this laptop's text (or the colleague's, when this one was deleted), cut short."""
    text = view.hub_text if view.local_deleted else view.local_text
    line = (text.strip().splitlines() or [""])[0]
    return line if len(line) <= EXCERPT else line[:EXCERPT].rstrip() + "…"


class ConflictsDialog(QDialog):
    """Each conflict with both versions side by side; choosing one keeps it everywhere."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Conflicten"))
        self.setObjectName("conflictsDialog")
        self._db = db
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        self.list.currentRowChanged.connect(self._show)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.local_title = QLabel(self)
        self.hub_title = QLabel(self)
        self.local_text = QTextEdit(self)
        self.local_text.setObjectName("localText")
        self.local_text.setReadOnly(True)
        self.hub_text = QTextEdit(self)
        self.hub_text.setObjectName("hubText")
        self.hub_text.setReadOnly(True)
        self.keep_local = QPushButton(_("Deze versie houden"), self)
        self.keep_local.setObjectName("keepLocal")
        self.keep_local.clicked.connect(lambda: self._choose(conflict_store.LOCAL))
        self.keep_hub = QPushButton(_("Deze versie houden"), self)
        self.keep_hub.setObjectName("keepHub")
        self.keep_hub.clicked.connect(lambda: self._choose(conflict_store.HUB))
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        for title, text, button in (
            (self.local_title, self.local_text, self.keep_local),
            (self.hub_title, self.hub_text, self.keep_hub),
        ):
            column = QWidget(sides)
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            title.setWordWrap(True)
            box.addWidget(title)
            box.addWidget(text, 1)
            box.addWidget(button)
            sides.addWidget(column)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Dezelfde tekst is op twee laptops veranderd. Kies welke versie blijft."), self))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.explain)
        layout.addWidget(sides, 3)
        layout.addWidget(close)
        self.resize(900, 600)
        self._views: list[conflict_store.ConflictView] = []
        self.reload()

    def _apart(self, text: str) -> str:
        """`text` set apart for the bidi algorithm where it needs it: in a right-to-left interface a
        Dutch title's brackets, or a date's digits and dashes, are otherwise reordered ("04:44
        2026-12-03"); in a Dutch one an Arabic name would pull the words around it along."""
        return isolate(text) if self.isRightToLeft() or has_rtl(text) else text

    def reload(self) -> None:
        self._views = conflict_store.list_conflicts(self._db)
        self.list.clear()
        labels = []
        for view in self._views:
            kind = conflict_store.kind_name(view.table)
            # Raise the first letter only: str.capitalize() also lowers the rest, and a translator's own
            # capital (Turkish "İstek", where Python would make "istek" into the wrong "Istek") stays.
            kind = kind[:1].upper() + kind[1:]
            if view.meeting_title:
                label = _("{kind} in “{meeting}”").format(kind=kind, meeting=self._apart(view.meeting_title))
            else:  # its meeting is deleted here: say so rather than show empty quotes or a dash
                label = _("{kind} in een verwijderde bijeenkomst").format(kind=kind)
            labels.append(label)
        for view, label in zip(self._views, labels, strict=True):
            if labels.count(label) > 1:
                # Several conflicts in one meeting would read the same: the start of each one's own
                # text tells them apart.
                label = f"{label} — {self._apart(_excerpt(view))}"
            self.list.addItem(QListWidgetItem(label))
        if self._views:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    def _show(self, index: int) -> None:
        has = 0 <= index < len(self._views)
        for widget in (self.keep_local, self.keep_hub):
            widget.setEnabled(has)
        if not has:
            self.explain.setText(_("Er zijn geen conflicten."))
            for widget in (self.local_text, self.hub_text):
                widget.clear()
            self.local_title.setText("")
            self.hub_title.setText("")
            return
        view = self._views[index]
        # A deleted version has no time of its own to show: its title says only where it is from,
        # rather than a bare dash in brackets that reads like a missing value.
        laptop = self._apart(view.hub_device) if view.hub_device else _("de hub")
        if view.local_when:
            self.local_title.setText(_("Op deze laptop ({when})").format(when=self._apart(view.local_when)))
        else:
            self.local_title.setText(_("Op deze laptop"))
        if view.hub_when:
            self.hub_title.setText(_("Van {laptop} ({when})").format(laptop=laptop, when=self._apart(view.hub_when)))
        else:
            self.hub_title.setText(_("Van {laptop}").format(laptop=laptop))
        self.local_text.setPlainText(_("(verwijderd)") if view.local_deleted else view.local_text)
        self.hub_text.setPlainText(_("(verwijderd)") if view.hub_deleted else view.hub_text)
        kept = _("deze laptop") if view.kept == conflict_store.LOCAL else laptop
        if view.meeting_title:
            self.explain.setText(
                _("Nu staat de versie van {kept} in de bijeenkomst; de andere is hier bewaard.").format(kept=kept)
            )
        else:  # no meeting to stand in: say what became of the text instead
            self.explain.setText(_("De bijeenkomst is verwijderd; beide versies zijn hier bewaard."))

    def _choose(self, choice: str) -> None:
        index = self.list.currentRow()
        if 0 <= index < len(self._views):
            if not conflict_store.resolve(self._db, self._views[index].id, choice):
                self.explain.setText(
                    _(
                        "Deze bijeenkomst is verwijderd, dus de tekst kan er niet terug in. Hij blijft hier "
                        "bewaard: kopieer hem naar een andere bijeenkomst, of kies de andere versie."
                    )
                )
                return
            self.reload()
