"""`opvoed-desktop ... | head -1`: when the reader goes away, the app ends quietly (no traceback,
no "something went wrong", nothing in the log), with the status of a tool killed by SIGPIPE."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from opvoed_desktop.pipes import SIGPIPE_STATUS


def _cli(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), *args]


def _assert_quiet(proc: subprocess.Popen[bytes], data: Path) -> None:
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == SIGPIPE_STATUS, stderr
    assert stderr == ""
    logs = data / "logs"
    assert not any(p.stat().st_size for p in logs.glob("*")) if logs.exists() else True


def test_reader_gone_before_anything_is_written(tmp_path: Path) -> None:
    # A short output waits in the buffer until the end of the run: the failure comes at the last flush.
    proc = subprocess.Popen(_cli(tmp_path, "content", "list"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()
    _assert_quiet(proc, tmp_path)


def test_reader_takes_one_line_of_a_long_list(tmp_path: Path) -> None:
    made = subprocess.run(
        _cli(tmp_path, "sample-data", "--meetings", "300", "--notes-per-meeting", "0"), capture_output=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    # Far more than a pipe holds (64 KiB), so the writes themselves fail, mid-list.
    proc = subprocess.Popen(
        _cli(tmp_path, "meetings", "list", "--json"), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    assert first.strip() == b"["
    _assert_quiet(proc, tmp_path)
