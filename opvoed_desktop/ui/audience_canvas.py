"""Paints one `AudienceSlide` so that it always fits: the projector theme and the auto-scaling.

Painted by hand rather than with labels in layouts: one pass of measured text is both faster
(the key-to-paint budget is 8 ms at 1920×1080) and lets us shrink the font until nothing
overflows, from 1024×768 to 4K. The fitted sizes are cached per slide and size.

A slide's picture goes beside the text on wide screens and below it on squarer ones, whichever
shows it larger; the text keeps its size where it can and the picture takes the room that is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QPixmap, QTextOption
from PySide6.QtWidgets import QWidget

from opvoed_desktop.services.presenting import AudienceSlide, TimerView
from opvoed_desktop.textdir import first_strong_rtl

BACKGROUND = QColor("#0f1a2e")
TEXT = QColor("#ffffff")
ACCENT = QColor("#ffd866")  # question and rule: warm yellow on navy, contrast ≈ 12:1
SOFT = QColor("#c9d4ea")
TIMER_COLOURS = {
    "normal": (QColor("#26375a"), QColor("#ffffff")),
    "amber": (QColor("#ffb300"), QColor("#000000")),
    "red": (QColor("#d32f2f"), QColor("#ffffff")),
}
BODY_RATIO = 0.64
# Rendered slides a canvas holds at most, least recently used dropped first. The presenter keeps
# only the slide on screen, the next and the previous (`keep_only`, after preparing the neighbours);
# the bound leaves room for the new neighbour and a pause's live text beside them. Eight, as
# before, cost 66 MB at 1920×1080.
KEPT_PIXMAPS = 5
# Decoded pictures (a 1600×1000 PNG is 6 MB as an image), shared by the room's canvas and the
# console's views, which show the same slides: each canvas kept its own copy before. Two: a slide's
# picture and its neighbour's; the least recently used goes first (decoded again if shown again).
KEPT_IMAGES = 2
_IMAGES: dict[tuple[Path, int, int], QImage] = {}  # by path, modification time and size
TEXT_SHARE_BESIDE = 0.5  # of the width, when the picture stands beside the text
TEXT_SHARE_BELOW = 0.55  # at most, of the height, when the picture stands below the text


def embed(text: str) -> str:
    """Keep left-to-right content (Dutch titles, step numbers) readable inside a right-to-left
    interface: an explicit embedding stops "6. Stap 2" from turning into "Stap 2 .6"."""
    return text if first_strong_rtl(text) else "\u202a" + text + "\u202c"


@dataclass
class _Block:
    text: str
    role: str  # title, line, question
    rect: QRectF
    font: QFont


class AudienceCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None, family: str = "") -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.slide: AudienceSlide | None = None
        self.blank = "none"
        self.timer: TimerView | None = None
        self.scale = 1.0
        self._family = family or QFont().family()
        self.rtl = False  # the room's language is written right to left
        self._cache: dict[tuple[object, ...], tuple[list[_Block], float]] = {}
        # Qt draws glyphs above 64 px as paths, uncached (≈0.5 ms per line at 1080p), so whole
        # slides are rendered once into pixmaps and a key press only blits one. Only the few a key
        # can reach are kept (see KEPT_PIXMAPS): each is 8 MB at 1920×1080.
        self._pixmaps: dict[tuple[object, ...], QPixmap] = {}

    # State ------------------------------------------------------------------------------
    def show_slide(self, slide: AudienceSlide | None, blank: str, timer: TimerView | None) -> None:
        if (slide, blank, timer) == (self.slide, self.blank, self.timer):
            return
        self.slide, self.blank, self.timer = slide, blank, timer
        self.update()

    def set_scale(self, scale: float) -> None:
        self.scale = max(0.5, min(1.6, scale))
        self._cache.clear()
        self._pixmaps.clear()
        self.update()

    def set_rtl(self, rtl: bool) -> None:
        """Lay slides out right to left (the room's language, not the interface's)."""
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        if rtl != self.rtl:
            self.rtl = rtl
            self._cache.clear()
            self._pixmaps.clear()
            self.update()

    def visible_text(self) -> list[str]:
        """Every string this canvas paints (tests check that nothing private is among them)."""
        if self.slide is None or self.blank != "none":
            return [self.timer.text] if self.timer else []
        texts = [self.slide.title, *(line.text for line in self.slide.lines)]
        if self.slide.question:
            texts.append(self.slide.question)
        if self.timer:
            texts.append(self.timer.text)
        return texts

    # Layout -----------------------------------------------------------------------------
    def _font(self, pixels: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(self._family)
        font.setPixelSize(max(6, round(pixels)))
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def _texts(self, slide: AudienceSlide) -> list[tuple[str, str]]:
        texts = [(slide.title, "title")]
        texts += [(("• " if line.bullet else "") + line.text, "line") for line in slide.lines]
        if slide.question:
            texts.append((slide.question, "question"))
        return texts

    def _layout(self, slide: AudienceSlide, area: QRectF, base: float | None = None) -> tuple[list[_Block], float]:
        """Blocks that fit `area`, and their height. `base` is the height the font size is taken
        from (the whole slide's), so text next to a picture is as big as text without one."""
        key = (slide, area.x(), area.y(), area.width(), area.height(), base, self.scale)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        texts = self._texts(slide)
        centred = slide.style != "content"
        size = (base or area.height()) / (5.5 if centred else 9.0) * self.scale
        while True:
            blocks, height = self._measure(texts, area, size, centred)
            if height <= area.height() or size <= 8:
                break
            size *= 0.92
        # Centre title slides vertically; content slides start at the top, calm and predictable.
        shift = (area.height() - height) / 2 if centred else 0.0
        for block in blocks:
            block.rect.translate(0, shift)
        if len(self._cache) > 64:
            self._cache.clear()
        self._cache[key] = (blocks, height)
        return blocks, height

    def _image(self, path: Path | None) -> QImage | None:
        if path is None:
            return None
        try:
            stat = path.stat()
            key = (path, stat.st_mtime_ns, stat.st_size)  # a picture replaced on disk is read anew
        except OSError:
            key = (path, 0, 0)
        image = _IMAGES.pop(key, None)
        if image is None:
            while len(_IMAGES) >= KEPT_IMAGES:  # before decoding: never one more at the peak
                _IMAGES.pop(next(iter(_IMAGES)))
            # An unreadable file (or SVG without Qt's SVG plugin) leaves the text on its own.
            image = QImage(str(path))
        _IMAGES[key] = image  # most recently used last
        return None if image.isNull() else image

    def _arrange(self, slide: AudienceSlide, area: QRectF) -> tuple[list[_Block], QRectF | None]:
        """The text blocks and, if the slide has a picture, the rectangle the picture fills."""
        image = self._image(slide.image)
        if image is None:
            return self._layout(slide, area)[0], None
        size = QSizeF(image.size())
        gap = area.width() * 0.04
        # Beside: a text column and a picture column (mirrored for right-to-left languages).
        text_width = area.width() * TEXT_SHARE_BESIDE
        beside_text = QRectF(area.left(), area.top(), text_width, area.height())
        beside_box = QRectF(area.left() + text_width + gap, area.top(), area.width() - text_width - gap, area.height())
        if self.rtl:
            beside_text.moveRight(area.right())
            beside_box.moveLeft(area.left())
        beside = _fit(size, beside_box)
        # Below: the text takes what it needs (up to a share of the height), the picture the rest.
        below_text = QRectF(area.left(), area.top(), area.width(), area.height() * TEXT_SHARE_BELOW)
        below_blocks, used = self._layout(slide, below_text, area.height())
        top = area.top() + used + gap
        below = _fit(size, QRectF(area.left(), top, area.width(), area.bottom() - top))
        if beside.width() * beside.height() > below.width() * below.height():
            return self._layout(slide, beside_text, area.height())[0], beside
        return below_blocks, below

    def _measure(self, texts: list[tuple[str, str]], area: QRectF, size: float, centred: bool) -> tuple[list, float]:
        blocks: list[_Block] = []
        y = area.top()
        flags = int(Qt.TextFlag.TextWordWrap)
        for text, role in texts:
            if role == "title":
                font = self._font(size, bold=True)
            else:
                font = self._font(size * BODY_RATIO, italic=role == "question")
            metrics = QFontMetricsF(font)
            bound = metrics.boundingRect(QRectF(0, 0, area.width(), 1e6), flags, text)
            if bound.width() > area.width() + 1:  # a single word wider than the screen
                return blocks, float("inf")
            gap = size * (0.55 if role == "title" else 0.28)
            if role == "question":
                gap = size * 0.5
            blocks.append(_Block(text, role, QRectF(area.left(), y, area.width(), bound.height()), font))
            y += bound.height() + gap
        return blocks, y - area.top() - (gap if blocks else 0)

    # Painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        if self.blank == "black":
            painter.fillRect(rect, Qt.GlobalColor.black)
            return
        if self.blank == "white":
            painter.fillRect(rect, Qt.GlobalColor.white)
            return
        if self.slide is not None:
            painter.drawPixmap(0, 0, self._pixmap(self.slide, self.timer is not None))
        else:
            painter.fillRect(rect, BACKGROUND)
        if self.timer:
            area, timer_height = self._areas(rect, self.slide, True)
            self._paint_timer(painter, area, timer_height)

    def _areas(self, rect: QRectF, slide: AudienceSlide | None, with_timer: bool) -> tuple[QRectF, float]:
        margin_x, margin_y = rect.width() * 0.06, rect.height() * 0.07
        area = rect.adjusted(margin_x, margin_y, -margin_x, -margin_y)
        timer_height = 0.0
        if with_timer:
            timer_height = rect.height() * (0.3 if slide is not None and slide.style == "pause" else 0.16)
        return area, timer_height

    def prepare(self, slide: AudienceSlide | None, with_timer: bool = False) -> None:
        """Render a slide ahead (the next one, while the room reads the current one)."""
        if slide is not None and self.isVisible():
            self._pixmap(slide, with_timer)

    def keep_only(self, slides: list[AudienceSlide | None]) -> None:
        """Free the rendered slides a key cannot reach now (each is 8 MB at 1920×1080), and those
        rendered at a size the canvas no longer has (the console settling, a screen changed)."""
        wanted = {slide for slide in slides if slide is not None}
        size = (self.width(), self.height(), self.devicePixelRatioF(), self.scale)
        for key in [key for key in self._pixmaps if key[0] not in wanted or key[1:5] != size]:
            del self._pixmaps[key]

    def _pixmap(self, slide: AudienceSlide, with_timer: bool) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (slide, self.width(), self.height(), ratio, self.scale, with_timer)
        pixmap = self._pixmaps.pop(key, None)
        if pixmap is not None:
            self._pixmaps[key] = pixmap  # most recently used last
            return pixmap
        while len(self._pixmaps) >= KEPT_PIXMAPS:  # the least recently used goes first
            self._pixmaps.pop(next(iter(self._pixmaps)))
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        rect = QRectF(self.rect())
        painter = QPainter(pixmap)
        painter.setLayoutDirection(self.layoutDirection())
        painter.fillRect(rect, BACKGROUND)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        area, timer_height = self._areas(rect, slide, with_timer)
        area = area.adjusted(0, 0, 0, -(timer_height * 1.15))
        blocks, picture = self._arrange(slide, area)
        self._paint_text(painter, slide, area, blocks)
        image = self._image(slide.image)
        if picture is not None and image is not None:
            scaled = image.scaled(
                (picture.size() * ratio).toSize(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(ratio)
            painter.drawImage(picture.topLeft(), scaled)
        painter.end()
        self._pixmaps[key] = pixmap
        return pixmap

    def _paint_text(self, painter: QPainter, slide: AudienceSlide, area: QRectF, blocks: list[_Block]) -> None:
        centred = slide.style != "content"
        for block in blocks:
            rtl = first_strong_rtl(block.text)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
            # In a right-to-left room a Dutch fallback line keeps the same edge as the rest.
            rtl = rtl or self.rtl
            if centred:
                option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            else:
                edge = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
                option.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute)
            painter.setFont(block.font)
            painter.setPen(ACCENT if block.role == "question" else TEXT)
            painter.drawText(block.rect, block.text, option)
            if block.role == "title" and not centred:
                rule_y = block.rect.bottom() + block.font.pixelSize() * 0.18
                width = min(block.rect.width(), block.font.pixelSize() * 3.0)
                left = block.rect.right() - width if rtl else block.rect.left()
                painter.fillRect(QRectF(left, rule_y, width, max(2.0, block.font.pixelSize() * 0.08)), ACCENT)

    def _paint_timer(self, painter: QPainter, area: QRectF, height: float) -> None:
        assert self.timer is not None
        back, fore = TIMER_COLOURS.get(self.timer.level, TIMER_COLOURS["normal"])
        font = self._font(height * 0.72, bold=True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        width = QFontMetricsF(font).horizontalAdvance(self.timer.text) + height * 0.6
        centred = self.slide is not None and self.slide.style == "pause"
        if centred:
            left = area.center().x() - width / 2
        else:
            # The far corner from where text starts, so it never covers the first words.
            rtl = self.rtl or (self.slide is not None and first_strong_rtl(self.slide.title))
            left = area.left() if rtl else area.right() - width
        box = QRectF(left, area.bottom() - height, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(box, height * 0.15, height * 0.15)
        painter.setPen(fore)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.timer.text)


def _fit(size: QSizeF, box: QRectF) -> QRectF:
    """`size` scaled (up or down, keeping its shape) to fill `box`, centred in it; never larger."""
    if box.width() <= 0 or box.height() <= 0 or size.isEmpty():
        return QRectF(box.topLeft(), QSizeF(0, 0))
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRectF(
        box.left() + (box.width() - scaled.width()) / 2,
        box.top() + (box.height() - scaled.height()) / 2,
        scaled.width(),
        scaled.height(),
    )
