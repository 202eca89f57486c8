"""The main window paints before the database is open, and then looks exactly as it always did."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.ui.main_window import MainWindow


def menu_texts(window: QMainWindow) -> list[tuple[str, list[str]]]:
    found = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            for sub in menu.actions():
                if isinstance(sub.menu(), QMenu):
                    sub.menu().aboutToShow.emit()  # the language lists fill when first opened
            entries = [f"{a.text()}|{a.shortcut().toString()}|{a.isChecked()}" for a in menu.actions()]
            submenus = [a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu)]
            entries += [f"  {b.text()}|{b.isChecked()}" for sub in submenus for b in sub.actions()]
            found.append((action.text(), entries))
    return found


def tab_texts(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def deferred(tmp_path: Path) -> AppContext:
    services = build_services(str(tmp_path / "data"), lang="nl")
    services.storage.deferred = True
    return services


def test_the_window_paints_first_and_then_looks_as_before(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = build_services(str(tmp_path / "data"), lang="nl")
    open_storage(before)
    usual = MainWindow(before)
    qtbot.addWidget(usual)
    usual.show()
    qtbot.waitUntil(usual.storage_guard.start_done.is_set, timeout=20000)
    expected_tabs, expected_menus = tab_texts(usual), menu_texts(usual)
    usual.close()
    before.close()

    services = deferred(tmp_path)
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert services.database is None and window.meetings_view is None  # nothing opened before the paint
    assert tab_texts(window) == expected_tabs  # the tab bar is the same at the first paint
    window.show()
    qtbot.waitUntil(lambda: window.meetings_view is not None, timeout=20000)
    assert services.meetings is not None
    assert window.tabs.widget(1) is window.meetings_view
    assert tab_texts(window) == expected_tabs
    assert menu_texts(window) == expected_menus
    qtbot.waitUntil(window.storage_guard.start_done.is_set, timeout=20000)
    window.close()
    services.close()


def test_a_meeting_asked_for_at_start_opens_once_the_database_is_open(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed = build_services(str(tmp_path / "data"), lang="nl")
    open_storage(seed)
    assert seed.meetings is not None
    from opvoed_desktop.services.sample_data import generate

    generate(seed.database, 3, notes_per_meeting=2)
    meeting_id = seed.meetings.list_meetings()[1].id
    seed.close()
    services = deferred(tmp_path)
    services = dataclasses.replace(services, open_meeting=meeting_id[:8])
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.meetings_view is not None and window.meetings_view.editor is not None, timeout=20000)
    assert window.meetings_view.editor.meeting_id == meeting_id  # type: ignore[union-attr]
    assert window.tabs.currentWidget() is window.meetings_view
    window.close()
    services.close()


def test_a_database_that_cannot_open_is_said_after_the_paint(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services = deferred(tmp_path)
    (tmp_path / "data").mkdir(exist_ok=True)
    services.data.database.mkdir()  # a folder where the file should be
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.findChild(QLabel, "meetingsUnavailable") is not None, timeout=20000)
    assert services.storage_message
    assert tab_texts(window) == ["Bibliotheek", "Bijeenkomsten", "Hand-outs", "Vertalen"]
    assert window.storage_guard.banner.text() == services.storage_message
    assert window.storage_guard.banner.isVisibleTo(window)
    view_menu = next(a.menu() for a in window.menuBar().actions() if "Beeld" in a.text().replace("&", ""))
    shortcuts = {a.text(): a.shortcut().toString() for a in view_menu.actions()}
    assert shortcuts["Hand-outs"] == "Alt+3" and "Contacten" not in shortcuts
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.text() for a in file_menu.actions()] == ["&Afsluiten"]
    window.close()
    services.close()


def test_the_gui_start_does_not_import_storage_before_the_window(tmp_path: Path) -> None:
    """What a start imports before the window exists: no SQLAlchemy, YAML parser or babel."""
    import subprocess

    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from opvoed_desktop import app\n"
        "import opvoed_desktop.ui.application as application\n"
        "def report(services):\n"
        "    heavy = ('sqlalchemy', 'alembic', 'yaml', 'babel', 'reportlab', 'opvoed_desktop.content.loader')\n"
        "    print(' '.join(m for m in heavy if m in sys.modules), '|', services.storage_deferred, flush=True)\n"
        "    raise SystemExit(0)\n"
        "application.create_main_window = report\n"
        f"app.main(['--data-dir', {str(tmp_path / 'data')!r}])\n"
    )
    # Twice: the first run fills the content cache.
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "| True", out.stdout + out.stderr


def test_the_window_is_built_without_the_presenter_or_the_encryption(tmp_path: Path) -> None:
    """The presenter's windows and the show's services load when a show starts (F5), and the
    encryption's dialogs and driver only for encrypted notes, not for the window's first paint: a
    start in which nobody presents, with plain notes, does not pay for them."""
    import subprocess

    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from opvoed_desktop import app\n"
        "import opvoed_desktop.ui.application as application\n"
        "build = application.create_main_window\n"
        "def report(services):\n"
        "    window = build(services)\n"
        "    assert window.presenting.start_action.shortcut().toString() == 'F5'\n"
        "    heavy = ('opvoed_desktop.services.presenting', 'opvoed_desktop.ui.presenter',\n"
        "             'opvoed_desktop.ui.encryption', 'opvoed_desktop.storage.crypto', 'sqlcipher3')\n"
        "    print(' '.join(m for m in heavy if m in sys.modules), '|', flush=True)\n"
        "    raise SystemExit(0)\n"
        "application.create_main_window = report\n"
        f"app.main(['--data-dir', {str(tmp_path / 'data')!r}])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "|", out.stdout + out.stderr


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_language_menus_fill_when_opened(qtbot, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    services = build_services(str(tmp_path / "data"), lang=lang)
    window = MainWindow(services)
    qtbot.addWidget(window)
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and a.menu().actions())
    submenus = [
        a.menu()
        for a in window.menuBar().actions()[1].menu().actions()
        if isinstance(a.menu(), QMenu) and a.menu() is not window.view_options.theme_menu  # two themes: no babel
    ]
    assert len(submenus) == 2 and all(not m.actions() for m in submenus)
    from opvoed_desktop.ui.main_window import content_language_choices, language_choices

    expected = [content_language_choices(services.data), language_choices()]
    for menu, choices in zip(submenus, expected, strict=True):
        menu.aboutToShow.emit()
        checked = [a.text() for a in menu.actions() if a.isChecked()]
        assert [a.text() for a in menu.actions()] == [label for _code, label in choices]
        assert len(checked) == 1
        menu.aboutToShow.emit()  # filled once, not twice
        assert len(menu.actions()) == len(set(a.text() for a in menu.actions()))
    assert view_menu is not None
    window.close()
    services.close()  # gives back the interface language
