"""Where things live: bundled resources (dev tree or frozen bundle) and the user's data dir."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from opvoed_desktop import APP_NAME

DATA_DIR_ENV = "OPVOED_DATA_DIR"
RESOURCES_ENV = "OPVOED_RESOURCES"


def resources_dir() -> Path:
    """The folder that holds content/, icons/ and styles/.

    One function for dev checkouts and PyInstaller bundles, so no caller guesses paths.
    """
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def content_dir() -> Path:
    return resources_dir() / "content"


def translations_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "translations"
    return Path(__file__).resolve().parent.parent / "translations"


@dataclass(frozen=True)
class DataPaths:
    """Every file the app writes lives under `root`; nothing is written anywhere else."""

    root: Path

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
        """Create the data dir readable by the user alone (notes are personal data)."""
        self.root.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(self.root, 0o700)


def data_paths(cli_value: str | os.PathLike[str] | None = None) -> DataPaths:
    if cli_value:
        return DataPaths(Path(cli_value).expanduser().resolve())
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    from platformdirs import user_data_dir

    return DataPaths(Path(user_data_dir(APP_NAME, appauthor=False)))
