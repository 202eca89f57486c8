"""The export and import dialogs, offscreen: names instead of codes, a proposed file name, every
failure told in the dialog, Cancel that always works, and an import preview."""

from __future__ import annotations

import threading
import time
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.ui.export_dialog import ExportDialog
from opvoed_desktop.ui.export_naming import check_suffix
from opvoed_desktop.ui.export_naming import slug as file_slug


def test_export_dialog_writes_one_meeting(
    qtbot: QtBot, exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    dialog = ExportDialog(exporter, meeting_id=meeting_id)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.path.setText(str(tmp_path / "r.md"))
    with qtbot.waitSignal(dialog.bridge.finished, timeout=10_000):
        dialog.start()
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Ouderavond")


def test_names_not_codes_and_a_proposed_file_name(qtbot: QtBot, exporter: ExportService, meeting_id: str) -> None:
    dialog = ExportDialog(exporter, meeting_id=meeting_id, languages=("nl", "en"), lang="ar")
    qtbot.addWidget(dialog)
    formats = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    languages = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert "pdf" not in formats and any(text.startswith("PDF") for text in formats)
    assert languages == ["Nederlands", "English (Engels)", "العربية (Arabisch)"]
    assert dialog.language.currentData() == "ar"  # the interface language is offered and chosen
    assert Path(dialog.path.text()).name == "2026-03-14-ouderavond-de-boog.pdf"
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert Path(dialog.path.text()).name == "2026-03-14-ouderavond-de-boog.docx"


def test_a_job_that_fails_says_so_in_the_dialog(
    qtbot: QtBot, exporter: ExportService, meeting_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise LookupError("unknown locale 'nederlands'")  # any exception, not only the expected ones

    monkeypatch.setattr(exporter, "render", broken)
    dialog = ExportDialog(exporter, meeting_id=meeting_id)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "r.pdf"))
    dialog.show()
    with qtbot.waitSignal(dialog.bridge.finished, timeout=10_000):
        dialog.start()
    assert "mislukt" in dialog.message.text() and "niets opgeslagen" in dialog.message.text()
    assert not dialog.bar.isVisible()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert not (tmp_path / "r.pdf").exists()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_cancel_mid_way_closes_at_once_and_leaves_no_file(
    qtbot: QtBot,
    exporter: ExportService,
    meetings: MeetingService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for day in (1, 2, 3):
        meetings.create_meeting(f"Avond {day}", starts_at=datetime(2026, 5, day, 19, 0), municipality="Gouda")
    real = exporter._render_detail
    rendering = threading.Event()

    def slow(*args: object, **kwargs: object) -> object:
        rendering.set()
        time.sleep(0.5)  # a big meeting: the user loses patience
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(exporter, "_render_detail", slow)
    dialog = ExportDialog(exporter, municipalities=["Gouda"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.since.set_value(datetime(2026, 4, 1).date())
    dialog.until.set_value(datetime(2026, 6, 1).date())
    out = tmp_path / "out"
    out.mkdir()
    target = out / "periode.zip"
    dialog.path.setText(str(target))
    dialog.start()
    assert rendering.wait(5)
    worker = dialog.thread
    assert worker is not None
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected  # at once, not after the job
    worker.join(10)
    assert not worker.is_alive()
    assert list(out.iterdir()) == []  # no zip, no temporary file


def test_room_languages_in_words_do_not_stop_the_export(
    qtbot: QtBot, exporter: ExportService, meetings: MeetingService, meeting_id: str, tmp_path: Path
) -> None:
    meetings.update_meeting(meeting_id, languages=["Nederlands, Arabisch, Tigrinya, Turks"])
    dialog = ExportDialog(exporter, meeting_id=meeting_id)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "r.pdf"))
    with qtbot.waitSignal(dialog.bridge.finished, timeout=20_000):
        dialog.start()
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF"), dialog.message.text()


def test_import_dialog_previews_then_imports(
    qtbot: QtBot, exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    from opvoed_desktop.paths import DataPaths
    from opvoed_desktop.storage import open_database
    from opvoed_desktop.ui.export_dialog import ImportDialog

    bundle = tmp_path / "b.json"
    exporter.export_meeting(meeting_id, "json", bundle)
    with open_database(DataPaths(tmp_path / "other")) as other:
        dialog = ImportDialog(ExportService(other))
        qtbot.addWidget(dialog)
        dialog.load(bundle)
        assert dialog.import_button.isEnabled() and "0 al aanwezig" in dialog.summary.text()
        dialog.run_import()
        assert dialog.result is not None and dialog.result.added["meeting"] == 1


def test_cli_export_with_bad_data_says_a_sentence_not_a_traceback(
    exporter: ExportService, meetings: MeetingService, meeting_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from opvoed_desktop import app
    from opvoed_desktop.services import exports as export_service

    data_dir = exporter.db.paths.root
    meetings.update_meeting(meeting_id, languages=["nederlands", "Arabisch"])
    exporter.db.close()
    out, err = io.StringIO(), io.StringIO()
    code = app.main(
        ["--data-dir", str(data_dir), "export", meeting_id[:8], "--format", "pdf", "-o", str(tmp_path / "a.pdf")],
        out,
        err,
    )
    assert code == 0, err.getvalue()
    assert (tmp_path / "a.pdf").exists()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("languages")

    monkeypatch.setattr(export_service, "build_report", broken)
    out, err = io.StringIO(), io.StringIO()
    code = app.main(
        ["--data-dir", str(data_dir), "export", meeting_id[:8], "--format", "pdf", "-o", str(tmp_path / "b.pdf")],
        out,
        err,
    )
    assert code == 1
    assert "Traceback" not in err.getvalue() and "mislukt" in err.getvalue()
    assert err.getvalue().count("\n") == 1 and not (tmp_path / "b.pdf").exists()


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


def test_a_name_with_another_formats_extension_is_refused_at_the_field(
    qtbot: QtBot, exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    dialog = ExportDialog(exporter, meeting_id=meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.path.setText(str(tmp_path / "verslag.csv"))
    dialog.start()
    assert dialog.thread is None  # nothing started
    assert dialog.path.text() == str(tmp_path / "verslag.csv")  # what was typed stays as typed
    assert dialog.path_problem.isVisible()
    assert ".csv" in dialog.path_problem.text() and "PDF" in dialog.path_problem.text()
    label = dialog.path_problem  # the dialog grew to show the whole sentence, not clipped by the buttons
    assert label.height() >= label.heightForWidth(label.width())
    assert label.geometry().bottom() < dialog.buttons.geometry().top()
    assert list(tmp_path.iterdir()) == []
    # Typing in the field takes the sentence away; the matching name then writes a real PDF.
    qtbot.keyClicks(dialog.path, "x")
    assert not dialog.path_problem.isVisible()
    dialog.path.setText(str(tmp_path / "verslag.PDF"))
    with qtbot.waitSignal(dialog.bridge.finished, timeout=20_000):
        dialog.start()
    assert (tmp_path / "verslag.PDF").read_bytes().startswith(b"%PDF")


def test_a_name_without_extension_gets_it_visibly(
    qtbot: QtBot, exporter: ExportService, meeting_id: str, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    dialog = ExportDialog(exporter, meeting_id=meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.path.setText(str(tmp_path / "afspraken 9.12"))
    with qtbot.waitSignal(dialog.bridge.finished, timeout=20_000):
        dialog.start()
    assert dialog.path.text() == str(tmp_path / "afspraken 9.12.csv")
    assert ".csv" in dialog.path_problem.text()
    assert [p.name for p in tmp_path.iterdir()] == ["afspraken 9.12.csv"]
    assert not (tmp_path / "afspraken 9.12.csv").read_bytes().startswith(b"%PDF")


@given(
    stem=st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\."), min_size=1),
    expected=st.sampled_from([".pdf", ".docx", ".md", ".csv", ".json", ".zip"]),
    typed=st.sampled_from(["", ".pdf", ".docx", ".md", ".csv", ".json", ".zip", ".PDF", ".Csv", ".txt", ".12"]),
)
def test_what_is_written_always_has_the_chosen_extension(stem: str, expected: str, typed: str) -> None:
    path = Path("/tmp") / f"{stem.strip() or 'x'}{typed}"
    target, sentence, go_on = check_suffix(path, expected, "formaat")
    if go_on:
        assert target.suffix.lower() == expected
        assert target.name.startswith(path.name)  # only ever added to, never changed
        assert (sentence == "") == (target == path)
    else:
        # Refused only for another format's extension, and then with a sentence naming it.
        assert typed.lower() in {".pdf", ".docx", ".md", ".csv", ".json", ".zip"} - {expected}
        assert typed in sentence and target == path


def test_an_arabic_or_tigrinya_title_names_the_file(
    qtbot: QtBot, exporter: ExportService, meetings: MeetingService
) -> None:
    for title, words in (("أمسية الآباء في الجسر", "أمسية-الآباء-في-الجسر"), ("ምሸት ወለዲ", "ምሸት-ወለዲ")):
        meeting = meetings.create_meeting(title, starts_at=datetime(2026, 12, 9, 19, 0))
        dialog = ExportDialog(exporter, meeting_id=meeting)
        qtbot.addWidget(dialog)
        assert Path(dialog.path.text()).name == f"2026-12-09-{words}.pdf"  # was "2026-12-09.pdf": the title lost


@given(st.text(max_size=80))
def test_a_file_name_from_any_title_is_safe_and_keeps_its_letters(title: str) -> None:
    slug = file_slug(title)
    assert len(slug) <= 50 and not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert not set(slug) & set('<>:"/\\|?*. \t\n'), slug
    assert all(ch == "-" or ch.isalnum() or unicodedata.combining(ch) for ch in slug)
    spelled = unicodedata.normalize("NFKD", title)  # "¹" is a 1, "ﬁ" is fi
    if len(spelled) <= 50:  # nothing cut: every plain letter and digit of the title is there, in order
        plain = [ch.lower() for ch in spelled if ch.isascii() and ch.isalnum()]
        assert [ch for ch in slug if ch.isascii() and ch.isalnum()] == plain


_CLOSE_WHILE_RUNNING = """
import gc, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import open_database
from opvoed_desktop.ui.export_dialog import ExportDialog
tmp = Path(sys.argv[1])
with open_database(DataPaths(tmp / "data")) as db:
    meeting = MeetingService(db).create_meeting("Avond")
    service = ExportService(db)
    for i in range(4):
        dialog = ExportDialog(service, meeting_id=meeting)
        dialog.path.setText(str(tmp / f"r{i}.pdf"))
        dialog.start()
        worker = dialog.thread
        dialog.reject()  # Cancel closes at once; the job is still finishing
        del dialog
        gc.collect()
        worker.join(30)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)
print("survived")
"""


def test_closing_the_dialog_while_the_job_finishes_does_not_crash_the_app(tmp_path: Path) -> None:
    """Cancel, and the dialog is gone before the worker ends: the worker must not hold the last
    reference to the dialog (PySide would delete the widget on the worker thread: a segfault)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", _CLOSE_WHILE_RUNNING, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert run.returncode == 0, f"exit {run.returncode}: {run.stderr[-2000:]}"
    assert "survived" in run.stdout
