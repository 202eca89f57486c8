"""The command line: its grammar (parser.py) and one module per group of sub-commands (commands/).

A command's module is imported only when that command runs (`run_command`), so parsing stays fast.
The composition root (opvoed_desktop.app.main) parses, sets up the error log and calls in here; a
user mistake ends in one sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from opvoed_desktop.errors import UNEXPECTED_EXIT, AppError

if TYPE_CHECKING:
    from opvoed_desktop.paths import DataPaths
    from opvoed_desktop.services.context import AppContext

__all__ = ["COMMANDS", "UNEXPECTED_EXIT", "BuildServices", "CliContext", "UserError", "dump_json", "run_command"]

# Sub-command → the module under cli/commands/ that runs it (each offers `run(args, out, err, ctx)`).
COMMANDS = {
    "content": "content",
    "meetings": "storage",
    "backup": "storage",
    "restore": "storage",
    "sample-data": "storage",
    "present": "present",
    "handout": "handouts",
    "translations": "translations",
    "export": "export",
    "import": "export",
    "hub": "hub",
    "sync": "hub",
    # Modules outside cli/commands/, named in full.
    "encrypt": "opvoed_desktop.crypto_cli",
    "decrypt": "opvoed_desktop.crypto_cli",
    "change-passphrase": "opvoed_desktop.crypto_cli",
    "recover": "opvoed_desktop.crypto_cli",
}


class UserError(AppError):
    """A mistake the user can fix; the message says what is wrong and what to do."""


# Builds the application context from the global options (data dir, language, content dir); given by
# the composition root, so that a command needing the whole context does not import app.
BuildServices = Callable[[str | None, str | None, Path | None], "AppContext"]


class CliContext:
    """What every command may need, resolved from the global options on first use."""

    def __init__(self, args: argparse.Namespace, err: TextIO | None = None, build: BuildServices | None = None) -> None:
        self.args = args
        self.err = err  # for notices that do not stop the command
        self._build = build

    @property
    def content_dir(self) -> Path:
        from opvoed_desktop.paths import content_dir

        return Path(self.args.content_dir) if self.args.content_dir else content_dir()

    @property
    def data_paths(self) -> DataPaths:
        from opvoed_desktop.paths import data_paths

        return data_paths(self.args.data_dir)

    def build_services(self) -> AppContext:
        """The whole application context (translator, library, reading language), as a window gets it."""
        if self._build is None:
            raise RuntimeError("this command needs the application context; run it through opvoed_desktop.app.main")
        return self._build(self.args.data_dir, self.args.lang, self.content_dir)


def run_command(args: argparse.Namespace, out: TextIO, err: TextIO, build: BuildServices | None = None) -> int:
    """Run the sub-command `args.command` (parsed by cli.parser.build_parser)."""
    name = COMMANDS[args.command]
    module = importlib.import_module(name if "." in name else f"opvoed_desktop.cli.commands.{name}")
    return int(module.run(args, out, err, CliContext(args, err, build)))


def dump_json(value: object, out: TextIO) -> None:
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")
