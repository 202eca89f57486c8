"""The translation editor's actions: check and next, reset, export, import, add a language.

A mixin of TranslationEditor, which owns the widgets; kept apart to keep both files readable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.i18n.catalogs import CHECKED
from opvoed_desktop.services.translations import Domain, ImportPreview, Segment, TranslationError, TranslationService
from opvoed_desktop.ui.autosave import AutosaveTextEdit
from opvoed_desktop.ui.translation_model import SegmentFilter, SegmentModel, SegmentRole

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QTableView


class TranslationActions(QWidget):
    """Needs from the editor: service, lang, domain, current, language_box, flush, say, select_key,
    fill_languages and _reload. The questions are attributes so tests can answer them."""

    service: TranslationService
    lang: str
    domain: Domain
    current: Segment | None
    language_box: QComboBox
    forms: list[AutosaveTextEdit]
    model: SegmentModel
    proxy: SegmentFilter
    table: QTableView
    ask_checker_name: Callable[[], str | None]
    ask_open_path: Callable[[], str]
    ask_save_path: Callable[[str], str]
    confirm_import: Callable[[ImportPreview], bool]

    def flush(self) -> bool:
        raise NotImplementedError

    def say(self, text: str, *, error: bool = False) -> None:
        raise NotImplementedError

    def fill_languages(self, select: str | None = None) -> None:
        raise NotImplementedError

    def _reload(self) -> None:
        raise NotImplementedError

    def _stored(self, segment: Segment) -> None:
        raise NotImplementedError

    def _build_forms(self) -> None:
        raise NotImplementedError

    def _show_state(self) -> None:
        raise NotImplementedError

    def check_and_next(self) -> None:
        """Mark the current text checked, then select the next unfinished one in the list's order."""
        if self.current is None or not self.flush():
            return
        order = [self.proxy.index(row, 0).data(SegmentRole).key for row in range(self.proxy.rowCount())]
        position = order.index(self.current.key) if self.current.key in order else -1
        name = self.service.checker_name() or self.ask_checker_name()
        if not name:
            return
        try:
            self.service.remember_checker(name)
            self._stored(self.service.mark_checked(self.lang, self.domain, self.current.key, name))
        except TranslationError as exc:
            self.say(str(exc), error=True)
            return
        self.say("")
        states = {s.key: s.state for s in self.model.segments}
        for key in order[position + 1 :] + order[: position + 1]:
            if states.get(key) != CHECKED and self.select_key(key, focus=True):
                return
        self.say(_("Alles in deze lijst is nagekeken."))

    def select_key(self, key: str, *, focus: bool = False) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(SegmentRole).key == key:
                # Not selectRow: in a right-to-left layout it can pick no column and select nothing.
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                if focus and self.forms:
                    self.forms[0].setFocus()
                return True
        return False

    def reset_current(self) -> None:
        if self.current is None:
            return
        for editor in self.forms:
            editor.set_text_quietly(editor.toPlainText())  # drop pending autosaves: the reset wins
        try:
            self._stored(self.service.reset(self.lang, self.domain, self.current.key))
        except TranslationError as exc:
            self.say(str(exc), error=True)
            return
        self._build_forms()
        self._show_state()

    def export_po(self) -> None:
        self.flush()
        path = self.ask_save_path(f"{self.domain}-{self.lang}.po")
        if not path:
            return
        try:
            Path(path).write_bytes(self.service.export_po(self.lang, self.domain))
        except (OSError, TranslationError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.say(
                _("Kan {path} niet schrijven ({reason}); kies een andere map.").format(path=path, reason=reason),
                error=True,
            )
            return
        self.say(_("Vertaling opgeslagen in {path}.").format(path=path))

    def import_po(self) -> None:
        self.flush()
        path = self.ask_open_path()
        if not path:
            return
        try:
            preview = self.service.preview_import(self.lang, self.domain, Path(path).read_bytes())
        except OSError as exc:
            self.say(_("Kan {path} niet lezen ({reason}).").format(path=path, reason=exc.strerror or exc), error=True)
            return
        except TranslationError as exc:
            self.say(f"{Path(path).name}: {exc}", error=True)
            return
        if not preview.changes:
            self.say(_("Dit bestand verandert niets aan de vertaling."))
            return
        if not self.confirm_import(preview):
            self.say(_("Niets ingelezen."))
            return
        try:
            count = self.service.apply_import(preview)
        except TranslationError as exc:
            self.say(str(exc), error=True)
            return
        key = self.current.key if self.current else None
        self._reload()
        if key:
            self.select_key(key)
        read = ngettext("{n} tekst ingelezen uit {file}.", "{n} teksten ingelezen uit {file}.", count)
        self.say(read.format(n=count, file=Path(path).name))

    def add_language(self) -> None:
        from opvoed_desktop.ui.translation_dialogs import AddLanguageDialog

        dialog = AddLanguageDialog(set(self.service.languages()) | {"nl"}, self)
        if not dialog.exec():
            return
        try:
            facts, font = self.service.add_language(dialog.code())
        except TranslationError as exc:
            self.say(str(exc), error=True)
            return
        self.fill_languages(facts.code)
        self.say(_("{name} is toegevoegd. {font}").format(name=facts.native_name, font=font.message), error=not font.ok)

    # Default questions (tests replace these) -----------------------------------------------------
    def _ask_checker_name(self) -> str | None:
        name, ok = QInputDialog.getText(
            self, _("Wie kijkt na?"), _("Uw naam; die komt met de datum bij de nagekeken vertaling te staan:")
        )
        return name.strip() if ok and name.strip() else None

    def _ask_open_path(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(self, _("Vertaling importeren"), "", _("Vertalingen (*.po)"))
        return path

    def _ask_save_path(self, name: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, _("Vertaling exporteren"), name, _("Vertalingen (*.po)"))
        return path

    def _confirm_import(self, preview: ImportPreview) -> bool:
        from opvoed_desktop.ui.translation_dialogs import ImportPreviewDialog

        return bool(ImportPreviewDialog(preview, self.language_box.currentText(), self).exec())
