"""Connecting to the hub: its URL, TLS, and the password (OS keyring or asked; never in a file).

TLS is required unless the URL says otherwise: `sslmode=require` by default, `verify-full` with a
CA file (`sslrootcert=`) as the stricter choice. Without TLS (`sslmode=disable`) only to a server on
this machine, which is what a test server or a developer's container is.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from opvoed_desktop.i18n import _

log = logging.getLogger(__name__)

KEYRING_SERVICE = "opvoed-desktop-hub"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
TLS_MODES = ("require", "verify-ca", "verify-full")
PLAIN_MODES = ("disable", "allow", "prefer")
CONNECT_TIMEOUT_S = 10
# What an address's query may set. libpq also reads `hostaddr`, `service` and more from it, which
# decide where it connects: an address naming this computer (so TLS may be off) would then send the
# notes elsewhere in plain text. `host` only as a socket folder on this computer.
QUERY_OPTIONS = frozenset(
    {"sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "connect_timeout", "application_name", "host"}
)


class HubUrlError(ValueError):
    """The hub address cannot be used; the message is one plain sentence."""


@dataclass(frozen=True)
class HubAddress:
    url: URL  # without password

    @property
    def display(self) -> str:
        return self.url.render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")

    @property
    def keyring_user(self) -> str:
        """Who the password belongs to, as the keyring stores it: user, server and database."""
        return f"{self.url.username or ''}@{self.url.host or ''}:{self.url.port or 5432}/{self.url.database or ''}"

    @property
    def is_local(self) -> bool:
        host = self.url.host or ""
        return host in LOCAL_HOSTS or host.startswith("/") or not host


def parse(text: str, *, ca_file: str | None = None, verify_full: bool = False) -> tuple[HubAddress, str | None]:
    """The address (without password) and a password the URL itself carried, if any."""
    try:
        url = make_url(text.strip())
    except ArgumentError:
        raise HubUrlError(_("Dat is geen adres van een hub; het begint met postgresql://")) from None
    except ValueError:  # a port that is no number, an unclosed [ … ]
        raise HubUrlError(
            _("Dit adres kan de app niet lezen; kijk het na, bijvoorbeeld postgresql://gebruiker@server/opvoed")
        ) from None
    if url.drivername not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise HubUrlError(_("Dat is geen adres van een hub; het begint met postgresql://"))
    if not url.database:
        raise HubUrlError(_("Het adres noemt geen database; zet de naam achter de laatste /"))
    if url.port is not None and not 0 < url.port < 65536:
        raise HubUrlError(
            _("Het poortnummer {port} bestaat niet; het is een getal van 1 tot 65535").format(port=url.port)
        )
    for name, value in url.query.items():
        socket_folder = name == "host" and isinstance(value, str) and value.startswith("/")
        if name not in QUERY_OPTIONS or (name == "host" and not socket_folder):
            raise HubUrlError(
                _("Het adres bevat {name}=…, dat de app niet gebruikt; haal dat deel uit het adres").format(name=name)
            )
    query = dict(url.query)
    mode = str(query.get("sslmode", "verify-full" if verify_full else "require"))
    if ca_file:
        query["sslrootcert"] = ca_file
        if "sslmode" not in url.query and not verify_full:
            mode = "verify-full"  # a CA file is given to check the server: check its name too
    if mode not in TLS_MODES + PLAIN_MODES:
        raise HubUrlError(_("sslmode={mode} bestaat niet; kies require of verify-full").format(mode=mode))
    query["sslmode"] = mode
    # URL.set() ignores None, so the password is dropped with the namedtuple's own _replace.
    address = HubAddress(url.set(drivername="postgresql+psycopg", query=query)._replace(password=None))
    if mode in PLAIN_MODES and not address.is_local:
        raise HubUrlError(
            _(
                "Zonder versleuteling (sslmode={mode}) verbindt de app alleen met een hub op deze computer; "
                "gebruik sslmode=require of verify-full"
            ).format(mode=mode)
        )
    return address, url.password if isinstance(url.password, str) else None


def keyring_password(address: HubAddress) -> str | None:
    """The saved password, or None (none saved, or no keyring on this system)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, address.keyring_user)
        except KeyringError:
            return None
    except Exception:
        log.warning("keyring not usable", exc_info=True)
        return None


def save_password(address: HubAddress, password: str) -> bool:
    """Keep the password in the OS keyring; False when there is no keyring to keep it in."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, address.keyring_user, password)
        return True
    except Exception:
        log.warning("keyring could not store the hub password", exc_info=True)
        return False


def forget_password(address: HubAddress) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, address.keyring_user)
    except Exception:
        pass


def engine(address: HubAddress, password: str | None = None) -> Engine:
    url = address.url.set(password=password) if password else address.url
    return create_engine(
        url,
        # Parameters are note text: keep them out of logs and exception messages.
        hide_parameters=True,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "opvoed-desktop",
            # A network that vanishes without a word (laptop leaves the office Wi-Fi) would leave a
            # query waiting for ever: TCP keepalives notice a silent peer within about a minute.
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
        },
    )


def interrupter(hub: Engine) -> Callable[[], None]:
    """A function that breaks off whatever `hub`'s connections are waiting for, from any thread.

    A stop flag is only looked at between batches; a query the hub never answers (a frozen server,
    a table locked by the administrator, a network gone silent) would keep the sync, and the window
    waiting for it, for ever. Shutting the connection's socket makes that wait fail at once, with an
    OperationalError in the thread that waits; PostgreSQL rolls back what that transaction had
    begun, and the next sync goes on from what was committed. (libpq's own cancel request opens a
    new connection to the same server, which waits just as long when the server is frozen.)

    Every connection the engine made is known, not only those handed out: the pool checks a
    connection (pre-ping) before handing it out, and that check waits on a frozen server too. After
    the stop, no new connection is made (the pool would otherwise replace the broken one at once).
    """
    live: set[Any] = set()
    lock = threading.Lock()
    stopped = threading.Event()

    def made(dbapi_connection: Any, _record: Any) -> None:
        with lock:
            live.add(dbapi_connection)

    def closed(dbapi_connection: Any, *_rest: Any) -> None:
        with lock:
            live.discard(dbapi_connection)

    def refuse_after_stop(*_args: Any) -> None:
        if stopped.is_set():
            import psycopg

            raise psycopg.OperationalError("sync stopped")

    event.listen(hub, "connect", made)
    event.listen(hub, "close", closed)
    event.listen(hub, "close_detached", closed)
    event.listen(hub, "do_connect", refuse_after_stop)

    def interrupt() -> None:
        stopped.set()
        with lock:
            connections = list(live)
        for dbapi_connection in connections:
            with contextlib.suppress(Exception):  # already closed: nothing to break off
                fd = dbapi_connection.pgconn.socket
                sock = socket.socket(fileno=fd)
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                finally:
                    sock.detach()  # the descriptor stays libpq's, which closes it

    return interrupt


def is_auth_failure(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc))
    return "password authentication failed" in text or "no password supplied" in text
