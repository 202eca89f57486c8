"""The console's private column: guidance for the current step and the quick note of its item."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from opvoed_desktop.content.html import Renderer
from opvoed_desktop.content.model import Library
from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting import AgendaItem, NoteSink, Presentation
from opvoed_desktop.ui import accessibility

GENERAL = -1  # the note key of the welcome slide: the meeting's general note, of no agenda item


class NotePanel(QWidget):
    def __init__(self, presentation: Presentation, library: Library, notes: NoteSink, parent: QWidget) -> None:
        super().__init__(parent)
        from opvoed_desktop.ui.autosave import AutosaveTextEdit

        self.presentation = presentation
        self.library = library
        self.notes = notes
        self._note_index: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Voor u als begeleider (niet op het scherm)"), self))
        self.guidance = QTextBrowser(self)
        self.guidance.setObjectName("guidance")
        accessibility.name(self.guidance, _("Voor u als begeleider"))
        self.guidance.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # arrows scroll it once tabbed to
        layout.addWidget(self.guidance, 3)
        self.note_label = QLabel(_("Snelle notitie bij dit onderdeel (Ctrl+N; wordt vanzelf bewaard)"), self)
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        # The meeting notes' autosave: 0.7 s after typing stops, at least every 1.5 s while typing,
        # on a worker thread (a save can take 300 ms in a big database: the show's keys must not
        # wait for it); flushed, synchronously, on leaving the item and when the show ends. The
        # saver is bound to one item (`_saver_for`), so the worker never reads the panel's state.
        self.note = AutosaveTextEdit(lambda _text: None, self, background=True)
        self.note.setObjectName("quickNote")
        self.note_label.setBuddy(self.note)  # the label above names the note for a screen reader
        accessibility.note_field(self.note)
        self.note.setPlaceholderText(_("Typ hier; de zaal ziet dit niet."))
        self.note.installEventFilter(self)
        self.note.failed.connect(lambda message: self.note_label.setText(message))
        layout.addWidget(self.note, 2)
        self.destination = QLabel(self)
        self.destination.setObjectName("noteDestination")
        self.destination.setWordWrap(True)
        self.destination.setStyleSheet("color:#44506a;")
        self.destination.hide()
        layout.addWidget(self.destination)
        self.refused = False

    def show_slide(self) -> None:
        """After moving to another slide: its guidance, and the note of its item."""
        slide = self.presentation.slide
        if slide is None:
            return
        self.guidance.setHtml(self._guidance_html())
        self._switch_note(GENERAL if slide.is_holding else slide.item_index)

    def _guidance_html(self) -> str:
        slide = self.presentation.slide
        if slide is None:
            return ""
        if slide.is_holding:
            return "<p>{}</p>".format(
                html.escape(
                    _(
                        "Dit ziet de zaal terwijl iedereen binnenkomt: de titel, de plaats en de tijd. "
                        "Druk op → of Spatie om te beginnen; de tijd van het eerste onderdeel loopt vanaf dan."
                    )
                )
            )
        renderer = Renderer(self.library)
        parts = [renderer.blocks(slide.instructions)] if slide.instructions else []
        parts += [renderer.tip(tip) for tip in slide.tips]
        if not parts:
            minutes = _("{n} minuten").format(n=slide.minutes)
            parts.append(f"<p>{html.escape(slide.label)} — {html.escape(minutes)}</p>")
        return "\n".join(parts)

    def _item(self, index: int) -> AgendaItem:
        if index == GENERAL:
            return AgendaItem("general", _("Algemeen"))  # no id: stored as the meeting's general note
        return self.presentation.show.items[index]

    def _switch_note(self, item_index: int) -> None:
        if item_index == self._note_index:
            return
        self.note.flush()  # the note of the item left is stored before another is shown
        self._note_index = item_index
        self.note.set_saver(self._saver_for(item_index, self._item(item_index)))
        if self.refused:
            self.note_label.setText(_("Notities kunnen nu niet worden bewaard; zie de melding bovenaan."))
        elif item_index == GENERAL:
            self.note_label.setText(_("Algemene notitie bij deze bijeenkomst (Ctrl+N; wordt vanzelf bewaard)"))
        else:
            self.note_label.setText(_("Snelle notitie bij dit onderdeel (Ctrl+N; wordt vanzelf bewaard)"))
        try:
            text = self.notes.load(item_index, self._item(item_index))
        except AppError:
            text = ""
        self.note.set_text_quietly(text)

    def _saver_for(self, index: int, item: AgendaItem) -> Callable[[str], None]:
        notes = self.notes

        def save(text: str) -> None:  # runs on the autosave worker: only what it was given
            notes.save(index, item, text)

        return save

    def set_destination(self, meeting_title: str) -> None:
        self.destination.setText(
            _("Notities en werkelijke tijden worden bewaard in de bijeenkomst ‘{title}’.").format(title=meeting_title)
        )
        self.destination.show()

    def refuse(self, reason: str) -> None:
        """Nothing typed here could be stored: the note is closed, and says why."""
        self.refused = True
        self.note_label.setText(_("Notities kunnen nu niet worden bewaard; zie de melding bovenaan."))
        self.note.setReadOnly(True)
        self.note.setPlaceholderText(_("Notities kunnen nu niet worden bewaard: {reason}").format(reason=reason))

    def focus_note(self) -> None:
        self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note.moveCursor(QTextCursor.MoveOperation.End)  # add to the note, never in front of it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.note
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            # Esc leaves the note (stored), it does not end the show.
            self.note.flush()
            self.window().setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False
