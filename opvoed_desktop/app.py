"""Composition root: resolve paths and language, load the content, build the application context,
then start the window or a command.

Kept free of Qt so that the order of start-up is readable and testable; the UI import is the
last step and only happens when a window is wanted. Nothing below imports this module.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from opvoed_desktop.display import has_display
from opvoed_desktop.i18n import Translator, _, speaking
from opvoed_desktop.paths import content_dir, data_paths, translations_dir
from opvoed_desktop.services.context import AppContext, Storage, open_storage
from opvoed_desktop.services.languages import MOSTLY_TRANSLATED, Languages, choose_content_language, content_lookup

if TYPE_CHECKING:
    from opvoed_desktop.errorlog import ErrorLog

__all__ = [
    "MOSTLY_TRANSLATED",
    "AppContext",
    "Storage",
    "build_services",
    "choose_content_language",
    "content_lookup",
    "has_display",
    "main",
    "open_storage",
    "run_gui",
]


def build_services(data_dir: str | None = None, lang: str | None = None, content: Path | None = None) -> AppContext:
    """The application context for these global options: translator, library, reading language."""
    data = data_paths(data_dir)
    if lang is None and os.environ.get("OPVOED_LANG"):
        lang = os.environ["OPVOED_LANG"]
    if lang is None:
        from opvoed_desktop.settings import Settings

        lang = Settings.load(data).ui_language
    translator = Translator.load(lang or "nl", translations_dir(), overlay_dir=data.translations_overlay)
    from opvoed_desktop.content.cache import load_library

    with speaking(translator):  # the content's problems are sentences in the interface language
        library = load_library(content or content_dir(), data.cache)  # parsed last time, when unchanged
    # The context speaks `translator` from here until it is closed (services/languages.py).
    return AppContext(library=library, data=data, languages=Languages.start(data, library, translator))


def run_gui(args: argparse.Namespace, log: ErrorLog | None = None) -> int:
    if not has_display():
        print(
            _(
                "Er is geen beeldscherm gevonden; start de app op een bureaublad, "
                "of gebruik de opdrachten van 'opvoed-desktop --help'."
            ),
            file=sys.stderr,
        )
        return 1
    services = build_services(args.data_dir, args.lang, Path(args.content_dir) if args.content_dir else None)
    services = replace(services, open_meeting=getattr(args, "open", None))
    if services.open_meeting:
        # The first paint is that meeting's note, where the user types at once: it needs the notes.
        open_storage(services)  # makes the data dir when it can; says why in one sentence when not
    else:
        # The window opens the database right after its first paint, on a thread.
        services.storage.deferred = True
    from opvoed_desktop.ui.application import run

    try:
        return run(services, sys.argv[:1], log)
    finally:
        # The notes only: the process ends in the language it ran in, so its last sentence (an
        # unexpected error, printed by main) is in that language too.
        services.storage.close()


def main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None, *, hooks: bool = False) -> int:
    """Parse `argv` and run it: the window, the self-test or a command. `hooks`: this is the process's
    own run (the entry point), so errors outside the main flow (other threads, and in the window Qt's
    slots) also go to the log."""
    from opvoed_desktop.cli import UserError, run_command
    from opvoed_desktop.cli.parser import build_parser
    from opvoed_desktop.errorlog import ErrorLog, cli_reporter
    from opvoed_desktop.errors import UNEXPECTED_EXIT
    from opvoed_desktop.messages import unexpected_sentence

    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    from opvoed_desktop import crypto_cli

    crypto_cli.apply_global_options(args)
    log = ErrorLog(data_paths(args.data_dir).logs)  # nothing is written unless something goes wrong
    if hooks:
        log.install_hooks(cli_reporter(log))
    try:
        log.attach()  # the app's own log lines (warnings, codes; never note text) go to the same file
        if args.self_test:
            from opvoed_desktop.cli.self_test import run_self_test

            return run_self_test(out, err, build=build_services)
        if args.command is None:
            return run_gui(args, log)
        return run_command(args, out, err, build_services)
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
