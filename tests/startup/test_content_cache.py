"""The parsed content between runs (content/cache.py) and the one-pass YAML header (frontmatter)."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from opvoed_desktop.content import cache, frontmatter
from opvoed_desktop.content.loader import load_library_uncached
from opvoed_desktop.i18n import Translator, speaking
from opvoed_desktop.paths import content_dir

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_dir(), root)
    return root


def summary(library: object) -> list[tuple[str, str, int, str]]:
    items = library.items.values()  # type: ignore[attr-defined]
    return sorted((i.id, i.title, len(i.blocks), repr(i.blocks[:3])) for i in items)


def test_a_cached_library_equals_a_parsed_one(content: Path, tmp_path: Path) -> None:
    first = cache.load_library(content, tmp_path / "cache")
    assert cache.cache_file(content, tmp_path / "cache").is_file()
    cache.clear_memo()
    second = cache.load_library(content, tmp_path / "cache")
    assert second is not first  # read from the file, not the memo
    assert cache.load_library(content, tmp_path / "cache") is second  # the memo: the same key, no file read
    parsed = load_library_uncached(content)
    assert summary(second) == summary(parsed)
    assert [p.format(content) for p in second.problems] == [p.format(content) for p in parsed.problems]


def test_a_changed_file_is_parsed_again(content: Path, tmp_path: Path) -> None:
    cache.load_library(content, tmp_path / "cache")
    page = next(content.rglob("*.md"))
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"(?m)^title: .*$", "title: Een nieuwe titel", text, count=1), encoding="utf-8")
    library = cache.load_library(content, tmp_path / "cache")
    assert "Een nieuwe titel" in [item.title for item in library.items.values()]


def test_a_removed_picture_counts_as_a_change(content: Path, tmp_path: Path) -> None:
    before = cache.load_library(content, tmp_path / "cache")
    picture = next((content / "afbeeldingen").glob("*.png"))
    picture.unlink()
    after = cache.load_library(content, tmp_path / "cache")
    assert len(after.problems) > len(before.problems)  # the page that shows it now says it is missing


def test_problem_sentences_follow_the_interface_language(content: Path, tmp_path: Path) -> None:
    (content / "kapot.md").write_text("---\nid: kapot\n", encoding="utf-8")
    dutch = cache.load_library(content, tmp_path / "cache")
    dutch_key = cache.content_key(content)
    with speaking(Translator.load("ar", REPO / "translations")):
        assert cache.content_key(content) != dutch_key
        arabic = cache.load_library(content, tmp_path / "cache")
        expected = load_library_uncached(content)
        assert [p.message for p in arabic.problems] == [p.message for p in expected.problems]
    assert dutch.problems  # the broken file is reported in both


def test_the_loader_s_own_cache_follows_the_interface_language_too(content: Path) -> None:
    """content.loader.load_library (the CLI's, the self-test's) keeps recent libraries by file state;
    the problems are sentences, so the interface language is part of what it is kept by."""
    from opvoed_desktop.content.loader import load_library

    (content / "kapot.md").write_text("---\nid: kapot\n", encoding="utf-8")
    dutch = [p.message for p in load_library(content).problems]
    with speaking(Translator.load("ar", REPO / "translations")):
        arabic = [p.message for p in load_library(content).problems]
        assert arabic == [p.message for p in load_library_uncached(content).problems]
    assert arabic != dutch and [p.message for p in load_library(content).problems] == dutch


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(("key", "not a library"))])
def test_a_damaged_cache_file_is_parsed_again_and_replaced(content: Path, tmp_path: Path, damage: bytes) -> None:
    target = cache.cache_file(content, tmp_path / "cache")
    target.parent.mkdir(parents=True)
    target.write_bytes(damage)
    library = cache.load_library(content, tmp_path / "cache")
    assert summary(library) == summary(load_library_uncached(content))
    stored_key, stored = pickle.loads(target.read_bytes())
    assert stored_key == cache.content_key(content) and summary(stored) == summary(library)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_cache_folder_only_costs_speed(content: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o500)
    library = cache.load_library(content, folder)
    assert library.items and not list(folder.iterdir())


def test_the_cache_file_is_private(content: Path, tmp_path: Path) -> None:
    cache.load_library(content, tmp_path / "cache")
    target = cache.cache_file(content, tmp_path / "cache")
    assert target.stat().st_mode & 0o077 == 0
    assert target.parent.stat().st_mode & 0o077 == 0


def test_a_start_with_the_cache_never_imports_the_parser(content: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from opvoed_desktop.content.cache import load_library; "
        f"lib = load_library(Path({str(content)!r}), Path({str(tmp_path / 'cache')!r})); "
        "print(len(lib.items), *sorted(m for m in ('yaml', 'opvoed_desktop.content.loader', "
        "'opvoed_desktop.content.validate', 'opvoed_desktop.content.markdown') if m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPVOED_CACHE_DIR"}
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert "yaml" in cold.stdout  # the first run parses
    assert warm.stdout.split() == [cold.stdout.split()[0]]  # same items, and no parser imported


# One parse of each header, with libyaml ----------------------------------------------------------


def pure_python_split(text: str) -> tuple[dict[str, object], dict[str, int], dict[str, list[int]]]:
    """The reading before libyaml: the header parsed twice by PyYAML's pure-Python loader."""
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    header = "\n".join(lines[1:end])
    node = yaml.compose(header, Loader=yaml.SafeLoader)
    meta = yaml.safe_load(header)
    key_lines, element_lines = {}, {}
    for key_node, value_node in node.value:
        key_lines[str(key_node.value)] = key_node.start_mark.line + 2
        if isinstance(value_node, yaml.SequenceNode):
            element_lines[str(key_node.value)] = [n.start_mark.line + 2 for n in value_node.value]
    return meta, key_lines, element_lines


def test_libyaml_is_what_reads_the_headers() -> None:
    assert frontmatter._FAST_LOADER is yaml.CSafeLoader


@pytest.mark.parametrize("path", sorted(content_dir().rglob("*.md")), ids=lambda p: p.name)
def test_every_shipped_header_reads_as_the_pure_python_loader_read_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = frontmatter.split(text)
    meta, key_lines, element_lines = pure_python_split(text)
    assert (doc.meta, doc.key_lines, doc.element_lines) == (meta, key_lines, element_lines)


scalars = st.one_of(
    st.integers(-1000, 1000),
    st.booleans(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20),
    st.dates(),
)
headers = st.dictionaries(
    st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
    st.one_of(scalars, st.lists(scalars, max_size=4)),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(headers)
def test_generated_headers_read_the_same_with_either_parser(meta: dict[str, object]) -> None:
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\nTekst.\n"
    doc = frontmatter.split(text)
    assert (doc.meta, doc.key_lines, doc.element_lines) == pure_python_split(text)


@pytest.mark.parametrize(
    "header",
    ["title: a: b", "id: [open", "- lijst\n- zonder sleutels", "id: 'niet gesloten", "\tid: tab"],
)
def test_a_broken_header_says_what_the_pure_python_parser_said(header: str) -> None:
    text = f"---\n{header}\n---\nTekst.\n"
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        frontmatter.split(text)
    try:
        yaml.safe_load(header)
    except yaml.YAMLError as exc:
        mark = exc.problem_mark  # type: ignore[attr-defined]
        assert caught.value.line == mark.line + 2
        assert str(exc.problem) in caught.value.message  # type: ignore[attr-defined]
    else:  # valid YAML that is not a mapping
        assert caught.value.line == 2
