"""`opvoed-desktop handout KIND --lang L [--bilingual nl] [--large] [--meeting ID] -o FILE.pdf`
and `opvoed-desktop handout KIND --all-languages -o DIR`."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.cli import CliContext
    from opvoed_desktop.services.handouts import HandoutRequest


def run(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    # No cyclic garbage collection while the hand-outs are made: the imports and the text engine
    # make hundreds of thousands of objects that live to the end of the run, which the collector
    # would walk again and again (4 % of a fresh hand-out's instructions, callgrind), while what
    # it would free is small (peak memory of all twelve languages 87.5 MB with it, 89.3 without).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args, out, err, ctx)
    finally:
        if enabled:
            gc.enable()


def _run(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.content.cache import load_library
    from opvoed_desktop.paths import translations_dir
    from opvoed_desktop.process_end import allow_quick_end
    from opvoed_desktop.services.handouts import HandoutError, HandoutRequest, HandoutService, normalise_kind

    try:
        kind = normalise_kind(args.kind)
        paths = ctx.data_paths
        library = load_library(ctx.content_dir, paths.cache)  # parsed last time, when unchanged
        service = HandoutService(library, translations_dir(), paths.translations_overlay)
        request = HandoutRequest(
            kind=kind,
            lang=args.lang or "nl",
            bilingual=args.bilingual,
            large=args.large,
            municipality=args.gemeente,
            start=args.start,
        )
        if args.meeting:
            request = _with_meeting(request, args.meeting, ctx, service)
        target = Path(args.output)
        if args.all_languages:
            from opvoed_desktop.cli.commands.handouts_two import write_all

            for path in write_all(service, request, target):  # on two cores when that helps
                print(path, file=out)
            allow_quick_end()
            return 0
        result = service.write(request, target)
    except HandoutError as exc:
        raise UserError(str(exc)) from exc
    # Every file is written and closed, the notes (--meeting) closed again: nothing for the
    # interpreter's teardown to finish (process_end.py).
    allow_quick_end()
    print(result.path, file=out)
    if result.tally.needs_notice:
        print(
            _("Let op: conceptvertaling ({draft} concept, {missing} in het Nederlands).").format(
                draft=result.tally.draft, missing=result.tally.missing
            ),
            file=err,
        )
    return 0


def _with_meeting(request: HandoutRequest, key: str, ctx: CliContext, service: object) -> HandoutRequest:
    from opvoed_desktop.services.handouts import HandoutError, from_meeting
    from opvoed_desktop.storage.errors import StorageError

    try:
        from opvoed_desktop.cli.commands.storage import _open_for_reading
        from opvoed_desktop.services.meetings import MeetingService

        with _open_for_reading(ctx) as db:
            meetings = MeetingService(db)
            return from_meeting(request, meetings, meetings.find_meeting_id(key))
    except StorageError as exc:
        raise HandoutError(str(exc)) from exc
