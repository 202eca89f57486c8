"""Build the one-folder bundle and use it the way a borrowed laptop would: no network, fresh home.

Slow (a PyInstaller build takes about half a minute here), but CI runs it: the bundle is what
facilitators get, and a module or data file left out only shows up in the frozen app.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from opvoed_desktop import __version__

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "opvoed-desktop.spec"

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Bundle:
    folder: Path
    program: Path


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    # From the working tree, not a clone of HEAD: the test checks the code as it stands.
    root = tmp_path_factory.mktemp("bundle")
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    assert pyinstaller.exists(), "PyInstaller is missing: pip install -e '.[bundle]' (make test does)"
    result = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(root / "dist"),
            "--workpath",
            str(root / "work"),
            str(SPEC),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    folder = root / "dist" / "opvoed-desktop"
    yield Bundle(folder, folder / ("opvoed-desktop.exe" if os.name == "nt" else "opvoed-desktop"))
    shutil.rmtree(root, ignore_errors=True)


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file() or path.is_symlink()
    }


def home_env(home: Path) -> dict[str, str]:
    """A fresh account: nothing of the developer's environment, no display (offscreen fallback)."""
    keep = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "WINDIR", "TZ")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_RUNTIME_DIR=str(home / "run"),
        TMPDIR=str(home / "tmp"),
    )
    for folder in ("run", "tmp"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    (home / "run").chmod(0o700)
    return env


def offline() -> list[str]:
    """Run in a network namespace of its own: only a loopback that is down, so no route anywhere."""
    unshare = shutil.which("unshare")
    assert unshare, "unshare (util-linux) is missing"
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, text=True)
    assert probe.returncode == 0, f"unshare -n is not allowed here (needs root or user namespaces): {probe.stderr}"
    return [unshare, "-n"]


def run(bundle: Bundle, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*offline(), str(bundle.program), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=env["HOME"],
        timeout=300,
    )


def test_bundled_self_test_passes_offline_and_data_goes_to_the_user_data_dir(bundle: Bundle, tmp_path: Path) -> None:
    before = listing(bundle.folder)
    home = tmp_path / "home"
    env = home_env(home)

    version = run(bundle, ["--version"], env)
    assert version.stdout.strip() == f"opvoed-desktop {__version__}", version.stderr

    result = run(bundle, ["--self-test"], env)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    assert "FOUT" not in result.stdout
    assert "OK   hoofdvenster: geopend en gesloten (offscreen" in result.stdout
    assert "OK   geen netwerk" in result.stdout
    assert list((home / "tmp").iterdir()) == [], "the self-test left temporary files behind"

    # A real command that writes: the database is created and migrated in the user data dir.
    meetings = run(bundle, ["meetings", "list", "--json"], env)
    assert meetings.returncode == 0, meetings.stderr
    assert meetings.stdout.strip() == "[]"
    data = home / ".local" / "share" / "opvoed-desktop"
    assert (data / "opvoed.sqlite3").is_file()
    if os.name == "posix":
        assert (data.stat().st_mode & 0o777) == 0o700

    handout = run(bundle, ["handout", "ouders", "--lang", "ti", "-o", str(home / "ouders-ti.pdf")], env)
    assert handout.returncode == 0, handout.stderr
    assert (home / "ouders-ti.pdf").read_bytes().startswith(b"%PDF-")

    assert listing(bundle.folder) == before, "the app wrote into its own program folder"


def test_bundle_is_lean_and_complete(bundle: Bundle) -> None:
    internal = bundle.folder / "_internal"
    for needed in (
        "resources/content",
        "resources/fonts/OFL.txt",
        "resources/icons/nl.opvoed.Desktop-256.png",
        "translations/ar/LC_MESSAGES/content.po",
        "translations/content.pot",
        "opvoed_desktop/storage/migrations/env.py",
        "opvoed_desktop/storage/migrations/versions/0001_initial.py",
    ):
        assert (internal / needed).exists(), needed
    names = {path.name for path in internal.rglob("*")}
    for unused in ("QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia", "QtNetwork"):
        assert not any(unused in name for name in names), f"{unused} should not be in the bundle"
    assert not (internal / "tests").exists()
    # PyInstaller links duplicate libraries on Linux: count each file once, as `du` does.
    size = sum(path.lstat().st_size for path in bundle.folder.rglob("*") if path.is_file() and not path.is_symlink())
    print(f"bundle size: {size / 2**20:.0f} MiB")
    # 240 MiB, plus encryption at rest (docs/encryption.md): SQLCipher with its own OpenSSL (8 MiB
    # stripped), cryptography's Argon2id and AES-GCM (12 MiB, also the keyring's SecretService
    # backend), age (2 MiB); plus the organisation's hub (docs/hub.md): libpq with its OpenSSL and
    # Kerberos (psycopg-binary, 10 MiB).
    assert size < 274 * 2**20, f"the bundle grew to {size / 2**20:.0f} MiB; exclude what is not used"


@pytest.mark.skipif(sys.platform != "linux", reason="install.sh is the Linux per-user install")
def test_linux_install_script_installs_and_uninstalls_for_one_user(bundle: Bundle, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = home_env(home)
    before = listing(bundle.folder)
    installed = subprocess.run(["sh", str(bundle.folder / "install.sh")], env=env, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    prefix = home / ".local" / "opt" / "opvoed-desktop"
    desktop = home / ".local" / "share" / "applications" / "nl.opvoed.Desktop.desktop"
    assert f'Exec="{prefix}/opvoed-desktop"' in desktop.read_text(encoding="utf-8")
    validate = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert validate.returncode == 0 and not validate.stdout.strip(), validate.stdout
    assert (home / ".local/share/icons/hicolor/48x48/apps/nl.opvoed.Desktop.png").is_file()
    assert (home / ".local/share/metainfo/nl.opvoed.Desktop.metainfo.xml").is_file()
    launcher = home / ".local" / "bin" / "opvoed-desktop"
    assert subprocess.run([str(launcher), "--version"], env=env, capture_output=True, text=True).returncode == 0

    removed = subprocess.run(["sh", str(prefix / "install.sh"), "--uninstall"], env=env, capture_output=True, text=True)
    assert removed.returncode == 0, removed.stderr
    assert not prefix.exists() and not desktop.exists() and not launcher.exists()
    assert listing(bundle.folder) == before
