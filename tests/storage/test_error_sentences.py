"""The one plain sentence a person reads for each storage fault (storage/errors.py), caused for real
where that is cheap (a newer or foreign database, a folder or a file in the wrong place, a second
window, a read-only start), with the file it names and the proof it was left as it was.

The sentences are the Dutch source strings: each test also says which file or folder the person
must look at (or, for a damaged file, only its name), and that no note text is in it.
"""

from __future__ import annotations

import contextlib
import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import (
    BackupFailedError,
    CorruptDatabaseError,
    DatabaseInUseError,
    DatabaseIsFolderError,
    DataDirUnusableError,
    DiskFullAtStartError,
    DiskFullError,
    ForeignDatabaseError,
    InvalidBackupError,
    NewerDatabaseError,
    NotFoundError,
    ReadOnlyError,
    RecoveredFromCorruption,
    StorageError,
    WalDamaged,
    open_database,
)
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.driver import dbapi as sqlite3
from opvoed_desktop.storage.errors import DatabaseIOError, InvalidTextError

from .faults import tree


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_database_of_a_newer_app_is_refused_and_left_alone(paths: DataPaths) -> None:
    with open_database(paths) as db, db.write() as session:
        session.add(m.Meeting(title="Ouderavond"))
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _bytes(paths.database)
    with pytest.raises(NewerDatabaseError) as info:
        open_database(paths)
    assert str(info.value) == (
        f"De database in {paths.database} is gemaakt door een nieuwere versie van de app; "
        "installeer die nieuwere versie, het bestand is niet gewijzigd."
    )
    assert (info.value.path, info.value.revision) == (paths.database, "9999_from_the_future")
    assert _bytes(paths.database) == before


def test_a_database_of_another_app_is_refused_and_left_alone(paths: DataPaths) -> None:
    paths.ensure()
    with contextlib.closing(sqlite3.connect(paths.database)) as conn, conn:
        conn.execute("CREATE TABLE recepten (naam TEXT)")
        conn.execute("INSERT INTO recepten VALUES ('stamppot')")
    before = _bytes(paths.database)
    with pytest.raises(ForeignDatabaseError) as info:
        open_database(paths)
    assert str(info.value) == (
        f"Het bestand {paths.database} is geen database van deze app; kies een andere map met "
        "--data-dir, het bestand is niet gewijzigd."
    )
    assert info.value.path == paths.database and _bytes(paths.database) == before


def test_a_second_window_is_told_the_app_is_already_open(paths: DataPaths) -> None:
    with open_database(paths):
        with pytest.raises(DatabaseInUseError) as info:
            open_database(paths)
        assert str(info.value) == (
            f"De app is al geopend met deze gegevens ({paths.database}); sluit het andere venster en "
            "probeer het opnieuw."
        )
        assert info.value.path == paths.database


def test_a_folder_where_the_database_belongs_is_named_and_left_alone(paths: DataPaths) -> None:
    paths.database.mkdir(parents=True)
    (paths.database / "foto.jpg").write_bytes(b"\xff\xd8 mijn foto")
    before = tree(paths.database)
    with pytest.raises(DatabaseIsFolderError) as info:
        open_database(paths)
    assert str(info.value) == (
        f"Op de plaats van het gegevensbestand {paths.database} staat een map; verplaats of hernoem die "
        "map, dan kan de app weer bewaren."
    )
    assert info.value.path == paths.database and tree(paths.database) == before


def test_a_file_where_the_data_folder_belongs_is_named_and_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "gegevens"
    root.write_text("een brief", encoding="utf-8")
    with pytest.raises(DataDirUnusableError) as info:
        open_database(DataPaths(root))
    assert str(info.value) == f"{root} kan geen map voor de gegevens zijn; kies een andere map met --data-dir."
    assert info.value.path == root and root.read_text(encoding="utf-8") == "een brief"


def test_writing_to_a_database_opened_for_reading_names_the_folder(paths: DataPaths) -> None:
    with open_database(paths):
        pass
    with open_database(paths, read_only=True) as db:
        with pytest.raises(ReadOnlyError) as info, db.write():
            pass
        assert str(info.value) == (
            f"De map {paths.root} is alleen-lezen, dus wijzigingen kunnen niet worden bewaard; "
            "kies een map waarin u mag schrijven."
        )
        assert info.value.path == paths.root and db.read_only_message == str(info.value)


def test_a_full_disk_says_what_was_not_saved_and_what_still_works(tmp_path: Path) -> None:
    during = DiskFullError(tmp_path)
    at_start = DiskFullAtStartError(tmp_path)
    assert str(during) == (
        "De schijf is vol, dus de laatste wijziging is niet bewaard; maak ruimte vrij en probeer het opnieuw."
    )
    assert str(at_start) == (
        "De schijf is vol, dus de app kan niets bewaren; u kunt de aantekeningen lezen, "
        "en na het vrijmaken van ruimte en opnieuw starten weer schrijven."
    )
    # The window treats both as a full disk (one handler), each with its own sentence.
    assert isinstance(at_start, DiskFullError) and during.path == at_start.path == tmp_path


def test_a_damaged_file_is_named_by_its_name_only(tmp_path: Path) -> None:
    damaged = tmp_path / "Jan de Vries" / "opvoed.sqlite3"
    error = CorruptDatabaseError(damaged)
    assert str(error) == (
        "Het gegevensbestand opvoed.sqlite3 is beschadigd; de app zet het apart (het wordt niet gewist) "
        "en biedt de nieuwste goede reservekopie aan."
    )
    assert error.path == damaged
    assert str(CorruptDatabaseError(str(damaged))) == str(error)  # a path given as text, the same name


@pytest.mark.parametrize(
    ("reason", "sentence"),
    [
        (
            "read-only",
            "In de map {f} mag niet worden geschreven, dus er is geen reservekopie gemaakt; kies een andere map.",
        ),
        ("full", "De schijf is vol, dus er is geen reservekopie gemaakt; maak ruimte vrij en probeer het opnieuw."),
        ("missing", "De reservekopie kon niet worden geschreven in {f}; controleer de map en probeer het opnieuw."),
    ],
)
def test_a_failed_backup_says_why(tmp_path: Path, reason: str, sentence: str) -> None:
    folder = tmp_path / "USB-stick"
    error = BackupFailedError(folder, reason)
    assert str(error) == sentence.format(f=folder)
    assert (error.folder, error.reason) == (folder, reason)


def test_the_other_sentences(tmp_path: Path) -> None:
    io_error = DatabaseIOError("SQLITE_IOERR_FSYNC")
    assert str(io_error) == (
        "De database gaf een fout (SQLITE_IOERR_FSYNC); probeer het opnieuw of start de app opnieuw."
    )
    assert io_error.code == "SQLITE_IOERR_FSYNC"
    candidate = tmp_path / "vakantiefoto.sqlite3"
    invalid = InvalidBackupError(candidate)
    assert str(invalid) == f"{candidate} is geen bruikbare reservekopie van deze app; kies een ander bestand."
    assert invalid.path == candidate
    missing = NotFoundError("Notitie", "4f2a")
    assert str(missing) == "Notitie 4f2a bestaat niet (meer); controleer het nummer."
    assert (missing.what, missing.key) == ("Notitie", "4f2a")
    assert str(InvalidTextError()) == (
        "De tekst bevat een ongeldig teken (een half emoji-teken) en is niet bewaard; haal het teken weg."
    )
    for error in (io_error, invalid, missing, InvalidTextError()):
        assert isinstance(error, StorageError)


def test_after_damage_the_sentence_names_the_kept_file_and_the_backup_time(tmp_path: Path) -> None:
    moved = tmp_path / "opvoed.sqlite3.corrupt-20261202-193000"
    newest = tmp_path / "backups" / "opvoed-20261201.sqlite3"
    newest.parent.mkdir()
    newest.write_bytes(b"")
    when = datetime(2026, 12, 1, 21, 45, 30)
    os.utime(newest, (time.mktime(when.timetuple()),) * 2)
    offered = RecoveredFromCorruption(moved, newest)
    assert offered.message == (
        "Het gegevensbestand was beschadigd en is apart gezet als opvoed.sqlite3.corrupt-20261202-193000; "
        "u kunt de nieuwste reservekopie van 01-12-2026 21:45 terugzetten."
    )
    assert offered.cli_message("opvoed-desktop backups restore X") == (
        f"Het gegevensbestand was beschadigd en is apart gezet als {moved}; "
        "zet de nieuwste goede reservekopie terug met: opvoed-desktop backups restore X"
    )
    nothing = RecoveredFromCorruption(moved, None)
    assert nothing.message == (
        "Het gegevensbestand was beschadigd en is apart gezet als opvoed.sqlite3.corrupt-20261202-193000; "
        "er is geen reservekopie, dus de app begint met een lege database."
    )
    assert nothing.cli_message(None) == (
        f"Het gegevensbestand was beschadigd en is apart gezet als {moved}; er is geen goede "
        "reservekopie, dus de app is begonnen met een lege database."
    )


def test_a_damaged_log_says_whether_a_copy_was_kept(tmp_path: Path) -> None:
    kept = tmp_path / "opvoed.sqlite3-wal.damaged-1"
    assert WalDamaged(kept).message == (
        "Het logboek van de database was beschadigd, dus de laatste wijziging is misschien niet bewaard; "
        "een kopie van het logboek staat apart als opvoed.sqlite3-wal.damaged-1."
    )
    assert WalDamaged(None).message == (
        "Het logboek van de database was beschadigd, dus de laatste wijziging is misschien niet bewaard; "
        "er was geen ruimte om een kopie van het logboek te bewaren."
    )
