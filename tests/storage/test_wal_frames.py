"""Reading the write-ahead log frame by frame: damage that would lose committed work is noticed,
and a log that is merely old or unfinished is not called damaged.

The logs here are built by a small writer that follows SQLite's file format document, checked
against a log SQLite itself wrote; so the tests do not lean on wal.py's own checksum.
"""

from __future__ import annotations

import contextlib
import sqlite3
import struct
from pathlib import Path

import pytest

from opvoed_desktop.storage.wal import WalReport, inspect

MAGIC = {False: 0x377F0682, True: 0x377F0683}  # little-endian, big-endian checksums


def spec_checksum(data: bytes, big: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    order = ">" if big else "<"
    for i in range(0, len(data), 8):
        x0, x1 = struct.unpack_from(order + "II", data, i)
        s0 = (s0 + x0 + s1) % 2**32
        s1 = (s1 + x1 + s0) % 2**32
    return s0, s1


def build_wal(
    frames: list[tuple[int, int, bytes]], *, big: bool = False, page_size: int = 512, salts: tuple[int, int] = (7, 9)
) -> bytes:
    """A log: header, then (page number, database size after commit or 0, page) frames."""
    head = struct.pack(">6I", MAGIC[big], 3007000, page_size, 0, *salts)
    s = spec_checksum(head, big)
    out = bytearray(head + struct.pack(">2I", *s))
    for page_no, db_size, page in frames:
        assert len(page) == page_size
        start = struct.pack(">4I", page_no, db_size, *salts)
        s = spec_checksum(start[:8], big, *s)
        s = spec_checksum(page, big, *s)
        out += start + struct.pack(">2I", *s) + page
    return bytes(out)


def page(n: int, size: int = 512) -> bytes:
    return bytes((n * 7 + i) % 251 for i in range(size))


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "opvoed.sqlite3-wal"
    path.write_bytes(data)
    return path


def test_the_writer_here_agrees_with_a_log_sqlite_wrote(tmp_path: Path) -> None:
    db = tmp_path / "echt.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x TEXT)")
    for i in range(3):
        with conn:
            conn.execute("INSERT INTO t VALUES (?)", (f"rij {i}" * 50,))
    log = db.with_name(db.name + "-wal").read_bytes()
    magic, _v, page_size, _seq, _s1, _s2, c1, c2 = struct.unpack(">8I", log[:32])
    assert spec_checksum(log[:24], magic == MAGIC[True]) == (c1, c2)
    frames = (len(log) - 32) // (24 + page_size)
    assert inspect(db.with_name(db.name + "-wal")) == WalReport(False, frames, frames)
    conn.close()


def test_no_log_or_an_empty_one_is_not_damage(tmp_path: Path) -> None:
    assert inspect(tmp_path / "weg-wal") == WalReport(False, 0, 0)
    assert inspect(write(tmp_path, b"")) == WalReport(False, 0, 0)


def test_a_header_alone_is_a_log_without_frames(tmp_path: Path) -> None:
    assert inspect(write(tmp_path, build_wal([]))) == WalReport(False, 0, 0)
    assert inspect(write(tmp_path, build_wal([])[:31])) == WalReport(True, 0, 0)


@pytest.mark.parametrize("big", [False, True])
def test_committed_and_unfinished_frames_are_counted_in_both_byte_orders(tmp_path: Path, big: bool) -> None:
    frames = [(1, 0, page(1)), (2, 2, page(2)), (3, 0, page(3))]  # a commit, then an unfinished write
    assert inspect(write(tmp_path, build_wal(frames, big=big))) == WalReport(False, 3, 2)


@pytest.mark.parametrize("big", [False, True])
def test_a_damaged_page_after_a_commit_is_damage_and_says_what_was_whole(tmp_path: Path, big: bool) -> None:
    data = bytearray(build_wal([(1, 1, page(1)), (2, 0, page(2)), (3, 3, page(3))], big=big))
    frame = 24 + 512
    data[32 + 2 * frame + 100] ^= 0xFF  # inside the third frame's page
    assert inspect(write(tmp_path, bytes(data))) == WalReport(True, 2, 1)


@pytest.mark.parametrize("big", [False, True])
def test_a_damaged_frame_header_is_damage(tmp_path: Path, big: bool) -> None:
    data = bytearray(build_wal([(1, 1, page(1)), (2, 2, page(2))], big=big))
    data[32 + 24 + 512 + 3] ^= 0x01  # the second frame's page number
    assert inspect(write(tmp_path, bytes(data))) == WalReport(True, 1, 1)


def test_a_log_read_in_the_wrong_byte_order_is_damage(tmp_path: Path) -> None:
    data = bytearray(build_wal([(1, 1, page(1))], big=True))
    data[3] = 0x82  # claims little-endian checksums
    assert inspect(write(tmp_path, bytes(data))).damaged


def test_a_frame_cut_short_is_damage_with_what_came_before(tmp_path: Path) -> None:
    whole = build_wal([(1, 1, page(1)), (2, 0, page(2)), (3, 3, page(3))])
    assert inspect(write(tmp_path, whole[:-10])) == WalReport(True, 2, 1)
    assert inspect(write(tmp_path, whole[: 32 + 2 * 536 + 16])) == WalReport(True, 2, 1), "only its header start"


def test_a_few_bytes_after_the_last_frame_are_not_a_frame(tmp_path: Path) -> None:
    whole = build_wal([(1, 1, page(1))])
    assert inspect(write(tmp_path, whole + b"\x00" * 15)) == WalReport(False, 1, 1)
    assert inspect(write(tmp_path, whole + whole[32:48])) == WalReport(True, 1, 1), "16 bytes with our salts: cut"


def test_frames_of_an_earlier_round_end_the_log_without_damage(tmp_path: Path) -> None:
    now = build_wal([(1, 1, page(1))], salts=(7, 9))
    old = build_wal([(2, 2, page(2)), (3, 3, page(3))], salts=(5, 5))[32:]
    assert inspect(write(tmp_path, now + old)) == WalReport(False, 1, 1)


@pytest.mark.parametrize(
    ("page_size", "usable"),
    [
        (512, True),
        (1024, True),
        (65536, True),
        (256, False),
        (511, False),
        (513, False),
        (768, False),
        (65535, False),
        (65537, False),
        (131072, False),
    ],
)
def test_only_page_sizes_sqlite_can_have_are_read(tmp_path: Path, page_size: int, usable: bool) -> None:
    data = build_wal([], page_size=page_size)
    assert inspect(write(tmp_path, data)) == (WalReport(False, 0, 0) if usable else WalReport(True))


@pytest.mark.parametrize(("magic", "version"), [(0x377F0684, 3007000), (0x377F0682, 3007001), (0, 0)])
def test_a_header_that_is_not_a_logs_is_damage(tmp_path: Path, magic: int, version: int) -> None:
    head = struct.pack(">6I", magic, version, 512, 0, 7, 9)
    data = head + struct.pack(">2I", *spec_checksum(head, False))
    assert inspect(write(tmp_path, data)) == WalReport(True)


def test_a_header_with_a_wrong_checksum_is_damage(tmp_path: Path) -> None:
    data = bytearray(build_wal([(1, 1, page(1))]))
    data[28] ^= 0x01
    assert inspect(write(tmp_path, bytes(data))) == WalReport(True)


def test_a_real_log_with_a_flipped_bit_is_found(tmp_path: Path) -> None:
    db = tmp_path / "echt.sqlite3"
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("CREATE TABLE t (x TEXT)")
        with conn:
            conn.execute("INSERT INTO t VALUES ('notitie')")
        log = db.with_name(db.name + "-wal")
        data = bytearray(log.read_bytes())
        data[len(data) - 200] ^= 0x10
        copy = write(tmp_path, bytes(data))
        assert inspect(copy).damaged
