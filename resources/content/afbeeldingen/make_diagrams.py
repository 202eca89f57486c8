"""Draw the two diagrams used on slides (a maintainer's script, not part of the app).

    .venv/bin/python resources/content/afbeeldingen/make_diagrams.py

Writes `samenwerking-vormen.png` (this toolkit's model: four forms of collaboration as four equal
circles, side by side rather than a staircase, because no form is "higher" than another) and
`rollen-gemeente.png` (the municipality's four roles around a centre) next to this file. Drawn for the projector theme
(navy slide, white text, warm yellow accent) on a transparent background, so they sit calmly on
the audience screen and inside the dark "Op het scherm" box of the reading pane alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = 1600, 1000
TEXT = QColor("#ffffff")
ACCENT = QColor("#ffd866")
NAVY = QColor("#0f1a2e")
LINE = QColor("#c9d4ea")
STEP_FILLS = ("#22345a", "#2a4170", "#334f86", "#3c5d9c", "#466bb2")

FORMS = ("elkaar kennen", "elkaar steunen en raadplegen", "samen optrekken met een gezin", "samen iets organiseren")
FORMS_CAPTION = "vier vormen, even waardevol · het model van deze toolkit"
ROLES = ("overzicht houden", "meedoen als partner", "geld geven", "een plek bieden")
CENTRE = "gemeente"


def family() -> str:
    families = set(QFontDatabase.families())
    return next((f for f in ("Noto Sans", "DejaVu Sans") if f in families), QFont().family())


def font(pixels: float, bold: bool = False) -> QFont:
    chosen = QFont(family())
    chosen.setPixelSize(round(pixels))
    chosen.setBold(bold)
    return chosen


def fitting_size(labels: tuple[str, ...], width: float, start: float, whole: bool = False) -> float:
    """One size for all labels (calmer than each its own) at which every word (or, with `whole`,
    every label on one line) fits `width`."""
    size = start
    while size > 12:
        metrics = QFontMetricsF(font(size, bold=True))
        parts = labels if whole else [word for label in labels for word in label.split()]
        if all(metrics.horizontalAdvance(part) <= width for part in parts):
            return size
        size -= 1
    return size


def canvas(width: int = WIDTH, height: int = HEIGHT) -> tuple[QImage, QPainter]:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return image, painter


def circles(target: Path) -> None:
    """Four circles of one size and one colour in a row of two by two, each with its form in words,
    and under them a caption saying whose model this is. Equal circles say what the text says: the
    forms stand beside each other, none is a step up from another."""
    # Nearly square, so the circles stay large when the slide scales the picture into its box.
    width, height = 1200, 1000
    image, painter = canvas(width, height)
    margin, gap = 16.0, 30.0
    caption_h = 80.0
    radius = min((width - 2 * margin - gap) / 4, (height - 2 * margin - caption_h - gap) / 4)
    centres = []
    for row in range(2):
        for col in range(2):
            x = width / 2 + (col - 0.5) * (2 * radius + gap)
            y = margin + radius + row * (2 * radius + gap)
            centres.append(QPointF(x, y))
    inner = radius * 1.5
    size = fitting_size(FORMS, inner - 20, 60)
    for centre, label in zip(centres, FORMS, strict=True):
        painter.setPen(QPen(ACCENT, 8))
        painter.setBrush(QColor(STEP_FILLS[2]))
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(TEXT)
        painter.setFont(font(size, bold=True))
        box = QRectF(centre.x() - inner / 2, centre.y() - inner / 2, inner, inner)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), label)
    painter.setPen(LINE)
    painter.setFont(font(fitting_size((FORMS_CAPTION,), width - 2 * margin, 44, whole=True)))
    caption = QRectF(margin, height - margin - caption_h, width - 2 * margin, caption_h)
    painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, FORMS_CAPTION)
    painter.end()
    save(image, target)


def roles(target: Path) -> None:
    """The municipality in the middle, a role in each corner."""
    image, painter = canvas()
    centre = QPointF(WIDTH / 2, HEIGHT / 2)
    radius = 185.0
    box_w, box_h = 640.0, 190.0
    edge = 24.0
    boxes = (
        QRectF(edge, edge, box_w, box_h),  # top left
        QRectF(WIDTH - edge - box_w, edge, box_w, box_h),  # top right
        QRectF(WIDTH - edge - box_w, HEIGHT - edge - box_h, box_w, box_h),  # bottom right
        QRectF(edge, HEIGHT - edge - box_h, box_w, box_h),  # bottom left
    )
    # Clockwise from the top left, in the order the page and the slide name them.
    size = fitting_size(ROLES, box_w - 50, 64, whole=True)
    painter.setPen(QPen(LINE, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for box in boxes:
        painter.drawLine(centre, box.center())
    for box, label in zip(boxes, ROLES, strict=True):
        painter.setPen(QPen(LINE, 3))
        painter.setBrush(QColor(STEP_FILLS[2]))
        painter.drawRoundedRect(box, 26, 26)
        painter.setPen(TEXT)
        painter.setFont(font(size, bold=True))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), label)
    painter.setPen(QPen(NAVY, 4))
    painter.setBrush(ACCENT)
    painter.drawEllipse(centre, radius, radius)
    painter.setPen(NAVY)
    painter.setFont(font(fitting_size((CENTRE,), radius * 1.75, 64), bold=True))
    circle = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, CENTRE)
    painter.end()
    save(image, target)


def save(image: QImage, target: Path) -> None:
    if not image.save(str(target), "PNG", 9):
        raise SystemExit(f"could not write {target}")
    print(f"{target.name}: {image.width()}×{image.height()}")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    circles(HERE / "samenwerking-vormen.png")
    roles(HERE / "rollen-gemeente.png")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
