"""The wheel carries the app whole: installed outside the checkout, it finds its content, catalogs
and fonts inside the package (importlib.resources) and passes its own self-test.

Offline: the wheel is built without build isolation (setuptools is in the locked dev group) and the
fresh venv gets exactly the locked packages from uv's cache, which `make test` has just filled.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).with_name("uv")
NOT_COPIED = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache", "shots"}

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    elsewhere: Path  # a folder that is neither the checkout nor the venv, to run the app from

    @property
    def python(self) -> Path:
        return self.venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")

    @property
    def program(self) -> Path:
        return self.venv / ("Scripts/opvoed-desktop.exe" if os.name == "nt" else "bin/opvoed-desktop")


def uv(*args: str | Path, cwd: Path) -> str:
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_OFFLINE": "1"}
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        [str(UV), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600, env=env
    )
    assert result.returncode == 0, f"uv {' '.join(map(str, args))}:\n{result.stderr[-4000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    assert UV.exists(), "uv is missing from the venv: `make test` installs the locked dev group"
    root = tmp_path_factory.mktemp("wheel")
    # Built from a copy of the working tree (as it stands, not HEAD): setuptools' build/ folder in
    # the checkout could carry files that no longer exist.
    source = root / "source"
    skip = shutil.ignore_patterns(*NOT_COPIED, "*.egg-info")
    shutil.copytree(REPO, source, ignore=skip)
    # With this venv's locked setuptools, no build isolation: nothing is fetched for the build.
    build = ("build", "--wheel", "--no-build-isolation", "--python", sys.executable, "--out-dir", root / "dist")
    uv(*build, source, cwd=source)
    (wheel,) = (root / "dist").glob("opvoed_desktop-*.whl")
    requirements = root / "locked.txt"
    uv("export", "--frozen", "--no-dev", "--no-emit-project", "--no-header", "-q", "-o", requirements, cwd=REPO)
    venv = root / "venv"
    uv("venv", "-q", "--python", sys.executable, venv, cwd=root)
    uv("pip", "install", "-q", "--python", venv, "--require-hashes", "--no-deps", "-r", requirements, cwd=root)
    uv("pip", "install", "-q", "--python", venv, "--no-deps", wheel, cwd=root)
    uv("pip", "check", "--python", venv, cwd=root)
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    yield Installed(wheel, venv, elsewhere)
    shutil.rmtree(root, ignore_errors=True)


def fresh_env(home: Path) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "WINDIR", "TZ")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(HOME=str(home), USERPROFILE=str(home), XDG_DATA_HOME=str(home / "data"), QT_QPA_PLATFORM="offscreen")
    return env


def run(installed: Installed, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed.program), *args],
        cwd=installed.elsewhere,
        env=fresh_env(installed.elsewhere / "home"),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_wheel_holds_content_catalogs_and_fonts(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    shipped = {
        "opvoed_desktop/resources/content": REPO / "resources" / "content",
        "opvoed_desktop/resources/fonts": REPO / "resources" / "fonts",
        "opvoed_desktop/translations": REPO / "translations",
    }
    for inside, folder in shipped.items():
        wanted = {
            f"{inside}/{p.relative_to(folder).as_posix()}"
            for p in folder.rglob("*")
            if p.is_file() and p.suffix not in (".mo", ".pyc")
        }
        assert wanted and wanted <= names, f"missing from the wheel: {sorted(wanted - names)[:5]}"
    assert not any(n.startswith(("tests/", "resources/", "translations/")) for n in names)


def test_the_installed_app_reads_its_files_from_the_package(installed: Installed) -> None:
    code = (
        "import opvoed_desktop.paths as p; "
        "print(p.content_dir()); print(p.translations_dir()); print(p.resources_dir() / 'fonts')"
    )
    result = subprocess.run(
        [str(installed.python), "-c", code],
        cwd=installed.elsewhere,
        env=fresh_env(installed.elsewhere / "home"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        folder = Path(line)
        assert folder.is_dir() and installed.venv in folder.parents, f"{folder} is not inside the installed package"
        assert REPO not in folder.parents


def test_self_test_passes_outside_the_checkout(installed: Installed) -> None:
    result = run(installed, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FOUT" not in result.stdout and "12 talen" in result.stdout


def test_content_check_is_clean_outside_the_checkout(installed: Installed) -> None:
    result = run(installed, "content", "check")
    assert result.returncode == 0, result.stderr
    assert "Inhoud in orde" in result.stdout and result.stderr == ""
