"""Render resources/icons/nl.opvoed.Desktop.svg to the PNG sizes desktops and installers want.

Run after changing the SVG: `.venv/bin/python packaging/render_icons.py`. Uses Qt's SVG renderer
offscreen, so it needs no display and no extra tools. The PNGs are committed: the app loads them
without Qt's SVG plugins, which keeps the bundle smaller.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
NAME = "nl.opvoed.Desktop"
SIZES = (16, 32, 48, 128, 256)


def render(size: int, renderer: QSvgRenderer) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage/QPainter need a GUI application)
    renderer = QSvgRenderer(str(ICONS / f"{NAME}.svg"))
    if not renderer.isValid():
        print(f"cannot read {ICONS / f'{NAME}.svg'}", file=sys.stderr)
        return 1
    for size in SIZES:
        target = ICONS / f"{NAME}-{size}.png"
        if not render(size, renderer).save(str(target)):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        print(target)
    write_ico(ICONS / f"{NAME}.ico", [ICONS / f"{NAME}-{size}.png" for size in SIZES])
    print(ICONS / f"{NAME}.ico")
    return 0


def write_ico(target: Path, pngs: list[Path]) -> None:
    """A Windows icon holding the PNGs as they are (allowed since Vista); no Pillow needed."""
    images = [png.read_bytes() for png in pngs]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for png, data in zip(pngs, images, strict=True):
        size = int(png.stem.rsplit("-", 1)[1])
        dimension = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", dimension, dimension, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    target.write_bytes(header + entries + b"".join(images))


if __name__ == "__main__":
    sys.exit(main())
