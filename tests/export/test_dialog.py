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
