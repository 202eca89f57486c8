"""Random edit histories on two laptops converge after syncing, and no edit is lost without a copy.

Each round, both laptops edit offline (add, change or delete notes, rename the meeting), then sync
in a random order, then sync again until quiet. Oracle, per round: both laptops and the hub hold the
same content; and the last text each laptop gave a note in the round is still the note's text, or
kept in a conflict copy, or the note was deleted in that round.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from opvoed_desktop.hub import connection
from opvoed_desktop.hub.identity import init_hub
from opvoed_desktop.hub.sync import sync
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import set_shared
from opvoed_desktop.storage import Database, open_database
from opvoed_desktop.storage import models as m
from tests.hub.helpers import content, laptop_content
from tests.hub.pgserver import PgServer

# (laptop 0/1, action, note slot 0-3, text number)
edit = st.tuples(
    st.integers(0, 1),
    st.sampled_from(["add", "change", "delete", "title", "item", "drop-item"]),
    st.integers(0, 3),
    st.integers(0, 999),
)
rounds = st.lists(st.tuples(st.lists(edit, max_size=6), st.booleans()), min_size=1, max_size=3)


def _texts(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {n.id: n.text for n in s.scalars(select(m.Note))}


def _items(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(m.AgendaItem.id)))


def _kept(db: Database) -> set[str]:
    found: set[str] = set()
    with db.session() as s:
        for c in s.scalars(select(m.SyncConflict)):
            for row in (c.local_row, c.hub_row):
                if row and "text" in row:
                    found.add(row["text"])
    return found


@pytest.mark.slow
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    # No "explain" phase: it re-runs a failing history under a tracer, which against a real server
    # takes longer than the test's time limit; the shrunk history is what one needs.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
@given(history=rounds)
def test_random_histories_converge_without_losing_an_edit(
    pg_server: PgServer, history: list[tuple[list[tuple[int, str, int, int]], bool]]
) -> None:
    address, _ = connection.parse(pg_server.new_database())
    hub = connection.engine(address)
    init_hub(hub)
    with tempfile.TemporaryDirectory(prefix="h19-conv-") as tmp:
        laptops = [open_database(DataPaths(Path(tmp) / name)) for name in ("a", "b")]
        try:
            services = [MeetingService(db) for db in laptops]
            meeting_id = services[0].create_meeting("Gedeeld")
            # Both laptops start with the same agenda and notes, so edits can meet on them at once.
            for title in ("Kennismaken", "Afspraken"):
                item = services[0].add_agenda_item(meeting_id, "own", title, 10)
                services[0].add_note(meeting_id, f"begin onder {title}", agenda_item_id=item)
            set_shared(laptops[0], [meeting_id], True)
            sync(laptops[0], hub)
            sync(laptops[1], hub)
            for number, (edits, b_first) in enumerate(history):
                last: list[dict[str, str]] = [{}, {}]
                deleted: set[str] = set()
                for who, action, slot, word in edits:
                    service, notes = services[who], sorted(_texts(laptops[who]))
                    text = f"r{number} laptop {who} tekst {word}"
                    items = _items(laptops[who])
                    if action == "item":
                        service.add_agenda_item(meeting_id, "own", f"Punt {word}", 10)
                    elif action == "drop-item" and items:
                        service.remove_agenda_item(items[slot % len(items)])
                    elif action in ("add", "item", "drop-item") or not notes:
                        # odd slots write under an agenda item (one a colleague may delete meanwhile)
                        under = items[slot % len(items)] if items and slot % 2 else None
                        last[who][service.add_note(meeting_id, text, agenda_item_id=under)] = text
                    elif action == "change":
                        note_id = notes[slot % len(notes)]
                        service.update_note(note_id, text)
                        last[who][note_id] = text
                    elif action == "delete":
                        note_id = notes[slot % len(notes)]
                        service.delete_note(note_id)
                        last[who].pop(note_id, None)
                        deleted.add(note_id)
                    else:
                        service.update_meeting(meeting_id, title=f"Titel {word}")
                order = [1, 0] if b_first else [0, 1]
                for who in [*order, *order]:
                    sync(laptops[who], hub)
                with hub.connect() as conn:
                    on_hub = content(conn)
                assert laptop_content(laptops[0]) == laptop_content(laptops[1]) == on_hub
                final = _texts(laptops[0])
                kept = _kept(laptops[0]) | _kept(laptops[1])
                for who in (0, 1):
                    for note_id, text in last[who].items():
                        assert final.get(note_id) == text or text in kept or note_id in deleted, (who, text)
        finally:
            for db in laptops:
                db.close()
            hub.dispose()
