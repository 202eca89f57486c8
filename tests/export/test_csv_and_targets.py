"""The CSV formula guard against cells that hide = + - @ behind spaces or new lines, and export
targets the user made read-only: refused unless confirmed (GUI) or --force (CLI)."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvoed_desktop import app
from opvoed_desktop.export.csv_export import agreements_csv, neutralise
from opvoed_desktop.export.errors import ExportError
from opvoed_desktop.export.words import Words, clean_text
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService

from .formulas import TRIGGERS, could_run

LEADS = ["", " ", "   ", "\t", "\n", "\r", "\r\n", " \n ", "\u00a0", "\u3000", "\u200b", "\ufeff", "\n\t "]


@pytest.mark.parametrize("lead", LEADS)
@pytest.mark.parametrize("sign", list(TRIGGERS))
def test_a_formula_behind_invisible_lead_is_guarded(lead: str, sign: str) -> None:
    cell = clean_text(lead + sign + 'HYPERLINK("http://x","klik")')
    guarded = neutralise(cell)
    assert guarded == "'" + cell
    assert neutralise("Gewone tekst") == "Gewone tekst" and neutralise("") == ""


def test_clean_text_turns_cr_into_a_new_line_and_the_guard_still_sees_it() -> None:
    assert clean_text("\r=1+1") == "\n=1+1"
    assert neutralise(clean_text("\r=1+1")) == "'\n=1+1"
    assert neutralise(clean_text("\rgewoon")) == "'\ngewoon"  # a leading line break is guarded too


@settings(max_examples=300, deadline=None)
@given(what=st.text(alphabet=st.sampled_from([*TRIGGERS, *"".join(LEADS), "a", "1", ";", '"', "'"]), max_size=8))
def test_no_cell_of_a_real_csv_starts_a_formula(what: str) -> None:
    from datetime import datetime

    from opvoed_desktop.storage.records import AgreementRecord, MeetingDetail

    agreement = AgreementRecord(id="a", what=what, party=what, due=None, status="open")
    stamp = datetime(2026, 1, 1)
    meeting = MeetingDetail(
        **dict.fromkeys(("closed_at", "deleted_at", "starts_at", "programme_id")),
        id="m", title=what or "t", venue="", municipality=what, facilitator="", languages=[],
        is_sample=False, created_at=stamp, updated_at=stamp, agreements=[agreement],
    )  # fmt: skip
    data = agreements_csv([meeting], Words("nl")).decode("utf-8-sig")
    for row in list(csv.reader(io.StringIO(data), delimiter=";"))[1:]:
        for cell in row:
            assert not could_run(cell) or cell.startswith("'"), repr(cell)


# Read-only targets --------------------------------------------------------------------------------
@pytest.fixture
def read_only_target(tmp_path: Path) -> Path:
    target = tmp_path / "verslag.md"
    target.write_text("van de gebruiker, alleen-lezen gezet")
    os.chmod(target, 0o444)
    return target


def test_an_existing_read_only_target_is_refused(
    exporter: ExportService, meeting_id: str, read_only_target: Path
) -> None:
    with pytest.raises(ExportError) as info:
        exporter.export_meeting(meeting_id, "md", read_only_target)
    assert str(info.value) == (
        "Het bestand verslag.md bestaat al en is alleen-lezen; het is niet vervangen. "
        "Kies een andere naam, of bevestig dat het vervangen mag."
    )
    assert read_only_target.read_text() == "van de gebruiker, alleen-lezen gezet"
    exporter.export_meeting(meeting_id, "md", read_only_target, force=True)
    assert read_only_target.read_text(encoding="utf-8").startswith("# Ouderavond")
    assert stat.S_IMODE(read_only_target.stat().st_mode) == 0o600


def test_a_writable_existing_target_is_replaced_as_before(
    exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    target = tmp_path / "verslag.md"
    target.write_text("oud")
    exporter.export_meeting(meeting_id, "md", target)
    assert target.read_text(encoding="utf-8").startswith("# Ouderavond")


def test_cli_refuses_a_read_only_target_unless_forced(
    paths: DataPaths, meetings: MeetingService, meeting_id: str, read_only_target: Path, db: object
) -> None:
    db.close()  # type: ignore[attr-defined]
    args = ["--data-dir", str(paths.root), "export", meeting_id[:8], "--format", "md", "-o", str(read_only_target)]
    out, err = io.StringIO(), io.StringIO()
    assert app.main(args, out, err) == 1
    assert err.getvalue() == (
        "Het bestand verslag.md bestaat al en is alleen-lezen; het is niet vervangen. "
        "Kies een andere naam, of gebruik --force om het toch te vervangen.\n"
    )
    assert read_only_target.read_text() == "van de gebruiker, alleen-lezen gezet"
    out, err = io.StringIO(), io.StringIO()
    assert app.main([*args, "--force"], out, err) == 0, err.getvalue()
    assert read_only_target.read_text(encoding="utf-8").startswith("# Ouderavond")


def test_the_dialog_asks_before_replacing_a_read_only_file(
    qtbot: object, exporter: ExportService, meeting_id: str, read_only_target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from opvoed_desktop.ui.export_dialog import ExportDialog

    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = ExportDialog(exporter, meeting_id=meeting_id)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.path.setText(str(read_only_target))
    dialog.start()  # No: nothing written, nothing started
    assert dialog.thread is None and read_only_target.read_text() == "van de gebruiker, alleen-lezen gezet"
    assert asked == ["Het bestand verslag.md is alleen-lezen gezet. Toch vervangen?"]
    with qtbot.waitSignal(dialog.bridge.finished, timeout=10_000):  # type: ignore[attr-defined]
        dialog.start()  # Yes
    assert read_only_target.read_text(encoding="utf-8").startswith("# Ouderavond")
