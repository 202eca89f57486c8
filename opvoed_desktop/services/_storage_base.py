"""Shared plumbing for the storage-backed services: transactions, lookups, validation."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from opvoed_desktop.i18n import _
from opvoed_desktop.storage import fts
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.database import Database
from opvoed_desktop.storage.errors import InvalidInputError, NotFoundError
from opvoed_desktop.storage.kinds import table_labels

_INDEXED = (m.Note, m.Agreement, m.Wish, m.Strength, m.Meeting)


def _label(model: type) -> str:
    return table_labels().get(getattr(model, "__tablename__", ""), model.__name__)


class StorageService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _get(self, session: Any, model: type, key: str) -> Any:
        row = session.get(model, key)
        if row is None:
            raise NotFoundError(_label(model), key)
        return row

    def _add(self, model: type, **values: Any) -> str:
        with self.db.write() as s:
            if "meeting_id" in values:
                self._get(s, m.Meeting, values["meeting_id"])
            row = model(**values)
            s.add(row)
            s.flush()
            return str(row.id)

    def _update(self, model: type, key: str, allowed: Iterable[str], values: dict[str, Any]) -> None:
        unknown = set(values) - set(allowed)
        if unknown:
            # A programming mistake, not a user one: fail loudly.
            raise TypeError(f"cannot update {sorted(unknown)} of {model.__name__}")
        with self.db.write() as s:
            row = self._get(s, model, key)
            for name, value in values.items():
                setattr(row, name, value)

    def _delete(self, model: type, key: str) -> None:
        with self.db.write() as s:
            s.delete(self._get(s, model, key))
            s.flush()  # the DELETE must reach SQLite before the index merge below
            if model in _INDEXED:
                # FTS5 keeps deleted words until its segments merge; a deletion the user asked
                # for must take the words out of the file now.
                fts.purge_deleted(s.connection())
        if model in _INDEXED:
            self.db.checkpoint()

    def _list(self, stmt: Any) -> list[Any]:
        with self.db.session() as s:
            return list(s.scalars(stmt))

    def _children(self, model: Any, meeting_id: str) -> list[Any]:
        return self._list(select(model).where(model.meeting_id == meeting_id).order_by(model.created_at))


def check_choice(value: str, choices: type[StrEnum], label: str) -> str:
    if value not in {c.value for c in choices}:
        allowed = ", ".join(c.value for c in choices)
        raise InvalidInputError(
            _("{label} '{value}' kan niet; kies uit: {allowed}.").format(label=label, value=value, allowed=allowed)
        )
    return str(value)


def check_score(score: int) -> int:
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise InvalidInputError(_("Een score is een heel getal van 1 tot en met 5."))
    return score


def check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise InvalidInputError(_("Geef de bijeenkomst een titel."))
    return title
