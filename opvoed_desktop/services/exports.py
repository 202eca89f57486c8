"""The façade the CLI and the UI call for exports and imports. It takes the Database and the
fonts; nothing global. Long work (a period) reports progress and can be cancelled."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from opvoed_desktop.documents.fonts import FontError, FontLocator
from opvoed_desktop.export.csv_export import agreements_csv
from opvoed_desktop.export.errors import Cancelled, ExportError
from opvoed_desktop.export.report import build_report
from opvoed_desktop.export.safe_write import atomic_file, check_target, write_bytes
from opvoed_desktop.export.words import Words
from opvoed_desktop.i18n import _
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import bundle, merge, sealed
from opvoed_desktop.storage import bundle_reading as reading
from opvoed_desktop.storage.database import Database
from opvoed_desktop.storage.records import MeetingDetail

FORMATS = ("pdf", "docx", "md", "csv", "json")
Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    replaced_chars: int = 0  # PDF: characters no font could show
    meetings: int = 1


@dataclass
class ExportService:
    db: Database
    translations_dir: Path | None = None
    overlay_dir: Path | None = None
    fonts: FontLocator = field(default_factory=FontLocator)

    @property
    def meetings(self) -> MeetingService:
        return MeetingService(self.db)

    def words(self, lang: str) -> Words:
        try:
            return Words.load(lang, self.translations_dir, self.overlay_dir)
        except ValueError as exc:
            raise ExportError(str(exc)) from None

    # One meeting ------------------------------------------------------------------------------
    def render(self, meeting_id: str, fmt: str, lang: str = "nl") -> tuple[bytes, int]:
        """The file's bytes and (PDF) how many characters could not be shown."""
        if fmt not in FORMATS:
            raise ExportError(
                _("Onbekend formaat '{fmt}'; kies uit: {formats}.").format(fmt=fmt, formats=", ".join(FORMATS))
            )
        if fmt == "json":
            return bundle.dumps(self.bundle([meeting_id])), 0
        detail = self.meetings.get_meeting(meeting_id)
        return self._render_detail(detail, fmt, self.words(lang))

    def _render_detail(self, detail: MeetingDetail, fmt: str, words: Words) -> tuple[bytes, int]:
        if fmt == "csv":
            return agreements_csv([detail], words), 0
        report = build_report(detail, words)
        if fmt == "pdf":
            from opvoed_desktop.export.pdf_report import render_pdf

            try:
                return render_pdf(report, self.fonts)
            except FontError as exc:
                raise ExportError(str(exc)) from None
        if fmt == "docx":
            from opvoed_desktop.export.docx_report import render_docx

            return render_docx(report), 0
        from opvoed_desktop.export.markdown import render_markdown

        return render_markdown(report).encode("utf-8"), 0

    def export_meeting(
        self,
        meeting_id: str,
        fmt: str,
        path: Path,
        *,
        lang: str = "nl",
        cancelled: IsCancelled | None = None,
        force: bool = False,
    ) -> ExportResult:
        """Write one meeting; `--format json` with a .zip path adds the PDF report beside the bundle.
        Cancelled before the file is written: nothing is written (Cancelled).

        `force`: replace a file the user made read-only (after they confirmed)."""
        check_target(path, force=force)
        if fmt == "json" and sealed.inner_suffix(path) == ".zip":
            return self._zip([meeting_id], path, lang, with_csv=False, progress=None, cancelled=cancelled)
        data, replaced = self.render(meeting_id, fmt, lang)
        if cancelled is not None and cancelled():
            raise Cancelled()
        write_bytes(path, data)
        return ExportResult(path, replaced)

    def bundle(self, meeting_ids: list[str]) -> dict[str, Any]:
        with self.db.session() as session:
            return bundle.collect(session, meeting_ids)

    # A period ----------------------------------------------------------------------------------
    def period_meetings(self, municipality: str | None, since: date | None, until: date | None) -> list[str]:
        """Ids of the meetings of a municipality (None: all) from `since` to `until`, both inclusive."""
        start = datetime.combine(since, datetime.min.time()) if since else None
        end = datetime.combine(until + timedelta(days=1), datetime.min.time()) if until else None
        found = self.meetings.list_meetings(municipality=municipality or None, since=start, until=end)
        return [s.id for s in sorted(found, key=lambda s: (s.starts_at or datetime.min, s.id))]

    def export_period(
        self,
        path: Path,
        *,
        municipality: str | None,
        since: date | None,
        until: date | None,
        lang: str = "nl",
        progress: Progress | None = None,
        cancelled: IsCancelled | None = None,
        force: bool = False,
    ) -> ExportResult:
        """One zip: a PDF report per meeting, the agreements as CSV and the bundle of them all."""
        check_target(path, force=force)
        ids = self.period_meetings(municipality, since, until)
        if not ids:
            raise ExportError(_("Er zijn geen bijeenkomsten in deze periode; kies een andere periode of gemeente."))
        return self._zip(ids, path, lang, with_csv=True, progress=progress, cancelled=cancelled)

    def _zip(
        self,
        ids: list[str],
        path: Path,
        lang: str,
        *,
        with_csv: bool,
        progress: Progress | None,
        cancelled: IsCancelled | None,
    ) -> ExportResult:
        words = self.words(lang)
        total = len(ids) + 1
        details: list[MeetingDetail] = []
        replaced = 0
        service = self.meetings
        names: set[str] = set()
        with atomic_file(path) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for done, meeting_id in enumerate(ids):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                detail = service.get_meeting(meeting_id)
                if with_csv:
                    details.append(_agreements_only(detail))
                pdf, count = self._render_detail(detail, "pdf", words)
                replaced += count
                archive.writestr(_unique(pdf_name(detail), names), pdf, compress_type=zipfile.ZIP_STORED)
                if progress is not None:
                    progress(done + 1, total)
            if with_csv:
                archive.writestr(_("afspraken") + ".csv", agreements_csv(details, words))
            archive.writestr(reading.BUNDLE_NAME, bundle.dumps(self.bundle(ids)))
            if cancelled is not None and cancelled():
                raise Cancelled()
        if progress is not None:
            progress(total, total)
        return ExportResult(path, replaced, len(ids))

    # Import ----------------------------------------------------------------------------------
    def read_bundle(self, path: Path) -> dict[str, Any]:
        return reading.read_bundle(path)

    def preview_import(self, data: dict[str, Any]) -> merge.MergeResult:
        return merge.preview(self.db, data)

    def import_bundle(self, path: Path) -> merge.MergeResult:
        return merge.merge(self.db, reading.read_bundle(path))


def _agreements_only(detail: MeetingDetail) -> MeetingDetail:
    # The CSV needs only the agreements; keeping 500 full meetings (notes!) in memory is waste.
    from dataclasses import replace

    return replace(detail, notes=[], agenda=[], strengths=[], wishes=[], evaluations=[], participants=[])


def pdf_name(detail: MeetingDetail) -> str:
    """A file name that works on every system: date, ASCII title, short id."""
    day = detail.starts_at.strftime("%Y-%m-%d") if detail.starts_at else "zonder-datum"
    ascii_title = unicodedata.normalize("NFKD", detail.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:50] or "bijeenkomst"
    return f"{day}-{slug}-{detail.id[:8]}.pdf"


def _unique(name: str, taken: set[str]) -> str:
    while name in taken:
        name = name.replace(".pdf", "-1.pdf")
    taken.add(name)
    return name
