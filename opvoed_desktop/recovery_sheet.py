"""The recovery key on paper: a one-page PDF with the key and what to do with it.

Plain reportlab with the project's Latin font (documents/fonts.py); the key itself is ASCII.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from opvoed_desktop.i18n import _


def recovery_sheet_pdf(recovery_key: str, data_dir: Path) -> bytes:
    import io
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from opvoed_desktop.documents.fonts import FontLocator
    from opvoed_desktop.documents.pdf_engine import PDF_ENGINE

    face = FontLocator().face("latin")
    body = ParagraphStyle("body", fontName=face.regular, fontSize=11, leading=15, spaceAfter=6)
    title = ParagraphStyle("title", parent=body, fontName=face.bold, fontSize=18, leading=22, spaceAfter=12)
    # The key on one line, as large as fits: a key broken over two lines is easily copied wrongly.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    frame = A4[0] - 40 * mm - 12  # the margins, and the frame's own padding
    size = min(18.0, frame / stringWidth(recovery_key, face.bold, 1))
    key_style = ParagraphStyle(
        "key", parent=body, fontName=face.bold, fontSize=size, leading=size * 1.5, spaceBefore=8, spaceAfter=14
    )
    texts = [
        _("Deze sleutel opent de versleutelde aantekeningen van opvoed-desktop als het wachtwoord vergeten is."),
        _(
            "Bewaar dit blad op papier, op een andere plek dan de computer (bijvoorbeeld in een "
            "afgesloten kast op het werk). Wis het PDF-bestand nadat u het hebt geprint."
        ),
        _(
            "Zo gebruikt u de sleutel: start de app, kies 'Wachtwoord vergeten? Herstelsleutel "
            "gebruiken', typ de sleutel over (hoofdletters en streepjes maken niet uit) en kies een "
            "nieuw wachtwoord. Op de opdrachtregel: opvoed-desktop recover."
        ),
        _(
            "Wie dit blad vindt, kan de aantekeningen lezen als hij ook de computer of een reservekopie "
            "heeft. Zonder wachtwoord én zonder deze sleutel kan niemand ze nog lezen, ook de makers "
            "van de app niet."
        ),
    ]
    story = [
        Paragraph(escape(_("Herstelsleutel voor uw aantekeningen")), title),
        Paragraph(escape(texts[0]), body),
        Paragraph(escape(recovery_key), key_style),
        Paragraph(escape(_("Map met de aantekeningen: {path}").format(path=data_dir)), body),
        Paragraph(escape(_("Gemaakt op: {date}").format(date=date.today().strftime("%d-%m-%Y"))), body),
        Spacer(1, 6 * mm),
        *(Paragraph(escape(text), body) for text in texts[1:]),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=_("Herstelsleutel"),
        author="opvoed-desktop",
        initialFontName=face.regular,
    )
    with PDF_ENGINE.lock:  # reportlab's fonts are shared by every thread (documents/pdf_engine.py)
        doc.build(story)
    return buffer.getvalue()


def write_recovery_sheet(target: Path, recovery_key: str, data_dir: Path) -> Path:
    """Write the sheet readable by the user alone (it is as good as the passphrase)."""
    target = target.expanduser().absolute()
    data = recovery_sheet_pdf(recovery_key, data_dir)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return target
