"""The rules of an import, each on a hand-written bundle (tests/export/test_bundle_checks.py) merged
into a fresh database: what is added, what wins a conflict and what the conflict names, which
deletions travel and which rows they may not take with them, that a bundle importing nothing
takes no backup, and that a read-only database or a failed backup imports nothing.

The bundle is written by hand, not by this app's export, so each expected count and conflict is
known independently of the code under test; no meeting is built through the services, which
keeps the mutation run of storage/merge.py to minutes (docs/testing.md).
"""

from __future__ import annotations

import copy
import json
import shutil
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, backup, merge, open_database
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.bundle import CHILDREN
from opvoed_desktop.storage.bundle_reading import parse_bundle
from opvoed_desktop.storage.errors import ReadOnlyError
from opvoed_desktop.storage.merge import BUNDLE, LOCAL, Conflict, ImportRefused

from .test_bundle_checks import a_bundle, uid

T0 = datetime(2026, 3, 14, 21, 0)  # when every row of a_bundle() was last changed
TITLE = "Ouderavond De Boog"
MEETING = uid(1)
ROWS = {  # bundle key → (table, id of its one row in a_bundle())
    "participants": ("participant_group", uid(2)),
    "agenda": ("agenda_item", uid(3)),
    "notes": ("note", uid(4)),
    "strengths": ("strength", uid(5)),
    "agreements": ("agreement", uid(6)),
    "wishes": ("wish", uid(7)),
    "evaluations": ("evaluation", uid(8)),
}
EVERY_KIND = {"meeting": 1, **{key: 1 for key in ROWS}, "notes": 2, "contacts": 1}


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def received(data: dict[str, Any]) -> dict[str, Any]:
    """The bundle as it arrives: JSON text, read and checked."""
    return parse_bundle(json.dumps(data).encode("utf-8"))


def tombstone(table: str, row_id: str, when: datetime) -> dict[str, str]:
    return {"table": table, "id": row_id, "deleted_at": when.isoformat()}


def row(data: dict[str, Any], key: str, index: int = 0) -> dict[str, Any]:
    result: dict[str, Any] = data["meetings"][0][key][index]
    return result


def set_changed(db: Database, table: str, row_id: str, when: datetime) -> None:
    """A change made here at a known time (the services would stamp it with the clock)."""
    with db.write() as s:
        s.connection().exec_driver_sql(
            f"UPDATE {table} SET updated_at = ? WHERE id = ?", (when.isoformat(sep=" "), row_id)
        )


def counts(db: Database) -> dict[str, int]:
    models = [m.Meeting, *(model for _key, model in CHILDREN), m.Contact]
    with db.session() as s:
        return {model.__tablename__: s.scalar(select(func.count()).select_from(model)) for model in models}


def stones(db: Database) -> dict[tuple[str, str], datetime]:
    with db.session() as s:
        return {(t.table_name, t.row_id): t.deleted_at for t in s.scalars(select(m.Tombstone))}


@pytest.fixture
def here(db: Database) -> Database:
    """This laptop, after importing the bundle once."""
    merge.merge(db, received(a_bundle()), take_backup=False)
    return db


# Adding ------------------------------------------------------------------------------------------
def test_a_bundle_in_an_empty_database_adds_every_row_and_says_so(db: Database) -> None:
    result = merge.merge(db, received(a_bundle()), take_backup=False)
    assert result.added == EVERY_KIND and result.added_meetings == [TITLE] and result.meetings == 1
    assert (result.unchanged, result.conflicts, result.updated, result.deleted) == (0, [], {}, {})
    assert (result.tombstones, result.not_restored, result.backup) == (1, 0, None)  # the wish deleted there
    assert all(n == 1 for n in counts(db).values() if n != 2) and counts(db)["note"] == 2
    detail = MeetingService(db).get_meeting(MEETING)
    assert detail.title == TITLE and detail.languages == ["nl", "ar"]
    assert sorted(n.text for n in detail.notes) == ["Goede sfeer.", "Ouders kennen het CJG niet."]
    assert stones(db) == {("wish", uid(10)): datetime(2026, 3, 14, 22)}


def test_two_meetings_arrive_each_with_its_own_rows(db: Database) -> None:
    data = a_bundle()
    second = copy.deepcopy(data["meetings"][0])
    second.update(id=uid(100), title="Tweede avond")
    for number, (key, _table) in enumerate(ROWS.items(), start=101):
        second[key][0]["id"] = uid(number)
    second["notes"][1]["id"] = uid(120)
    second["notes"][0]["agenda_item_id"] = second["agenda"][0]["id"]
    data["meetings"].append(second)
    result = merge.merge(db, received(data), take_backup=False)
    assert result.added == {key: 2 * n if key != "contacts" else 1 for key, n in EVERY_KIND.items()}
    assert result.added_meetings == [TITLE, "Tweede avond"] and result.meetings == 2
    assert [len(MeetingService(db).get_meeting(mid).notes) for mid in (MEETING, uid(100))] == [2, 2]


def test_the_same_bundle_twice_changes_nothing_and_takes_one_backup(db: Database) -> None:
    first = merge.merge(db, received(a_bundle()))
    assert first.backup is not None and first.backup.is_file()
    again = merge.merge(db, received(a_bundle()))
    assert again.backup is None, "an import that changes nothing needs no undo"
    assert (again.added, again.updated, again.deleted, again.conflicts) == ({}, {}, {}, [])
    assert (again.unchanged, again.tombstones) == (10, 0)
    assert [b.path for b in backup.list_backups(db.paths)] == [first.backup]
    db.restore(first.backup)  # the undo: the database as it was before the import
    assert set(counts(db).values()) == {0}


def test_a_preview_says_what_the_import_will_do_and_writes_nothing(db: Database) -> None:
    plan = merge.preview(db, received(a_bundle()))
    assert plan.added == EVERY_KIND and plan.backup is None
    assert set(counts(db).values()) == {0} and stones(db) == {} and backup.list_backups(db.paths) == []


# Conflicts -----------------------------------------------------------------------------------------
def test_the_newer_side_wins_each_row_and_every_conflict_names_its_meeting(here: Database) -> None:
    data = a_bundle()
    meeting = data["meetings"][0]
    meeting.update(title="Andere titel", venue="Bibliotheek", updated_at=at(60).isoformat())  # newer there
    row(data, "strengths")["text"] = "Sterker"
    row(data, "strengths")["updated_at"] = at(30).isoformat()  # newer there
    row(data, "wishes")["text"] = "Ouder elders"
    row(data, "wishes")["updated_at"] = at(-60).isoformat()  # older there
    row(data, "notes")["text"] = "Tegelijk elders"  # the same time on both sides: this one stays
    data["contacts"][0]["phone"] = "0182 999999"
    data["contacts"][0]["updated_at"] = at(5).isoformat()
    result = merge.merge(here, received(data), take_backup=False)
    assert result.conflicts == [
        Conflict("meeting", MEETING, MEETING, TITLE, BUNDLE, T0, at(60)),
        Conflict("notes", uid(4), MEETING, TITLE, LOCAL, T0, T0),
        Conflict("strengths", uid(5), MEETING, TITLE, BUNDLE, T0, at(30)),
        Conflict("wishes", uid(7), MEETING, TITLE, LOCAL, T0, at(-60)),
        Conflict("contacts", uid(9), None, "Gouda", BUNDLE, T0, at(5)),
    ]
    assert result.updated == {"meeting": 1, "strengths": 1, "contacts": 1}
    assert result.changed_meetings == [TITLE, "Gouda"]  # each once, by the name known here
    assert result.unchanged == 5 and result.added == {}
    detail = MeetingService(here).get_meeting(MEETING)
    assert (detail.title, detail.venue) == ("Andere titel", "Bibliotheek")
    assert [s.text for s in detail.strengths] == ["Sterker"]
    assert [w.text for w in detail.wishes] == ["Een vaste contactpersoon."]
    assert "Ouders kennen het CJG niet." in {n.text for n in detail.notes}


def test_a_row_the_bundle_would_move_to_another_meeting_refuses_the_whole_import(here: Database) -> None:
    data = a_bundle()
    other = copy.deepcopy(data["meetings"][0])
    other.update(id=uid(100), title="Andere avond", **{key: [] for key, _model in CHILDREN})
    other["wishes"] = [{**row(data, "wishes"), "text": "Overschreven", "updated_at": at(60).isoformat()}]
    data["meetings"] = [other]
    before = counts(here)
    with pytest.raises(ImportRefused) as refused:
        merge.merge(here, received(data))
    assert str(refused.value) == (
        f"De bundel zou Wens {uid(7)[:8]} van \u201c{TITLE}\u201d naar een andere bijeenkomst verplaatsen; "
        "zo'n bundel is niet te vertrouwen en er is niets ingelezen."
    )
    assert counts(here) == before and backup.list_backups(here.paths) == []
    assert [w.text for w in MeetingService(here).get_meeting(MEETING).wishes] == ["Een vaste contactpersoon."]


# Deletions -----------------------------------------------------------------------------------------
def test_deletions_remove_older_rows_here_and_are_kept_to_pass_on(here: Database) -> None:
    data = a_bundle()
    data["tombstones"] += [
        tombstone("note", uid(4), at(10)),
        tombstone("agreement", uid(6), at(10)),
        tombstone("contact", uid(9), at(20)),
    ]
    result = merge.merge(here, received(data), take_backup=False)
    assert result.deleted == {"notes": 1, "agreements": 1, "contacts": 1} and result.deleted_meetings == []
    assert (result.tombstones, result.not_restored, result.conflicts, result.added) == (3, 0, [], {})
    detail = MeetingService(here).get_meeting(MEETING)
    assert [n.id for n in detail.notes] == [uid(11)] and detail.agreements == []
    assert counts(here)["contact"] == 0
    assert stones(here) == {
        ("wish", uid(10)): datetime(2026, 3, 14, 22),
        ("note", uid(4)): at(10),
        ("agreement", uid(6)): at(10),
        ("contact", uid(9)): at(20),
    }


def test_a_row_changed_here_at_the_very_time_of_the_deletion_stays(here: Database) -> None:
    data = a_bundle()
    data["meetings"][0]["wishes"] = []  # gone there
    data["tombstones"].append(tombstone("wish", uid(7), T0))
    result = merge.merge(here, received(data), take_backup=False)
    assert result.deleted == {}
    assert result.conflicts == [Conflict("wishes", uid(7), MEETING, TITLE, LOCAL, T0, T0, deleted_on=BUNDLE)]
    assert [w.id for w in MeetingService(here).get_meeting(MEETING).wishes] == [uid(7)]


def test_a_contact_changed_here_after_its_deletion_elsewhere_is_named_by_its_municipality(here: Database) -> None:
    set_changed(here, "contact", uid(9), at(30))
    data = a_bundle()
    data["tombstones"].append(tombstone("contact", uid(9), at(20)))
    result = merge.merge(here, received(data), take_backup=False)
    assert result.conflicts == [Conflict("contacts", uid(9), None, "Gouda", LOCAL, at(30), at(20), deleted_on=BUNDLE)]
    assert counts(here)["contact"] == 1


def test_a_meeting_deleted_elsewhere_goes_with_all_its_rows_and_its_title_is_said(here: Database) -> None:
    data = a_bundle()
    data["tombstones"].append(tombstone("meeting", MEETING, at(10)))
    result = merge.merge(here, received(data), take_backup=False)
    assert result.deleted == {"meeting": 1} and result.deleted_meetings == [TITLE]
    assert result.not_restored == 0 and result.conflicts == []
    assert counts(here) == {**{name: 0 for name in counts(here)}, "contact": 1}
    # and an old copy of it, meeting and rows, is not brought back
    again = merge.merge(here, received(a_bundle()), take_backup=False)
    assert again.added == {} and again.not_restored == 9 and again.conflicts == []
    assert counts(here)["meeting"] == 0


@pytest.mark.parametrize("key", list(ROWS))
def test_a_meeting_with_any_row_changed_here_after_its_deletion_elsewhere_stays(here: Database, key: str) -> None:
    table, row_id = ROWS[key]
    set_changed(here, table, row_id, at(20))
    before = counts(here)
    data = a_bundle()
    data["tombstones"].append(tombstone("meeting", MEETING, at(10)))
    result = merge.merge(here, received(data), take_backup=False)
    assert result.deleted == {} and result.deleted_meetings == []
    assert result.conflicts == [Conflict("meeting", MEETING, MEETING, TITLE, LOCAL, T0, at(10), deleted_on=BUNDLE)]
    assert counts(here) == before  # the meeting and every row in it


def test_a_meeting_whose_rows_all_changed_before_the_deletion_goes(here: Database) -> None:
    for table, row_id in ROWS.values():
        set_changed(here, table, row_id, at(9))
    data = a_bundle()
    data["tombstones"].append(tombstone("meeting", MEETING, at(10)))
    result = merge.merge(here, received(data), take_backup=False)
    assert result.deleted == {"meeting": 1} and counts(here)["meeting"] == 0


@pytest.mark.parametrize("order", [(5, 15), (15, 5)])
def test_of_two_deletions_of_one_row_the_later_counts(here: Database, order: tuple[int, int]) -> None:
    set_changed(here, "note", uid(4), at(10))  # changed here between the two deletions
    data = a_bundle()
    data["tombstones"] += [tombstone("note", uid(4), at(minutes)) for minutes in order]
    result = merge.merge(here, received(data), take_backup=False)
    assert result.deleted == {"notes": 1} and result.tombstones == 1
    assert stones(here)[("note", uid(4))] == at(15)


def test_a_deletion_known_here_already_is_not_learnt_again(here: Database) -> None:
    older = a_bundle()
    older["tombstones"] = [tombstone("wish", uid(10), at(30))]  # the same deletion, said to be earlier
    result = merge.merge(here, received(older), take_backup=False)
    assert result.tombstones == 0 and result.changes_anything is False
    newer = a_bundle()
    newer["tombstones"] = [tombstone("wish", uid(10), at(90))]
    assert merge.merge(here, received(newer), take_backup=False).tombstones == 1


def test_a_row_deleted_here_but_changed_there_afterwards_comes_back_as_a_conflict(here: Database) -> None:
    deleting = a_bundle()
    deleting["tombstones"].append(tombstone("wish", uid(7), at(10)))
    merge.merge(here, received(deleting), take_backup=False)
    assert MeetingService(here).get_meeting(MEETING).wishes == []
    changed = a_bundle()
    row(changed, "wishes")["text"] = "Later nog aangevuld"
    row(changed, "wishes")["updated_at"] = at(20).isoformat()
    result = merge.merge(here, received(changed), take_backup=False)
    assert result.added == {"wishes": 1}
    assert result.conflicts == [Conflict("wishes", uid(7), MEETING, TITLE, BUNDLE, at(10), at(20), deleted_on=LOCAL)]
    assert [w.text for w in MeetingService(here).get_meeting(MEETING).wishes] == ["Later nog aangevuld"]


def test_an_old_copy_of_a_row_deleted_here_stays_deleted(here: Database) -> None:
    deleting = a_bundle()
    deleting["tombstones"].append(tombstone("wish", uid(7), at(10)))
    merge.merge(here, received(deleting), take_backup=False)
    result = merge.merge(here, received(a_bundle()), take_backup=False)
    assert result.added == {} and result.not_restored == 1 and result.conflicts == []
    assert MeetingService(here).get_meeting(MEETING).wishes == []


def test_a_row_the_bundle_itself_has_newer_than_its_deletion_is_not_deleted(here: Database) -> None:
    """A third laptop deleted the note, a fourth changed it later: both reach us in one bundle."""
    data = a_bundle()
    data["tombstones"].append(tombstone("note", uid(4), at(10)))
    row(data, "notes")["text"] = "Na de verwijdering aangepast"
    row(data, "notes")["updated_at"] = at(20).isoformat()
    result = merge.merge(here, received(data), take_backup=False)
    assert result.deleted == {} and result.updated == {"notes": 1}
    assert "Na de verwijdering aangepast" in {n.text for n in MeetingService(here).get_meeting(MEETING).notes}


def test_more_than_a_thousand_rows_arrive_and_go_in_full(db: Database) -> None:
    """Rows are looked up and deleted 500 at a time: none is left out at a boundary."""
    data = a_bundle()
    template = row(data, "wishes")
    row_ids = [uid(1000 + n) for n in range(1001)]
    data["meetings"][0]["wishes"] = [{**template, "id": key, "text": f"Wens {n}"} for n, key in enumerate(row_ids)]
    assert merge.merge(db, received(data), take_backup=False).added["wishes"] == 1001
    again = merge.merge(db, received(data), take_backup=False)
    assert again.added == {} and again.unchanged == 1001 + 9
    data["tombstones"] += [tombstone("wish", key, at(10)) for key in row_ids]
    gone = merge.merge(db, received(data), take_backup=False)
    assert gone.deleted == {"wishes": 1001} and counts(db)["wish"] == 0


# Nothing imported ------------------------------------------------------------------------------------
def test_a_read_only_database_imports_nothing_and_takes_no_backup(tmp_path: Any) -> None:
    paths = DataPaths(tmp_path / "data")
    open_database(paths).close()
    with open_database(paths, read_only=True) as db:
        with pytest.raises(ReadOnlyError) as refused:
            merge.merge(db, received(a_bundle()))
        assert str(refused.value) == str(ReadOnlyError(paths.root))
        assert set(counts(db).values()) == {0}
    assert not paths.backups.exists() or list(paths.backups.iterdir()) == []


def test_no_backup_means_no_import_and_says_why(db: Database) -> None:
    shutil.rmtree(db.paths.backups, ignore_errors=True)
    db.paths.backups.write_text("een bestand waar de map met reservekopieën hoort")
    with pytest.raises(ImportRefused) as refused:
        merge.merge(db, received(a_bundle()))
    assert str(refused.value) == (
        f"Er kon vooraf geen reservekopie worden gemaakt, dus er is niets ingelezen: In de map {db.paths.backups} "
        "mag niet worden geschreven, dus er is geen reservekopie gemaakt; kies een andere map."
    )
    assert set(counts(db).values()) == {0} and stones(db) == {}


def test_every_deletion_keeps_its_own_time_to_pass_on(here: Database) -> None:
    """A note deleted at 21:10 and then its meeting at 21:20: this laptop passes on both as they
    were made, whatever order the bundle lists them in, and the rest of the meeting at 21:20."""
    data = a_bundle()
    data["tombstones"] += [tombstone("meeting", MEETING, at(20)), tombstone("note", uid(4), at(10))]
    result = merge.merge(here, received(data), take_backup=False)
    assert result.deleted == {"meeting": 1, "notes": 1}
    kept = stones(here)
    assert kept[("note", uid(4))] == at(10) and kept[("meeting", MEETING)] == at(20)
    assert {kept[(table, row_id)] for key, (table, row_id) in ROWS.items() if key != "notes"} == {at(20)}
    assert kept[("note", uid(11))] == at(20)


def test_a_row_changed_there_at_the_very_time_it_was_deleted_here_comes_back(here: Database) -> None:
    """A tie between a change and a deletion keeps the row, on either side."""
    deleting = a_bundle()
    deleting["tombstones"].append(tombstone("wish", uid(7), at(10)))
    merge.merge(here, received(deleting), take_backup=False)
    changed = a_bundle()
    row(changed, "wishes")["updated_at"] = at(10).isoformat()
    result = merge.merge(here, received(changed), take_backup=False)
    assert result.added == {"wishes": 1} and result.not_restored == 0
    assert [w.id for w in MeetingService(here).get_meeting(MEETING).wishes] == [uid(7)]


def test_a_meeting_and_a_contact_deleted_here_but_changed_there_come_back_named(here: Database) -> None:
    deleting = a_bundle()
    deleting["tombstones"] += [tombstone("meeting", MEETING, at(10)), tombstone("contact", uid(9), at(10))]
    merge.merge(here, received(deleting), take_backup=False)
    assert counts(here)["meeting"] == 0 and counts(here)["contact"] == 0
    changed = a_bundle()
    changed["meetings"][0]["updated_at"] = at(20).isoformat()
    changed["contacts"][0]["updated_at"] = at(30).isoformat()
    for key in ROWS:  # and every row of the meeting after the deletion as well
        for each in changed["meetings"][0][key]:
            each["updated_at"] = at(20).isoformat()
    result = merge.merge(here, received(changed), take_backup=False)
    assert result.added == EVERY_KIND
    assert [c for c in result.conflicts if c.kind in ("meeting", "contacts")] == [
        Conflict("meeting", MEETING, MEETING, TITLE, BUNDLE, at(10), at(20), deleted_on=LOCAL),
        Conflict("contacts", uid(9), None, "Gouda", BUNDLE, at(10), at(30), deleted_on=LOCAL),
    ]


def test_a_deletion_after_one_the_bundle_overrules_still_counts(here: Database) -> None:
    data = a_bundle()
    data["tombstones"] += [tombstone("note", uid(4), at(10)), tombstone("agreement", uid(6), at(10))]
    row(data, "notes")["updated_at"] = at(20).isoformat()  # the note changed after its deletion there
    result = merge.merge(here, received(data), take_backup=False)
    assert result.deleted == {"agreements": 1}
    assert MeetingService(here).get_meeting(MEETING).agreements == []


def test_each_row_the_bundle_changed_later_is_counted(here: Database) -> None:
    data = a_bundle()
    for index, text in enumerate(["Later aangevuld", "Ook later"]):
        row(data, "notes", index)["text"] = text
        row(data, "notes", index)["updated_at"] = at(15).isoformat()
    result = merge.merge(here, received(data), take_backup=False)
    assert result.updated == {"notes": 2} and result.changed_meetings == [TITLE]
    assert sorted(n.text for n in MeetingService(here).get_meeting(MEETING).notes) == ["Later aangevuld", "Ook later"]
