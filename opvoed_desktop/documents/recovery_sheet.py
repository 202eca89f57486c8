"""The recovery key on paper: a one-page PDF with the key and what to do with it (bytes out), and
writing it readable by the user alone.

The sentences are in the interface language (the person who just chose a passphrase reads it),
set by the documents' own engine (documents/engine) like the hand-outs: each paragraph in its own
direction, Arabic shaped, Ge'ez in its font. The key itself is always one left-to-right line in a
monospaced font when one is installed, so that it reads and copies back exactly on any page.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from opvoed_desktop.documents.engine.typesetter import Typesetter
    from opvoed_desktop.documents.fonts import FontFace, FontLocator

LRI, PDI = "\u2066", "\u2069"
# A monospaced bold font for the key (every character as wide as the next: a reader copying it by
# hand sees each one apart), by file name on Linux, Windows and macOS; the Latin bold otherwise.
# The key's alphabet (base32: A-Z and 2-7) has no 0/O or 1/I pair to confuse in either.
KEY_FONTS = ("DejaVuSansMono-Bold.ttf", "consolab.ttf", "courbd.ttf", "Courier New Bold.ttf")
SCRIPTS = ("latin", "arabic", "ethiopic")


def sheet_texts(data_dir: Path, today: date) -> tuple[str, list[str], list[str]]:
    """The title, the sentences above the key and those below it, in the interface language."""
    from opvoed_desktop.i18n import active

    lang = active().locale
    # The folder is a left-to-right isolate: its slashes would otherwise take the sentence's
    # direction and stand at the wrong end of the path in Arabic or Persian.
    folder = f"{LRI}{data_dir}{PDI}"
    above = [
        _("Deze sleutel opent de versleutelde aantekeningen van opvoed-desktop als het wachtwoord vergeten is."),
    ]
    below = [
        _("Map met de aantekeningen: {path}").format(path=folder),
        _("Gemaakt op: {date}").format(date=_printed_date(today, lang)),
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
    return _("Herstelsleutel voor uw aantekeningen"), above, below


def _printed_date(today: date, lang: str) -> str:
    """The date in the interface language and its digits; day-month-year in digits for a language
    babel does not know (the pseudo-locales of the layout tests)."""
    from babel.core import UnknownLocaleError

    from opvoed_desktop.i18n.dates import printed_date

    try:
        return printed_date(today, lang)
    except (UnknownLocaleError, ValueError, LookupError):
        return today.strftime("%d-%m-%Y")


def recovery_sheet_pdf(recovery_key: str, data_dir: Path, today: date | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Spacer, Table, TableStyle

    from opvoed_desktop.documents.compose import FRAME_WIDTH, build_pdf
    from opvoed_desktop.documents.engine.typesetter import Typesetter
    from opvoed_desktop.documents.fonts import FontLocator
    from opvoed_desktop.documents.styles import LEADING, SOFT, make_styles
    from opvoed_desktop.i18n import active
    from opvoed_desktop.textdir import first_strong_rtl

    translator = active()
    lang, rtl = translator.locale, translator.is_rtl
    fonts = FontLocator()
    faces = _faces(fonts, lang)
    main = faces[0]
    typesetter = Typesetter(tuple(f.regular for f in faces), tuple(f.bold for f in faces), lang)
    styles = make_styles(
        main.regular, main.bold, rtl=rtl, script=main.script, audience="deelnemers", large=False, scale=11 / 10.5
    )

    def block(text: str, name: str) -> Flowable:
        text = _printable(text, typesetter)
        # Each sentence in its own direction: a Dutch sentence standing in for a missing
        # translation reads left to right on an Arabic sheet.
        # (A paragraph opened by a right-to-left embedding, as the x-rtl layout test's, reads so too.)
        own_rtl = text[:1] in "\u202b\u202e\u2067" or first_strong_rtl(text, rtl)
        style = styles.get(name).clone(f"{name}-{int(own_rtl)}", alignment=TA_RIGHT if own_rtl else TA_LEFT)
        return typesetter.block(text, style, rtl=own_rtl, isolate=own_rtl)

    title, above, below = sheet_texts(data_dir, today or date.today())
    key_face = fonts.extra_face(*KEY_FONTS[:1]) or next(
        (face for name in KEY_FONTS[1:] if (face := fonts.extra_face(name)) is not None), None
    )
    key_font = (key_face or fonts.face("latin")).bold
    # The key on one line, as large as fits: a key broken over two lines is easily copied wrongly.
    padding = 4 * mm
    width = FRAME_WIDTH - 12  # the frame's own padding: the box stands in line with the text
    size = min(18.0, (width - 2 * padding - 2) / stringWidth(recovery_key, key_font, 1))
    key_style = styles.get("body").clone(
        "key", fontName=key_font, fontSize=size, leading=size * LEADING["latin"], alignment=TA_CENTER
    )
    key_setter = Typesetter((key_font,), (key_font,), "en")
    key = Table([[key_setter.block(recovery_key, key_style, rtl=False)]], colWidths=[width])
    key.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), key_font),  # else reportlab names Helvetica, never embedded
                ("BACKGROUND", (0, 0), (-1, -1), SOFT),
                ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor("#0b5d6b")),
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding / 2),
            ]
        )
    )
    story: list[Flowable] = [
        block(title, "title"),
        *(block(text, "body") for text in above),
        Spacer(1, 3 * mm),
        key,
        Spacer(1, 5 * mm),
        *(block(text, "body") for text in below[:2]),
        Spacer(1, 5 * mm),
        *(block(text, "body") for text in below[2:]),
    ]

    def footer(canvas: object, doc: object) -> None:
        """Nothing at the foot: one page, and the sheet names nothing but what it says."""

    footer.font_name = main.regular  # type: ignore[attr-defined]
    return build_pdf(story, title=_("Herstelsleutel"), lang=lang, footer=footer)


def _faces(fonts: FontLocator, lang: str) -> list[FontFace]:
    """The interface language's script font first, then every other script's we find: a sentence
    left in Dutch, a folder name in another script still prints."""
    from opvoed_desktop.documents.fonts import FontError
    from opvoed_desktop.i18n.catalogs import locale_facts

    try:
        script = locale_facts(lang).script
    except ValueError:
        script = "latin"
    faces: list[FontFace] = []
    for name in dict.fromkeys((script, *SCRIPTS)):
        try:
            faces.append(fonts.face(name))
        except FontError:
            if name == "latin":
                raise  # nothing at all to print with: the sentence says which font to install
    return faces


def _printable(text: str, typesetter: Typesetter) -> str:
    """Characters no font has (a folder named in a script we have no font for) as U+FFFD: the
    sheet is printed all the same, since the key is what matters on it."""
    from opvoed_desktop.documents.engine.fontrun import INVISIBLE
    from opvoed_desktop.documents.engine.shaping import glyph_font

    fonts = [glyph_font(name) for name in typesetter.regular]
    return "".join(c if c in INVISIBLE or c.isspace() or any(f.covers(c) for f in fonts) else "\ufffd" for c in text)


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
