"""The floors every benchmark is measured against, in the same run: what the machine and the
libraries cost before any of our code runs.

- `QT_LABEL`: a bare PySide6 full-screen label (the window floor); a key changes its text (the
  key-to-screen floor).
- `reportlab_document(...)`: a bare reportlab document of two A4 pages of plain paragraphs in one
  TrueType font (the hand-out floor), warm in this process or in a fresh one (`REPORTLAB_FRESH`).
"""

from __future__ import annotations

import io

QT_LABEL = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

class Label(QLabel):
    steps = 0

    def keyPressEvent(self, event):
        self.steps += 1
        self.setText(f"Stap {self.steps}")

app = QApplication(sys.argv)
label = Label("Opvoed Desktop")
label.setWindowTitle("floor-label")
label.setAlignment(Qt.AlignmentFlag.AlignCenter)
font = label.font()
font.setPointSize(48)
label.setFont(font)
label.setGeometry(app.primaryScreen().geometry())  # no window manager on Xvfb to do it
label.showFullScreen()
app.exec()
"""

PARAGRAPH = (
    "Ouders met een migratieachtergrond stellen hun vragen over opvoeden vaak eerst aan iemand die ze "
    "kennen en vertrouwen: een vrijwilliger, een sleutelfiguur in de buurt, iemand van de moskee of de "
    "vrouwengroep. Het wijkteam en het Centrum voor Jeugd en Gezin hebben kennis die deze gezinnen ook "
    "nodig hebben. Deze bijeenkomst brengt beide kanten samen. "
)


def reportlab_document(pages: int = 2) -> bytes:
    """A bare reportlab document of `pages` A4 pages: platypus paragraphs in one TTF font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from opvoed_desktop.paths import resources_dir

    if "floor-sans" not in pdfmetrics.getRegisteredFontNames():
        font = next(iter(sorted((resources_dir() / "fonts").rglob("NotoSans-Regular.ttf"))))
        pdfmetrics.registerFont(TTFont("floor-sans", str(font)))
    style = ParagraphStyle("floor", fontName="floor-sans", fontSize=11, leading=15, spaceAfter=6)
    story: list[object] = []
    for page in range(pages):
        story += [Paragraph(PARAGRAPH * 2, style) for _ in range(4)]
        if page < pages - 1:
            story.append(PageBreak())
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


# A fresh process that writes `count` bare two-page documents (argv[1]) into folder argv[2].
REPORTLAB_FRESH = """
import sys
from pathlib import Path
from benchmarks.floors import reportlab_document
for n in range(int(sys.argv[1])):
    Path(sys.argv[2], f"floor-{n}.pdf").write_bytes(reportlab_document())
"""
