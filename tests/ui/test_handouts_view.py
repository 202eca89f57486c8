"""The hand-outs screen: live preview, draft notice, save, print through QPrinter, all languages, errors."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.documents.fonts import FontLocator
from opvoed_desktop.paths import translations_dir
from opvoed_desktop.services.handouts import HandoutResult, HandoutService, in_language
from opvoed_desktop.ui import handout_actions
from opvoed_desktop.ui.handouts_view import HandoutsView
from opvoed_desktop.ui.main_window import MainWindow

WAIT_MS = 15000


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppContext]:
    s = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    s.data.ensure()
    open_storage(s)
    assert s.meetings is not None, s.storage_message
    yield s
    s.close()


def make_view(qtbot: QtBot, services: AppContext, meetings: object = "same") -> HandoutsView:
    service = HandoutService(services.library, translations_dir(), services.data.translations_overlay)
    view = HandoutsView(service, services.meetings if meetings == "same" else None, "nl")  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    settle(qtbot, view)
    return view


@pytest.fixture
def view(qtbot: QtBot, services: AppContext) -> Iterator[HandoutsView]:
    made = make_view(qtbot, services)
    yield made
    made.jobs.shutdown()


def settle(qtbot: QtBot, view: HandoutsView) -> None:
    """Render now (skip the debounce) and wait until every background job has called back."""
    view.refresh_preview()
    qtbot.waitUntil(lambda: not view.jobs.busy() and not view._debounce.isActive(), timeout=WAIT_MS)


def choose(combo: object, data: object) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0, data
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def ink(image: QImage) -> float:
    """Share of sampled pixels that are not (near) white: 0 for a blank page."""
    step = 4
    dark = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            if image.pixelColor(x, y).lightness() < 200:
                dark += 1
    return dark / total


def pdf_text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())  # columns wrap differently: compare words, not lines


def shown(view: HandoutsView) -> HandoutResult:
    assert view.result is not None, view.preview.message.text()
    return view.result


def test_changing_kind_and_language_updates_the_preview(qtbot: QtBot, view: HandoutsView) -> None:
    first = shown(view)
    assert first.lang == "nl" and view.preview.images
    assert len(view.preview.images) == len(PdfReader(io.BytesIO(first.pdf)).pages)
    assert ink(view.preview.images[0]) > 0.01
    assert "Vragen over opvoeden" in pdf_text(first.pdf)
    dutch_page = view.preview.images[0]

    choose(view.language, "ar")
    settle(qtbot, view)
    arabic = shown(view)
    assert arabic.lang == "ar"
    assert any("\u0600" <= ch <= "\u06ff" for ch in pdf_text(arabic.pdf))
    assert ink(view.preview.images[0]) > 0.01
    assert view.preview.images[0] != dutch_page
    assert view.pages_label.text() == f"{len(view.preview.images)} pagina's"

    choose(view.kind, "agenda")
    settle(qtbot, view)
    agenda = shown(view)
    assert agenda.pdf != arabic.pdf and view.preview.images
    assert ink(view.preview.images[0]) > 0.005


def test_debounce_renders_once_for_a_burst_of_changes(qtbot: QtBot, view: HandoutsView) -> None:
    renders: list[str] = []
    original = view.service.render
    view.service.render = lambda request: renders.append(request.lang) or original(request)  # type: ignore[method-assign]
    for lang in ("en", "tr", "pl", "uk"):
        choose(view.language, lang)
    with qtbot.waitSignal(view.preview_updated, timeout=WAIT_MS):
        pass
    qtbot.waitUntil(lambda: not view.jobs.busy(), timeout=WAIT_MS)
    assert renders == ["uk"]
    assert shown(view).lang == "uk"


def test_bilingual_puts_dutch_beside_the_language(qtbot: QtBot, view: HandoutsView) -> None:
    assert not view.bilingual.isEnabled()  # Dutch beside Dutch makes no sense
    choose(view.language, "ti")
    settle(qtbot, view)
    single = pdf_text(shown(view).pdf)
    assert "Vragen over opvoeden" not in single
    assert view.bilingual.isEnabled()
    view.bilingual.setChecked(True)
    settle(qtbot, view)
    both = pdf_text(shown(view).pdf)
    assert "Vragen over opvoeden" in both
    assert any("\u1200" <= ch <= "\u137f" for ch in both)  # Ge'ez beside it


def test_draft_notice_is_shown_for_draft_translations_only(qtbot: QtBot, view: HandoutsView) -> None:
    assert view.notice.isHidden()  # Dutch is the source: nothing to check
    choose(view.language, "ar")
    settle(qtbot, view)
    draft = shown(view).tally.draft
    assert draft > 0
    assert not view.notice.isHidden()
    assert view.notice.text() == (f"Concept — nog niet nagekeken door iemand die de taal spreekt: {draft} teksten.")
    choose(view.language, "nl")
    settle(qtbot, view)
    assert view.notice.isHidden()


def test_contacts_of_the_chosen_meeting_go_on_the_parents_handout(qtbot: QtBot, services: AppContext) -> None:
    service = services.meetings
    assert service is not None
    meeting_id = service.create_meeting(
        "Avond in de moskee", starts_at=datetime(2027, 3, 4, 19, 30), municipality="Zwolle"
    )
    service.add_contact("Zwolle", "CJG Zwolle-Zuid", phone="038 123 45 67")
    view = make_view(qtbot, services)
    assert "CJG Zwolle-Zuid" not in pdf_text(shown(view).pdf)
    choose(view.meeting, meeting_id)
    settle(qtbot, view)
    assert view.municipality.currentText() == "Zwolle" and not view.municipality.isEnabled()
    assert "CJG Zwolle-Zuid" in pdf_text(shown(view).pdf)
    service.trash_meeting(meeting_id)
    service.delete_meeting_permanently(meeting_id)
    settle(qtbot, view)  # chosen, then deleted on another tab: a sentence, no crash
    assert view.result is None and view.preview.message.isVisible()
    assert not view.print_button.isEnabled()
    view.jobs.shutdown()


def test_without_storage_the_view_still_makes_handouts(qtbot: QtBot, services: AppContext) -> None:
    view = make_view(qtbot, services, meetings=None)
    assert not view.meeting.isEnabled()
    view.municipality.setEditText("Deventer")
    settle(qtbot, view)
    assert "Deventer" in pdf_text(shown(view).pdf)
    view.jobs.shutdown()


def test_save_as_pdf_writes_a_valid_pdf(
    qtbot: QtBot, view: HandoutsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(view.language, "fa")
    settle(qtbot, view)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "voor-ouders"), ""))
    with qtbot.waitSignal(view.job_finished, timeout=WAIT_MS):
        view.save_button.click()
    target = tmp_path / "voor-ouders.pdf"
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(PdfReader(target).pages) == len(view.preview.images)
    assert any("\u0600" <= ch <= "\u06ff" for ch in pdf_text(data))
    assert str(target) in view.status.text()
    assert view.save_button.isEnabled()


def test_save_into_a_missing_folder_is_one_sentence_and_writes_nothing(
    qtbot: QtBot, view: HandoutsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bestaat-niet" / "hand-out.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(view.job_finished, timeout=WAIT_MS) as finished:
        view.save_button.click()
    message = finished.args[0]
    assert "niet schrijven" in message and message.endswith(".") and "\n" not in message
    assert view.status.text() == message
    assert not target.parent.exists()


class PdfPrintDialog:
    """Stands in for the system print dialog: the user picks "print to file" as PDF."""

    output = Path()
    resolution = 150

    def __init__(self, printer: QPrinter, parent: object = None) -> None:
        self.printer = printer

    def setWindowTitle(self, title: str) -> None:
        pass

    def exec(self) -> QDialog.DialogCode:
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.output))
        self.printer.setResolution(self.resolution)
        return QDialog.DialogCode.Accepted


def test_print_paints_every_page_and_copy_onto_the_printer(
    qtbot: QtBot, view: HandoutsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    PdfPrintDialog.output = tmp_path / "printed.pdf"
    monkeypatch.setattr(handout_actions, "QPrintDialog", PdfPrintDialog)
    choose(view.language, "ar")
    settle(qtbot, view)
    pages = len(view.preview.images)
    view.copies.setValue(2)
    with qtbot.waitSignal(view.job_finished, timeout=WAIT_MS):
        view.print_button.click()
    printed = PdfReader(PdfPrintDialog.output)
    assert len(printed.pages) == 2 * pages
    box = printed.pages[0].mediabox
    assert abs(float(box.width) - 595) < 2 and abs(float(box.height) - 842) < 2  # A4
    assert f"{2 * pages} pagina's naar de printer" in view.status.text()
    # The sheets carry the hand-out: rendered back, each page has ink, and page 1 of both copies match.
    doc = pdfium.PdfDocument(str(PdfPrintDialog.output))
    images = [doc[i].render(scale=0.5).to_pil().convert("L") for i in range(len(doc))]
    assert all(sum(im.histogram()[:200]) / (im.width * im.height) > 0.01 for im in images)
    assert images[0].tobytes() == images[pages].tobytes() != images[1].tobytes()  # collated: 1 2 1 2
    image = printed.pages[0].images[0].image
    assert image is not None and abs(image.width - 150 / 72 * 595) < 4  # at the printer's resolution


def test_all_languages_writes_one_pdf_per_language(
    qtbot: QtBot, view: HandoutsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "alle"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(view.job_finished, timeout=WAIT_MS * 2) as finished:
        view.all_button.click()
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 12 == len(view.service.languages())
    assert all(PdfReader(f).pages for f in files)
    assert finished.args[0] == f"12 hand-outs opgeslagen in {folder}."
    assert view.batch is None and view.all_button.isEnabled()


def test_stop_during_all_languages_really_stops(
    qtbot: QtBot, view: HandoutsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "alle"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    written: list[str] = []
    stop_pressed = threading.Event()
    original = view.service.write

    def write(request: object, path: Path) -> HandoutResult:
        result = original(request, path)  # type: ignore[arg-type]
        written.append(path.name)
        if len(written) == 2:  # hold the worker here until the user has pressed Stop
            assert stop_pressed.wait(WAIT_MS / 1000)
        return result

    view.service.write = write  # type: ignore[method-assign]
    view.all_button.click()
    qtbot.waitUntil(lambda: len(written) == 2, timeout=WAIT_MS)
    assert view.batch is not None and not view.all_button.isEnabled()
    dialog = view.batch.dialog
    qtbot.waitUntil(lambda: dialog.value() >= 1, timeout=WAIT_MS)
    assert "van 12" in dialog.labelText()
    with qtbot.waitSignal(view.job_finished, timeout=WAIT_MS) as finished:
        stop = dialog.findChild(QPushButton)
        assert stop is not None and stop.text() == "Stoppen"
        stop.click()
        stop_pressed.set()
    assert written == [p.name for p in sorted(folder.glob("*.pdf"), key=lambda p: written.index(p.name))]
    assert len(list(folder.iterdir())) == 2  # nothing half-written left behind
    assert finished.args[0] == f"Gestopt: 2 van 12 talen opgeslagen in {folder}."


def test_missing_font_is_a_sentence_in_the_preview(qtbot: QtBot, view: HandoutsView, tmp_path: Path) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    view.service.fonts = FontLocator([empty])
    choose(view.language, "am")
    settle(qtbot, view)
    message = view.preview.message.text()
    assert view.result is None and view.preview.message.isVisible() and not view.preview.pages
    assert "lettertype" in message and "installeer" in message and message.endswith(".")
    assert not view.print_button.isEnabled() and not view.save_button.isEnabled()
    view.service.fonts = FontLocator()
    settle(qtbot, view)
    assert view.result is not None and view.preview.message.isHidden() and view.print_button.isEnabled()


def test_the_tab_is_in_the_main_window_and_loads_on_first_show(qtbot: QtBot, services: AppContext) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert labels[labels.index("Contacten") + 1] == "Hand-outs"
    assert window.handouts_tab.view is None  # not built (nor reportlab loaded for it) until shown
    window.tabs.setCurrentWidget(window.handouts_tab)
    view = window.handouts_tab.view
    assert view is not None
    qtbot.waitUntil(lambda: view.result is not None, timeout=WAIT_MS)
    view.jobs.shutdown()


# Several languages at once ("Talen in de zaal") ------------------------------------------------


def tick(view: HandoutsView, *codes: str) -> None:
    for code in codes:
        view.room.boxes[code].setChecked(True)


def greys(pdf: bytes | Path) -> list[bytes]:
    """Every page as small grey pixels (A4 at 36 dpi), to tell which page was printed where."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=0.5).to_pil().convert("L").resize((298, 421)).tobytes() for i in range(len(doc))]
    finally:
        doc.close()


def closest(printed: bytes, sources: dict[tuple[str, int], bytes]) -> tuple[str, int]:
    def distance(a: bytes, b: bytes) -> int:
        return sum(abs(x - y) for x, y in zip(a, b, strict=True))

    return min(sources, key=lambda key: distance(printed, sources[key]))


def source_pages(view: HandoutsView, codes: tuple[str, ...]) -> dict[tuple[str, int], bytes]:
    request = view.current_request()
    pages = {}
    for code in codes:
        for number, grey in enumerate(greys(view.service.render(in_language(request, code)).pdf)):
            pages[code, number] = grey
    return pages


def test_print_the_ticked_languages_as_one_job(
    qtbot: QtBot, view: HandoutsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not view.room.print_button.isEnabled() and not view.room.save_button.isEnabled()  # nothing ticked
    dialogs: list[object] = []

    class OneDialog(PdfPrintDialog):
        def __init__(self, printer: QPrinter, parent: object = None) -> None:
            super().__init__(printer, parent)
            dialogs.append(self)

    OneDialog.output = tmp_path / "zaal.pdf"
    monkeypatch.setattr(handout_actions, "QPrintDialog", OneDialog)
    codes = ("ar", "tr", "ti")  # as the room list shows them
    tick(view, *codes)
    assert view.room.chosen() == ["ar", "tr", "ti"] and view.room.print_button.isEnabled()
    sources = source_pages(view, codes)
    with qtbot.waitSignal(view.job_finished, timeout=WAIT_MS):
        view.room.print_button.click()
    assert len(dialogs) == 1  # one print dialog, one job
    total = len(sources)  # the sum of the three hand-outs' page counts
    assert len(PdfReader(OneDialog.output).pages) == total
    assert f"{total} pagina's naar de printer" in view.status.text()
    # The printer gets pictures of the pages (text cannot be extracted): each sheet is matched to the
    # page of the language it shows; the languages come one after the other, pages in order.
    printed = [closest(grey, sources) for grey in greys(OneDialog.output)]
    assert printed == sorted(sources, key=lambda key: (codes.index(key[0]), key[1]))
    assert view.preview.images and shown(view).lang == "nl"  # the preview is left as it was


def test_copies_of_several_languages_stay_together_per_language(
    qtbot: QtBot, view: HandoutsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    PdfPrintDialog.output = tmp_path / "kopieen.pdf"
    monkeypatch.setattr(handout_actions, "QPrintDialog", PdfPrintDialog)
    tick(view, "ar", "ti")
    view.copies.setValue(2)
    sources = source_pages(view, ("ar", "ti"))
    with qtbot.waitSignal(view.job_finished, timeout=WAIT_MS):
        view.room.print_button.click()
    printed = [closest(grey, sources) for grey in greys(PdfPrintDialog.output)]
    per_language = {code: sorted(key for key in sources if key[0] == code) for code in ("ar", "ti")}
    assert printed == 2 * per_language["ar"] + 2 * per_language["ti"]  # collated within each language


def test_save_the_ticked_languages_writes_exactly_those_files(
    qtbot: QtBot, view: HandoutsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "zaal"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    tick(view, "ar", "ti", "tr")
    with qtbot.waitSignal(view.job_finished, timeout=WAIT_MS) as finished:
        view.room.save_button.click()
    assert sorted(p.name for p in folder.iterdir()) == [
        "handout-ouders-ar.pdf",
        "handout-ouders-ti.pdf",
        "handout-ouders-tr.pdf",
    ]
    texts = {code: pdftotext(folder / f"handout-ouders-{code}.pdf") for code in ("ar", "ti", "tr")}
    assert any("\u0600" <= ch <= "\u06ff" for ch in texts["ar"])
    assert any("\u1200" <= ch <= "\u137f" for ch in texts["ti"])
    assert any(ch in "çğışöü" for ch in texts["tr"].casefold())
    assert finished.args[0] == f"3 hand-outs opgeslagen in {folder}."
    assert view.batch is None and view.room.save_button.isEnabled()


def test_stop_while_saving_the_ticked_languages(
    qtbot: QtBot, view: HandoutsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "zaal"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    stop_pressed = threading.Event()
    original = view.service.write

    def write(request: object, path: Path) -> HandoutResult:
        result = original(request, path)  # type: ignore[arg-type]
        assert stop_pressed.wait(WAIT_MS / 1000)  # hold the worker after the first file until Stop
        return result

    view.service.write = write  # type: ignore[method-assign]
    tick(view, "ar", "ti", "tr")
    view.room.save_button.click()
    assert view.batch is not None
    dialog = view.batch.dialog
    assert dialog.windowTitle() == "Deze talen opslaan" and dialog.maximum() == 3
    qtbot.waitUntil(lambda: "van 3" in dialog.labelText(), timeout=WAIT_MS)
    with qtbot.waitSignal(view.job_finished, timeout=WAIT_MS) as finished:
        stop = dialog.findChild(QPushButton)
        assert stop is not None
        stop.click()
        stop_pressed.set()
    assert [p.name for p in folder.iterdir()] == ["handout-ouders-ar.pdf"]
    assert finished.args[0] == f"Gestopt: 1 van 3 talen opgeslagen in {folder}."


def test_a_meeting_with_languages_ticks_them(qtbot: QtBot, services: AppContext) -> None:
    meetings = services.meetings
    assert meetings is not None
    mosque = meetings.create_meeting("Avond in de moskee", languages=["Arabisch, ti"])
    mixed = meetings.create_meeting("Ouderavond", languages=["Turks", "Berbers"])
    plain = meetings.create_meeting("Zonder talen")
    view = make_view(qtbot, services)
    assert view.room.chosen() == []
    choose(view.meeting, mosque)
    assert view.room.chosen() == ["ar", "ti"]
    assert view.room.print_button.isEnabled()
    view.room.boxes["tr"].setChecked(True)  # the facilitator adds a language by hand
    view.hide()
    view.show()  # showing the tab again reloads the meetings, but keeps the ticks
    assert view.room.chosen() == ["ar", "tr", "ti"]
    choose(view.meeting, plain)
    assert view.room.chosen() == ["ar", "tr", "ti"]  # no languages given: nothing changes
    choose(view.meeting, mixed)
    assert view.room.chosen() == ["tr"]
    assert "Geen hand-out in: \u2068Berbers\u2069." in view.room.hint.text()
    view.jobs.shutdown()


def pdftotext(path: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
