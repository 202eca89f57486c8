"""`opvoed-desktop hub init|connect|forget|overview`, `sync [--hub URL] [--json]`, and the
`meetings share|unshare ID…|--all` actions (added to the meetings command by storage_cli).

The password: in the URL for a one-off (it then shows in the process list, so not recommended),
else from the OS keyring, else asked on the terminal (and kept in the keyring with
`--save-password`). It is never written to a file. (libpq's own PGPASSWORD also works, for scripts.)
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sys
from typing import TYPE_CHECKING, TextIO

from opvoed_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from opvoed_desktop.cli import CliContext
    from opvoed_desktop.hub.connection import HubAddress
    from opvoed_desktop.storage import Database

COMMANDS = ("hub", "sync")
HUB_URL_KEY = "hub_url"
DEVICE_NAME_KEY = "device_name"


def _tls_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ca-file", help=_("CA-certificaat waarmee de app de server van de hub controleert"))
    parser.add_argument(
        "--verify-full",
        action="store_true",
        help=_("controleer ook de servernaam in het certificaat (sslmode=verify-full)"),
    )
    parser.add_argument(
        "--save-password", action="store_true", help=_("bewaar het wachtwoord in de sleutelbos van het systeem")
    )


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hub = sub.add_parser("hub", help=_("de hub van de organisatie (PostgreSQL) instellen"))
    actions = hub.add_subparsers(dest="action", required=True)
    init = actions.add_parser("init", help=_("maak de tabellen aan in een lege database (voor de beheerder)"))
    init.add_argument("--url", required=True, help=_("adres van de hub: postgresql://gebruiker@server/database"))
    _tls_options(init)
    connect = actions.add_parser("connect", help=_("verbind deze laptop met de hub"))
    connect.add_argument("--url", required=True, help=_("adres van de hub: postgresql://gebruiker@server/database"))
    connect.add_argument("--name", help=_("naam van deze laptop voor collega's (anders de computernaam)"))
    connect.add_argument(
        "--share-new",
        choices=("yes", "no"),
        help=_("nieuwe bijeenkomsten op deze laptop meteen delen met de organisatie (standaard: no)"),
    )
    _tls_options(connect)
    actions.add_parser("forget", help=_("verbreek de verbinding en vergeet het bewaarde wachtwoord"))
    overview = actions.add_parser("overview", help=_("overzicht van de hele organisatie: alleen aantallen"))
    overview.add_argument("--hub", help=_("adres van de hub (anders het bewaarde adres)"))
    overview.add_argument(
        "--period", choices=("quarter", "year"), default="quarter", help=_("per kwartaal of per jaar")
    )
    overview.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    overview.add_argument("--pdf", metavar="FILE", help=_("schrijf het overzicht als PDF"))
    overview.add_argument("--local", action="store_true", help=_("tel alleen de bijeenkomsten op deze laptop"))
    _tls_options(overview)

    sync = sub.add_parser("sync", help=_("synchroniseer met de hub van de organisatie"))
    sync.add_argument("--hub", help=_("adres van de hub (anders het bewaarde adres)"))
    sync.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    _tls_options(sync)


def add_meeting_actions(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`meetings share|unshare`: hooked into storage_cli's meetings command."""
    for name, helptext in (
        ("share", _("deel bijeenkomsten met de organisatie (bij de volgende synchronisatie)")),
        ("unshare", _("deel bijeenkomsten niet meer met de organisatie")),
    ):
        parser = actions.add_parser(name, help=helptext)
        parser.add_argument("ids", nargs="*", metavar="ID", help=_("nummer van de bijeenkomst (het begin is genoeg)"))
        parser.add_argument("--all", action="store_true", help=_("alle bijeenkomsten (nooit voorbeelden)"))


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


def run_meetings(args: argparse.Namespace, out: TextIO, ctx: CliContext) -> int:
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


def _hub_error(code: str) -> str:
    if code == "other_version":
        return _("De hub heeft een andere versie dan deze app; vraag de beheerder om 'opvoed-desktop hub init'.")
    return _("Deze database is (nog) geen hub; de beheerder maakt hem aan met 'opvoed-desktop hub init --url …'.")


def _init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from opvoed_desktop.hub.identity import init_hub

    address, engine = open_hub(args.url, args, err)
    try:
        init_hub(engine)
    finally:
        engine.dispose()
    print(_("De hub {url} is klaar voor gebruik.").format(url=address.display), file=out)
    return 0


def _stored_url(db: Database) -> str | None:
    from opvoed_desktop.storage.sync_state import get_state

    with db.session() as session:
        return get_state(session.connection(), HUB_URL_KEY)


def _connect(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.hub.identity import HubError, hub_identity
    from opvoed_desktop.services.sharing import SHARE_NEW_KEY
    from opvoed_desktop.storage.sync_state import set_state

    address, engine = open_hub(args.url, args, err)
    try:
        hub_identity(engine)
    except HubError as exc:
        raise UserError(_hub_error(str(exc))) from None
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
    from sqlalchemy import delete

    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.hub import connection
    from opvoed_desktop.storage import models as m

    with open_checked(ctx) as db:
        url = _stored_url(db)
        if url:
            try:
                address, _password = connection.parse(url)
                connection.forget_password(address)
            except connection.HubUrlError:
                pass
        with db.write() as session:
            session.execute(delete(m.SyncState).where(m.SyncState.key == HUB_URL_KEY))
    print(_("Deze laptop is niet meer verbonden met een hub."), file=out)
    return 0


# --- syncing --------------------------------------------------------------------------------------


def _sync(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from sqlalchemy.exc import OperationalError

    from opvoed_desktop.cli import UserError, dump_json
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.hub.identity import HubError
    from opvoed_desktop.hub.sync import Sync
    from opvoed_desktop.storage.sync_state import get_state

    with open_checked(ctx, reading=False) as db:
        url = args.hub or _stored_url(db)
        if not url:
            raise UserError(_("Er is geen hub ingesteld; geef --hub postgresql://… of 'opvoed-desktop hub connect'."))
        _hub_address, engine = open_hub(url, args, err)
        with db.session() as session:
            name = get_state(session.connection(), DEVICE_NAME_KEY) or socket.gethostname()
        try:
            result = Sync(db, engine, device_name=name).run()
        except HubError as exc:
            raise UserError(_hub_error(str(exc))) from None
        except OperationalError:
            # What was committed stays on both sides; the next sync goes on from there.
            raise UserError(
                _("De verbinding met de hub viel weg. Er is niets kwijt; synchroniseer later opnieuw.")
            ) from None
        finally:
            engine.dispose()
    if args.json:
        dump_json(result.as_dict(), out)
    else:
        from opvoed_desktop.hub.results import summary  # SQLAlchemy: only when a sync ran, never at parse time

        print(summary(result), file=out)
    return 0


# --- overview -------------------------------------------------------------------------------------


def _overview(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from pathlib import Path

    from opvoed_desktop.cli import UserError, dump_json
    from opvoed_desktop.cli.commands.storage import open_checked
    from opvoed_desktop.hub.overview import overview, write_pdf

    if args.local:
        with open_checked(ctx) as db, db.session() as session:
            rows = overview(session.connection(), period=args.period)
        source = _("Bijeenkomsten op deze laptop")
    else:
        url = args.hub
        if not url:
            with open_checked(ctx) as db:
                url = _stored_url(db)
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
