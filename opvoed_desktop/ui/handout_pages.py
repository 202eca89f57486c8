"""PDF pages as images (pypdfium2, no QtPdf), printing them on a QPrinter, and the one worker thread.

pypdfium2 and reportlab's font registry are not safe to use from two threads at once, so every
hand-out job (preview, save, print, batch) runs on a single background thread, one after the other.
Only QImage and QPrinter are touched there: Qt allows painting on both outside the GUI thread.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from opvoed_desktop.documents.pdf_engine import PDF_ENGINE
from opvoed_desktop.errors import AppError

POINTS_PER_INCH = 72.0
# Above this a page image only costs memory (an A4 page at 600 dpi is already ~100 MB of pixels).
MAX_PRINT_DPI = 600


class PrintCancelled(Exception):
    """The user stopped the print job; what was sent so far is discarded by the print system."""


def page_count(pdf: bytes) -> int:
    with PDF_ENGINE.lock:
        doc = pdfium.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def _to_image(page: Any, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB byte order, as QImage.Format_RGB888
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
        return image.copy()  # the buffer belongs to pdfium and is freed with the bitmap
    finally:
        bitmap.close()


def render_pages(pdf: bytes, width_px: int) -> list[QImage]:
    """Every page scaled to `width_px` pixels wide (for the preview)."""
    with PDF_ENGINE.lock:
        return _render_pages(pdf, width_px)


def _render_pages(pdf: bytes, width_px: int) -> list[QImage]:
    doc = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(doc)):
            page = doc[index]
            try:
                images.append(_to_image(page, max(width_px, 50) / page.get_width()))
            finally:
                page.close()
        return images
    finally:
        doc.close()


def a4_printer(copies: int) -> QPrinter:
    """A printer set up for the hand-outs (A4, portrait, high resolution) before the print dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setCopyCount(copies)
    return printer


def print_pdf(
    pdf: bytes,
    printer: QPrinter,
    copies: int,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Paint the pages at the printer's resolution onto `printer`; returns the sheets sent.

    `copies` are painted here when the print system cannot make copies itself (printing to a PDF
    file, some drivers); otherwise the printer's own copy count does it and each page goes once.
    """
    return print_pdfs([pdf], printer, copies, cancelled)


def print_pdfs(
    pdfs: Sequence[bytes],
    printer: QPrinter,
    copies: int,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Several documents (one per language) as one print job, one after the other.

    With more than one document the copies are always painted here, per document: all copies of
    the Arabic hand-out, then all of the Tigrinya one — a driver would repeat the whole job instead
    and mix the languages.
    """
    with PDF_ENGINE.lock:
        return _print_pdfs(pdfs, printer, copies, cancelled)


def _print_pdfs(pdfs: Sequence[bytes], printer: QPrinter, copies: int, cancelled: Callable[[], bool]) -> int:
    if len(pdfs) == 1 and printer.supportsMultipleCopies():
        repeat = 1
    else:
        repeat = max(copies, 1)
        printer.setCopyCount(1)  # we make the copies; do not let a driver multiply them again
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    printer.setFullPage(True)  # the PDF page carries its own margins
    docs = [pdfium.PdfDocument(pdf) for pdf in pdfs]
    painter = QPainter()
    sent = 0
    try:
        if not painter.begin(printer):
            raise OSError("printer")
        order = []
        for d, doc in enumerate(docs):
            pages = range(len(doc))
            # Collated: 1 2 1 2; otherwise 1 1 2 2 — and then each page is rendered only once.
            if printer.collateCopies():
                order += [(d, p) for _copy in range(repeat) for p in pages]
            else:
                order += [(d, p) for p in pages for _copy in range(repeat)]
        image: QImage | None = None
        rendered = (-1, -1)
        for d, p in order:
            if cancelled():
                printer.abort()
                raise PrintCancelled
            if rendered != (d, p):
                page = docs[d][p]
                try:
                    image = _to_image(page, dpi / POINTS_PER_INCH)
                finally:
                    page.close()
                rendered = (d, p)
            if sent and not printer.newPage():
                raise OSError("printer")
            assert image is not None
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(_fit(image, target), image)
            sent += 1
    finally:
        if painter.isActive():
            painter.end()
        for doc in docs:
            doc.close()
    return sent


def _fit(image: QImage, target: QRectF) -> QRectF:
    """The largest rectangle with the image's proportions, centred in `target`."""
    scale = min(target.width() / image.width(), target.height() / image.height())
    w, h = image.width() * scale, image.height() * scale
    return QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h)


class JobRunner(QObject):
    """Runs jobs one at a time on a background thread and calls back in the GUI thread.

    Callbacks are delivered through a queued signal of this object: when the view (its parent) is
    gone, Qt drops them instead of calling into deleted widgets.
    """

    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handouts")
        self._deliver.connect(self._run_here, Qt.ConnectionType.QueuedConnection)
        self._pending = 0
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], Any], done: Callable[[Any, BaseException | None], None]) -> Future[None]:
        with self._lock:
            self._pending += 1

        def task() -> None:
            try:
                result, error = job(), None
            except Exception as exc:  # handed to `done`, which turns it into a sentence
                result, error = None, exc
                if not isinstance(exc, (AppError, OSError, PrintCancelled)):
                    # A bug: the job still reports back (the view must not stay busy), and the
                    # error hook writes the log and shows the sentence for unexpected errors.
                    sys.excepthook(type(exc), exc, exc.__traceback__)
            self.call_in_gui(lambda: self._finish(done, result, error))

        return self._pool.submit(task)

    def call_in_gui(self, fn: Callable[[], None]) -> None:
        """Safe from the worker thread; ignored once this object has been deleted."""
        # RuntimeError: the C++ object is gone, so nobody is waiting for the answer any more.
        with contextlib.suppress(RuntimeError):
            self._deliver.emit(fn)

    def busy(self) -> bool:
        with self._lock:
            return self._pending > 0

    def _finish(self, done: Callable[[Any, BaseException | None], None], result: Any, error: Exception | None) -> None:
        with self._lock:
            self._pending -= 1
        done(result, error)

    @Slot(object)
    def _run_here(self, fn: Callable[[], None]) -> None:
        fn()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
