"""Dialogs of the translation editor: what an import changes, and adding a language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.services.translations import ImportPreview
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.translation_model import one_line, state_label


class ImportPreviewDialog(QDialog):
    """Shows every change an import makes; OK applies all of them, Cancel none."""

    def __init__(self, preview: ImportPreview, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Vertalingen inlezen"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        count = len(preview.changes)
        summary = ngettext("{n} tekst in het {lang} verandert.", "{n} teksten in het {lang} veranderen.", count).format(
            n=count, lang=language
        )
        details = []
        if preview.unchanged:
            details.append(
                ngettext("{n} blijft gelijk", "{n} blijven gelijk", preview.unchanged).format(n=preview.unchanged)
            )
        if preview.unknown:
            details.append(
                ngettext(
                    "{n} kent deze versie van de toolkit niet; die wordt overgeslagen",
                    "{n} kennen deze versie van de toolkit niet; die worden overgeslagen",
                    preview.unknown,
                ).format(n=preview.unknown)
            )
        if preview.warnings:
            details.append(
                ngettext(
                    "{n} waarschuwing, namelijk: {first}",
                    "{n} waarschuwingen, bijvoorbeeld: {first}",
                    len(preview.warnings),
                ).format(n=len(preview.warnings), first=preview.warnings[0].sentence())
            )
        self.summary = QLabel(summary + (" " + "; ".join(details) + "." if details else ""), self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(count, 4, self)
        self.table.setHorizontalHeaderLabels([_("Nederlands"), _("Nu"), _("Wordt"), _("Status")])
        accessibility.name(self.table, _("Wijzigingen"))
        accessibility.no_tab_trap(self.table)
        for row, change in enumerate(preview.changes):
            values = (
                one_line(change.source, 90),
                one_line(change.old, 90) or "—",
                one_line(change.new, 90),
                f"{state_label(change.old_state)} → {state_label(change.new_state)}",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(_("Alles overnemen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(count > 0)
        buttons.addButton(_("Niets overnemen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def language_options(exclude: set[str]) -> list[tuple[str, str]]:
    """(code, label) for every language babel knows, named in itself and in the UI language."""
    from babel import Locale, localedata

    from opvoed_desktop.i18n import active

    ui = active().locale if not active().locale.startswith("x-") else "nl"
    options = []
    for code in localedata.locale_identifiers():
        if code in exclude or code == "root" or code.count("_") > 1:
            continue
        try:
            locale = Locale.parse(code)
            native = locale.get_display_name(locale) or code
            known = locale.get_display_name(ui) or code
        except (ValueError, TypeError):
            continue
        label = native if native == known else f"{native} — {known}"
        options.append((code, f"{label} ({code})"))
    return sorted(options, key=lambda option: option[1].casefold())


class AddLanguageDialog(QDialog):
    """Choose any language babel knows; type to search (e.g. "Tarifit", "Dari", "fa_AF")."""

    def __init__(self, exclude: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Taal toevoegen"))
        self.resize(520, 160)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Kies een taal die de app nog niet heeft. Meervoudsvormen en schrijfrichting komen uit de "
                "taalgegevens; de app controleert of er een lettertype voor het schrift is."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choice = QComboBox(self)
        self.choice.setEditable(True)
        accessibility.name(self.choice, _("Taal"))
        self.choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # The longest language name must not make the dialog wider than a small screen.
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choice.setMinimumContentsLength(24)
        for code, label in language_options(exclude):
            self.choice.addItem(label, code)
        self.choice.setCurrentIndex(-1)
        completer = self.choice.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        layout.addWidget(self.choice)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Tall enough for the wrapped introduction at any text size (a fixed 160 cut it off);
        # measured with the theme's paddings and borders on.
        self.ensurePolished()
        self.resize(520, max(160, layout.totalHeightForWidth(520)))

    def code(self) -> str:
        """The chosen code; a typed code babel knows is accepted too (the service checks it)."""
        index = self.choice.findText(self.choice.currentText())
        if index >= 0:
            return str(self.choice.itemData(index))
        return self.choice.currentText().strip()
