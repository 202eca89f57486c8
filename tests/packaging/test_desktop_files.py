"""Fast checks of the desktop integration files: validators, icons, and versions that agree."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

from opvoed_desktop import __version__

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"


def _tool(name: str, package: str) -> str:
    # No skip: CI installs these (.ci/run); a missing validator must fail loudly.
    path = shutil.which(name)
    assert path, f"{name} is not installed; run .ci/run or apt-get install {package}"
    return path


def test_metainfo_is_valid_appstream() -> None:
    tool = _tool("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(LINUX / "nl.opvoed.Desktop.metainfo.xml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_file_is_valid() -> None:
    tool = _tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(LINUX / "nl.opvoed.Desktop.desktop")], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_names_the_current_release_and_the_desktop_file() -> None:
    text = (LINUX / "nl.opvoed.Desktop.metainfo.xml").read_text(encoding="utf-8")
    assert re.search(rf'<release version="{re.escape(__version__)}"', text), "add a <release> for this version"
    assert '<launchable type="desktop-id">nl.opvoed.Desktop.desktop</launchable>' in text
    desktop = (LINUX / "nl.opvoed.Desktop.desktop").read_text(encoding="utf-8")
    assert "Icon=nl.opvoed.Desktop\n" in desktop


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_icon_set_has_every_size_as_a_square_png() -> None:
    assert (ICONS / "nl.opvoed.Desktop.svg").is_file()
    for size in (16, 32, 48, 128, 256):
        assert _png_size(ICONS / f"nl.opvoed.Desktop-{size}.png") == (size, size)
    ico = (ICONS / "nl.opvoed.Desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 5)


def test_inno_setup_script_installs_per_user_with_the_bundle_version() -> None:
    script = (REPO / "packaging" / "windows" / "opvoed-desktop.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in script
    assert f'#define AppVersion "{__version__}"' in script
    assert "{autoprograms}" in script and "Uninstallable=yes" in script
