"""uv.lock is the set every machine installs: it must serve Linux and Windows, and agree with the
pins in pyproject.toml and the Makefile. (`make test` also runs `uv lock --check` for drift.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
LOCK = tomllib.loads((REPO / "uv.lock").read_text(encoding="utf-8"))
PACKAGES = {p["name"]: p for p in LOCK["package"]}
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def wheel_names(package: dict[str, Any]) -> list[str]:
    return [str(w["url"]).rsplit("/", 1)[-1] for w in package.get("wheels", [])]


# Packages with only platform wheels (a pure-Python "none-any" wheel serves every platform).
COMPILED = sorted(
    n for n, p in PACKAGES.items() if wheel_names(p) and not any(w.endswith("-none-any.whl") for w in wheel_names(p))
)


@pytest.mark.parametrize("name", COMPILED)
def test_every_compiled_package_has_wheels_for_linux_and_windows(name: str) -> None:
    wheels = wheel_names(PACKAGES[name])
    assert any("win_amd64" in w for w in wheels), f"{name}: no Windows (win_amd64) wheel in uv.lock"
    assert any("linux" in w and "x86_64" in w for w in wheels), f"{name}: no Linux x86-64 wheel in uv.lock"


def test_every_package_comes_from_pypi() -> None:
    for package in LOCK["package"]:
        source = package["source"]
        assert source.get("registry") == "https://pypi.org/simple" or source.get("editable") == ".", package["name"]


@pytest.mark.parametrize("name", ["reportlab", "python-bidi"])
def test_packages_whose_internals_we_use_are_locked_at_their_pin(name: str) -> None:
    pins = [r for r in PROJECT["project"]["dependencies"] if re.match(rf"{name}\s*==", r)]
    assert pins, f"{name} must be pinned with == in pyproject.toml"
    assert PACKAGES[name]["version"] == pins[0].split("==")[1].strip()


def test_the_makefile_bootstraps_the_locked_uv() -> None:
    version = re.search(r"^UV_VERSION := (\S+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert version is not None
    assert PACKAGES["uv"]["version"] == version.group(1)


def test_pyside_stays_below_the_release_that_crashes() -> None:
    major, minor = (int(x) for x in PACKAGES["pyside6-essentials"]["version"].split(".")[:2])
    assert (major, minor) < (6, 12), "PySide6 6.12.0 corrupts refcounts in Signal.emit (see pyproject.toml)"
