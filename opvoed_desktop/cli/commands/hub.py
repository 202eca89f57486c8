"""`opvoed-desktop hub init|connect|forget|overview`, `sync [--hub URL] [--json]`, and the
`meetings share|unshare ID…|--all` actions (the meetings command in storage.py hands them here).

The password: in the URL for a one-off (it then shows in the process list, so not recommended),
else from the OS keyring, else asked on the terminal (and kept in the keyring with
`--save-password`). It is never written to a file. (libpq's own PGPASSWORD also works, for scripts.)

SQLAlchemy and the hub's modules are imported inside the functions, so parsing stays fast.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, TextIO

from opvoed_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from opvoed_desktop.cli import CliContext
    from opvoed_desktop.hub.connection import HubAddress


def run(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.storage import StorageError

    try:
        if args.command == "sync":
            return _sync(args, out, err, ctx)
        if args.action == "init":
            return _init(args, out, err)
        if args.action == "connect":
            return _connect(args, out, err, ctx)
        if args.action == "forget":
            return _forget(out, ctx)
        return _overview(args, out, err, ctx)
    except StorageError as exc:
        print(str(exc), file=err)
        return 1


def run_share(args: argparse.Namespace, out: TextIO, ctx: CliContext) -> int:
    """`meetings share|unshare ID…|--all`."""
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.services.meetings import MeetingService
    from opvoed_desktop.services.sharing import set_shared

    if bool(args.ids) == bool(args.all):
        raise UserError(_("Noem de bijeenkomsten (hun nummers) of kies --all"))
    with open_checked(ctx) as db:
        service = MeetingService(db)
        ids = None if args.all else [service.find_meeting_id(key) for key in args.ids]
        changed = set_shared(db, ids, args.action == "share")
    if args.action == "share":
        message = ngettext(
            "{n} bijeenkomst wordt gedeeld met de organisatie.",
            "{n} bijeenkomsten worden gedeeld met de organisatie.",
            changed,
        )
    else:
        message = ngettext(
            "{n} bijeenkomst wordt niet meer gedeeld.", "{n} bijeenkomsten worden niet meer gedeeld.", changed
        )
    print(message.format(n=changed), file=out)
    return 0


# --- connecting -----------------------------------------------------------------------------------


def _address(text: str, args: argparse.Namespace) -> tuple[HubAddress, str | None]:
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.hub.connection import HubUrlError, parse

    try:
        return parse(text, ca_file=args.ca_file, verify_full=args.verify_full)
    except HubUrlError as exc:
        raise UserError(str(exc)) from None


def open_hub(text: str, args: argparse.Namespace, err: TextIO) -> tuple[HubAddress, Engine]:
    """An engine for the hub that has been reached once: password from the URL, the keyring, or
    asked on the terminal. Unreachable or refused: a UserError saying so."""
    from sqlalchemy.exc import OperationalError

    from opvoed_desktop.cli import UserError
    from opvoed_desktop.hub import connection

    address, password = _address(text, args)
    password = password or connection.keyring_password(address)
    asked = False
    while True:
        engine = connection.engine(address, password)
        try:
            with engine.connect():
                pass
        except OperationalError as exc:
            engine.dispose()
            if connection.is_auth_failure(exc) and sys.stdin.isatty() and not asked:
                try:
                    password = getpass.getpass(
                        _("Wachtwoord voor {who}: ").format(who=address.keyring_user), stream=err
                    )
                except (EOFError, KeyboardInterrupt):
                    password = None  # nothing typed: say the refusal below
                asked = True
                if password:
                    continue
            if connection.is_auth_failure(exc):
                raise UserError(
                    _("De hub weigert de aanmelding van {who}: het wachtwoord ontbreekt of klopt niet.").format(
                        who=address.keyring_user
                    )
                ) from None
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else ""
            raise UserError(
                _("De hub {url} is niet bereikbaar ({reason}); er is niets veranderd.").format(
                    url=address.display, reason=reason
                )
            ) from None
        if password and getattr(args, "save_password", False) and not connection.save_password(address, password):
            print(_("Er is geen sleutelbos op dit systeem; de app vraagt het wachtwoord elke keer."), file=err)
        return address, engine


def _init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from opvoed_desktop.hub.identity import init_hub

    address, engine = open_hub(args.url, args, err)
    try:
        init_hub(engine)
    finally:
        engine.dispose()
    print(_("De hub {url} is klaar voor gebruik.").format(url=address.display), file=out)
    return 0


def _connect(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from sqlalchemy.exc import OperationalError

    from opvoed_desktop.cli import UserError
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.hub.identity import DEVICE_NAME_KEY, HUB_URL_KEY, HubError, hub_identity
    from opvoed_desktop.services.sharing import SHARE_NEW_KEY
    from opvoed_desktop.storage.sync_state import set_state

    address, engine = open_hub(args.url, args, err)
    try:
        hub_identity(engine)
    except HubError as exc:
        raise UserError(exc.sentence()) from None
    except OperationalError:
        raise UserError(_("De verbinding met de hub viel weg; er is niets veranderd.")) from None
    finally:
        engine.dispose()
    with open_checked(ctx) as db, db.write() as session:
        set_state(session.connection(), HUB_URL_KEY, address.display)
        if args.name:
            set_state(session.connection(), DEVICE_NAME_KEY, args.name)
        if args.share_new:
            set_state(session.connection(), SHARE_NEW_KEY, "1" if args.share_new == "yes" else "0")
    print(_("Deze laptop is verbonden met {url}.").format(url=address.display), file=out)
    return 0


def _forget(out: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.hub import connection
    from opvoed_desktop.hub.identity import HUB_URL_KEY, stored_url
    from opvoed_desktop.storage.sync_state import forget_state

    with open_checked(ctx) as db:
        url = stored_url(db)
        if url:
            try:
                address, _password = connection.parse(url)
                connection.forget_password(address)
            except connection.HubUrlError:
                pass
        forget_state(db, HUB_URL_KEY)
    print(_("Deze laptop is niet meer verbonden met een hub."), file=out)
    return 0


# --- syncing --------------------------------------------------------------------------------------


def _sync(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from sqlalchemy.exc import OperationalError

    from opvoed_desktop.cli import UserError, dump_json
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.hub.identity import HubError, device_name, stored_url
    from opvoed_desktop.hub.results import summary
    from opvoed_desktop.hub.sync import Sync

    with open_checked(ctx, reading=False) as db:
        url = args.hub or stored_url(db)
        if not url:
            raise UserError(_("Er is geen hub ingesteld; geef --hub postgresql://… of 'opvoed-desktop hub connect'."))
        _hub_address, engine = open_hub(url, args, err)
        name = device_name(db)
        try:
            result = Sync(db, engine, device_name=name).run()
        except HubError as exc:
            raise UserError(exc.sentence()) from None
        except OperationalError:
            # What was committed stays on both sides; the next sync goes on from there.
            raise UserError(
                _("De verbinding met de hub viel weg. Er is niets kwijt; synchroniseer later opnieuw.")
            ) from None
        except KeyboardInterrupt:
            # Ctrl+C, also while the hub does not answer (psycopg cancels the query): the same as
            # the window's "Stoppen", a sentence rather than a traceback.
            raise UserError(_("Gestopt. Wat al over was blijft; de volgende synchronisatie gaat verder.")) from None
        finally:
            engine.dispose()
    if args.json:
        dump_json(result.as_dict(), out)
    else:
        print(summary(result), file=out)
    return 0


# --- overview -------------------------------------------------------------------------------------


def _overview(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from pathlib import Path

    from opvoed_desktop.cli import UserError, dump_json
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.hub.identity import stored_url
    from opvoed_desktop.hub.overview import overview, write_pdf

    if args.local:
        with open_checked(ctx) as db, db.session() as session:
            rows = overview(session.connection(), period=args.period)
        source = _("Bijeenkomsten op deze laptop")
    else:
        url = args.hub
        if not url:
            with open_checked(ctx) as db:
                url = stored_url(db)
        if not url:
            raise UserError(_("Er is geen hub ingesteld; geef --hub postgresql://… of kies --local."))
        address, engine = open_hub(url, args, err)
        try:
            with engine.connect() as conn:
                rows = overview(conn, period=args.period)
        finally:
            engine.dispose()
        source = _("Alle gedeelde bijeenkomsten op de hub {url}").format(url=address.display)
    if args.pdf:
        write_pdf(rows, Path(args.pdf), title=_("Overzicht van de organisatie"), source=source)
        print(_("Overzicht geschreven naar {path}").format(path=args.pdf), file=out)
    elif args.json:
        dump_json([r.as_dict() for r in rows], out)
    else:
        for r in rows:
            people = ", ".join(f"{side} {n}" for side, n in sorted(r.participants.items()))
            print(
                f"{r.municipality or '—'}\t{r.period or '—'}\t{r.meetings}\t{people}\t"
                f"{r.agreements_open}/{r.agreements_done}",
                file=out,
            )
    return 0
