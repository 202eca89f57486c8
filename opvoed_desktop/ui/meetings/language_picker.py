"""Talen in de zaal as a choice: tick languages, found by their name in any language.

Each language is shown in its own name with its name in the interface language beside it; any
language babel knows can be chosen. Text from before (free text that matched no language) is
kept, shown as such, and only goes when the facilitator removes it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES
from opvoed_desktop.i18n.language_labels import label as language_label
from opvoed_desktop.i18n.language_labels import names, names_in
from opvoed_desktop.i18n.language_names import NAME_LANGUAGES, fold, known_languages, normalise_languages
from opvoed_desktop.ui import accessibility

CODE_ROLE = Qt.ItemDataRole.UserRole


def _isolate(text: str) -> str:
    return f"\u2068{text}\u2069"


@functools.lru_cache(maxsize=4)
def language_rows(ui_locale: str) -> tuple[tuple[str, str, str], ...]:
    """(code, label, search key) for every language: hand-out languages first, then by name.

    Labels follow the fallback of `language_labels.names` (never a bare code); a language no
    locale names at all is left out, as nobody could find it by name. Only the interface language
    and NAME_LANGUAGES are read from babel (see language_labels: all of them took seconds).
    """
    rows = []
    for code in known_languages():
        found = names(code, ui_locale)
        if found is None:
            continue
        native, beside = found
        others = [names_in(lang).get(code, "") for lang in NAME_LANGUAGES]
        label = native if fold(native) == fold(beside) else f"{_isolate(native)} ({_isolate(beside)})"
        key = " | ".join(fold(n) for n in (code, native, beside, *others))
        # Named in the interface language first; those shown by a fallback name (another
        # script, often) after them, not mixed in (nor all ahead of them, as Latin sorts first).
        rows.append((code, label, key, (not names_in(ui_locale).get(code), fold(beside))))
    order = {code: i for i, code in enumerate(HANDOUT_LANGUAGES)}
    rows.sort(key=lambda r: (order.get(r[0], len(order)), r[3]))
    return tuple((code, label, key) for code, label, key, _sort in rows)


class LanguagePicker(QWidget):
    changed = Signal(list)  # what to store: codes in the order ticked, then the kept text

    def __init__(self, values: Sequence[str], ui_locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languagePicker")
        self.ui_locale = ui_locale
        self.codes, self.unmatched = normalise_languages(values, ui_locale)
        self.labels = {code: label for code, label, _key in language_rows(ui_locale)}
        self.summary = QLabel(self)
        self.summary.setObjectName("roomLanguagesChosen")
        self.summary.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("roomLanguagesSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Zoek een taal, in welke taal ook: Arabisch, العربية, Tigrinya…"))
        self.search.setToolTip(_("Enter vinkt de eerste taal in de lijst aan."))
        accessibility.name(self.search, _("Zoek een taal voor de zaal"))
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.tick_first_shown)
        self.list = QListWidget(self)
        self.list.setObjectName("roomLanguagesList")
        self.list.setAccessibleName(_("Talen in de zaal"))
        accessibility.no_tab_trap(self.list)
        self.list.setMinimumHeight(110)
        self.list.setUniformItemSizes(True)
        self._fill()
        self.list.itemChanged.connect(self._ticked)
        self.no_match = QLabel(self)
        self.no_match.setObjectName("roomLanguagesNoMatch")
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        self.kept = QLabel(self)
        self.kept.setObjectName("roomLanguagesUnmatched")
        self.kept.setWordWrap(True)
        self.kept.setStyleSheet("color:#8a1c12;")
        self.drop_kept = QPushButton(_("Niet-herkende tekst weghalen"), self)
        self.drop_kept.clicked.connect(self.remove_unmatched)
        kept_row = QHBoxLayout()
        kept_row.addWidget(self.kept, 1)
        kept_row.addWidget(self.drop_kept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.search)
        layout.addWidget(self.no_match)
        layout.addWidget(self.list, 1)  # spare height shows more languages, not empty space
        layout.addLayout(kept_row)
        self._describe()

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        rows = language_rows(self.ui_locale)
        chosen = [r for code in self.codes for r in rows if r[0] == code]
        for code, label, key in [*chosen, *(r for r in rows if r[0] not in self.codes)]:
            item = QListWidgetItem(label)
            item.setData(CODE_ROLE, code)
            item.setData(CODE_ROLE + 1, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in self.codes else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def values(self) -> list[str]:
        return [*self.codes, *self.unmatched]

    def set_checked(self, code: str, checked: bool) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(CODE_ROLE) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(code)

    def _ticked(self, item: QListWidgetItem) -> None:
        code = str(item.data(CODE_ROLE))
        if item.checkState() == Qt.CheckState.Checked and code not in self.codes:
            self.codes.append(code)
        elif item.checkState() != Qt.CheckState.Checked and code in self.codes:
            self.codes.remove(code)
        else:
            return
        self._describe()
        self.changed.emit(self.values())

    def tick_first_shown(self) -> None:
        """Enter in the search: tick the first language the list shows, then the search is empty for
        the next one. Without a match the typed text stays, and a sentence says so."""
        if not self.search.text().strip():
            return
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not item.isHidden():
                item.setCheckState(Qt.CheckState.Checked)  # already ticked: stays so, nothing stored
                self.search.clear()
                return

    def remove_unmatched(self) -> None:
        self.unmatched = []
        self._describe()
        self.changed.emit(self.values())

    def _filter(self, text: str) -> None:
        wanted = fold(text)
        shown = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(wanted) and wanted not in str(item.data(CODE_ROLE + 1)))
            shown += not item.isHidden()
        sentence = _("Geen taal gevonden bij ‘{text}’; probeer de naam in een andere taal.")
        self.no_match.setText(sentence.format(text=_isolate(text.strip())))
        self.no_match.setVisible(shown == 0)

    def _describe(self) -> None:
        names = [self.labels.get(code) or language_label(code, self.ui_locale) for code in self.codes]
        self.summary.setText(", ".join(names) if names else _("Nog geen talen gekozen; vink ze hieronder aan."))
        if self.unmatched:
            kept = ", ".join(f"‘{_isolate(text)}’" for text in self.unmatched)
            self.kept.setText(
                _("Niet herkend als taal, wel bewaard: {kept}. Vink de bedoelde taal aan en haal dit dan weg.").format(
                    kept=kept
                )
            )
        self.kept.setVisible(bool(self.unmatched))
        self.drop_kept.setVisible(bool(self.unmatched))
