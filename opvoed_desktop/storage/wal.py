"""Reading SQLite's write-ahead log ourselves, before SQLite does, to notice damage.

SQLite recovers a WAL by walking its frames while the salts match and the running checksum is
right; at the first frame that fails it stops and quietly forgets everything after it, and the next
write overwrites that part of the log. A damaged frame therefore loses committed work without a
word. We walk the frames the same way (https://www.sqlite.org/fileformat2.html#walformat) and call
the log damaged when a frame with the current salts fails its checksum, or the header itself is
broken. Frames with old salts are leftovers of an earlier round of the log and an intact tail
without a commit frame is a transaction that never finished: both are normal after a crash.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

HEADER_SIZE = 32
FRAME_HEADER_SIZE = 24
MAGIC_LITTLE_ENDIAN = 0x377F0682
MAGIC_BIG_ENDIAN = 0x377F0683
FORMAT_VERSION = 3007000
_MASK = 0xFFFFFFFF


@dataclass(frozen=True)
class WalReport:
    damaged: bool
    valid_frames: int = 0  # frames SQLite accepts (checksums and salts right)
    committed_frames: int = 0  # of those, up to and including the last commit frame: what SQLite uses


def checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    """SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from (s0, s1)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


def inspect(path: Path) -> WalReport:
    """Walk the log at `path`; an absent or empty log is not damaged."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return WalReport(False)
    if not data:
        return WalReport(False)
    if len(data) < HEADER_SIZE:
        return WalReport(True)
    magic, version, page_size, _seq, salt1, salt2, check1, check2 = struct.unpack(">8I", data[:HEADER_SIZE])
    if magic not in (MAGIC_LITTLE_ENDIAN, MAGIC_BIG_ENDIAN) or version != FORMAT_VERSION:
        return WalReport(True)
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return WalReport(True)
    big_endian = magic == MAGIC_BIG_ENDIAN
    s0, s1 = checksum(data[:24], big_endian)
    if (s0, s1) != (check1, check2):
        return WalReport(True)
    frame_size = FRAME_HEADER_SIZE + page_size
    valid = committed = 0
    offset = HEADER_SIZE
    while offset < len(data):
        frame = data[offset : offset + frame_size]
        if len(frame) < 16 or struct.unpack(">2I", frame[8:16]) != (salt1, salt2):
            break  # an earlier round of the log, or a few bytes that never became a frame
        if len(frame) < frame_size:
            return WalReport(True, valid, committed)  # a frame of this round, cut short
        _page, db_size, _salt1, _salt2, f1, f2 = struct.unpack(">6I", frame[:FRAME_HEADER_SIZE])
        s0, s1 = checksum(frame[:8], big_endian, s0, s1)
        s0, s1 = checksum(frame[FRAME_HEADER_SIZE:], big_endian, s0, s1)
        if (s0, s1) != (f1, f2):
            return WalReport(True, valid, committed)
        valid += 1
        if db_size:
            committed = valid
        offset += frame_size
    return WalReport(False, valid, committed)
