"""Run inside a real X display: open every tab of the main window and every section of a meeting
(with an agenda), in one interface language, and print the widest the window became and the
screen's available width as JSON. Used by test_window_fits_screen.py in a subprocess."""

from __future__ import annotations

import json
import sys
from datetime import datetime

from PySide6.QtWidgets import QApplication


def main(data_dir: str, lang: str) -> int:
    from opvoed_desktop.app import build_services, open_storage
    from opvoed_desktop.ui.application import configure
    from opvoed_desktop.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    services = build_services(data_dir=data_dir, lang=lang)
    services.data.ensure()
    open_storage(services)
    assert services.meetings is not None, services.storage_message
    meeting = services.meetings.create_meeting(
        "Kennismaking met een heel lange titel voor de moskee en het wijkteam samen in de buurt",
        starts_at=datetime(2027, 1, 12, 19, 0),
        languages=["nl", "ar", "ti", "Een taal die niemand kent"],
        programme_id="programma-dagdeel",
    )
    configure(app, services)
    window = MainWindow(services)
    window.show()
    app.processEvents()
    room = window.screen().availableGeometry()
    widest: list[tuple[int, str]] = [(window.frameGeometry().width(), "start")]

    def look(where: str) -> None:
        for _ in range(3):
            app.processEvents()
        widest.append((max(window.frameGeometry().width(), window.geometry().width()), where))

    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        look(f"tab {index}")
    view = window.meetings_view
    window.tabs.setCurrentWidget(view)
    view.refresh()
    editor = view.open_meeting(meeting, tab=2)
    editor.programme_choice.setCurrentIndex(editor.programme_choice.findData("programma-dagdeel"))
    editor.agenda.source.apply()
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        look(f"meeting section {index}")
    window.presenting.agenda_action.trigger()
    look("Agenda plannen")
    width, where = max(widest)
    print(
        json.dumps(
            {"widest": width, "where": where, "screen": room.width(), "min_hint": window.minimumSizeHint().width()}
        )
    )
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
