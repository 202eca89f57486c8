"""Large text on a small screen: a window's content scrolls rather than being cut off.

At 150% scale and the largest text size a 1366×768 laptop shows about 911×512 points. A window
whose layout needs more than that would be pushed past the screen's edge, or squeezed until its
labels and buttons are clipped. Inside `scrollable` the content keeps the room it needs and the
window gets scroll bars instead; on a normal screen nothing changes (the content fills the area).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrollable(content: QWidget, name: str = "reflowScroll") -> QScrollArea:
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # The area is no Tab stop: the focus goes to the controls, and the area follows them.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    return area
