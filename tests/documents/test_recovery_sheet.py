"""The recovery sheet in every interface language: each sentence on paper, the key exact.

Oracle: pdftotext (poppler, not our code) reads the PDF back; every letter of every translated
sentence must be there in reading order (white space aside: lines break where they break), and the
key must come back as one line, character for character. Tigrinya and Persian have no shipped
interface catalog yet (a translator makes one in the translation editor), so their sentences are
drafts written here for the test.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from opvoed_desktop.documents.recovery_sheet import recovery_sheet_pdf
from opvoed_desktop.i18n import Translator, speaking
from opvoed_desktop.paths import translations_dir
from tests.documents.pdftools import fonts, pdftotext

KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
TODAY = date(2026, 3, 14)

INTRO = "Deze sleutel opent de versleutelde aantekeningen van opvoed-desktop als het wachtwoord vergeten is."
FOLDER = "Map met de aantekeningen: {path}"
MADE = "Gemaakt op: {date}"
KEEP = (
    "Bewaar dit blad op papier, op een andere plek dan de computer (bijvoorbeeld in een afgesloten kast op het "
    "werk). Wis het PDF-bestand nadat u het hebt geprint."
)
USE = (
    "Zo gebruikt u de sleutel: start de app, kies 'Wachtwoord vergeten? Herstelsleutel gebruiken', typ de "
    "sleutel over (hoofdletters en streepjes maken niet uit) en kies een nieuw wachtwoord. Op de opdrachtregel: "
    "opvoed-desktop recover."
)
WHO = (
    "Wie dit blad vindt, kan de aantekeningen lezen als hij ook de computer of een reservekopie heeft. Zonder "
    "wachtwoord én zonder deze sleutel kan niemand ze nog lezen, ook de makers van de app niet."
)
TITLE = "Herstelsleutel voor uw aantekeningen"

DRAFTS = {
    "ti": {
        TITLE: "መፍትሕ ምምላስ ንመዘኻኸሪታትኩም",
        INTRO: "እዚ መፍትሕ ቃል ምሕላፍ ምስ ተረስዐ ነቲ ዝተሓብአ መዘኻኸሪታት opvoed-desktop ይኸፍቶ።",
        FOLDER: "ማህደር መዘኻኸሪታት፦ {path}",
        MADE: "ዝተሰርሐሉ ዕለት፦ {date}",
        KEEP: "ነዚ ወረቐት ካብ ኮምፒዩተር ርሒቕኩም ኣብ ካልእ ቦታ ሓልውዎ (ንኣብነት ኣብ ዝዕጾ ሳንዱቕ ኣብ ስራሕ)። ድሕሪ ምሕታምኩም ነቲ PDF ፋይል ደምስስዎ።",
        USE: "ከምዚ ትጥቀሙሉ፦ ነቲ ኣፕ ጀምሩ፣ 'ቃል ምሕላፍ ረሲዕኩም?' ምረጹ፣ ነቲ መፍትሕ ጽሓፉ፣ ሓድሽ ቃል ምሕላፍ ምረጹ። "
        "ኣብ መስመር ትእዛዝ፦ opvoed-desktop recover።",
        WHO: "እዚ ወረቐት ዝረኸበ ሰብ፣ ኮምፒዩተር ወይ ቅዳሕ እውን እንተሃልይዎ ነቲ መዘኻኸሪታት ከንብቦ ይኽእል።",
    },
    "fa": {
        TITLE: "کلید بازیابی یادداشت‌های شما",
        INTRO: "این کلید یادداشت‌های رمزگذاری‌شدهٔ opvoed-desktop را باز می‌کند، اگر گذرواژه فراموش شده باشد.",
        FOLDER: "پوشهٔ یادداشت‌ها: {path}",
        MADE: "تاریخ ساخت: {date}",
        KEEP: "این برگه را روی کاغذ و جایی دور از رایانه نگه دارید (برای نمونه در کمدی قفل‌دار در محل کار). "
        "پس از چاپ، فایل PDF را پاک کنید.",
        USE: "روش استفاده: برنامه را باز کنید، «گذرواژه را فراموش کرده‌اید؟» را بزنید، کلید را تایپ کنید و "
        "گذرواژهٔ تازه‌ای برگزینید. در خط فرمان: opvoed-desktop recover.",
        WHO: "هر کس این برگه را پیدا کند و به رایانه یا نسخهٔ پشتیبان هم دسترسی داشته باشد، "
        "می‌تواند یادداشت‌ها را بخواند.",
    },
}


class Drafts(gettext.NullTranslations):
    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__()
        self.texts = texts

    def gettext(self, message: str) -> str:
        return self.texts.get(message, message)


def translator_for(lang: str) -> Translator:
    if lang in DRAFTS:
        return Translator(lang, Drafts(DRAFTS[lang]))
    return Translator.load(lang, translations_dir())


def letters(text: str) -> str:
    """What must come back in order: the text without white space, joiners and bidi marks (they
    draw nothing), in NFC."""
    kept = (c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", "".join(kept))


def sheet(lang: str, tmp_path: Path, folder: Path) -> tuple[Path, list[str], str]:
    """The sheet in `lang`, the sentences it must show (from the catalog, not from the sheet's
    code) and pdftotext's reading of it."""
    translator = translator_for(lang)
    with speaking(translator):
        data = recovery_sheet_pdf(KEY, folder, TODAY)
    target = tmp_path / f"sheet-{lang}.pdf"
    target.write_bytes(data)
    sentences = [translator.gettext(msgid) for msgid in (TITLE, INTRO, KEEP, USE, WHO)]
    sentences.append(translator.gettext(FOLDER).format(path=folder))
    # The date is the interface language's own (i18n.dates, tested there): the words around it here.
    sentences += [part for part in translator.gettext(MADE).split("{date}") if part.strip()]
    return target, sentences, pdftotext(target)


@pytest.mark.parametrize("lang", ["nl", "ar", "ti", "fa", "x-long", "x-rtl"])
def test_every_sentence_of_the_sheet_is_on_paper_in_reading_order(lang: str, tmp_path: Path) -> None:
    folder = tmp_path / "gegevens van Fatima"
    pdf, sentences, text = sheet(lang, tmp_path, folder)
    if lang in DRAFTS or lang == "ar":  # the sentences are the translation's, not Dutch ones left standing
        assert not {INTRO, KEEP, USE, WHO, TITLE} & set(sentences)
    read = letters(text)
    for sentence in sentences:
        assert letters(sentence) in read, sentence
    # The key: one line of its own, exactly (a reader copies it from the PDF or types it over).
    assert KEY in [line.strip() for line in text.splitlines()]
    assert all(font["embedded"] for font in fonts(pdf))


def test_the_sheet_of_a_right_to_left_interface_is_set_right_to_left(tmp_path: Path) -> None:
    """Arabic is shaped (presentation forms or joined glyphs, not the isolated letters one after the
    other reportlab drew) and stands at the right margin; the key stays in the middle."""
    from tests.documents.pdftools import words

    pdf, _sentences, _text = sheet("ar", tmp_path, tmp_path)
    found, width, _height = words(pdf)
    arabic = [w for w in found if re.search("[\u0600-\u06ff]", w.text)]
    assert arabic
    right = max(w.x1 for w in arabic)
    assert right > width * 0.85  # the right margin, not the left
    key = next(w for w in found if w.text == KEY)
    assert abs((key.x0 + key.x1) / 2 - width / 2) < 5


@pytest.mark.parametrize("key", ["-".join(["WMWM"] * 8), "-".join(["IIII"] * 8)])
@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_widest_and_narrowest_keys_print_on_one_line(key: str, lang: str, tmp_path: Path) -> None:
    with speaking(translator_for(lang)):
        data = recovery_sheet_pdf(key, tmp_path)
    target = tmp_path / "sheet.pdf"
    target.write_bytes(data)
    assert key in [line.strip() for line in pdftotext(target).splitlines()]
