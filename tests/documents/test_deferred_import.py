"""reportlab.platypus imported with `uri_pat` compiled on first use (documents/deferred_import.py):
the deferred pattern answers exactly as the compiled one, nothing else is deferred, and
`re.compile` is the standard one again afterwards, also when the import fails."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

import opvoed_desktop.documents  # noqa: F401  (imports reportlab.platypus the deferred way)
from opvoed_desktop.documents import deferred_import
from opvoed_desktop.documents.deferred_import import DEFERRED_PATTERN_START, DeferredPattern

URLS = [
    "https://www.example.org/a/b?c=d#e",
    "http://localhost:8080/x",
    "ftp://user:pw@192.168.0.1/file",
    "HTTPS://CJGUTRECHT.NL",
    "www.alamal.nl",
    "https://xn--bcher-kva.example/",
    "https://مثال.إختبار/صفحة",
    "https://-bad-.example/",
    "mailto:someone@example.org",
    "",
]


def _reference() -> re.Pattern[str]:
    from reportlab.platypus import paragraph

    deferred = paragraph.uri_pat
    assert isinstance(deferred, DeferredPattern)
    return re.compile(deferred._pattern, deferred._flags)


def test_uri_pattern_is_deferred_and_is_reportlabs() -> None:
    from reportlab.platypus import paragraph

    assert isinstance(paragraph.uri_pat, DeferredPattern)
    assert paragraph.uri_pat._pattern.startswith(DEFERRED_PATTERN_START)
    assert paragraph.uri_pat._flags & re.IGNORECASE
    # The module's other patterns are compiled as before.
    assert isinstance(paragraph._hy_letters_pat, re.Pattern)


def test_deferred_pattern_matches_as_compiled() -> None:
    from reportlab.platypus import paragraph

    reference = _reference()
    for url in URLS:
        ours, theirs = paragraph.uri_pat.match(url), reference.match(url)
        assert (ours and (ours.span(), ours.groups())) == (theirs and (theirs.span(), theirs.groups())), url
        # reportlab's own use of it: splitting a URL where it may be hyphenated.
        assert paragraph._uri_split_pairs(url) == _split_with(reference, url)


@given(st.lists(st.sampled_from([*"ab.-:/@?#[]9_ äمxA", "://", "www.", "http", "xn--"]), max_size=30).map("".join))
def test_deferred_pattern_on_any_text(text: str) -> None:
    from reportlab.platypus import paragraph

    reference = _reference()
    ours, theirs = paragraph.uri_pat.match(text), reference.match(text)
    assert (ours and (ours.span(), ours.groups())) == (theirs and (theirs.span(), theirs.groups()))
    assert paragraph.uri_pat.pattern == reference.pattern


def _split_with(pattern: re.Pattern[str], uri: str) -> object:
    from reportlab.platypus import paragraph

    saved = paragraph.uri_pat
    paragraph.uri_pat = pattern
    try:
        return paragraph._uri_split_pairs(uri)
    finally:
        paragraph.uri_pat = saved


def test_fresh_process_compiles_nothing_of_it_at_import_and_restores_re() -> None:
    code = """
import re
original = re.compile
import opvoed_desktop.documents
from reportlab.platypus import paragraph
assert re.compile is original, re.compile
assert paragraph.uri_pat._compiled is None
paragraph.uri_pat.match("https://example.org")
assert isinstance(paragraph.uri_pat._compiled, re.Pattern)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


def test_failed_import_restores_re_compile() -> None:
    code = """
import re, sys
original = re.compile

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name == "reportlab.platypus.paragraph":
            raise ImportError("refused")
        return None

sys.meta_path.insert(0, Refuse())
# The module alone: importing the package would run import_platypus already.
import importlib.util
spec = importlib.util.spec_from_file_location("deferred_import", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
try:
    module.import_platypus()
    raise SystemExit("the import did not fail")
except ImportError:
    pass
assert re.compile is original
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", code, deferred_import.__file__], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "ok", done.stderr
