"""Deleted for good means out of the backups too (storage/scrub.py): which backups still hold a
meeting's text, and dropping them only once a fresh backup without it exists, so the person always
keeps a way back. The oracle for "holds the text" is the raw bytes of each file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import backup, open_database, scrub

SECRET = "zeergeheimewoordenreeks"


def _with_secret_backups(paths: DataPaths) -> tuple[str, str, Path, list[Path]]:
    """(kept meeting, secret meeting, a backup from before the secret, two backups holding it),
    the secret meeting deleted for good afterwards."""
    with open_database(paths) as db:
        service = MeetingService(db)
        kept = service.create_meeting("Blijft")
        before = db.backup("manual")
        secret = service.create_meeting("Geheim")
        service.add_note(secret, SECRET)
        holding = [db.backup("manual"), db.backup("manual")]
        service.trash_meeting(secret)
        service.empty_trash()
    assert all(SECRET.encode() in p.read_bytes() for p in holding)
    assert SECRET.encode() not in before.read_bytes()
    return kept, secret, before, holding


def _files_with_secret(paths: DataPaths) -> list[Path]:
    return sorted(p for p in paths.backups.iterdir() if SECRET.encode() in p.read_bytes())


def test_the_backups_holding_a_meeting_are_found_newest_first(paths: DataPaths) -> None:
    kept, secret, before, holding = _with_secret_backups(paths)
    assert [info.path for info in scrub.backups_holding(paths, "meeting", [secret])] == holding[::-1]
    assert [info.path for info in scrub.backups_holding(paths, "meeting", [kept])] == [*holding[::-1], before]
    assert [info.path for info in scrub.backups_holding(paths, "meeting", [secret, secret])] == holding[::-1]
    assert scrub.backups_holding(paths, "meeting", []) == []
    assert scrub.backups_holding(paths, "meeting", ["bestaat-niet"]) == []


def test_rows_of_other_kinds_are_looked_up_in_their_own_table(paths: DataPaths) -> None:
    with open_database(paths) as db:
        service = MeetingService(db)
        meeting = service.create_meeting("Avond")
        note = service.add_note(meeting, SECRET)
        wish = service.add_wish(meeting, "een wens")
        made = db.backup("manual")
    assert [i.path for i in scrub.backups_holding(paths, "note", [note])] == [made]
    assert [i.path for i in scrub.backups_holding(paths, "wish", [wish])] == [made]
    assert scrub.backups_holding(paths, "note", [wish]) == []  # a wish's id is no note
    with pytest.raises(ValueError):
        scrub.backups_holding(paths, "meeting; DROP TABLE meeting", [meeting])


@pytest.mark.parametrize("before", [499, 500, 1200])
def test_a_meeting_among_many_ids_is_found_past_the_first_five_hundred(paths: DataPaths, before: int) -> None:
    """Emptying a large trash asks about hundreds of meetings at once; none of them may be missed,
    also not the first of the next batch of 500."""
    _kept, secret, _before, holding = _with_secret_backups(paths)
    others = [f"!{n:04d}" for n in range(before)]  # sort before any real id: the secret one comes last
    assert [i.path for i in scrub.backups_holding(paths, "meeting", [*others, secret])] == holding[::-1]


def test_a_damaged_backup_is_not_named_and_does_not_stop_the_search(paths: DataPaths) -> None:
    _kept, secret, _before, holding = _with_secret_backups(paths)
    damaged = paths.backups / "opvoed-20200101-000000-000000-manual.sqlite3"
    damaged.write_bytes(b"geen database" * 1000)
    assert [i.path for i in scrub.backups_holding(paths, "meeting", [secret])] == holding[::-1]


def test_dropping_makes_a_fresh_backup_first_then_removes_every_holding_one(paths: DataPaths) -> None:
    kept, secret, before, holding = _with_secret_backups(paths)
    found = scrub.backups_holding(paths, "meeting", [secret])
    result = scrub.drop_backups(paths, found)
    assert result.error is None and result.kept == []
    assert sorted(info.path for info in result.removed) == sorted(holding)
    assert result.fresh is not None and result.fresh not in holding
    assert sorted(info.path for info in backup.list_backups(paths)) == sorted([before, result.fresh])
    assert _files_with_secret(paths) == []
    # The fresh backup is a real way back: it holds what was kept.
    assert [i.path for i in scrub.backups_holding(paths, "meeting", [kept])] == [result.fresh, before]


def test_nothing_holding_the_text_means_nothing_done(paths: DataPaths) -> None:
    _kept, _secret, _before, _holding = _with_secret_backups(paths)
    listed = backup.list_backups(paths)
    result = scrub.drop_backups(paths, [])
    assert (result.removed, result.kept, result.fresh, result.error) == ([], [], None, None)
    assert backup.list_backups(paths) == listed


def test_without_room_for_a_fresh_backup_nothing_is_deleted_and_it_says_why(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _kept, secret, before, holding = _with_secret_backups(paths)
    found = scrub.backups_holding(paths, "meeting", [secret])

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = scrub.drop_backups(paths, found)
    monkeypatch.undo()
    assert result.removed == [] and result.fresh is None
    assert [info.path for info in result.kept] == holding[::-1]
    assert result.error is not None and "schijf is vol" in result.error
    assert sorted(info.path for info in backup.list_backups(paths)) == sorted([before, *holding])


def test_a_backup_that_cannot_be_removed_is_named_as_kept_and_the_rest_go(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _kept, secret, _before, holding = _with_secret_backups(paths)
    stuck = holding[1]  # the newest: tried first
    unlink = Path.unlink

    def refuse(self: Path, missing_ok: bool = False) -> None:
        if self == stuck:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    result = scrub.drop_backups(paths, scrub.backups_holding(paths, "meeting", [secret]))
    monkeypatch.undo()
    assert [info.path for info in result.kept] == [stuck]
    assert [info.path for info in result.removed] == [holding[0]]
    assert result.error is None and result.fresh is not None
    assert _files_with_secret(paths) == [stuck]


def test_backups_the_fresh_one_already_pruned_count_as_removed(paths: DataPaths) -> None:
    """Eight backups of today hold the text; making the fresh one prunes the oldest of them (the
    generations keep five of a day). Those are gone too, and must not be reported as kept."""
    with open_database(paths) as db:
        service = MeetingService(db)
        secret = service.create_meeting("Geheim")
        service.add_note(secret, SECRET)
        for _n in range(8):
            db.backup("manual")
        service.trash_meeting(secret)
        service.empty_trash()
    found = scrub.backups_holding(paths, "meeting", [secret])
    assert len(found) == 5  # each new backup prunes to the generations' five of today
    result = scrub.drop_backups(paths, found)
    assert result.kept == [] and result.error is None
    assert sorted(i.path for i in result.removed) == sorted(i.path for i in found)
    assert _files_with_secret(paths) == []
