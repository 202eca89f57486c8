"""`opvoed-desktop --self-test`: prove on this laptop that the installed app works offline.

A coordinator runs it after copying the bundle to a borrowed laptop. Each check prints one line,
`OK   …` or `FOUT …` with the reason, and nothing is written outside a temporary folder: the
facilitator's own data dir is never touched. Every internet socket is refused while the checks
run, so a check that quietly needs the network fails here instead of in a room without wifi.
"""

from __future__ import annotations

import functools
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from opvoed_desktop.i18n import _, ngettext

if TYPE_CHECKING:
    from opvoed_desktop.cli import BuildServices

HANDOUT_LANGUAGES = ("nl", "ar", "ti")  # Latin, Arabic (right-to-left, shaped) and Ge'ez script
INTERNET_FAMILIES = {socket.AF_INET, socket.AF_INET6}


class CheckFailed(Exception):
    """A check found a problem; the message is the reason shown after `FOUT`."""


@dataclass
class NetworkGuard:
    """Refuses internet sockets and DNS look-ups, and remembers who tried.

    Local (AF_UNIX) sockets stay allowed: they are how a desktop session talks to its display.
    """

    attempts: list[str] = field(default_factory=list)

    def _refuse(self, what: str) -> OSError:
        self.attempts.append(what)
        return OSError(_("netwerk is uitgeschakeld tijdens de zelftest ({what})").format(what=what))

    @contextmanager
    def active(self) -> Iterator[NetworkGuard]:
        guard = self
        original_connect = socket.socket.connect
        original_connect_ex = socket.socket.connect_ex
        original_getaddrinfo = socket.getaddrinfo

        def connect(sock: socket.socket, address: object) -> None:
            if sock.family in INTERNET_FAMILIES:
                raise guard._refuse(f"connect {address!r}")
            original_connect(sock, address)  # type: ignore[arg-type]

        def connect_ex(sock: socket.socket, address: object) -> int:
            if sock.family in INTERNET_FAMILIES:
                raise guard._refuse(f"connect {address!r}")
            return original_connect_ex(sock, address)  # type: ignore[arg-type]

        def getaddrinfo(host: object, *args: object, **kwargs: object) -> NoReturn:
            raise guard._refuse(f"getaddrinfo {host!r}")

        socket.socket.connect = connect  # type: ignore[method-assign,assignment]
        socket.socket.connect_ex = connect_ex  # type: ignore[method-assign,assignment]
        socket.getaddrinfo = getaddrinfo
        try:
            yield self
        finally:
            socket.socket.connect = original_connect  # type: ignore[method-assign]
            socket.socket.connect_ex = original_connect_ex  # type: ignore[method-assign]
            socket.getaddrinfo = original_getaddrinfo


@dataclass
class SelfTest:
    out: TextIO
    err: TextIO
    work: Path  # a temporary folder; every file the checks write goes here
    build: BuildServices  # the composition root's builder of the window's context
    failures: int = 0
    checks: int = 0
    library: object = None

    def check(self, name: str, run: Callable[[], str]) -> None:
        self.checks += 1
        try:
            detail = run()
        except CheckFailed as exc:
            self._line(False, name, str(exc))
        except Exception as exc:
            # Unexpected: in a bundle this is usually a module or file left out. The traceback on
            # stderr is for whoever builds the bundle; the line on stdout stays one sentence.
            traceback.print_exc(file=self.err)
            self._line(False, name, f"{type(exc).__name__}: {exc}")
        else:
            self._line(True, name, detail)

    def _line(self, ok: bool, name: str, detail: str) -> None:
        if not ok:
            self.failures += 1
        label = "OK  " if ok else "FOUT"
        text = " ".join(detail.split())  # one line per check, whatever the reason contains
        print(f"{label} {name}: {text}" if text else f"{label} {name}", file=self.out, flush=True)

    # The checks ----------------------------------------------------------------------------------

    def content(self) -> str:
        from opvoed_desktop.content import load_library
        from opvoed_desktop.paths import content_dir

        root = content_dir()
        if not root.is_dir():
            raise CheckFailed(_("de map met inhoud ontbreekt ({path}); installeer de app opnieuw").format(path=root))
        library = load_library(root)
        if library.errors:
            first = library.errors[0].format(library.root)
            raise CheckFailed(
                ngettext(
                    "{n} fout in de inhoud: {problem}",
                    "{n} fouten in de inhoud, de eerste: {problem}",
                    len(library.errors),
                ).format(n=len(library.errors), problem=first)
            )
        if not library.items:
            raise CheckFailed(_("er is geen inhoud gevonden in {path}").format(path=root))
        self.library = library
        return _("{items} onderdelen geladen en gecontroleerd").format(items=len(library.items))

    def catalogs(self) -> str:
        from opvoed_desktop.i18n.catalogs import available_locales, load_content_catalog
        from opvoed_desktop.i18n.translator import ui_languages
        from opvoed_desktop.paths import translations_dir

        folder = translations_dir()
        content_languages = available_locales(folder)
        missing = [code for code in HANDOUT_LANGUAGES if code not in content_languages]
        if missing:
            raise CheckFailed(
                _("vertalingen ontbreken voor {languages} in {path}").format(languages=", ".join(missing), path=folder)
            )
        empty = [
            code
            for code in content_languages[1:]
            if not any(text for text, _draft in load_content_catalog(code, folder).messages.values())
        ]
        if empty:
            raise CheckFailed(_("lege vertaalbestanden: {languages}").format(languages=", ".join(empty)))
        return _("{content} talen voor de inhoud, {ui} voor de app").format(
            content=len(content_languages), ui=len(ui_languages(folder))
        )

    def database(self) -> str:
        from sqlalchemy import text

        from opvoed_desktop.paths import DataPaths
        from opvoed_desktop.storage import StorageError, migrate, open_database

        paths = DataPaths(self.work / "database")
        paths.ensure()
        try:
            database = open_database(paths)
        except StorageError as exc:
            raise CheckFailed(str(exc)) from exc
        try:
            with database.session() as session:
                revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
                meetings = session.execute(text("SELECT count(*) FROM meeting")).scalar_one()
        finally:
            database.close()
        if revision != migrate.HEAD:
            raise CheckFailed(
                _("de database staat op versie {found}, verwacht {head}").format(found=revision, head=migrate.HEAD)
            )
        return ngettext(
            "tijdelijke database aangemaakt en bijgewerkt naar versie {head} ({n} bijeenkomst)",
            "tijdelijke database aangemaakt en bijgewerkt naar versie {head} ({n} bijeenkomsten)",
            meetings,
        ).format(head=revision, n=meetings)

    def encryption(self) -> str:
        """SQLCipher works on this computer: encrypt a small data dir, open it again with the
        passphrase, and find the note text in none of its files (issue #20)."""
        import secrets

        from opvoed_desktop.paths import DataPaths
        from opvoed_desktop.services.meetings import MeetingService
        from opvoed_desktop.storage import StorageError, convert, crypto, keys, open_database

        paths = DataPaths(self.work / "encrypted")
        marker = "zelftest-" + secrets.token_hex(8)
        passphrase = secrets.token_urlsafe(16)
        try:
            with open_database(paths) as db:
                service = MeetingService(db)
                service.add_note(service.create_meeting(marker), marker)
            convert.encrypt(paths, passphrase)
            keys.forget(paths.root)
            crypto.unlock(paths, passphrase)
            with open_database(paths) as db:
                found = MeetingService(db).search(marker.split("-")[1])
        except StorageError as exc:
            raise CheckFailed(str(exc)) from exc
        finally:
            keys.forget(paths.root)
        if not found:
            raise CheckFailed(_("de versleutelde database gaf de notitie niet terug"))
        leaking = [p.name for p in paths.root.rglob("*") if p.is_file() and marker.encode() in p.read_bytes()]
        if leaking:
            raise CheckFailed(_("leesbare tekst gevonden in {files}").format(files=", ".join(leaking)))
        return _("versleuteld, geopend met het wachtwoord, geen leesbare tekst in de bestanden")

    def handout(self, lang: str) -> str:
        from opvoed_desktop.paths import translations_dir
        from opvoed_desktop.services.handouts import HandoutError, HandoutRequest, HandoutService

        if self.library is None:
            raise CheckFailed(_("overgeslagen: de inhoud kon niet worden geladen"))
        service = HandoutService(self.library, translations_dir())  # type: ignore[arg-type]
        started = time.perf_counter()
        try:
            result = service.render(HandoutRequest(kind="ouders", lang=lang))
        except HandoutError as exc:
            raise CheckFailed(str(exc)) from exc
        elapsed = time.perf_counter() - started
        if not result.pdf.startswith(b"%PDF-") or len(result.pdf) < 1000:
            raise CheckFailed(_("het resultaat is geen bruikbare PDF ({n} bytes)").format(n=len(result.pdf)))
        return _("PDF van {kb} kB in {ms} ms").format(kb=len(result.pdf) // 1024, ms=round(elapsed * 1000))

    def window(self) -> str:
        from opvoed_desktop.services.context import open_storage

        services = self.build(str(self.work / "window"), "nl", None)
        try:
            services.data.ensure()
            open_storage(services)
            from opvoed_desktop.ui.self_check import WindowCheckFailed, open_and_close_main_window

            try:
                return open_and_close_main_window(services)
            except WindowCheckFailed as exc:
                raise CheckFailed(str(exc)) from exc
        finally:
            services.close()  # gives back the interface language spoken before


def run_self_test(out: TextIO | None = None, err: TextIO | None = None, *, build: BuildServices) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    started = time.perf_counter()
    guard = NetworkGuard()
    # ignore_cleanup_errors: on Windows a file Qt or SQLite still holds must not turn a pass into a crash.
    with tempfile.TemporaryDirectory(prefix="opvoed-zelftest-", ignore_cleanup_errors=True) as work, guard.active():
        test = SelfTest(out, err, Path(work), build)
        test.check(_("inhoud"), test.content)
        test.check(_("vertalingen"), test.catalogs)
        test.check(_("database en migraties"), test.database)
        test.check(_("versleuteling"), test.encryption)
        for lang in HANDOUT_LANGUAGES:
            test.check(_("hand-out ouders ({lang})").format(lang=lang), functools.partial(test.handout, lang))
        test.check(_("hoofdvenster"), test.window)
    test.check(_("geen netwerk"), lambda: _network_verdict(guard))
    seconds = time.perf_counter() - started
    if test.failures:
        print(
            _("Zelftest mislukt: {failed} van {total} controles niet in orde ({seconds:.1f} s).").format(
                failed=test.failures, total=test.checks, seconds=seconds
            ),
            file=out,
        )
        return 1
    summary = _("Zelftest geslaagd: {total} controles in orde ({seconds:.1f} s).")
    print(summary.format(total=test.checks, seconds=seconds), file=out)
    return 0


def _network_verdict(guard: NetworkGuard) -> str:
    if guard.attempts:
        raise CheckFailed(
            _("de app probeerde het netwerk te gebruiken: {attempts}").format(attempts="; ".join(guard.attempts[:3]))
        )
    return _("geen enkele netwerkverbinding geprobeerd")
