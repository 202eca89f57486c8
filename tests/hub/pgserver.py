"""A throw-away PostgreSQL server for the hub tests: initdb + pg_ctl in a temporary folder.

Debian's `postgresql` package (installed by .ci/run) puts the programs in
/usr/lib/postgresql/<version>/bin. PostgreSQL refuses to run as root, so as root the server runs
as the `postgres` user in a folder that user owns. Trust authentication, TCP on 127.0.0.1 only, a
free port: nothing outside this machine can reach it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg


def bin_dir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="h19-pg-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self.data = self.root / "data"
        self.port = _free_port()
        self._dbs = 0

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120, cwd=self.root)

    def _template(self) -> Path:
        """An initdb'd cluster made once per machine and PostgreSQL build, copied for each server:
        initdb takes about 3 s here, a copy about 1 s, and mutation testing starts a server per
        mutant. Made in a folder of its own and renamed into place, so a half-made one is never used."""
        build = (self.bindir / "postgres").stat()
        template = Path(tempfile.gettempdir()) / f"h19-pg-template-{os.geteuid()}-{int(build.st_mtime)}-{build.st_size}"
        if not (template / "data" / "PG_VERSION").exists():
            making = Path(tempfile.mkdtemp(prefix="h19-pg-making-"))
            if self.as_root:
                user = pwd.getpwnam("postgres")
                os.chown(making, user.pw_uid, user.pw_gid)
            self._run(
                "initdb", "-D", str(making / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"
            )
            try:
                os.rename(making, template)
            except OSError:  # another test session made it first (or a stray folder is in the way)
                if not (template / "data" / "PG_VERSION").exists():
                    return making / "data"
                shutil.rmtree(making, ignore_errors=True)
        return template / "data"

    def start(self) -> None:
        copy = ["cp", "-a", str(self._template()), str(self.data)]
        if self.as_root:
            copy = ["runuser", "-u", "postgres", "--", *copy]
        subprocess.run(copy, check=True, capture_output=True, timeout=120)
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        # No TLS on this throw-away local server: the one case the app allows it.
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}?sslmode=disable"

    def new_database(self) -> str:
        """A fresh empty database; returns its URL."""
        self._dbs += 1
        name = f"hub{self._dbs}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@contextlib.contextmanager
def running() -> Iterator[PgServer | None]:
    bindir = bin_dir()
    if bindir is None:
        yield None
        return
    server = PgServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
