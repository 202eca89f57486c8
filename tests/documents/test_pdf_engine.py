"""reportlab's process-wide font state behind one object (documents/pdf_engine.py): registering is
idempotent from any number of threads, each font has one glyph font for the process, and no private
glyph key is handed out twice, so nothing in it needs resetting between tests or documents."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from opvoed_desktop.documents.engine.shaping import FIRST_PRIVATE_KEY, glyph_font, shape
from opvoed_desktop.documents.fonts import FontError, FontLocator
from opvoed_desktop.documents.pdf_engine import PDF_ENGINE
from opvoed_desktop.paths import resources_dir

T = TypeVar("T")


def at_once(work: Callable[[int], T], threads: int = 8) -> list[T]:
    """`work(i)` on `threads` threads released together."""
    barrier = threading.Barrier(threads)
    results: list[T | None] = [None] * threads
    errors: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    started = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=60)
    assert errors == []
    return [r for r in results if r is not None]


def test_a_font_file_is_registered_once_under_one_name_from_many_threads(tmp_path: Path) -> None:
    source = resources_dir() / "fonts" / "NotoSansEthiopic-Regular.ttf"
    copy = tmp_path / "NotoSansEthiopic-Regular.ttf"  # a file of its own: not registered before
    copy.write_bytes(source.read_bytes())
    names = at_once(lambda _i: PDF_ENGINE.register(copy))
    assert len(names) == 8 and len(set(names)) == 1
    assert names[0] != PDF_ENGINE.register(source)  # same stem, another file: another name
    assert PDF_ENGINE.register(copy) == names[0]


def test_a_font_that_cannot_be_read_is_one_sentence_and_not_registered(tmp_path: Path) -> None:
    broken = tmp_path / "NotoSans-Regular.ttf"
    broken.write_bytes(b"not a font")
    for _attempt in range(2):  # nothing half-registered is left behind
        with pytest.raises(FontError, match="kan niet worden gelezen"):
            FontLocator([tmp_path]).face("latin")


def test_each_font_has_one_glyph_font_and_its_keys_are_never_given_twice() -> None:
    face = FontLocator().face("arabic")
    fonts = at_once(lambda _i: glyph_font(face.regular))
    assert all(font is fonts[0] for font in fonts)
    font = fonts[0]
    # Joining forms need private keys; eight threads ask for new ones at the same time.
    words = ["بيت", "كتاب", "مدرسة", "طفل", "عائلة", "سؤال", "ورقة", "مساء"]

    def keys_of(index: int) -> list[tuple[int, str, str]]:
        text = words[index]
        found = []
        for glyph in shape(face.regular, text, True, "ar"):
            cluster = text[glyph.start : glyph.end]
            found.append((glyph.gid, cluster, font.key(glyph.gid, cluster, glyph.advance)))
        return found

    results = at_once(keys_of)
    meaning: dict[str, tuple[int, str]] = {}
    for found in results:
        for gid, cluster, key in found:
            assert meaning.setdefault(key, (gid, cluster)) == (gid, cluster), key  # one key, one glyph
            if ord(key) >= FIRST_PRIVATE_KEY:
                assert font.ttf.face.charToGlyph[ord(key)] == gid


def test_reportlab_may_be_imported_first() -> None:
    """Importing opvoed_desktop.documents sets reportlab to binary streams; reportlab reads that when
    it writes, so a process that imported reportlab before us still gets binary, unarmoured PDFs."""
    import subprocess
    import sys

    code = (
        "import reportlab.pdfgen.canvas, reportlab.platypus, reportlab.pdfbase.pdfdoc\n"
        "from opvoed_desktop.content.cache import load_library\n"
        "from opvoed_desktop.paths import content_dir, translations_dir\n"
        "from opvoed_desktop.services.handouts import HandoutRequest, HandoutService\n"
        "service = HandoutService(load_library(content_dir(), None), translations_dir())\n"
        "pdf = service.render(HandoutRequest(kind='ouders', lang='ar')).pdf\n"
        "print(pdf.startswith(b'%PDF-'), b'ASCII85Decode' in pdf, b'FlateDecode' in pdf)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["True", "False", "True"], done.stderr
