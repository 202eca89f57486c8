"""Running the Alembic migrations inside the package, without an alembic.ini."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"

# Every revision this app knows, oldest first. Kept as data so a normal start (database already
# at HEAD) does not have to import Alembic; a test checks it against the scripts.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")
HEAD = KNOWN_REVISIONS[-1]


def is_known(revision: str | None) -> bool:
    return revision is None or revision in KNOWN_REVISIONS


def needs_upgrade(revision: str | None) -> bool:
    return revision != HEAD


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def script_revisions() -> list[str]:
    """Revisions as the migration scripts define them, oldest first (for tests)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]


def revision_module(revision: str) -> ModuleType:
    """A revision's script as alembic loads it: an older bundle's text is converted by the frozen
    readers of the revision that converted the same text in databases (0003, 0004), so every
    laptop reads it the same way, whatever the app's readers became since."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    assert script is not None, revision
    return script.module
