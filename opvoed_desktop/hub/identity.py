"""Who is who: this laptop's device id and name, the hub it remembers, the hub's own id and version.

`init_hub` is `hub init` (the administrator's one step); `hub_identity` refuses a database that is
not an initialised hub of this app's version before a sync touches it. What a laptop remembers lives
in its sync_state table (storage/sync_state.py), never the password.
"""

from __future__ import annotations

import socket

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import OperationalError

from opvoed_desktop.hub.rows import table_of
from opvoed_desktop.i18n import _
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import new_id
from opvoed_desktop.storage.database import Database
from opvoed_desktop.storage.sync_state import get_state, read_state, set_state

COUNTER = "seq"  # the name of the hub's one counter row (models.SyncCounter)
HUB_URL_KEY = "hub_url"  # the hub's address without password, as the user connected
DEVICE_NAME_KEY = "device_name"  # how colleagues see this laptop ("Afkomstig van: …")


class HubError(Exception):
    """The hub cannot be used as it is (not initialised, another version); the message is a code."""

    def sentence(self) -> str:
        """What the user reads (the window and the command line say the same)."""
        if str(self) == "other_version":
            return _("De hub heeft een andere versie dan deze app; vraag de beheerder om 'opvoed-desktop hub init'.")
        return _("Deze database is (nog) geen hub; de beheerder maakt hem aan met 'opvoed-desktop hub init --url …'.")


def device_id(db: Database) -> str:
    """This database's device id, made on first use (a laptop, as the hub knows it)."""
    with db.write() as session:
        conn = session.connection()
        found = get_state(conn, "device_id")
        if found is None:
            found = new_id()
            set_state(conn, "device_id", found)
        return found


def device_name(db: Database) -> str:
    """The name this laptop was given for colleagues, else the computer's name."""
    return read_state(db, DEVICE_NAME_KEY) or socket.gethostname()


def stored_url(db: Database) -> str | None:
    """The hub this laptop connected to last (`hub connect` or the hub dialog)."""
    return read_state(db, HUB_URL_KEY)


def hub_identity(hub: Engine) -> str:
    """The hub's own id (made by `hub init`); refuses a database that is not an initialised hub."""
    from opvoed_desktop.storage import migrate

    with hub.connect() as conn:
        try:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            hub_id = get_state(conn, "hub_id")
        except OperationalError:
            raise  # the hub went away (or the sync was stopped): not a sign of a database that is no hub
        except Exception as exc:
            raise HubError("not_initialised") from exc
    if hub_id is None:
        raise HubError("not_initialised")
    if revision != migrate.HEAD:
        raise HubError("other_version")
    return hub_id


def init_hub(hub: Engine) -> str:
    """Create (or bring up to date) the schema on the hub, its counter and its id; idempotent."""
    from opvoed_desktop.storage import migrate

    migrate.upgrade(hub)
    with hub.begin() as conn:
        counter = table_of(m.SyncCounter)
        if conn.scalar(select(counter.c.value).where(counter.c.name == COUNTER)) is None:
            conn.execute(insert(counter).values(name=COUNTER, value=0))
        hub_id = get_state(conn, "hub_id")
        if hub_id is None:
            hub_id = new_id()
            set_state(conn, "hub_id", hub_id)
    return hub_id
