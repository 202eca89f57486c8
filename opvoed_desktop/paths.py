"""Where things live: shipped resources (installed package, checkout or frozen bundle) and the user's data dir."""

from __future__ import annotations

import contextlib
import importlib.resources
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from opvoed_desktop import APP_NAME

DATA_DIR_ENV = "OPVOED_DATA_DIR"
RESOURCES_ENV = "OPVOED_RESOURCES"
CACHE_DIR_ENV = "OPVOED_CACHE_DIR"


def shipped_dir(name: str) -> Path:
    """`resources` or `translations` as shipped with this copy of the app.

    An installed package (the wheel) carries both inside itself, read through importlib.resources;
    a PyInstaller bundle keeps them in sys._MEIPASS; in a checkout (also an editable install) they
    are the top-level folders next to the package, where people edit them (setup.py maps them into
    the wheel). One function for all three, so no caller guesses paths.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / name
    packaged = importlib.resources.files(__package__ or "opvoed_desktop") / name
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def resources_dir() -> Path:
    """The folder that holds content/, fonts/ and icons/ (OPVOED_RESOURCES overrides it)."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    return shipped_dir("resources")


def content_dir() -> Path:
    return resources_dir() / "content"


def translations_dir() -> Path:
    return shipped_dir("translations")


@dataclass(frozen=True)
class DataPaths:
    """Every file the app writes lives under `root`; nothing is written anywhere else, except a
    copy of the parsed toolkit content (no personal data) in the user's cache folder when the data
    dir is the default one."""

    root: Path
    cache_root: Path | None = None  # None: `root/cache`

    @property
    def cache(self) -> Path:
        """Throw-away files that only make the next start faster (the parsed toolkit content)."""
        override = os.environ.get(CACHE_DIR_ENV)
        if override:
            return Path(override)
        return self.cache_root if self.cache_root is not None else self.root / "cache"

    @property
    def database(self) -> Path:
        return self.root / "opvoed.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def translations_overlay(self) -> Path:
        return self.root / "translations"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> None:
        """Create the data dir readable by the user alone (notes are personal data).

        An existing folder only loses access for others; it never gains any: a folder the user
        made read-only stays read-only (the app then opens the notes for reading).
        """
        from opvoed_desktop.fileio import make_private_dirs

        make_private_dirs(self.root)
        if not self.root.is_dir():
            raise NotADirectoryError(self.root)
        if os.name == "posix":
            mode = self.root.stat().st_mode & 0o7777
            if mode & 0o077:
                # Not ours to change (another owner, a read-only disk): reading still works.
                with contextlib.suppress(OSError):
                    os.chmod(self.root, mode & 0o700)


def data_paths(cli_value: str | os.PathLike[str] | None = None) -> DataPaths:
    if cli_value:
        return DataPaths(Path(cli_value).expanduser().resolve())
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    from platformdirs import user_cache_dir, user_data_dir

    return DataPaths(Path(user_data_dir(APP_NAME, appauthor=False)), Path(user_cache_dir(APP_NAME, appauthor=False)))
