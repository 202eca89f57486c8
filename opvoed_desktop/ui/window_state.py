"""Where the facilitator was: the tab, the meeting open in it (and that meeting's tab and agenda
item), the library page. Kept across a change of interface language (the window is rebuilt) and
across a restart (remembered in the settings whenever it changes)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from opvoed_desktop.errors import AppError

if TYPE_CHECKING:
    from opvoed_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class WindowState:
    main_tab: int | None = None
    meeting_id: str | None = None
    meeting_tab: int | None = None
    note_item: str | None = None  # the agenda item chosen in the meeting's notes ("" = general)
    library_item: str | None = None


def capture(window: MainWindow) -> WindowState:
    state = WindowState(main_tab=window.tabs.currentIndex(), library_item=window.library_view.current_id)
    view = window.meetings_view
    editor = view.editor if view is not None else None
    if editor is not None:
        state.meeting_id = editor.meeting_id
        state.meeting_tab = editor.tabs.currentIndex()
        current = editor.note_items.currentItem() if hasattr(editor, "note_items") else None
        if current is not None:
            state.note_item = str(current.data(Qt.ItemDataRole.UserRole))
    return state


def restore(window: MainWindow, state: WindowState) -> None:
    """Put the window back where `state` says; what no longer exists (a meeting since put in the
    trash, a page gone from the toolkit) is quietly left out."""
    if state.library_item:
        window.library_view.open_item(state.library_item)
    view = window.meetings_view
    if state.meeting_id and view is not None and _exists(window, state.meeting_id):
        editor = view.open_meeting(state.meeting_id, tab=state.meeting_tab)
        if editor is not None and state.note_item is not None and hasattr(editor, "note_items"):
            for row in range(editor.note_items.count()):
                if editor.note_items.item(row).data(Qt.ItemDataRole.UserRole) == state.note_item:
                    editor.note_items.setCurrentRow(row)
    if state.main_tab is not None and 0 <= state.main_tab < window.tabs.count():
        window.tabs.setCurrentIndex(state.main_tab)
    editor = view.editor if view is not None else None
    if editor is not None and window.tabs.currentWidget() is view:
        editor.tabs.nav.setFocus()  # the keyboard goes on where the eye is: in the meeting


def _exists(window: MainWindow, meeting_id: str) -> bool:
    service = window.services.meetings
    if service is None:
        return False
    try:
        return service.get_meeting(meeting_id).deleted_at is None
    except (AppError, OSError):  # gone, or the database cannot say: start without it
        return False


def remember(window: MainWindow) -> None:
    """Store where the window is, for the next start (a failure only costs that convenience)."""
    from opvoed_desktop.settings import Settings

    if not window.isVisible():
        return  # being built, or replaced and closing: its place is not the app's place
    state = capture(window)
    try:
        settings = Settings.load(window.services.data)
        if (settings.last_meeting, settings.last_meeting_tab, settings.last_tab) == (
            state.meeting_id,
            state.meeting_tab,
            state.main_tab,
        ):
            return
        settings.last_meeting, settings.last_meeting_tab = state.meeting_id, state.meeting_tab
        settings.last_tab = state.main_tab
        settings.save(window.services.data)
    except OSError:
        log.warning("could not remember the open meeting", exc_info=False)


def remembered(services: Any) -> WindowState:
    from opvoed_desktop.settings import Settings

    settings = Settings.load(services.data)
    return WindowState(
        main_tab=settings.last_tab, meeting_id=settings.last_meeting, meeting_tab=settings.last_meeting_tab
    )


def follow(window: MainWindow) -> None:
    """Remember the place whenever the tab or the open meeting (or its tab) changes."""
    window.tabs.currentChanged.connect(lambda _i: remember(window))
    view = window.meetings_view
    if view is None:
        return

    def meeting_changed(_index: int) -> None:
        editor = view.editor
        if editor is not None and not getattr(editor, "_followed", False):
            editor._followed = True  # type: ignore[attr-defined]
            editor.tabs.currentChanged.connect(lambda _i: remember(window))
        remember(window)

    view.right.currentChanged.connect(meeting_changed)
