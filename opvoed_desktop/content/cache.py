"""The parsed toolkit content, kept between runs in the cache folder.

Parsing the 40 content files needs YAML, the Markdown reader and the validator (imports included,
a good part of a start). A start reads the files anyway to hash them, then unpickles the Library
built last time from exactly these bytes; anything else (a changed, added or removed file, another
version of the app or of the parser, another interface language for the problem sentences, a
damaged or unreadable cache) parses the files as before and writes the cache again.

The cache holds only what the shipped (or the author's own) content files say: no personal data.
A cache file that cannot be written (read-only or full disk) is skipped without a word.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
from pathlib import Path

from opvoed_desktop import __version__
from opvoed_desktop.content.model import Library

log = logging.getLogger(__name__)

# Raise when the meaning of the cached objects changes in a way the source stamps below miss.
FORMAT = 1
# Libraries read in this process, by folder, with the key they were read under: a second context in
# one process (the self-test, the tests) skips the file. Keyed like the file (content, parser,
# interface language), so it is never stale and nothing needs to clear it.
_MEMO: dict[Path, tuple[str, Library]] = {}


def load_library(root: Path, cache_dir: Path | None) -> Library:
    """The Library of `root`, from the cache when the files are byte for byte the same."""
    root = Path(root)
    key = content_key(root)
    memo = _MEMO.get(root)
    if memo is not None and memo[0] == key:
        return memo[1]
    library = _read(cache_file(root, cache_dir), key) if cache_dir is not None else None
    if library is None:
        from opvoed_desktop.content.loader import load_library_uncached

        library = load_library_uncached(root)
        if cache_dir is not None:
            _write(cache_file(root, cache_dir), key, library)
    _MEMO[root] = (key, library)
    return library


def cache_file(root: Path, cache_dir: Path) -> Path:
    """One file per content folder, so a second folder (`--content-dir`) does not evict the first."""
    name = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return cache_dir / f"content-{name}.pickle"


def content_key(root: Path) -> str:
    """A hash of every file under `root` (names and bytes), the code that parses them, and the
    interface language (the problems found are sentences in it)."""
    from opvoed_desktop.i18n import active

    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0{sys.version}\0{active().locale}\0{root.resolve()}\0".encode())
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode("utf-8", "surrogatepass") + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError as exc:
                digest.update(f"\0unreadable {exc.errno}".encode())
            digest.update(b"\0")
    for source in _parser_sources():
        with contextlib.suppress(OSError):
            stat = source.stat()
            digest.update(f"{source.name}:{stat.st_mtime_ns}:{stat.st_size}\0".encode())
    return digest.hexdigest()


def _parser_sources() -> list[Path]:
    """The content package's own modules (absent in a frozen bundle, where the version says it)."""
    folder = Path(__file__).resolve().parent
    return sorted(folder.glob("*.py"))


def _read(path: Path, key: str) -> Library | None:
    try:
        with open(path, "rb") as handle:
            stored_key, library = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign file: parse again and overwrite it
        log.info("content cache unusable (%s), parsing again", type(exc).__name__)
        return None
    if stored_key != key or not isinstance(library, Library):
        return None
    return library


def _write(path: Path, key: str, library: Library) -> None:
    from opvoed_desktop.fileio import write_atomic

    try:
        data = pickle.dumps((key, library), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(path, data, make_folder=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        log.info("content cache not written (%s)", type(exc).__name__)
        return
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.chmod(path, 0o600)


def clear_memo() -> None:
    """Forget the libraries read in this process (for a test that wants to see the file read)."""
    _MEMO.clear()
