"""`opvoed-desktop present --programme ID | --meeting ID`: open straight into presenting.

Checks everything it can before Qt starts, so a wrong id is one clear sentence, not a window.
SQLAlchemy is only imported for `--meeting`, keeping the programme path fast to launch.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from opvoed_desktop.cli import CliContext
    from opvoed_desktop.services.context import AppContext


def run(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.display import has_display
    from opvoed_desktop.services.presenting import AgendaPlan

    services = ctx.build_services()
    _check_screen_language(args.screen_lang, services)
    if args.programme:
        programme = services.library.get(args.programme)
        if programme is None or programme.kind != "programme":
            known = ", ".join(p.id for p in services.library.programmes())
            raise UserError(
                _("Er is geen programma '{id}'; kies een van: {known}.").format(id=args.programme, known=known)
            )
        plan = AgendaPlan.from_programme(programme, services.library)  # type: ignore[arg-type]
        if not has_display():
            raise UserError(_("Er is geen beeldscherm gevonden; presenteren kan alleen op een bureaublad."))
        from opvoed_desktop.ui.present_app import run_presenting

        # What is typed goes into a meeting made and named just after the first slide is up.
        return run_presenting(
            services,
            plan.items,
            sys.argv[:1],
            audience_screen=args.screen,
            room_language=args.screen_lang,
            programme_id=programme.id,
        )
    return _present_meeting(args, services, ctx)


def _check_screen_language(code: str, services: AppContext) -> None:
    """A language without a content catalog is one clear sentence, before any window opens."""
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.paths import translations_dir
    from opvoed_desktop.services.presenting.room_language import is_room_language, room_languages

    overlay = services.data.translations_overlay
    if not is_room_language(code, translations_dir(), overlay):
        known = ", ".join(c for c, _name in room_languages(translations_dir(), overlay))
        raise UserError(
            _("Voor de taal '{code}' is er geen vertaling van de inhoud; kies een van: {known}.").format(
                code=code, known=known
            )
        )


def _present_meeting(args: argparse.Namespace, services: object, ctx: CliContext) -> int:
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.display import has_display
    from opvoed_desktop.services.meetings import MeetingService
    from opvoed_desktop.services.presenting.meeting_show import meeting_show
    from opvoed_desktop.storage import StorageError

    try:
        with open_checked(ctx) as db:
            service = MeetingService(db)
            shown = meeting_show(service, service.find_meeting_id(args.meeting))
            if not shown.items:
                raise UserError(
                    _("De bijeenkomst '{title}' heeft nog geen agenda; kies eerst een programma.").format(
                        title=shown.title
                    )
                )
            if not has_display():
                raise UserError(_("Er is geen beeldscherm gevonden; presenteren kan alleen op een bureaublad."))
            from opvoed_desktop.ui.present_app import run_presenting

            notes, recorder = shown.sinks(service)
            return run_presenting(
                services,
                shown.items,
                sys.argv[:1],
                notes=notes,
                recorder=recorder,
                audience_screen=args.screen,
                room_language=args.screen_lang,
                shown=shown,
            )
    except StorageError as exc:
        raise UserError(str(exc)) from exc
