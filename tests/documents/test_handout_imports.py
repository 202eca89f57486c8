"""What a fresh hand-out process leaves out: babel's catalog machinery (only the plural rules
need it, and a hand-out has none) and the compiled form of reportlab's web-address pattern."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CODE = """
import sys
from pathlib import Path
from opvoed_desktop.content.cache import load_library
from opvoed_desktop.paths import content_dir, translations_dir
from opvoed_desktop.services.handouts import HandoutRequest, HandoutService

service = HandoutService(load_library(content_dir(), None), translations_dir())
for lang in ("ar", "nl"):
    pdf = service.render(HandoutRequest("ouders", lang, bilingual="nl" if lang == "ar" else None)).pdf
    assert pdf.startswith(b"%PDF-")
from reportlab.platypus import paragraph
print(sorted(m for m in sys.modules if m.startswith("babel.messages")), paragraph.uri_pat._compiled)
"""


def test_a_hand_out_imports_no_catalog_machinery(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[] None"


def test_plural_rules_still_come_from_babel_when_asked() -> None:
    from babel.messages.plurals import get_plural

    from opvoed_desktop.i18n.catalogs import locale_facts

    for code in ("uk", "ar", "nl", "tr", "ckb", "fa_AF"):
        facts = locale_facts(code)
        assert (facts.plural_count, facts.plural_expr) == tuple(get_plural(code))[:2]
