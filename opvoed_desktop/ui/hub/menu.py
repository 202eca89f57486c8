"""The "Hub" menu of the main window: sync, conflicts, the organisation overview.

Installed once the notes database is open. Before a sync or a choice of conflict the open meeting is
saved and closed, so its editor never writes old text over what came down.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMenu

from opvoed_desktop.i18n import _


def install_menu(window: Any) -> None:
    """A "Hub" menu in the main window (once the database is open)."""
    db = window.services.database
    if db is None:
        return
    menu = QMenu(_("H&ub"), window)  # Alt+H is Help
    window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
    menu.setObjectName("hubMenu")

    def refresh() -> None:
        view = getattr(window, "meetings_view", None)
        if view is not None:
            view.refresh()

    def close_editor() -> bool:
        # A sync may change the open meeting underneath its editor, whose next autosave would then
        # write the old text back over a colleague's change without a conflict: save and close it
        # first (as an import does).
        view = getattr(window, "meetings_view", None)
        return view is None or bool(view.close_editor())

    def open_hub() -> None:
        from opvoed_desktop.ui.hub.sync_dialog import HubDialog

        if not close_editor():
            return  # the editor said why it could not save; nothing is synced over unsaved text
        dialog = HubDialog(db, window)
        dialog.synced.connect(refresh)
        dialog.exec()

    def open_conflicts() -> None:
        from opvoed_desktop.ui.hub.conflicts_dialog import ConflictsDialog

        if not close_editor():
            return
        ConflictsDialog(db, window).exec()
        refresh()

    def open_overview() -> None:
        from opvoed_desktop.ui.hub.overview_dialog import OverviewDialog

        OverviewDialog(db, window).exec()

    sync_action = window._action(_("&Synchroniseren…"), open_hub, "Ctrl+Shift+S")
    menu.addAction(sync_action)
    menu.addAction(window._action(_("&Conflicten…"), open_conflicts))
    menu.addAction(window._action(_("&Overzicht van de organisatie…"), open_overview))
