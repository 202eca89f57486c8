"""`opvoed-desktop --self-test` run as a user runs it: a separate process, with a clean home."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from opvoed_desktop.cli.self_test import NetworkGuard

REPO = Path(__file__).resolve().parent.parent


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPVOED_", "XDG_")) and k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        TMPDIR=str(home / "tmp"),
    )
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    env.update(extra)
    return env


def self_test(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )


def test_self_test_passes_and_leaves_the_users_data_alone(tmp_path: Path) -> None:
    result = self_test(clean_env(tmp_path))
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    checks = [line for line in lines if line.startswith(("OK ", "FOUT "))]
    assert all(line.startswith("OK   ") for line in checks), result.stdout
    names = [line[5:].split(":")[0] for line in checks]
    assert names == [
        "inhoud",
        "vertalingen",
        "database en migraties",
        "versleuteling",
        "hand-out ouders (nl)",
        "hand-out ouders (ar)",
        "hand-out ouders (ti)",
        "hoofdvenster",
        "geen netwerk",
    ]
    assert lines[-1].startswith("Zelftest geslaagd")
    # Everything happened in a temporary folder that is gone again; the real data dir was not made.
    assert not (tmp_path / "data").exists()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_missing_content_fails_with_a_reason_per_check(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = self_test(clean_env(tmp_path, OPVOED_RESOURCES=str(empty)))
    assert result.returncode == 1
    out = result.stdout
    assert f"FOUT inhoud: de map met inhoud ontbreekt ({empty / 'content'}); installeer de app opnieuw" in out
    assert "FOUT hand-out ouders (ar): overgeslagen: de inhoud kon niet worden geladen" in out
    assert "FOUT hoofdvenster: de bibliotheek in het hoofdvenster is leeg" in out
    assert "OK   database en migraties" in out  # one failure does not hide the other checks
    assert "OK   versleuteling" in out
    assert out.splitlines()[-1].startswith("Zelftest mislukt: 5 van 9 controles")


def test_missing_fonts_name_the_font_to_install(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = self_test(clean_env(tmp_path, OPVOED_FONT_DIRS=str(empty)))
    assert result.returncode == 1
    assert "FOUT hand-out ouders (ti): Er is geen lettertype" in result.stdout
    assert "Noto Sans" in result.stdout
    assert "OK   hoofdvenster" in result.stdout


def test_network_guard_refuses_internet_sockets_but_not_local_ones() -> None:
    guard = NetworkGuard()
    with guard.active():
        with pytest.raises(OSError, match="netwerk is uitgeschakeld"):
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        with pytest.raises(OSError):
            socket.getaddrinfo("example.org", 443)
        left, right = socket.socketpair(socket.AF_UNIX)
        left.sendall(b"x")
        assert right.recv(1) == b"x"
        left.close()
        right.close()
    assert len(guard.attempts) == 2
    assert socket.socket.connect is not None and socket.getaddrinfo.__module__ == "socket"
