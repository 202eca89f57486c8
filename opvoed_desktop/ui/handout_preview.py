"""The preview of a hand-out: its pages as white sheets on a grey table, or one sentence instead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

PAGE_GAP = 16
MAX_PAGE_WIDTH = 900  # logical pixels; wider only makes the reader scroll more


class PreviewPane(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoutPreview")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The pages are pictures of paper: they never mirror, whatever the interface direction.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        table = QWidget(self)
        table.setObjectName("previewTable")
        table.setStyleSheet("#previewTable { background: #8a8f96; }")
        self._layout = QVBoxLayout(table)
        self._layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self._layout.setSpacing(PAGE_GAP)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(table)
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(360)  # a sentence, not a narrow column of words
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("#previewMessage { background: white; color: #611a15; padding: 24px; }")
        self.message.hide()
        self._layout.addWidget(self.message)
        self.pages: list[QLabel] = []
        self.images: list[QImage] = []
        self.setWidget(table)

    def page_width(self) -> int:
        """Device pixels for one page across the visible width (crisp on high-DPI screens)."""
        # Leave room for the vertical scroll bar even before it appears, or the page would need a
        # horizontal one as soon as the second page is added.
        room = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        logical = min(room - 2 * PAGE_GAP, MAX_PAGE_WIDTH)
        return int(max(logical, 200) * self.devicePixelRatioF())

    def set_pages(self, images: list[QImage]) -> None:
        self.message.hide()
        self.images = images
        while len(self.pages) > len(images):
            self.pages.pop().deleteLater()
        while len(self.pages) < len(images):
            label = QLabel(self.widget())
            label.setObjectName("previewPage")
            label.setStyleSheet("#previewPage { background: white; border: 1px solid #5f646b; }")
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pages.append(label)
        ratio = self.devicePixelRatioF()
        for label, image in zip(self.pages, images, strict=True):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.deviceIndependentSize().toSize())
            label.show()

    def set_message(self, text: str) -> None:
        """No pages, one sentence (an error the user can act on)."""
        self.set_pages([])
        self.message.setText(text)
        self.message.show()
