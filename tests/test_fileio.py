"""Writing files so that nothing is half-written, nothing lost on a failure, and nothing readable by others.

fileio is what every settings file, export and backup goes through; these tests hold it to what it
promises a person: the old file stays whole when a write fails, new files and folders are private
whatever the umask, and the rename is made durable by syncing the folder it happened in.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path, PosixPath

import pytest

from opvoed_desktop.fileio import make_private_dirs, sync_folder, write_atomic


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_is_whole_and_private_even_with_an_open_umask(tmp_path: Path) -> None:
    target = tmp_path / "notities.json"
    with umask(0):
        write_atomic(target, b"alles wat getypt is")
    assert target.read_bytes() == b"alles wat getypt is"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notities.json"], "a temporary file was left behind"


def test_replacing_a_readable_file_makes_it_private(tmp_path: Path) -> None:
    target = tmp_path / "instellingen.json"
    target.write_bytes(b"oud")
    target.chmod(0o644)
    write_atomic(target, b"nieuw")
    assert target.read_bytes() == b"nieuw"
    assert mode(target) == 0o600


def test_a_failed_write_keeps_the_old_file_and_leaves_no_scraps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "notities.json"
    target.write_bytes(b"de vorige versie")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"de nieuwe versie die niet past")
    assert target.read_bytes() == b"de vorige versie"
    assert [p.name for p in tmp_path.iterdir()] == ["notities.json"], "the half-written temporary file stayed"


def test_an_interrupted_write_also_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (not an OSError) halfway: the temporary file still goes, the old file stays."""
    target = tmp_path / "notities.json"
    target.write_bytes(b"de vorige versie")

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"nieuw")
    assert target.read_bytes() == b"de vorige versie"
    assert [p.name for p in tmp_path.iterdir()] == ["notities.json"]


def _record_synced_folders(monkeypatch: pytest.MonkeyPatch, watch: Path) -> list[bytes | None]:
    """Spy on fsync (still doing it): for every fsync of `watch`'s folder, what the file held then."""
    real_fsync = os.fsync
    seen: list[bytes | None] = []

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode) and info.st_ino == watch.parent.stat().st_ino:
            seen.append(watch.read_bytes() if watch.exists() else None)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


def test_the_rename_is_made_durable_by_syncing_the_folder_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a power cut the folder must point at the new file: the folder is synced after the rename."""
    target = tmp_path / "notities.json"
    seen = _record_synced_folders(monkeypatch, target)
    write_atomic(target, b"nieuw")
    assert seen == [b"nieuw"]


def test_sync_folder_syncs_that_folder_and_closes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "x"
    marker.write_bytes(b"x")
    seen = _record_synced_folders(monkeypatch, marker)
    before = len(os.listdir("/proc/self/fd"))
    sync_folder(tmp_path)
    assert seen == [b"x"]
    assert len(os.listdir("/proc/self/fd")) == before, "the folder's descriptor was left open"


def test_a_folder_that_cannot_be_synced_is_not_an_error(tmp_path: Path) -> None:
    sync_folder(tmp_path / "weg")  # gone already (a pulled stick): the write itself has succeeded


def test_write_can_make_the_private_folders_it_needs(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "export.csv"
    with umask(0):
        write_atomic(target, b"x", make_folder=True)
    assert target.read_bytes() == b"x"
    assert mode(tmp_path / "a") == 0o700
    assert mode(tmp_path / "a" / "b") == 0o700


def test_without_make_folder_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "weg" / "x.csv", b"x")
    assert not (tmp_path / "weg").exists()


def test_private_dirs_are_0700_whatever_the_umask(tmp_path: Path) -> None:
    """An open umask must not make folders listable; one that takes the owner's bits must not lock us out."""
    for mask, name in ((0o000, "open"), (0o022, "usual"), (0o277, "odd")):
        deepest = tmp_path / name / "b" / "c"
        with umask(mask):
            created = make_private_dirs(deepest)
        assert created == [tmp_path / name, tmp_path / name / "b", deepest], "outermost first"
        for folder in created:
            assert mode(folder) == 0o700, (mask, folder)


def test_existing_folders_are_left_exactly_as_they_are(tmp_path: Path) -> None:
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    shared.chmod(0o755)
    created = make_private_dirs(shared / "mijn")
    assert created == [shared / "mijn"]
    assert mode(shared) == 0o755
    assert mode(shared / "mijn") == 0o700
    assert make_private_dirs(shared / "mijn") == []
    assert make_private_dirs(tmp_path) == []


class _RacyPath(PosixPath):
    """A path whose folder another process creates between the existence check and the mkdir."""

    racing: str = ""

    def exists(self, **kwargs: object) -> bool:
        if str(self) == _RacyPath.racing and not os.path.exists(self):
            os.mkdir(self, 0o755)  # the other process, with its own idea of the mode
            return False
        return super().exists()


def test_a_folder_made_by_someone_else_in_between_does_not_stop_the_rest(tmp_path: Path) -> None:
    _RacyPath.racing = str(tmp_path / "a")
    deepest = _RacyPath(tmp_path / "a" / "b" / "c")
    created = make_private_dirs(deepest)
    assert deepest.is_dir()
    assert [str(p) for p in created] == [str(tmp_path / "a" / "b"), str(deepest)]
    assert mode(tmp_path / "a") == 0o755, "someone else's folder is theirs to set"


def test_while_writing_the_half_file_is_hidden_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The half-written file sits in the target's own folder (so the rename is one atomic step on
    one disk), hidden, named after its target and ending in .tmp: a crash leaves nothing that a
    listing of *.json or *.db would take for a finished file, and a person can tell what it was."""
    target = tmp_path / "notities.json"
    real_fsync = os.fsync
    during: list[list[str]] = []

    def fsync(fd: int) -> None:
        if not stat.S_ISDIR(os.fstat(fd).st_mode):
            during.append(sorted(p.name for p in tmp_path.iterdir()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(target, b"x")
    assert len(during) == 1 and len(during[0]) == 1
    name = during[0][0]
    assert name.startswith(".notities.json.") and name.endswith(".tmp"), name
    assert not list(tmp_path.glob("*.json.*")) and [p.name for p in tmp_path.iterdir()] == ["notities.json"]


def test_the_real_error_is_reported_when_the_half_file_is_already_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stick is pulled at the rename: the person hears about that, not about a cleanup detail."""
    target = tmp_path / "notities.json"
    target.write_bytes(b"oud")

    def pulled(src: str, dst: object) -> None:
        os.unlink(src)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", pulled)
    with pytest.raises(OSError, match="Input/output error"):
        write_atomic(target, b"nieuw")
    assert target.read_bytes() == b"oud"
