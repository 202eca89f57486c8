"""Command line: argument parsing and the headless sub-commands of design.md's CLI contract.

A user mistake ends in one sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TextIO

from opvoed_desktop import __version__
from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.paths import DataPaths

# Sub-command modules, in the order `--help` lists them.
COMMAND_MODULES = (
    "opvoed_desktop.services.content_cli",
    "opvoed_desktop.services.storage_cli",
    "opvoed_desktop.services.present_cli",
    "opvoed_desktop.services.handout_cli",
    "opvoed_desktop.services.translations_cli",
    "opvoed_desktop.services.export_cli",
    "opvoed_desktop.crypto_cli",
    "opvoed_desktop.hub.cli",
)


class UserError(AppError):
    """A mistake the user can fix; the message says what is wrong and what to do."""


def _argparse_message(message: str) -> str:
    """argparse speaks English; say its usual complaints in the interface language instead."""
    patterns = (
        (r"the following arguments are required: (.+)", _("dit ontbreekt nog: {0}")),
        (r"argument (\S+): invalid choice: '([^']*)' \(choose from (.+)\)", _("'{1}' kan niet bij {0}; kies uit: {2}")),
        (r"unrecognized arguments: (.+)", _("deze woorden begrijpt de app niet: {0}")),
        (r"argument (\S+): expected one argument", _("{0} heeft een waarde nodig")),
        (r"argument (\S+): invalid int value: '([^']*)'", _("{0} verwacht een heel getal, niet '{1}'")),
        (r"argument (\S+): not allowed with argument (\S+)", _("{0} en {1} gaan niet samen")),
        (r"one of the arguments (.+) is required", _("kies een van: {0}")),
    )
    # argparse names sub-commands by their internal destination; say "opdracht" instead.
    names = {"command": _("opdracht"), "action": _("een vervolgopdracht (zie --help)")}
    for pattern, sentence in patterns:
        match = re.fullmatch(pattern, message)
        if match:
            return sentence.format(*(names.get(g, g.replace("'", "")) for g in match.groups()))
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        message = _argparse_message(message)
        self.exit(2, _("{prog}: {message}. Zie '{prog} --help'.\n").format(prog=self.prog, message=message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="opvoed-desktop",
        description=_("Begeleid bijeenkomsten over formele en informele opvoedondersteuning."),
    )
    parser.add_argument("--version", action="version", version=f"opvoed-desktop {__version__}")
    parser.add_argument("--data-dir", help=_("map voor alle bestanden die de app schrijft"))
    parser.add_argument("--lang", help=_("taal van de app, bijvoorbeeld nl, en of ar"))
    parser.add_argument("--content-dir", help=_("een andere map met inhoud (voor wie inhoud bewerkt)"))
    parser.add_argument("--open", metavar="ID", help=_("open deze bijeenkomst bij het starten, bij de aantekeningen"))
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("controleer of de app op deze computer werkt (inhoud, database, hand-outs, venster), zonder netwerk"),
    )
    from opvoed_desktop import crypto_cli

    crypto_cli.add_global_options(parser)  # --passphrase-file, for every command
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module in _command_modules():
        module.add_parsers(sub)
    return parser


def _command_modules() -> list[ModuleType]:
    """Each module offers `COMMANDS`, `add_parsers(sub)` and `run(args, out, err, ctx)`.

    They import their heavy dependencies inside `run`, so parsing stays fast.
    """
    return [importlib.import_module(name) for name in COMMAND_MODULES]


# Exit status of a run that ended in an error the app did not expect (BSD's EX_SOFTWARE).
UNEXPECTED_EXIT = 70


def run(argv: list[str], out: TextIO | None = None, err: TextIO | None = None, *, hooks: bool = False) -> int:
    """Parse `argv` and run it. `hooks`: this is the process's own run (the entry point), so errors
    outside the main flow (other threads, and in the window Qt's slots) also go to the log."""
    from opvoed_desktop.errorlog import ErrorLog, cli_reporter
    from opvoed_desktop.errors import unexpected_sentence

    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    from opvoed_desktop import crypto_cli

    crypto_cli.apply_global_options(args)
    log = ErrorLog(CliContext(args).data_paths.logs)  # nothing is written unless something goes wrong
    if hooks:
        log.install_hooks(cli_reporter(log))
    try:
        log.attach()  # the app's own log lines (warnings, codes; never note text) go to the same file
        if args.self_test:
            from opvoed_desktop.services.self_test import run_self_test

            return run_self_test(out, err)
        if args.command is None:
            from opvoed_desktop.app import run_gui

            return run_gui(args, log)
        for module in _command_modules():
            if args.command in module.COMMANDS:
                return int(module.run(args, out, err, CliContext(args, err)))
    except UserError as exc:
        print(str(exc), file=err)
        return 1
    except BrokenPipeError:  # `... | head -1`: the reader has what it wanted; not an error
        from opvoed_desktop.pipes import closed_pipe_exit

        return closed_pipe_exit()
    except Exception as exc:  # a bug: the details go to the log, the user gets one sentence
        log.unexpected(exc, f"command {args.command or 'window'}")
        print(unexpected_sentence(log.log_file()), file=err)
        return UNEXPECTED_EXIT
    finally:
        if hooks:
            log.uninstall_hooks()
        log.detach()
    parser.print_help(err)
    return 2


class CliContext:
    """What every command may need, resolved from the global options on first use."""

    def __init__(self, args: argparse.Namespace, err: TextIO | None = None) -> None:
        self.args = args
        self.err = err  # for notices that do not stop the command

    @property
    def content_dir(self) -> Path:
        from opvoed_desktop.paths import content_dir

        return Path(self.args.content_dir) if self.args.content_dir else content_dir()

    @property
    def data_paths(self) -> DataPaths:
        from opvoed_desktop.paths import data_paths

        return data_paths(self.args.data_dir)


def dump_json(value: object, out: TextIO) -> None:
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")
