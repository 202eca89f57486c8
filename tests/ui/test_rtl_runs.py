"""Phone numbers read in their own order in a right-to-left interface: "0182 588 000" in an Arabic
contacts table is drawn as in a Dutch one, not as "000 588 0182"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from opvoed_desktop.ui.accessibility import LRI
from opvoed_desktop.ui.meetings.contacts_view import ContactsView
from tests.ui.views import services_with_a_meeting, settle

PHONE = "0182 588 000"


def words(image: QImage, rect: QRect, space: int) -> list[int]:
    """The widths of the inked words, left to right; a word ends at a blank as wide as a space."""
    inked = []
    for x in range(rect.left(), rect.right()):
        inked.append(any(image.pixelColor(x, y).lightness() < 128 for y in range(rect.top(), rect.bottom())))
    widths, begin, blank = [], None, 0
    for x, ink in enumerate([*inked, *([False] * space)]):
        if ink:
            begin = x if begin is None else begin
            blank = 0
        elif begin is not None:
            blank += 1
            if blank >= space:
                widths.append(x - blank + 1 - begin)
                begin, blank = None, 0
    return widths


def same(a: list[int], b: list[int]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 2 for x, y in zip(a, b, strict=True))


def reference(widget: QWidget, text: str, size: tuple[int, int], space: int) -> list[int]:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(widget.font())
    painter.setPen(QColor("black"))
    painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    painter.drawText(QRect(0, 0, *size), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    painter.end()
    return words(image, QRect(0, 0, *size), space)


def space_of(widget: QWidget, size: tuple[int, int]) -> int:
    """The narrowest blank that splits the number, drawn left to right, into its three words."""
    return next(s for s in range(2, 20) if len(reference(widget, PHONE, size, s)) == 3)


def test_a_phone_number_keeps_its_order_in_an_arabic_contacts_table(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication
) -> None:
    services = services_with_a_meeting(tmp_path / "data", "ar")
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        assert services.meetings is not None
        key = services.meetings.add_contact("Lindewaard", "Stichting Nour")
        services.meetings.update_contact(key, phone=PHONE)
        view = ContactsView(services.meetings)
        qtbot.addWidget(view)
        view.resize(1200, 500)
        view.show()
        view.municipality.setEditText("Lindewaard")
        settle()
        table = view.table.table
        table.clearSelection()
        table.setCurrentCell(-1, -1)
        settle()
        assert table.item(0, 3).text() == PHONE  # the stored text, without marks
        rect = table.visualItemRect(table.item(0, 3))
        image = table.viewport().grab(rect.adjusted(2, 2, -2, -2)).toImage()
        size = (image.width(), image.height())
        space = space_of(table, size)
        shown = words(image, QRect(0, 0, *size), space)
        assert len(shown) == 3 and same(shown, reference(table, PHONE, size, space)), shown
        # The check can tell: the number drawn the wrong way round has its words the other way.
        assert not same(shown, reference(table, "000 588 0182", size, space))
        assert LRI not in services.meetings.contacts("Lindewaard")[0].phone  # the marks are not stored
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        services.close()  # the notes, and the interface language it was given
