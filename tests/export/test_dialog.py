"""The export and import dialogs, offscreen: a period export with progress, an import preview."""

from __future__ import annotations

from pathlib import Path

from opvoed_desktop.export.service import ExportService


def test_export_dialog_writes_one_meeting(
    qtbot: object, exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    from opvoed_desktop.ui.export_dialog import ExportDialog

    dialog = ExportDialog(exporter, meeting_id=meeting_id)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.format.setCurrentText("md")
    dialog.path.setText(str(tmp_path / "r.md"))
    with qtbot.waitSignal(dialog.bridge.finished, timeout=10_000):  # type: ignore[attr-defined]
        dialog.start()
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Ouderavond")


def test_import_dialog_previews_then_imports(
    qtbot: object, exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    from opvoed_desktop.paths import DataPaths
    from opvoed_desktop.storage import open_database
    from opvoed_desktop.ui.export_dialog import ImportDialog

    bundle = tmp_path / "b.json"
    exporter.export_meeting(meeting_id, "json", bundle)
    with open_database(DataPaths(tmp_path / "other")) as other:
        dialog = ImportDialog(ExportService(other))
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        dialog.load(bundle)
        assert dialog.import_button.isEnabled() and "0 al aanwezig" in dialog.summary.text()
        dialog.run_import()
        assert dialog.result is not None and dialog.result.added["meeting"] == 1


def test_import_dialog_asks_before_deleting_and_undoes_in_one_click(
    qtbot: object, exporter: ExportService, meeting_id: str, tmp_path: Path, monkeypatch: object
) -> None:
    import json

    from PySide6.QtWidgets import QMessageBox

    from opvoed_desktop.services.meetings import MeetingService
    from opvoed_desktop.storage.base import utcnow
    from opvoed_desktop.ui.export_dialog import ImportDialog

    from .test_hostile_bundles import dump

    data = exporter.bundle([])
    data["tombstones"] = [{"table": "meeting", "id": meeting_id, "deleted_at": utcnow().isoformat()}]
    path = tmp_path / "alles-weg.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = dump(exporter.db)
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)  # type: ignore[attr-defined]
    dialog = ImportDialog(exporter)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.load(path)
    # On screen each title is a bidi isolate, so an Arabic title cannot scramble the sentence.
    title = "\u201c\u2068Ouderavond De Boog\u2069\u201d"
    assert f"Verwijderen: 1 bijeenkomst met alles erin: {title}." in dialog.summary.text()
    dialog.run_import()  # answered No: nothing happens
    assert dialog.result is None and dump(exporter.db) == before
    assert asked[0].splitlines() == [
        "Deze bundel verwijdert ook gegevens op deze computer:",
        f"Verwijderen: 1 bijeenkomst met alles erin: {title}.",
        "Er wordt eerst een reservekopie gemaakt; de import is daarna met één klik ongedaan te maken.",
    ]
    dialog.run_import()  # answered Yes
    assert MeetingService(exporter.db).list_meetings() == []
    assert dialog.undo_button.isVisibleTo(dialog)
    dialog.undo_button.click()
    assert dump(exporter.db) == before
    assert dialog.summary.text() == "De import is ongedaan gemaakt; alles is weer zoals het ervoor was."
    assert not dialog.undo_button.isVisibleTo(dialog)
