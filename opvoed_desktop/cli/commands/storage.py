"""`opvoed-desktop meetings list|show ID` (share|unshare: commands/hub.py), `backup [-o FILE]`, `restore FILE`,
`sample-data [--meetings N] | --example`.

SQLAlchemy is imported inside `run` only, so `--help` and other commands stay fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.services.labels import label, sides, statuses

if TYPE_CHECKING:
    from opvoed_desktop.cli import CliContext
    from opvoed_desktop.services.meetings import MeetingService
    from opvoed_desktop.storage import Database


def run(args: argparse.Namespace, out: TextIO, err: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.storage import StorageError

    try:
        if args.command == "meetings":
            return _meetings(args, out, ctx)
        if args.command == "backup":
            return _backup(args, out, ctx)
        if args.command == "restore":
            return _restore(args, out, ctx)
        return _sample_data(args, out, ctx)
    except StorageError as exc:
        print(str(exc), file=err)
        return 1


def _open_for_reading(ctx: CliContext) -> Database:
    """Reading works while the app is open: fall back to a read-only connection."""
    from opvoed_desktop.storage import DatabaseInUseError

    try:
        return open_checked(ctx)
    except DatabaseInUseError:
        return open_checked(ctx, read_only=True)


def open_checked(ctx: CliContext, *, read_only: bool = False, reading: bool = True) -> Database:
    """Open the database for a command; a damaged one is set aside.

    The damage, where the file now is and the command that restores the newest good backup are
    said in the interface language. A command that reads meetings then stops (UserError: exit 1):
    an empty list would look like the truth. One that only adds (`reading=False`: sample data, an
    import) says it and goes on. A damaged log is said, and work goes on.
    """
    from opvoed_desktop.cli import UserError
    from opvoed_desktop.storage import open_database

    db = open_database(ctx.data_paths, read_only=read_only)
    if db.recovered is not None:
        newest = db.recovered.newest_backup
        message = db.recovered.cli_message(restore_command(ctx, newest) if newest is not None else None)
        if reading:
            db.close()
            raise UserError(message)
        if ctx.err is not None:
            print(message, file=ctx.err)
    if db.wal_damage is not None and ctx.err is not None:
        print(db.wal_damage.message, file=ctx.err)
    return db


def restore_command(ctx: CliContext, backup: Path) -> str:
    """The exact command that puts `backup` back, with --data-dir when one was given."""
    import shlex
    import subprocess
    import sys

    words = ["opvoed-desktop"]
    if ctx.args.data_dir:
        words += ["--data-dir", str(ctx.data_paths.root)]
    words += ["restore", str(backup)]
    if sys.platform == "win32":
        return subprocess.list2cmdline(words)
    return " ".join(shlex.quote(word) for word in words)


def _meetings(args: argparse.Namespace, out: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.cli import dump_json
    from opvoed_desktop.services.meetings import MeetingService
    from opvoed_desktop.storage.records import as_dict

    if args.action in ("share", "unshare"):
        from opvoed_desktop.cli.commands.hub import run_share

        return run_share(args, out, ctx)
    with _open_for_reading(ctx) as db:
        service = MeetingService(db)
        if args.action == "list":
            meetings = service.list_meetings(trashed=args.trash)
            if args.json:
                dump_json([as_dict(x) for x in meetings], out)
            else:
                _print_list(meetings, out)
            return 0
        detail = service.get_meeting(service.find_meeting_id(args.id))
        if args.json:
            dump_json(as_dict(detail), out)
        else:
            _print_detail(service, detail, out)
    return 0


def _when(value: Any) -> str:
    return value.strftime("%d-%m-%Y %H:%M") if value else "—"


def _print_list(meetings: list[Any], out: TextIO) -> None:
    for x in meetings:
        sample = "  " + _("[voorbeeld]") if x.is_sample else ""
        print(f"{x.id[:8]}  {_when(x.starts_at)}  {x.title} — {x.venue}, {x.municipality}{sample}", file=out)
    print(ngettext("{n} bijeenkomst", "{n} bijeenkomsten", len(meetings)).format(n=len(meetings)), file=out)


def _print_detail(service: MeetingService, d: Any, out: TextIO) -> None:
    def line(text: str = "") -> None:
        print(text, file=out)

    line(d.title + ("  " + _("[voorbeeld]") if d.is_sample else ""))
    line(_("Datum: {when}").format(when=_when(d.starts_at)))
    line(_("Locatie: {venue}, {municipality}").format(venue=d.venue, municipality=d.municipality))
    line(_("Begeleider: {name}").format(name=d.facilitator))
    line(_("Talen: {langs}").format(langs=", ".join(d.languages)))
    line(_("Deelnemers"))
    for p in d.participants:
        line(f"  {label(sides(), p.side)}: {p.count} ({p.organisations})")
    line(_("Agenda en notities"))
    for item in d.agenda:
        line(f"  {item.position}. {item.title} ({item.planned_minutes} min)")
        for note in d.notes_for(item.id):
            line(f"     - {note.text}")
    general = d.notes_for(None)
    if general:
        line(_("Algemene notities"))
        for note in general:
            line(f"  - {note.text}")
    sections = [
        (_("Krachten"), [f"{label(sides(), s.side)}: {s.text}" for s in d.strengths]),
        (
            _("Afspraken"),
            [
                f"{a.what} — {a.party}, {a.due or a.due_text or '—'} [{label(statuses(), a.status)}]"
                for a in d.agreements
            ],
        ),
        (_("Wensen"), [w.text for w in d.wishes]),
        (_("Evaluatie"), [f"{e.respondent_group}: {e.score}/5 {e.remark}" for e in d.evaluations]),
    ]
    for title, entries in sections:
        line(title)
        for entry in entries:
            line(f"  - {entry}")


def _backup(args: argparse.Namespace, out: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.storage import CorruptDatabaseError, DatabaseIsFolderError, StorageError, backup
    from opvoed_desktop.storage import engine as sqlite_files

    paths = ctx.data_paths
    state = sqlite_files.inspect_file(paths.database)
    if state.kind == "missing":
        raise StorageError(_("Er is nog geen database in {path}; er valt niets te bewaren.").format(path=paths.root))
    if state.kind == "folder":
        raise DatabaseIsFolderError(paths.database)
    damaged = StorageError(
        _(
            "Het gegevensbestand {name} is beschadigd, dus er is geen reservekopie van gemaakt; "
            "de bestaande reservekopieën blijven bewaard."
        ).format(name=paths.database.name)
    )
    if state.kind == "corrupt":
        raise damaged
    # The backup API reads a consistent snapshot, so this works while the app is open. Every
    # copy is checked before it gets its name: a damaged database is never stored as a backup.
    try:
        target = (
            backup.export_backup(paths, Path(args.output))
            if args.output
            else backup.create_backup(paths, reason="manual")
        )
    except CorruptDatabaseError:
        raise damaged from None
    print(_("Reservekopie gemaakt: {path}").format(path=target), file=out)
    return 0


def _restore(args: argparse.Namespace, out: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.storage import open_database

    source = Path(args.file).expanduser()
    if not source.is_file():
        from opvoed_desktop.storage import InvalidBackupError

        raise InvalidBackupError(source)
    with open_database(ctx.data_paths) as db:
        previous = db.restore(source)
    print(_("Reservekopie {source} teruggezet.").format(source=source.name), file=out)
    if previous is not None:
        print(_("De vorige gegevens staan in {path}.").format(path=previous), file=out)
    return 0


def _sample_data(args: argparse.Namespace, out: TextIO, ctx: CliContext) -> int:
    from opvoed_desktop.services.sample_data import generate

    if args.example:
        from opvoed_desktop.content import load_library
        from opvoed_desktop.services.meetings import MeetingService
        from opvoed_desktop.services.worked_example import TITLE, load_worked_example

        with open_checked(ctx, reading=False) as db:
            meeting_id = load_worked_example(MeetingService(db), load_library(ctx.content_dir))
        print(_("Voorbeeld geladen: {title} ({id}).").format(title=TITLE, id=meeting_id[:8]), file=out)
        return 0

    with open_checked(ctx, reading=False) as db:
        counts = generate(db, args.meetings, notes_per_meeting=args.notes_per_meeting)
    print(
        ngettext("{n} voorbeeldbijeenkomst", "{n} voorbeeldbijeenkomsten", counts.meetings).format(n=counts.meetings)
        + " "
        + ngettext("met {n} notitie gemaakt.", "met {n} notities gemaakt.", counts.notes).format(n=counts.notes),
        file=out,
    )
    return 0
