"""Large blocks go back to the system when freed (Linux with glibc; elsewhere nothing changes).

A show renders full-screen slides into pixmaps of 8 MB (1920×1080) and frees them as soon as a key
can no longer reach them, and decodes and scales pictures of a few MB. glibc serves a block that
large from its own memory map only until the first such block is freed: then it raises that
threshold and serves the next ones from the heap, where a freed block in the middle stays resident
and a differently sized one cannot reuse the hole. While presenting that left 10–18 MB of freed
memory resident and 4–8 MB more at the peak (benchmarks/bench_present_memory.py,
docs/performance.md). A fixed threshold of 1 MiB keeps every large block in its own mapping, given
back at `free`; the smaller ones (Python's objects, Qt's widgets) are untouched. The cost is a
fresh, zeroed mapping per slide rendered ahead: about a millisecond, off the key's path.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
LARGE_BLOCK = 1 << 20


def release_large_blocks() -> bool:
    """Serve blocks of `LARGE_BLOCK` bytes and more from their own mappings; True if set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018  (glibc only: musl's mallopt ignores the setting)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK))
