"""The live hand-out preview of the translation editor: the page that prints the segment.

Rendered in the GUI thread after a pause in typing: a 2-page hand-out takes 13–37 ms to render
and a page image about as long, so a background thread would add more risk than it saves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.services.handouts import HandoutService

DEBOUNCE_MS = 500


def page_with(pdf: bytes, text: str) -> int:
    """The index of the first page whose text contains the start of `text` (0 when not found:
    shaped right-to-left text is stored reordered in the PDF and cannot be searched)."""
    import pypdfium2 as pdfium

    from opvoed_desktop.documents.pdf_engine import PDF_ENGINE

    needle = " ".join(text.replace("*", "").split()[:4])
    if not needle:
        return 0
    with PDF_ENGINE.lock:
        return _page_with(pdfium, pdf, needle)


def _page_with(pdfium: Any, pdf: bytes, needle: str) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            try:
                if needle in " ".join(textpage.get_text_range().split()):
                    return index
            finally:
                textpage.close()
                page.close()
    finally:
        doc.close()
    return 0


class HandoutPreview(QWidget):
    def __init__(self, handouts: Callable[[], HandoutService] | None, parent: QWidget | None = None) -> None:
        """`handouts` makes the service on the first preview: reportlab stays unloaded until then."""
        super().__init__(parent)
        self.make_handouts = handouts
        self.handouts: HandoutService | None = None
        self.request: tuple[str, str, str] | None = None  # (kind, lang, text to find)
        self.renders = 0  # how often a page was drawn (tests watch the debounce)
        self.before_render: Callable[[], object] = lambda: None  # the editor stores typed text first
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        layout.addWidget(scroll, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)

    def show_segment(self, kind: str | None, lang: str, text: str, *, now: bool = False) -> None:
        """Schedule a preview of hand-out `kind` in `lang`; `None` means no hand-out prints this text."""
        if kind is None or self.make_handouts is None:
            self.timer.stop()
            self.request = None
            self.image.clear()
            self.caption.setText(_("Deze tekst staat niet op een hand-out; er is geen voorbeeld."))
            return
        self.request = (kind, lang, text)
        if now:
            self.render_now()
        else:
            self.timer.start()

    def render_now(self) -> None:
        self.timer.stop()
        if self.request is None or self.make_handouts is None:
            return
        from opvoed_desktop.services.handouts import HandoutError, HandoutRequest
        from opvoed_desktop.ui.handout_pages import render_pages

        if self.handouts is None:
            self.handouts = self.make_handouts()

        self.before_render()
        kind, lang, text = self.request
        try:
            result = self.handouts.render(HandoutRequest(kind=kind, lang=lang))
        except HandoutError as exc:
            self.image.clear()
            self.caption.setText(str(exc))
            return
        page = page_with(result.pdf, text)
        width = max(240, self.width() - 24)
        images = render_pages(result.pdf, width)
        image: QImage = images[min(page, len(images) - 1)]
        self.image.setPixmap(QPixmap.fromImage(image))
        self.renders += 1
        title = _("Hand-out voor ouders") if kind == "ouders" else _("Hand-out voor deelnemers")
        self.caption.setText(
            _("{title}, pagina {page} van {pages} — zo komt de tekst op papier.").format(
                title=title, page=page + 1, pages=len(images)
            )
        )
