"""The "Vertalen" tab: check and improve the translations of the hand-outs, the content and the interface.

Edits are stored in the user's overlay catalog as they are typed (see services/translations/);
the shipped catalogs are never written. Ctrl+Enter marks a text checked and jumps to the next
unfinished one, as in Qt Linguist. This module loads the texts and edits one at a time; the widgets
are built in translation_layout.py, the actions are translation_actions.py.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent, QTextOption
from PySide6.QtWidgets import QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.catalogs import CHECKED, MISSING
from opvoed_desktop.services.translations import Domain, ImportPreview, Segment, TranslationError, TranslationService
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.autosave import AutosaveTextEdit
from opvoed_desktop.ui.translation_layout import TranslationLayout
from opvoed_desktop.ui.translation_model import (
    SegmentRole,
    plural_examples,
    scope_label,
    state_label,
    with_script_fonts,
)

if TYPE_CHECKING:
    from opvoed_desktop.services.handouts import HandoutService


class TranslationEditor(TranslationLayout):
    def __init__(
        self,
        service: TranslationService,
        handouts: Callable[[], HandoutService] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`handouts` makes the hand-out service for the preview when it is first needed."""
        super().__init__(parent)
        self.setFont(with_script_fonts(self.font()))
        self.service = service
        self.lang = ""
        self.domain: Domain = "content"
        self.current: Segment | None = None
        self.forms: list[AutosaveTextEdit] = []
        # Replaced in tests; the defaults ask the user.
        self.ask_checker_name: Callable[[], str | None] = self._ask_checker_name
        self.ask_open_path: Callable[[], str] = self._ask_open_path
        self.ask_save_path: Callable[[str], str] = self._ask_save_path
        self.confirm_import: Callable[[ImportPreview], bool] = self._confirm_import
        self._build(handouts)

    # Loading -------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        if not self.lang:
            QTimer.singleShot(0, self.fill_languages)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def fill_languages(self, select: str | None = None) -> None:
        select = select or self.lang or None
        self.language_box.blockSignals(True)
        self.language_box.clear()
        for code in self.service.languages():
            try:
                name = self.service.facts(code).native_name
            except ValueError:
                name = code
            # Isolated, so an Arabic name keeps its brackets in place in either UI direction.
            self.language_box.addItem(f"\u2068{name}\u2069 ({code})", code)
        index = self.language_box.findData(select) if select else -1
        self.language_box.setCurrentIndex(index if index >= 0 else 0)
        self.language_box.blockSignals(False)
        self._reload()

    def set_language(self, code: str, domain: Domain = "content") -> None:
        self.domain_box.blockSignals(True)
        self.domain_box.setCurrentIndex(self.domain_box.findData(domain))
        self.domain_box.blockSignals(False)
        self.fill_languages(code)

    def _reload(self) -> None:
        self.flush()
        self.lang = str(self.language_box.currentData() or "")
        self.domain = "ui" if self.domain_box.currentData() == "ui" else "content"
        self.scope_box.setVisible(self.domain == "content")
        if not self.lang:
            return
        try:
            segments = self.service.segments(self.lang, self.domain)
        except TranslationError as exc:
            self.say(str(exc), error=True)
            return
        self.current = None
        self.model.set_segments(segments, self.service.facts(self.lang).rtl)
        self._update_progress()
        self._keep_a_current_row()

    def _filter(self, **change: str) -> None:
        self.proxy.set_filter(**change)
        self._keep_a_current_row()

    def _keep_a_current_row(self) -> None:
        """The editor always shows a listed text: the current one if still listed, else the first."""
        if self.current is not None and self.select_key(self.current.key):
            return
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self._show(QModelIndex())

    def _update_progress(self) -> None:
        p = self.service.progress(self.lang, self.domain)
        self.progress.setRange(0, max(p.total, 1))
        self.progress.setValue(p.checked)
        self.progress.setFormat(_("{percent}% nagekeken").format(percent=p.done_percent))
        parts = [_("{checked} nagekeken · {draft} concept · {missing} ontbreekt").format(**vars(p))]
        if self.domain == "content":
            for item_id, hp in self.service.handout_progress(self.lang).items():
                parts.append(
                    _("{title}: {checked} van {total} nagekeken").format(
                        title=scope_label(item_id), checked=hp.checked, total=hp.total
                    )
                )
        self.progress_label.setText("\n".join(parts))

    # One segment -------------------------------------------------------------------------------
    def _show(self, index: QModelIndex) -> None:
        self.flush()
        segment = index.data(SegmentRole) if index.isValid() else None
        self.current = segment if isinstance(segment, Segment) else None
        self._build_forms()
        self._show_state()

    def _build_forms(self) -> None:
        self.form_tabs.clear()
        self.forms = []
        segment = self.current
        self.source_view.setPlainText(segment.source if segment else "")
        where = ""
        if segment is not None and segment.item_id:
            where = f"{segment.item_id} · {segment.role}"
        elif segment is not None and segment.context:
            where = segment.context  # which of a msgid's meanings this is ("wachtwoord voor de hub")
        self.where.setText(where)
        if segment is None:
            return
        facts = self.service.facts(self.lang)
        labels = [_("Vertaling")]
        if segment.is_plural:
            labels = [
                _("n = {examples}").format(examples=e)
                for e in plural_examples(facts.plural_expr, len(segment.translation))
            ]
        for label, text in zip(labels, segment.translation, strict=True):
            editor = AutosaveTextEdit(lambda _text: self._save_current(), self.form_tabs)
            spoken = _("Vertaling ({form})").format(form=label) if len(labels) > 1 else _("Vertaling")
            accessibility.name(editor, spoken)
            accessibility.note_field(editor)
            direction = Qt.LayoutDirection.RightToLeft if facts.rtl else Qt.LayoutDirection.LeftToRight
            editor.setLayoutDirection(direction)
            option = editor.document().defaultTextOption()
            option.setTextDirection(direction)
            option.setAlignment(
                Qt.AlignmentFlag.AlignAbsolute
                | (Qt.AlignmentFlag.AlignRight if facts.rtl else Qt.AlignmentFlag.AlignLeft)
            )
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            editor.document().setDefaultTextOption(option)
            editor.set_text_quietly(text)
            editor.textChanged.connect(self._typed)
            editor.failed.connect(lambda message: self.say(message, error=True))
            self.forms.append(editor)
            self.form_tabs.addTab(editor, label)
        self.form_tabs.tabBar().setVisible(segment.is_plural)
        # A hidden tab bar must be no Tab stop: the focus would go there and be seen nowhere.
        focus = Qt.FocusPolicy.TabFocus if segment.is_plural else Qt.FocusPolicy.NoFocus
        self.form_tabs.setFocusPolicy(focus)
        self.form_tabs.tabBar().setFocusPolicy(focus)
        # Made anew for each text, so last in Tab's chain: put them back between Dutch and "Nagekeken".
        tabs = [self.form_tabs.tabBar()] if segment.is_plural else []
        chain = [self.source_view, *tabs, *self.forms, self.check_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._update_checks()
        self.preview.show_segment(segment.handout, self.lang, segment.text)

    def _show_state(self) -> None:
        segment = self.current
        self.check_button.setEnabled(segment is not None)
        self.reset_button.setEnabled(segment is not None and segment.in_overlay)
        if segment is None:
            self.state_label.setText("")
            return
        text = state_label(segment.state)
        if segment.state == CHECKED and segment.checked_by:
            text = _("Nagekeken door {who}").format(who=segment.checked_by)
        elif segment.state == MISSING:
            text = _("Ontbreekt: op papier en in de app staat nu de Nederlandse tekst.")
        if segment.in_overlay:
            text += " · " + _("uw eigen aanpassing")
        self.state_label.setText(text)

    def typed_forms(self) -> list[str]:
        return [editor.toPlainText() for editor in self.forms]

    def _typed(self) -> None:
        self._update_checks()
        if self.current is not None:
            self.preview.show_segment(self.current.handout, self.lang, "\n".join(self.typed_forms()))

    def _update_checks(self) -> None:
        if self.current is None:
            self.checks.setText("")
            return
        problems = self.service.check(self.lang, self.current, self.typed_forms())
        lines = [("⛔ " if p.is_error else "⚠ ") + p.message for p in problems]
        self.checks.setText("\n".join(lines) if lines else _("✓ Geen problemen gevonden."))
        colour = "#b3261e" if any(p.is_error for p in problems) else "#8a5a00" if problems else "#1e6b34"
        self.checks.setStyleSheet(f"color:{colour};")

    def _save_current(self) -> None:
        if self.current is None:
            return
        updated = self.service.save(self.lang, self.domain, self.current.key, self.typed_forms())
        self._stored(updated)

    def _stored(self, segment: Segment) -> None:
        self.current = segment
        self.model.replace(segment)
        self._show_state()
        self._update_progress()

    def flush(self) -> bool:
        """Store what is typed now (before switching segment, language, tab or rendering)."""
        return all([editor.flush() for editor in self.forms])

    # Actions ---------------------------------------------------------------------------------------
    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        colours = "background:#fdecea; color:#611a15;" if error else "background:#e8f3ea; color:#1e4620;"
        self.message.setStyleSheet(colours + " padding:6px;")
