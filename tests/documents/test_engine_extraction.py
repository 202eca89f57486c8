"""What pdftotext reads out of every hand-out: every word exactly once, every line in logical order.

Each line the engine draws is recorded (its logical text, as handed to the drawing step). For every
hand-out kind in every language and layout (one language, bilingual with Dutch, large print), the
words pdftotext extracts must be exactly those words, as a multiset: none dropped, none repeated,
none with a bracket or full stop moved into or out of it. For the right-to-left languages each
line must come out whole and in logical order, without private-use or presentation forms.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from opvoed_desktop.documents.engine import flowable
from opvoed_desktop.documents.engine.extraction import CONTROLS
from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES, locale_facts
from opvoed_desktop.services.handouts import HandoutRequest, HandoutService
from tests.documents.conftest import CONTACTS
from tests.documents.pdftools import pdftotext

KINDS = ("ouders", "deelnemers", "agenda")
LAYOUTS = ("single", "bilingual", "large")
RTL = [lang for lang in HANDOUT_LANGUAGES if locale_facts(lang).rtl]
_CLEAN = {**dict.fromkeys(map(ord, CONTROLS)), 0x00A0: " "}


def tokens(text: str) -> list[str]:
    return text.translate(_CLEAN).split()


def render(
    service: HandoutService, kind: str, lang: str, layout: str, path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Write the hand-out; return the logical text of every line the engine drew."""
    drawn: list[str] = []
    emit = flowable.emit_line

    def record(canvas: object, y: float, size: float, segments: object, logical: str) -> None:
        drawn.append(logical)
        emit(canvas, y, size, segments, logical)  # type: ignore[arg-type]

    monkeypatch.setattr(flowable, "emit_line", record)
    request = HandoutRequest(
        kind,
        lang,
        bilingual="nl" if layout == "bilingual" else None,
        large=layout == "large",
        municipality="Utrecht",
        contacts=CONTACTS,
    )
    service.write(request, path)
    monkeypatch.undo()
    return drawn


CASES = [
    (kind, lang, layout)
    for kind in KINDS
    for lang in HANDOUT_LANGUAGES
    for layout in LAYOUTS
    if not (layout == "bilingual" and lang == "nl")
]


@pytest.mark.parametrize(("kind", "lang", "layout"), CASES)
def test_every_word_is_extracted_exactly_once(
    service: HandoutService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, lang: str, layout: str
) -> None:
    path = tmp_path / f"{kind}-{lang}-{layout}.pdf"
    lines = render(service, kind, lang, layout, path, monkeypatch)
    assert lines
    source = Counter(word for line in lines for word in tokens(line))
    extracted = Counter(tokens(pdftotext(path)))
    missing, extra = source - extracted, extracted - source
    assert not missing and not extra, f"dropped: {dict(missing)}; added or repeated: {dict(extra)}"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", RTL)
@pytest.mark.parametrize("kind", ["ouders", "deelnemers"])
def test_rtl_lines_extract_whole_in_logical_order(
    service: HandoutService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, lang: str, layout: str
) -> None:
    path = tmp_path / f"{kind}-{lang}-{layout}.pdf"
    lines = render(service, kind, lang, layout, path, monkeypatch)
    text = pdftotext(path)
    odd = {c for c in text if "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" or "\ue000" <= c <= "\uf8ff"}
    assert not odd, "presentation forms or private-use characters in the extracted text"
    # pdftotext may put the Dutch column's line on the same output line (same baseline, two
    # columns): each drawn line must be there whole, word for word, in logical order.
    out_lines = [f" {' '.join(tokens(line))} " for line in text.splitlines()]
    rtl_lines = [" ".join(tokens(line)) for line in lines if any("\u0600" <= c <= "\u06ff" for c in line)]
    assert rtl_lines
    not_found = [line for line in rtl_lines if not any(f" {line} " in out for out in out_lines)]
    assert not not_found, not_found[:5]


CORPUS = (
    "مركز الشباب والأسرة (CJG – Centrum voor Jeugd en Gezin).",
    "**Vrouwengroep Lotus Ede (voorbeeld)** (منظمة من مجتمعك)",
    "**فريق الحي (wijkteam).** مختصون في المساعدة في حيّكم.",
    "الهاتف: +31 318 123 456، الموقع: www.lotus-ede.nl",
)


@pytest.mark.parametrize("lang", RTL)
def test_issue_corpus_extracts_exactly_on_a_right_to_left_page(lang: str, tmp_path: Path) -> None:
    """The issue's cases as paragraphs of a right-to-left side (any catalog text aside)."""
    from opvoed_desktop.documents.compose import build_pdf, footer_for, make_side
    from opvoed_desktop.documents.fonts import FontLocator
    from opvoed_desktop.documents.model import Layout
    from opvoed_desktop.i18n.catalogs import ContentCatalog

    side = make_side(ContentCatalog(lang), FontLocator(), "ouders", Layout(lang), primary=True)
    story = [f for text in CORPUS for f in side.writer.paras(text, "body")]
    story += [f for text in CORPUS for f in side.writer.paras(text, "h2")]
    path = tmp_path / "corpus.pdf"
    path.write_bytes(build_pdf(story, title="corpus", lang=lang, footer=footer_for(side, "x")))
    lines = [" ".join(tokens(line)) for line in pdftotext(path).splitlines()]
    for text in CORPUS:
        expected = " ".join(tokens(text.replace("**", "")))
        assert lines.count(expected) == 2, (expected, lines)
