"""A command that allows it ends without the interpreter's teardown (process_end.py): what it
printed still arrives whole, its exit handlers still run, its status is kept, and only the
process's own entry point ends early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import atexit, sys
from pathlib import Path
from opvoed_desktop.process_end import allow_quick_end, end_now
atexit.register(lambda: Path(sys.argv[1]).write_text("handler ran"))
sys.stdout.write("x" * 100_000)  # more than any buffer holds, and a tail that waits in it
sys.stdout.write("end without newline")
sys.stderr.write("to stderr")
allow_quick_end()
end_now(int(sys.argv[2]))
raise SystemExit(99)  # never reached
"""


def test_output_exit_handlers_and_status_survive(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    # Buffered as in an installed app (some shells set PYTHONUNBUFFERED, which would hide a lost tail).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(marker), "3"], capture_output=True, timeout=60, env=env)
    assert done.returncode == 3
    assert done.stdout == b"x" * 100_000 + b"end without newline"
    assert done.stderr == b"to stderr"
    assert marker.read_text() == "handler ran"


def test_handout_command_output_and_file(tmp_path: Path) -> None:
    """The real command through the entry point, its output into a pipe: the path on stdout, the
    draft notice on stderr, a complete PDF, status 0."""
    target = tmp_path / "ar.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(tmp_path / "data"), "handout", "ouders",
         "--lang", "ar", "-o", str(target)],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip() == str(target)
    assert "conceptvertaling" in done.stderr.decode()
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_a_failing_command_keeps_the_normal_exit(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(tmp_path / "data"), "handout", "ouders",
         "--lang", "xx", "-o", str(tmp_path / "x.pdf")],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "xx" in done.stderr.decode()


def test_main_called_with_arguments_returns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: object) -> None:
    """A test or a window calling main with its own arguments gets the status back: the process
    goes on, even when a command allowed the quick end."""
    from opvoed_desktop import process_end
    from opvoed_desktop.__main__ import main

    monkeypatch.setattr(process_end, "_allowed", True)
    assert main(["--data-dir", str(tmp_path / "data"), "content", "list"]) == 0


def test_a_profiled_run_ends_normally_and_keeps_its_profile(tmp_path: Path) -> None:
    """`python -m cProfile -m opvoed_desktop handout ...` writes its profile after the program
    returns: no quick end while a profiler (or a tracer such as coverage) watches."""
    profile = tmp_path / "run.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "opvoed_desktop", "--data-dir",
         str(tmp_path / "data"), "handout", "agenda", "--lang", "nl", "-o", str(tmp_path / "a.pdf")],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert profile.stat().st_size > 0


def test_the_handout_command_gives_the_collector_back(tmp_path: Path) -> None:
    """The command pauses the cyclic collector while it works; run inside another process (the
    tests, a window) it leaves the collector on, after a success and after a mistake."""
    import gc

    from opvoed_desktop.app import main as app_main

    data = str(tmp_path / "data")
    assert gc.isenabled()
    assert app_main(["--data-dir", data, "handout", "agenda", "--lang", "nl", "-o", str(tmp_path / "a.pdf")]) == 0
    assert gc.isenabled()
    assert app_main(["--data-dir", data, "handout", "ouders", "--lang", "xx", "-o", str(tmp_path / "b.pdf")]) == 1
    assert gc.isenabled()
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
