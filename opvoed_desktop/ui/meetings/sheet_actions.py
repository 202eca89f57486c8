"""Print or save the facilitator's sheets of a meeting: the running order and the materials list."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from opvoed_desktop.content import Library
from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _, active, ngettext
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage.records import MeetingDetail

Say = Callable[[str, bool], None]


def sheet_name(detail: MeetingDetail, sheet: str) -> str:
    """'2026-12-09-kennismaking-moskee-draaiboek.pdf': date, title, what it is."""
    day = detail.starts_at.strftime("%Y-%m-%d") if detail.starts_at else ""
    ascii_title = unicodedata.normalize("NFKD", detail.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:50]
    what = _("draaiboek") if sheet == "running-order" else _("materialen")
    return "-".join(p for p in (day, slug, what) if p) + ".pdf"


def render(sheet: str, detail: MeetingDetail, library: Library, minutes_available: int) -> bytes:
    from opvoed_desktop.export import facilitator

    lang = active().locale
    if sheet == "running-order":
        return facilitator.running_order(detail, library, lang, minutes_available)
    return facilitator.materials(detail, library, lang)


def print_or_save(
    parent: QWidget,
    service: MeetingService,
    library: Library,
    meeting_id: str,
    sheet: str,
    verb: str,
    minutes_available: int,
    say: Say,
    folder: Path | None = None,
) -> Path | None:
    """Make the sheet and print it or save it; says what came of it. Returns the saved file."""
    detail = service.get_meeting(meeting_id)
    if not detail.agenda:
        say(_("Deze bijeenkomst heeft nog geen agenda; maak die eerst op het tabblad Agenda."), True)
        return None
    target: Path | None = None
    if verb == "save":
        suggested = (folder or Path.home()) / sheet_name(detail, sheet)
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, _("Opslaan als PDF"), str(suggested), _("PDF-bestanden (*.pdf)")
        )
        if not chosen:
            return None
        target = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
    try:
        pdf = render(sheet, detail, library, minutes_available)
        if target is not None:
            from opvoed_desktop.fileio import write_atomic

            write_atomic(target, pdf)
            say(_("Opgeslagen als {path}.").format(path=target), False)
            return target
        _print(parent, pdf, sheet, say)
    except OSError as exc:
        say(_("Het bestand kon niet worden opgeslagen ({reason}).").format(reason=exc.strerror or exc), True)
    except AppError as exc:  # a missing glyph, a content problem: the app's own sentence
        say(_("Het blad kon niet worden gemaakt: {reason}").format(reason=exc), True)
    return None


def _print(parent: QWidget, pdf: bytes, sheet: str, say: Say) -> None:
    from opvoed_desktop.ui.handout_pages import a4_printer, print_pdfs

    printer = a4_printer(1)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Draaiboek afdrukken") if sheet == "running-order" else _("Materialenlijst afdrukken"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    sheets = print_pdfs([pdf], printer, printer.copyCount())
    say(
        ngettext("{n} pagina naar de printer gestuurd.", "{n} pagina's naar de printer gestuurd.", sheets).format(
            n=sheets
        ),
        False,
    )
