"""Large blocks come from their own mappings after `release_large_blocks` (Linux with glibc)."""

from __future__ import annotations

import ctypes
import re
import sys
import tempfile
from pathlib import Path

import pytest

from opvoed_desktop.heap import LARGE_BLOCK, release_large_blocks

glibc_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not hasattr(ctypes.CDLL(None), "gnu_get_libc_version"),
    reason="glibc's malloc only",
)


def mapped_bytes() -> int:
    """Bytes glibc's malloc holds in blocks of their own mapping (malloc_info's mmap total)."""
    libc = ctypes.CDLL(None)
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    with tempfile.NamedTemporaryFile(suffix=".xml") as out:
        stream = libc.fopen(out.name.encode(), b"w")
        libc.malloc_info(0, stream)
        libc.fclose(stream)
        text = Path(out.name).read_text(encoding="utf-8")
    # The last <total type="mmap"> is the process's, after the per-arena ones.
    return int(re.findall(r'<total type="mmap" count="\d+" size="(\d+)"/>', text)[-1])


@glibc_only
def test_a_large_block_freed_and_asked_again_is_mapped_again() -> None:
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    assert release_large_blocks()
    size = 8 * LARGE_BLOCK  # a full-screen slide
    for _round in range(3):  # glibc's own rule would serve the second one from the heap
        before = mapped_bytes()
        block = libc.malloc(size)
        assert mapped_bytes() - before >= size
        libc.free(block)
        assert mapped_bytes() == before  # and given back at free


def test_elsewhere_nothing_is_set(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", "win32")
    assert release_large_blocks() is False
