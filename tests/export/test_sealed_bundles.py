"""Bundles sealed with a passphrase of their own (age format), exported and imported on a second
data dir through the real CLI; the sealed file holds no note text and opens with the `age`
format's reference implementation (pyrage) as well as with the app."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pyrage
import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from opvoed_desktop import app
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import keys, open_database
from opvoed_desktop.ui.export_dialog import ExportDialog
from opvoed_desktop.ui.import_dialog import ImportDialog

SECRET = "kwispelvaderscafe"


def _run(root: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = app.main(["--data-dir", str(root), *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def test_sealed_bundle_round_trip_to_a_second_data_dir(tmp_path: Path) -> None:
    first, second = DataPaths(tmp_path / "eerste"), DataPaths(tmp_path / "tweede")
    with open_database(first) as db:
        service = MeetingService(db)
        meeting = service.create_meeting("Bijeenkomst om te delen")
        service.add_note(meeting, f"we spraken over het {SECRET}")
    password = tmp_path / "bundel-wachtwoord"
    password.write_text("een wachtwoord voor de bundel\n")
    wrong = tmp_path / "fout"
    wrong.write_text("een ander wachtwoord dus\n")
    target = tmp_path / "bundel.zip.age"
    code, _out, err = _run(
        first.root, "export", meeting[:8], "--format", "json", "-o", str(target),
        "--bundle-passphrase-file", str(password),
    )
    assert code == 0, err
    sealed = target.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n") and SECRET.encode() not in sealed
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bundel")] == []  # no plain temp left
    # The standard format: the reference implementation opens it without this app.
    plain = pyrage.passphrase.decrypt(sealed, "een wachtwoord voor de bundel")
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        assert SECRET in json.loads(archive.read("bundle.json"))["meetings"][0]["notes"][0]["text"]

    code, out, err = _run(second.root, "import", str(target))
    assert code == 1 and "--bundle-passphrase-file" in err and out == ""
    code, out, err = _run(second.root, "import", str(target), "--bundle-passphrase-file", str(wrong))
    assert code == 1 and "past niet" in err
    code, out, err = _run(second.root, "import", str(target), "--bundle-passphrase-file", str(password))
    assert code == 0, err
    with open_database(second) as db:
        notes = MeetingService(db).get_meeting(meeting).notes
    assert [n.text for n in notes] == [f"we spraken over het {SECRET}"]
    keys.forget(second.root)


def test_a_short_bundle_passphrase_is_refused(tmp_path: Path) -> None:
    first = DataPaths(tmp_path / "eerste")
    with open_database(first) as db:
        meeting = MeetingService(db).create_meeting("Kort")
    short = tmp_path / "kort"
    short.write_text("kort\n")
    target = tmp_path / "b.json.age"
    code, _out, err = _run(
        first.root, "export", meeting[:8], "--format", "json", "-o", str(target),
        "--bundle-passphrase-file", str(short),
    )
    assert code == 1 and "minstens" in err and not target.exists()


def test_the_window_dialogs_seal_and_open_a_bundle(
    qtbot: QtBot, exporter: ExportService, meeting_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export dialog: "Versleutelen met een eigen wachtwoord" writes X.zip.age; import dialog on a
    second data dir asks the passphrase, says a wrong one plainly, and imports with the right one."""
    dialog = ExportDialog(exporter, meeting_id=meeting_id)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    dialog.path.setText(str(tmp_path / "bundel.json"))  # the format's own extension
    dialog.seal.setChecked(True)
    dialog.seal_passphrase.setText("wachtwoord voor de bundel")
    dialog.seal_again.setText("iets anders dan dat")
    dialog.start()
    assert "niet gelijk" in dialog.message.text() and dialog.thread is None
    dialog.seal_again.setText("wachtwoord voor de bundel")
    with qtbot.waitSignal(dialog.bridge.finished, timeout=20_000):
        dialog.start()
    target = tmp_path / "bundel.json.age"
    assert target.read_bytes().startswith(b"age-encryption.org/v1\n") and not (tmp_path / "bundel.json").exists()

    second = DataPaths(tmp_path / "tweede")
    with open_database(second) as db:
        importer = ExportService(db)
        answers = iter([("verkeerd wachtwoord", True), ("wachtwoord voor de bundel", True)])
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
        imp = ImportDialog(importer)
        qtbot.addWidget(imp)
        imp.load(target)
        assert "past niet" in imp.summary.text() and not imp.import_button.isEnabled()
        imp.load(target)
        assert imp.import_button.isEnabled()
        imp.run_import()
        assert MeetingService(db).get_meeting(meeting_id).notes
