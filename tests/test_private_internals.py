"""Sentinels for the private internals of other packages that we rely on.

opvoed_desktop/documents/shaping.py drives python-bidi's legacy `bidi.algorithm` step by step and
replaces reportlab's `ttfonts.makeToUnicodeCMap`. Neither is a public API, so both packages are
pinned exactly in pyproject.toml (and uv.lock). When an upgrade changes them, these tests fail
first, naming the package and what changed, instead of hand-outs quietly printing text in the
wrong order or PDFs whose text cannot be copied.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

BIDI_STEPS = (
    "get_embedding_levels",
    "explicit_embed_and_overrides",
    "resolve_weak_types",
    "resolve_neutral_types",
    "resolve_implicit_levels",
    "reorder_resolved_levels",
    "apply_mirroring",
)


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
        f"{package} {installed} is installed, but pyproject.toml pins {pinned(package)}: we use private internals "
        f"of {package} (see opvoed_desktop/documents/shaping.py); check them before changing the pin"
    )


def test_python_bidi_legacy_algorithm_internals_are_there() -> None:
    try:
        from bidi import algorithm
    except ImportError as exc:  # python-bidi 0.5+ moved the pure-Python algorithm here; a later one may drop it
        pytest.fail(f"python-bidi: the legacy module bidi.algorithm is gone ({exc}); shaping.py needs it")
    for name in ("get_empty_storage", "get_base_level", *BIDI_STEPS):
        assert callable(getattr(algorithm, name, None)), f"python-bidi: bidi.algorithm.{name} is gone"
    for name in BIDI_STEPS:
        params = list(inspect.signature(getattr(algorithm, name)).parameters)
        assert params[:2] in (["storage", "debug"], ["text", "storage"]), (
            f"python-bidi: bidi.algorithm.{name}{inspect.signature(getattr(algorithm, name))} changed its arguments"
        )
    storage = algorithm.get_empty_storage()
    assert {"base_level", "base_dir", "chars"} <= set(storage), f"python-bidi: the storage dict changed: {storage}"
    algorithm.get_embedding_levels("ab", storage)
    assert all({"ch", "type", "orig", "level"} <= set(c) for c in storage["chars"]), (
        f"python-bidi: the per-character entries changed: {storage['chars']}"
    )


def test_python_bidi_still_orders_a_mixed_line_as_we_expect() -> None:
    from opvoed_desktop.documents.shaping import _reorder

    # Hebrew letters (strong RTL, no shaping needed) around a number and a Latin word.
    visual, positions = _reorder("RTL", "אב 12 cd")
    assert visual == "cd 12 בא", f"python-bidi: the algorithm now orders 'אב 12 cd' as {visual!r}"
    assert sorted(positions) == list(range(8)), "python-bidi: the characters no longer carry their index"
    # Read right to left: the word, then "+31", then "20"; the plus stays in front of its number.
    visual, _positions = _reorder("RTL", "بتلفون +31 20")
    assert visual == "20 +31 نوفلتب", f"python-bidi: the algorithm now orders a phone number as {visual!r}"


def test_reportlab_tounicode_cmap_internals_are_there() -> None:
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfgen import textobject

    import opvoed_desktop.documents  # noqa: F401  (installs the wrapper)

    wrapper = ttfonts.makeToUnicodeCMap
    assert getattr(wrapper, "__wrapped_by_opvoed__", False), "reportlab: ttfonts.makeToUnicodeCMap was not replaced"
    original = inspect.getclosurevars(wrapper).nonlocals["original"]
    assert list(inspect.signature(original).parameters) == ["fontname", "subset"], (
        f"reportlab: ttfonts.makeToUnicodeCMap{inspect.signature(original)} changed its arguments"
    )
    # reportlab must look the function up by its module-level name when it writes a font, or our
    # replacement is never called.
    source = inspect.getsource(ttfonts.TTFont)
    assert "makeToUnicodeCMap(" in source, "reportlab: TTFont no longer calls ttfonts.makeToUnicodeCMap"
    cmap = original("F1", [0x41, 0x1F600])
    assert "<00> <0041>" in cmap.split("\n"), f"reportlab: the ToUnicode CMap lines changed:\n{cmap}"
    assert "<01> <1F600>" in cmap.split("\n"), f"reportlab: the ToUnicode CMap lines changed:\n{cmap}"
    # Our rewrite still applies: an emoji becomes its surrogate pair, lam-alef its letters.
    rewritten = wrapper("F1", [0x41, 0x1F600, 0xFEF5]).split("\n")
    assert "<01> <D83DDE00>" in rewritten and "<02> <06220644>" in rewritten, "reportlab: the CMap rewrite failed"
    assert textobject.rtlSupport, "reportlab: right-to-left support (rlbidi.log2vis) is no longer picked up"
