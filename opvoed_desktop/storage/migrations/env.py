"""Alembic environment, run programmatically by opvoed_desktop.storage.migrate.

The caller passes an open connection in `config.attributes["connection"]`; no alembic.ini and no
logging configuration (the app owns logging, and must never log note text).
"""

from __future__ import annotations

from alembic import context

from opvoed_desktop.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("migrations need a connection in config.attributes['connection']")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
