"""The organisation overview on paper: in the interface language, any script, counts only."""

from __future__ import annotations

import re
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from opvoed_desktop.hub.overview import OverviewRow, write_pdf
from opvoed_desktop.i18n import _
from opvoed_desktop.i18n.translator import Translator, use

REPO = Path(__file__).resolve().parents[2]
ROWS = [
    OverviewRow("Schiedam", "2026-K4", meetings=3, participants={"formal": 7, "informal": 9}, agreements_open=2),
    OverviewRow("زوتفن", "2026-K4", meetings=1, participants={"informal": 4}, agreements_done=1),
    OverviewRow("ትግርኛ-ዞባ", "2026-K3", meetings=2, participants={"formal": 2}),
]


@pytest.fixture(params=["nl", "ar"])
def interface(request: pytest.FixtureRequest) -> Iterator[str]:
    use(Translator.load(request.param, REPO / "translations"))
    yield request.param
    use(Translator())


def _text(pdf: Path) -> str:
    """What poppler reads off the page, without the direction marks it wraps right-to-left runs in."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", out)


def test_the_overview_pdf_shows_every_script_in_the_interface_language(interface: str, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.pdf"
    title = _("Overzicht van de organisatie")
    write_pdf(ROWS, target, title=title, source="hub.example")
    text = _text(target)
    words = set(text.split())
    # The engine's fonts show Arabic and Ge'ez names (Helvetica showed neither), and the headings
    # are in the interface language.
    for name in ("Schiedam", "زوتفن", "ትግርኛ-ዞባ"):
        assert name in text, (name, text)
    assert set(title.split()) <= words
    assert set(_("Bijeenkomsten").split()) <= words
    assert "\ufffd" not in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # the user's alone, like every export
