"""Create the QApplication, apply language direction and style, show the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from opvoed_desktop import APP_NAME
from opvoed_desktop.paths import resources_dir

if TYPE_CHECKING:
    from opvoed_desktop.errorlog import ErrorLog
    from opvoed_desktop.services.context import AppContext
    from opvoed_desktop.ui.main_window import MainWindow


def configure(app: QApplication, services: AppContext) -> None:
    from opvoed_desktop.heap import release_large_blocks

    release_large_blocks()  # freed slides and pictures leave no resident holes (opvoed_desktop/heap.py)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Opvoed Desktop")
    app.setDesktopFileName("nl.opvoed.Desktop")  # Wayland and task bars match the window to the .desktop file
    app.setWindowIcon(window_icon())
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if services.translator.is_rtl else Qt.LayoutDirection.LeftToRight
    )
    # Qt's own dialogs (file, print, message boxes) speak the UI language through qtbase_<lang>.qm.
    previous = getattr(app, "_opvoed_qt_translator", None)
    if previous is not None:
        app.removeTranslator(previous)
    qt_translator = QtBaseTranslator(app)
    if qt_translator.load(
        QLocale(services.translator.locale),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(qt_translator)
        app._opvoed_qt_translator = qt_translator  # type: ignore[attr-defined]
    # The theme and text size this laptop was left with (resources/styles/app.qss, ui/theme.py).
    from opvoed_desktop.ui.view_options import apply_saved

    apply_saved(app, services.data)


class QtBaseTranslator(QTranslator):
    """qtbase_<lang>.qm, also for Qt 6 strings that only gained an accelerator ("&Look in:").

    The shipped catalogs still hold "Look in:" and "Files of type:", so the file dialog was half
    English. A miss is looked up again without the '&', and the accelerator is put back on the
    same letter when the translation has it.
    """

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        found = super().translate(context, source, disambiguation, n)
        if found or "&" not in source:
            return found
        plain = source.replace("&&", "\0").replace("&", "").replace("\0", "&&")
        found = super().translate(context, plain, disambiguation, n)
        if not found:
            return found
        key = source[source.index("&") + 1 : source.index("&") + 2]
        at = found.lower().find(key.lower()) if key.strip() else -1
        return found[:at] + "&" + found[at:] if at >= 0 else found


def window_icon() -> QIcon:
    # PNG renders rather than the SVG: no dependency on Qt's SVG icon engine in the bundle.
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("nl.opvoed.Desktop-*.png")):
        icon.addFile(str(png))
    return icon


def create_main_window(services: AppContext) -> MainWindow:
    from opvoed_desktop.ui.main_window import MainWindow

    return MainWindow(services)


def _unlock(services: AppContext) -> bool:
    """Encrypted notes: the passphrase (or the keyring) before the window opens them; False when
    the person closed the dialog. Opened already (--open) but locked then: open again now."""
    from opvoed_desktop.storage.keys import has_key_file

    if not has_key_file(services.data.root):
        # Plain notes: nothing to unlock, and the encryption dialogs and the SQLCipher driver are not
        # loaded before the window's first paint.
        return True
    from opvoed_desktop.ui.unlock_dialog import unlock_at_start

    if not unlock_at_start(services.data):
        return False
    if services.database is None and not services.storage_deferred and services.open_meeting:
        from opvoed_desktop.services.context import open_storage

        open_storage(services)
    return True


def run(services: AppContext, argv: list[str], log: ErrorLog | None = None) -> int:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    if log is None:
        configure(app, services)
        if not _unlock(services):
            return 0
        window = create_main_window(services)
        window.show()
        return app.exec()
    # From here on an error the app did not expect shows one sentence and goes to the log.
    from opvoed_desktop.errors import UNEXPECTED_EXIT
    from opvoed_desktop.ui.error_dialog import (
        ErrorDialog,
        ErrorReporter,
        install_qt_message_handler,
        uninstall_qt_message_handler,
    )

    reporter = ErrorReporter(log, app)
    log.install_hooks(reporter.report)
    install_qt_message_handler(log)
    log.started("window")
    try:
        try:
            configure(app, services)
            if not _unlock(services):
                return 0
            window = create_main_window(services)
        except Exception as exc:
            # The window could not be built: say so in a window (a Windows build has no console).
            ErrorDialog(log.unexpected(exc, "start"), log.log_file(), at_start=True).exec()
            return UNEXPECTED_EXIT
        window.show()
        return app.exec()
    finally:
        uninstall_qt_message_handler()
        log.uninstall_hooks()
