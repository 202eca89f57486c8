"""Fault fixtures shared by the storage tests: damaged files, WALs, other users.

Each helper damages a file the way the world does (random bytes in the middle, a flipped bit in
the log) and checks with SQLite itself that the damage is real, so a test cannot pass because
the "damage" happened to miss.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import engine as sqlite_files
from opvoed_desktop.storage import open_database
from opvoed_desktop.storage.driver import dbapi as sqlite3  # the app's SQLite: one library per process

REPO = Path(__file__).resolve().parents[2]
NOBODY = 65534


def fill(paths: DataPaths, meetings: int = 40, notes: int = 12) -> list[str]:
    """A database of a few hundred pages, with real rows everywhere."""
    with open_database(paths) as db:
        service = MeetingService(db)
        ids = []
        for i in range(meetings):
            mid = service.create_meeting(f"Ouderavond {i}", venue="Buurthuis", municipality="Gouda")
            for j in range(notes):
                service.add_note(mid, f"Notitie {j} van avond {i}: ouders vragen naar de school. " * 4)
            ids.append(mid)
    return ids


def damage_mid_file(path: Path, *, size: int = 8192, seed: int = 13) -> bytes:
    """8 KB of random bytes in the middle of the file; returns the damaged content."""
    rnd = random.Random(seed)
    data = bytearray(path.read_bytes())
    start = len(data) // 2
    data[start : start + size] = rnd.randbytes(size)
    path.write_bytes(bytes(data))
    assert not sqlite_files.quick_check(path), "the damage must be real for SQLite"
    return bytes(data)


def damage_table(path: Path, table: str, *, seed: int = 7) -> None:
    """Random bytes over the root page of one table: every query on it meets the damage."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rnd = random.Random(seed)
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(rnd.randbytes(page_size))


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under root with its mode and size (to prove nothing was touched)."""
    found = {}
    for path in sorted([root, *root.rglob("*")]):
        st = path.stat()
        found[str(path.relative_to(root))] = (st.st_mode & 0o7777, st.st_size if path.is_file() else 0)
    return found


@contextlib.contextmanager
def nobody_dir() -> Iterator[Path]:
    """A folder the unprivileged user `nobody` owns (pytest's own tmp dirs are closed to it)."""
    root = Path(tempfile.mkdtemp(prefix="opvoed-nobody-", dir="/tmp"))
    os.chmod(root, 0o755)
    try:
        yield root
    finally:
        for path in [root, *root.rglob("*")]:
            with contextlib.suppress(OSError):
                os.chmod(path, 0o700)
        shutil.rmtree(root, ignore_errors=True)


def give_to_nobody(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)


@functools.cache
def _nobody_import_failure() -> str:
    """Why `nobody` cannot import the app from this checkout ("" when it can). A checkout inside
    a 0700 folder (`mktemp -d`) is closed to every other user: that is the machine, not the app."""
    probe = subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-c",
            "import opvoed_desktop, PySide6, sqlalchemy",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
        check=False,
    )
    return "" if probe.returncode == 0 else (probe.stderr.strip().splitlines() or ["?"])[-1]


def _skip_unless_nobody_can_import() -> None:
    failure = _nobody_import_failure()
    if failure:
        pytest.skip(f"user nobody cannot read this checkout or its .venv ({failure})")


def run_as_nobody(
    args: list[str], *, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run Python as `nobody` (no capabilities): permission bits count, as for any user.

    We are root in CI, and root ignores permission bits; `setpriv` drops to uid/gid 65534 with
    no supplementary groups, so a 0500 folder is really read-only for the child.
    """
    assert os.geteuid() == 0, "these tests drop from root to nobody"
    _skip_unless_nobody_can_import()
    full_env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(home),
        **(env or {}),
    }
    cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable, *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=full_env, timeout=120, check=False)


def json_line(proc: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])
