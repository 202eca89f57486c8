"""The command line's grammar: every option and sub-command, in the interface language.

Only the grammar: what a command does lives in cli/commands/, imported when that command runs, so
`--help` and a mistyped option stay fast and never load SQLAlchemy, reportlab or Qt.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any, TypeAlias

from opvoed_desktop import __version__
from opvoed_desktop.i18n import _

_Sub: TypeAlias = "argparse._SubParsersAction[Any]"


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
    sub: _Sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    # In the order `--help` lists them.
    for add in (_content, _storage, _present, _handouts, _translations, _export):
        add(sub)
    # Encryption keeps its grammar beside its commands (it arrived as a module of its own, which
    # imports only argparse and the translator at the top, like this one).
    crypto_cli.add_parsers(sub)
    _hub(sub)
    return parser


def _content(sub: _Sub) -> None:
    content = sub.add_parser("content", help=_("inhoud van de toolkit controleren of tonen"))
    content_sub = content.add_subparsers(dest="action", required=True)
    content_sub.add_parser("check", help=_("controleer alle inhoudsbestanden"))
    listing = content_sub.add_parser("list", help=_("toon delen, oefeningen en pagina's"))
    listing.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))


def _storage(sub: _Sub) -> None:
    meetings = sub.add_parser("meetings", help=_("bijeenkomsten tonen"))
    actions = meetings.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help=_("alle bijeenkomsten, nieuwste eerst"))
    listing.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    listing.add_argument("--trash", action="store_true", help=_("toon de prullenbak"))
    show = actions.add_parser("show", help=_("één bijeenkomst met alle notities"))
    show.add_argument("id", help=_("nummer van de bijeenkomst (het begin is genoeg)"))
    show.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    for name, helptext in (  # the organisation's hub (commands/hub.py runs them)
        ("share", _("deel bijeenkomsten met de organisatie (bij de volgende synchronisatie)")),
        ("unshare", _("deel bijeenkomsten niet meer met de organisatie")),
    ):
        parser = actions.add_parser(name, help=helptext)
        parser.add_argument("ids", nargs="*", metavar="ID", help=_("nummer van de bijeenkomst (het begin is genoeg)"))
        parser.add_argument("--all", action="store_true", help=_("alle bijeenkomsten (nooit voorbeelden)"))

    backup = sub.add_parser("backup", help=_("maak een reservekopie van de database"))
    backup.add_argument("-o", "--output", help=_("bestand voor de kopie (anders de vaste map)"))
    restore = sub.add_parser("restore", help=_("zet een reservekopie terug"))
    restore.add_argument("file", help=_("de reservekopie"))

    sample = sub.add_parser("sample-data", help=_("maak voorbeeldbijeenkomsten om te oefenen"))
    sample.add_argument("--meetings", type=_count, default=25, help=_("aantal bijeenkomsten"))
    sample.add_argument("--notes-per-meeting", type=_count, default=50, help=_("notities per bijeenkomst"))
    sample.add_argument(
        "--example",
        action="store_true",
        help=_("laad alleen het uitgewerkte voorbeeld: de verzonnen gemeente Lindewaard met de oefeningen A–G"),
    )


def _hub(sub: _Sub) -> None:
    """`hub init|connect|forget|overview` and `sync`: the organisation's hub (docs/hub.md)."""
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


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(_("geef een heel getal van 0 of meer"))
    return number


def _present(sub: _Sub) -> None:
    present = sub.add_parser("present", help=_("meteen presenteren: een programma of een bijeenkomst"))
    which = present.add_mutually_exclusive_group(required=True)
    which.add_argument("--programme", metavar="ID", help=_("een programma, bijvoorbeeld programma-dagdeel"))
    which.add_argument("--meeting", metavar="ID", help=_("een bijeenkomst (het begin van het nummer is genoeg)"))
    present.add_argument("--screen", metavar="NAAM", help=_("het scherm voor de zaal, bijvoorbeeld HDMI-1"))
    present.add_argument(
        "--screen-lang",
        metavar="TAAL",
        default="nl",
        help=_("de taal op het scherm voor de zaal, bijvoorbeeld en of ar (standaard nl)"),
    )


def _handouts(sub: _Sub) -> None:
    parser = sub.add_parser("handout", help=_("hand-out of agenda als PDF maken"))
    parser.add_argument(
        "kind",
        metavar="SOORT",
        help=_("ouders, deelnemers, agenda, of een sjabloon: uitnodiging, afspraken, evaluatie, drie-maanden"),
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--lang", help=_("taal van de hand-out, bijvoorbeeld nl, ar of ti"))
    which.add_argument("--all-languages", action="store_true", help=_("één PDF per taal in de map van -o"))
    parser.add_argument("--bilingual", metavar="nl", help=_("Nederlands naast de taal zetten"))
    parser.add_argument("--large", action="store_true", help=_("grote letters"))
    parser.add_argument("--meeting", metavar="ID", help=_("gemeente, datum, adressen en agenda van deze bijeenkomst"))
    parser.add_argument("--gemeente", default="", help=_("gemeente als er geen bijeenkomst is gekozen"))
    parser.add_argument("--start", default="09:30", help=_("begintijd van de agenda (uu:mm)"))
    parser.add_argument("-o", "--output", required=True, help=_("PDF-bestand, of map bij --all-languages"))


def _translations(sub: _Sub) -> None:
    parser = sub.add_parser("translations", help=_("stand van de vertalingen"))
    actions = parser.add_subparsers(dest="action", required=True)
    stats = actions.add_parser("stats", help=_("per taal en domein: totaal, nagekeken, concept, ontbreekt"))
    stats.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))


def _export(sub: _Sub) -> None:
    export = sub.add_parser(
        "export", help=_("bijeenkomsten exporteren (PDF, DOCX, Markdown, CSV, JSON of een periode)")
    )
    export.add_argument("id", nargs="?", help=_("nummer van de bijeenkomst (het begin is genoeg)"))
    export.add_argument(
        "--format",
        dest="export_format",
        choices=("pdf", "docx", "md", "csv", "json"),
        help=_("bestandsformaat; json met -o X.zip voegt het PDF-verslag toe"),
    )
    export.add_argument("--lang", dest="export_lang", help=_("taal van het verslag, bijvoorbeeld nl of en"))
    export.add_argument("--municipality", "--gemeente", dest="municipality", help=_("gemeente van de periode"))
    export.add_argument("--from", dest="since", type=_date, help=_("eerste dag van de periode (JJJJ-MM-DD)"))
    export.add_argument("--to", dest="until", type=_date, help=_("laatste dag van de periode (JJJJ-MM-DD)"))
    export.add_argument("-o", "--output", required=True, help=_("bestand om te schrijven"))
    export.add_argument(
        "--force", action="store_true", help=_("ook een bestaand bestand vervangen dat alleen-lezen is gezet")
    )

    imp = sub.add_parser("import", help=_("een bundel (.json of .zip) inlezen en samenvoegen"))
    imp.add_argument("bundle", help=_("het bundelbestand"))
    imp.add_argument("--dry-run", action="store_true", help=_("alleen laten zien wat er zou veranderen"))
    # A passphrase of the bundle's own (storage/sealed.py: the age format), from a file, never typed
    # on the command line.
    for command, text in (
        (export, _("versleutel het bestand met het wachtwoord in dit bestand (age-formaat, bijv. -o X.zip.age)")),
        (imp, _("bestand met het wachtwoord van een versleutelde bundel")),
    ):
        command.add_argument("--bundle-passphrase-file", metavar="BESTAND", help=text)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("geef een datum als JJJJ-MM-DD")) from None
