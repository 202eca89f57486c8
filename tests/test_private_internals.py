"""Sentinels for the private internals of other packages that the PDF text engine relies on.

opvoed_desktop/documents/engine reads python-bidi's resolved embedding levels from the debug output
of its Rust backend (`bidi.wrapper.get_display_inner(..., debug=True)`, the `{:#?}` form of
unicode-bidi's BidiInfo), and writes its own ToUnicode map into reportlab's TrueType subsets
(`TTFont.state[doc].subsets`, `SUBSETN`, the `toUnicodeCMap:<name>` object that `addObjects`
registers). Neither is a public API, so both packages are pinned exactly in pyproject.toml (and
uv.lock). When an upgrade changes them, these tests fail first, naming the package and what
changed, instead of hand-outs quietly printing text in the wrong order or PDFs whose text cannot
be copied.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def pinned(package: str) -> str:
    """The exact version pyproject.toml pins `package` to."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["project"]["dependencies"]:
        match = re.fullmatch(rf"{re.escape(package)}\s*==\s*([\w.]+)", requirement.strip(), re.IGNORECASE)
        if match:
            return match.group(1)
    pytest.fail(f"{package} is not pinned exactly (==) in pyproject.toml; we use its private internals")


@pytest.mark.parametrize("package", ["python-bidi", "reportlab"])
def test_the_installed_version_is_the_pinned_one(package: str) -> None:
    installed = importlib.metadata.version(package)
    assert installed == pinned(package), (
        f"{package} {installed} is installed, but pyproject.toml pins {pinned(package)}: the PDF text engine "
        f"uses private internals of {package} (see opvoed_desktop/documents/engine); check them before changing the pin"
    )


def test_python_bidi_debug_output_still_carries_levels() -> None:
    try:
        from bidi.wrapper import get_display_inner
    except ImportError as exc:
        pytest.fail(f"python-bidi: bidi.wrapper.get_display_inner is gone ({exc}); documents/engine/bidi.py needs it")
    from opvoed_desktop.documents.engine.bidi import paragraph_levels

    debug = get_display_inner("ab אב", "L", True)
    assert "levels: [" in debug and "Level(" in debug, f"python-bidi: the debug output changed its form:\n{debug}"
    # Two Latin letters, a space at level 0, then two Hebrew letters (two bytes each) at level 1.
    try:
        assert paragraph_levels("ab אב", False) == (0, (0, 0, 0, 1, 1))
        assert paragraph_levels("אב 12 cd", True) == (1, (1, 1, 1, 2, 2, 1, 2, 2))
    except Exception as exc:  # the engine's own error names the cause; say which package changed
        pytest.fail(f"python-bidi: the levels can no longer be read from its debug output ({exc!r})")


def test_reportlab_subset_and_tounicode_internals_are_there() -> None:
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfgen.canvas import Canvas

    assert callable(getattr(ttfonts, "SUBSETN", None)), "reportlab: ttfonts.SUBSETN is gone"
    assert ttfonts.SUBSETN(0) == b"AAAAAA", f"reportlab: subset names changed ({ttfonts.SUBSETN(0)!r})"
    source = Path(ttfonts.__file__).read_text(encoding="utf-8")
    assert '"toUnicodeCMap:"' in source or "'toUnicodeCMap:'" in source, (
        "reportlab: TTFont.addObjects no longer registers its ToUnicode map as 'toUnicodeCMap:<name>'"
    )
    font_file = next((REPO / "resources" / "fonts").glob("NotoSans-Regular.ttf"), None)
    assert font_file is not None, "the bundled Noto Sans is missing"
    from opvoed_desktop.documents.engine.pdfdraw import EngineTTFont

    font = EngineTTFont("SentinelNoto", str(font_file))
    canvas = Canvas("/dev/null")
    font.splitString("A", canvas._doc)
    state = font.state.get(canvas._doc)
    assert state is not None and hasattr(state, "subsets"), "reportlab: TTFont.state[doc].subsets is gone"
    assert 0x41 in list(state.subsets[0]), (
        f"reportlab: subsets no longer hold character codes ({state.subsets!r})"
    )
