"""Property: whatever this laptop's history and whatever the bundle, an import never loses a local
edit that is at least as new as the bundle's version of the row (or as its deletion), and the
backup it takes first undoes it exactly (the `.dump` of the database is identical)."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from opvoed_desktop.export.errors import BundleError
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import bundle, merge, open_database
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.bundle_reading import parse_bundle

from .test_hostile_bundles import dump

BASE = datetime(2026, 1, 5, 9, 0)
times = st.integers(0, 12).map(lambda k: BASE + timedelta(minutes=k))  # few values: ties happen
words = st.sampled_from(["ouders", "school", "CJG", "moskee", "vaders", "taal", "buurt"])


@dataclass
class LocalNote:
    at: datetime
    text: str
    bundle: Any  # None: absent from the bundle; "same"; or (time, text): changed there
    tomb: datetime | None


@dataclass
class LocalMeeting:
    at: datetime
    title: str
    in_bundle: bool
    bundle_edit: tuple[datetime, str] | None
    tomb: datetime | None
    notes: list[LocalNote] = field(default_factory=list)
    new_notes: list[tuple[datetime, str]] = field(default_factory=list)


@st.composite
def scenarios(draw: Any) -> tuple[list[LocalMeeting], list[tuple[datetime, str]], bool]:
    meetings = []
    for i in range(draw(st.integers(1, 3))):
        meeting = LocalMeeting(
            at=draw(times),
            title=f"Avond {i} {draw(words)}",
            in_bundle=draw(st.booleans()),
            bundle_edit=draw(st.none() | st.tuples(times, words)),
            tomb=draw(st.none() | times),
        )
        for _ in range(draw(st.integers(0, 3))):
            meeting.notes.append(
                LocalNote(
                    at=draw(times),
                    text=draw(words) + " " + draw(words),
                    bundle=draw(st.none() | st.just("same") | st.tuples(times, words)),
                    tomb=draw(st.none() | times),
                )
            )
        meeting.new_notes = draw(st.lists(st.tuples(times, words), max_size=2))
        meetings.append(meeting)
    extra = draw(st.lists(st.tuples(times, words), max_size=2))  # meetings only the bundle has
    move = draw(st.booleans()) and any(meeting.notes for meeting in meetings) and len(meetings) > 1
    return meetings, extra, move


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    paths = DataPaths(tmp_path_factory.mktemp("template") / "data")
    open_database(paths).close()
    return paths.database


def _ids(n: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(n)]


def _build_local(db: Any, meetings: list[LocalMeeting]) -> tuple[list[str], list[list[str]]]:
    meeting_ids, note_ids = _ids(len(meetings)), []
    with db.write() as s:
        conn = s.connection()
        for mid, meeting in zip(meeting_ids, meetings, strict=True):
            conn.execute(
                insert(m.Meeting),
                [{"id": mid, "title": meeting.title, "languages": [], "created_at": BASE, "updated_at": meeting.at}],
            )
            ids = _ids(len(meeting.notes))
            note_ids.append(ids)
            for nid, note in zip(ids, meeting.notes, strict=True):
                conn.execute(
                    insert(m.Note),
                    [{"id": nid, "meeting_id": mid, "text": note.text, "created_at": BASE, "updated_at": note.at}],
                )
    return meeting_ids, note_ids


def _build_bundle(
    db: Any, meetings: list[LocalMeeting], ids: tuple[list[str], list[list[str]]], extra: Any, move: bool
) -> dict[str, Any]:
    meeting_ids, note_ids = ids
    with db.session() as s:
        data = bundle.collect(s, meeting_ids)
    by_id = {item["id"]: item for item in data["meetings"]}
    out, tombstones = [], []
    for mid, nids, meeting in zip(meeting_ids, note_ids, meetings, strict=True):
        item = by_id[mid]
        if meeting.tomb is not None:
            tombstones.append({"table": "meeting", "id": mid, "deleted_at": meeting.tomb.isoformat()})
        notes = {n["id"]: n for n in item["notes"]}
        kept = []
        for nid, note in zip(nids, meeting.notes, strict=True):
            if note.tomb is not None:
                tombstones.append({"table": "note", "id": nid, "deleted_at": note.tomb.isoformat()})
            if note.bundle == "same":
                kept.append(notes[nid])
            elif note.bundle is not None:
                when, text = note.bundle
                kept.append({**notes[nid], "text": text, "updated_at": when.isoformat()})
        for when, text in meeting.new_notes:
            kept.append({**_note_shape(), "id": str(uuid.uuid4()), "text": text, "updated_at": when.isoformat()})
        item["notes"] = kept
        if meeting.bundle_edit is not None:
            item["title"], item["updated_at"] = meeting.bundle_edit[1], meeting.bundle_edit[0].isoformat()
        if meeting.in_bundle:
            out.append(item)
    for when, title in extra:
        out.append({**_meeting_shape(by_id), "id": str(uuid.uuid4()), "title": title, "updated_at": when.isoformat()})
    if move and len(out) >= 1:
        victim = next(nid for nids in note_ids for nid in nids)
        owner = next(mid for mid, nids in zip(meeting_ids, note_ids, strict=True) if victim in nids)
        target = next((item for item in out if item["id"] != owner), None)
        if target is not None:
            target["notes"].append({**_note_shape(), "id": victim, "text": "verplaatst"})
    data["meetings"], data["tombstones"] = out, tombstones
    data["contacts"] = []
    return data


def _note_shape() -> dict[str, Any]:
    stamp = BASE.isoformat()
    return {"id": "", "agenda_item_id": None, "text": "", "created_at": stamp, "updated_at": stamp}


def _meeting_shape(by_id: dict[str, Any]) -> dict[str, Any]:
    shape = dict(next(iter(by_id.values())))
    shape.update({key: [] for key, _model in bundle.CHILDREN})
    return shape


def _survivors(meetings: list[LocalMeeting], ids: tuple[list[str], list[list[str]]]) -> dict[str, tuple[str, str]]:
    """Local rows whose edit is at least as new as anything the bundle says about them."""
    meeting_ids, note_ids = ids
    must: dict[str, tuple[str, str]] = {}
    for mid, nids, meeting in zip(meeting_ids, note_ids, meetings, strict=True):
        newest_inside = max([meeting.at, *(note.at for note in meeting.notes)])
        meeting_deleted = meeting.tomb is not None and meeting.tomb > newest_inside
        bundle_time = meeting.bundle_edit[0] if meeting.in_bundle and meeting.bundle_edit else None
        if not meeting_deleted and (bundle_time is None or meeting.at >= bundle_time):
            must[mid] = ("meeting", meeting.title)
        for nid, note in zip(nids, meeting.notes, strict=True):
            changed_there = note.bundle[0] if isinstance(note.bundle, tuple) and meeting.in_bundle else None
            if meeting_deleted or (note.tomb is not None and note.tomb > note.at):
                continue
            if changed_there is None or note.at >= changed_there:
                must[nid] = ("note", note.text)
    return must


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=scenarios())
def test_an_import_never_loses_a_newer_local_edit_and_undo_restores_every_byte(
    scenario: Any, template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    meetings, extra, move = scenario
    paths = DataPaths(tmp_path_factory.mktemp("laptop") / "data")
    paths.root.mkdir(parents=True)
    shutil.copyfile(template, paths.database)
    with open_database(paths, check=False) as db:
        ids = _build_local(db, meetings)
        raw = bundle.dumps(_build_bundle(db, meetings, ids, extra, move))
        before = dump(db)
        try:
            result = merge.merge(db, parse_bundle(raw))
        except BundleError as refused:
            assert move, f"refused without a moved row: {refused}"
            assert dump(db) == before  # refused whole: nothing written
            return
        with db.session() as s:
            titles = dict(s.execute(select(m.Meeting.id, m.Meeting.title)).all())
            texts = dict(s.execute(select(m.Note.id, m.Note.text)).all())
            parents = dict(s.execute(select(m.Note.id, m.Note.meeting_id)).all())
        for mid, nids in zip(*ids, strict=True):
            for nid in nids:
                assert parents.get(nid, mid) == mid, "a note moved to another meeting"
        for key, (kind, value) in _survivors(meetings, ids).items():
            found = titles.get(key) if kind == "meeting" else texts.get(key)
            assert found == value, f"local {kind} {value!r} (newer than the bundle's) became {found!r}"
        if result.backup is None:
            assert dump(db) == before and not result.changes_anything
        else:
            db.restore(result.backup)
            assert dump(db) == before
