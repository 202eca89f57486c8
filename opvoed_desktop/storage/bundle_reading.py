"""Reading an untrusted bundle (.json, or .zip with bundle.json): size, zip paths and compression
ratio, JSON syntax, format version, schema and references are all checked before the database is
touched. Every refusal is one sentence (BundleError) that never quotes the file's content.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from opvoed_desktop.i18n import _
from opvoed_desktop.storage import bundle as b
from opvoed_desktop.storage.errors import BundleError

MAX_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100  # uncompressed/compressed; JSON and PDFs stay far below, zip bombs far above
RATIO_FLOOR = 1024 * 1024  # small members may compress very well without harm
MAX_TOTAL = 1024 * 1024 * 1024
BUNDLE_NAME = "bundle.json"
CLOCK_SKEW = timedelta(minutes=5)  # laptops' clocks differ a little; more than this is not a clock
ZIP_ENCRYPTED = 0x1  # general purpose flag bit 0: the member is encrypted (PKWARE APPNOTE 4.4.4)


def read_bundle(path: Path) -> dict[str, Any]:
    """The validated bundle with its dates parsed; BundleError for anything untrustworthy."""
    try:
        size = path.stat().st_size
    except OSError:
        raise BundleError(
            _("Het bestand {name} bestaat niet of kan niet worden gelezen.").format(name=path.name)
        ) from None
    if size > MAX_BYTES:
        raise BundleError(_("{name} is groter dan 50 MB en wordt niet ingelezen.").format(name=path.name))
    try:
        raw = path.read_bytes()
    except OSError:
        raise BundleError(_("Het bestand {name} kan niet worden gelezen.").format(name=path.name)) from None
    from opvoed_desktop.storage import sealed

    if sealed.is_sealed(raw):  # encrypted with a passphrase of its own (sealed.py)
        raw = sealed.unseal(raw, path.name)
    if zipfile.is_zipfile(io.BytesIO(raw)):
        raw = _zip_member(io.BytesIO(raw), path)
    return parse_bundle(raw, path.name)


def _zip_member(source: io.BytesIO, path: Path) -> bytes:
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            for info in infos:
                if not _inside(info.filename):
                    raise BundleError(
                        _("{name} bevat paden buiten de eigen map en wordt niet ingelezen.").format(name=path.name)
                    )
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise BundleError(
                        _("{name} is verdacht sterk ingepakt (een zip-bom?) en wordt niet ingelezen.").format(
                            name=path.name
                        )
                    )
            if sum(i.file_size for i in infos) > MAX_TOTAL:
                raise BundleError(_("{name} is uitgepakt te groot en wordt niet ingelezen.").format(name=path.name))
            members = [i for i in infos if PurePosixPath(i.filename.lower()).parts == (BUNDLE_NAME,)]
            if len(members) > 1:
                # Which one would count? Another program might read the other: refuse both.
                raise BundleError(
                    _("{name} bevat meer dan één bundle.json en wordt niet ingelezen.").format(name=path.name)
                )
            member = next((i for i in members if i.filename == BUNDLE_NAME), None)
            if member is None:
                raise BundleError(
                    _("{name} bevat geen bundle.json; kies een export van opvoed-desktop.").format(name=path.name)
                )
            if member.file_size > MAX_BYTES:
                raise BundleError(_("{name} is groter dan 50 MB en wordt niet ingelezen.").format(name=BUNDLE_NAME))
            if member.flag_bits & ZIP_ENCRYPTED:
                # Zipped again with a password (Windows, 7-Zip): zipfile would raise a bare
                # RuntimeError, and the person would hear only that the import failed.
                raise BundleError(
                    _("{name} is met een wachtwoord ingepakt; pak het eerst uit en lees dan bundle.json in.").format(
                        name=path.name
                    )
                )
            with archive.open(member) as handle:
                data = handle.read(MAX_BYTES + 1)  # the header's size could lie
            if len(data) > MAX_BYTES:
                raise BundleError(_("{name} is groter dan 50 MB en wordt niet ingelezen.").format(name=BUNDLE_NAME))
            return data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        raise BundleError(_("{name} is een beschadigd zip-bestand.").format(name=path.name)) from None


def _inside(name: str) -> bool:
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":") or "\x00" in name:
        return False
    return ".." not in PurePosixPath(name).parts


def _refuse_constant(value: str) -> Any:
    raise ValueError(value)


def parse_bundle(raw: bytes, name: str = BUNDLE_NAME, *, now: datetime | None = None) -> dict[str, Any]:
    """Check everything about an untrusted bundle; `now` (naive UTC) is for tests."""
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleError(
            _("{name} is geen geldige JSON; kies een export van opvoed-desktop.").format(name=name)
        ) from None
    if _has_lone_surrogate(data):
        # JSON may spell half of an emoji as "\ud83d"; no file, database or PDF can hold it.
        raise BundleError(
            _("{name} bevat een ongeldig teken (een half emoji-teken); er is niets ingelezen.").format(name=name)
        )
    if not isinstance(data, dict) or data.get("format") != b.FORMAT:
        raise BundleError(_("{name} is geen bundel van opvoed-desktop.").format(name=name))
    version = data.get("format_version")
    if version not in b.READABLE_VERSIONS or isinstance(version, bool):
        raise BundleError(
            _("{name} heeft een onbekende formaatversie ({version}); werk de app bij en probeer het opnieuw.").format(
                name=name, version=str(version)[:20]
            )
        )
    error = next(iter(_validator().iter_errors(data)), None)  # type: ignore[attr-defined]
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "/"
        # The validator's own message quotes the value, which may be note text: name the place only.
        raise BundleError(
            _("{name} klopt niet met het bundelformaat (bij {where}: {rule}); er is niets ingelezen.").format(
                name=name, where=where, rule=error.validator
            )
        )
    _check_references(data, name)
    data.setdefault("tombstones", [])  # version 1 bundles carry none
    _check_opening_hours(data, name)
    _fill_added_columns(data)
    try:
        _parse_dates(data)
    except ValueError:
        raise BundleError(_("{name} bevat een ongeldige datum; er is niets ingelezen.").format(name=name)) from None
    _refuse_future(data, name, now or datetime.now(UTC).replace(tzinfo=None))
    return data


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def _refuse_future(data: dict[str, Any], name: str, now: datetime) -> None:
    """Change times later than now (beyond a few minutes of clock skew) would make a bundle win
    every conflict and outlive every deletion: such a bundle is refused whole."""
    times: list[datetime] = []

    def collect(row: dict[str, Any], names: tuple[str, ...]) -> None:
        times.extend(row[key] for key in names if isinstance(row.get(key), datetime))

    stamps = ("created_at", "updated_at")
    for meeting in data["meetings"]:
        collect(meeting, (*stamps, "deleted_at", "closed_at"))
        for key, _model in b.CHILDREN:
            for row in meeting[key]:
                collect(row, stamps)
    for contact in data["contacts"]:
        collect(contact, stamps)
    times.extend(t["deleted_at"] for t in data.get("tombstones", []))
    exported = data.get("exported_at")
    if isinstance(exported, str):
        with contextlib.suppress(ValueError):  # the schema checked its form already
            times.append(datetime.fromisoformat(exported))
    latest = max(times, default=None)
    if latest is not None and latest > now + CLOCK_SKEW:
        raise BundleError(
            _(
                "{name} bevat tijden in de toekomst (tot {when} UTC); controleer de klok van de computer "
                "waar de bundel vandaan komt; er is niets ingelezen."
            ).format(name=name, when=latest.strftime("%d-%m-%Y %H:%M"))
        )


@lru_cache(maxsize=1)
def _validator() -> object:
    from jsonschema import Draft202012Validator

    schema = b.schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _check_references(data: dict[str, Any], name: str) -> None:
    seen: set[str] = set()

    def once(key: str) -> None:
        if key in seen:
            raise BundleError(_("{name} bevat hetzelfde nummer twee keer; er is niets ingelezen.").format(name=name))
        seen.add(key)

    for meeting in data["meetings"]:
        once(meeting["id"])
        agenda = {item["id"] for item in meeting["agenda"]}
        for key, _model in b.CHILDREN:
            for row in meeting[key]:
                once(row["id"])
        for note in meeting["notes"]:
            if note["agenda_item_id"] is not None and note["agenda_item_id"] not in agenda:
                raise BundleError(
                    _("{name} bevat een notitie bij een onbekend agendapunt; er is niets ingelezen.").format(name=name)
                )
    for contact in data["contacts"]:
        once(contact["id"])


def _check_opening_hours(data: dict[str, Any], name: str) -> None:
    """Opening hours the schema lets through but no day has (closing before opening)."""
    from opvoed_desktop.i18n.hours import HoursError, slots_from_json, slots_to_json

    for contact in data["contacts"]:
        if "opening_slots" not in contact:
            continue  # an older bundle: read from the typed text in _fill_added_columns
        try:
            # Stored the way the app stores them (days in order), so an equal bundle is "unchanged".
            contact["opening_slots"] = slots_to_json(slots_from_json(contact["opening_slots"]))
        except HoursError as exc:
            raise BundleError(
                _("{name} bevat openingstijden die niet kunnen ({problem}); er is niets ingelezen.").format(
                    name=name, problem=str(exc).rstrip(".")
                )
            ) from None


def _fill_added_columns(data: dict[str, Any]) -> None:
    """An older bundle: the columns added since get their defaults, free-text languages become
    codes, typed opening hours become days and times where all of the text reads that way; both
    exactly as revisions 0003 and 0004 convert a database (their frozen readers)."""
    from opvoed_desktop.storage import models as m
    from opvoed_desktop.storage.migrate import revision_module

    agreements = [a for mt in data["meetings"] for a in mt["agreements"]]
    rows: dict[type[m.Base], list[dict[str, Any]]] = {
        m.Meeting: data["meetings"],
        m.Agreement: agreements,
        m.Contact: data["contacts"],
    }
    for (model, name), default in b.ADDED_COLUMNS.items():
        for row in rows.get(model, []):
            row.setdefault(name, list(default) if isinstance(default, list) else default)
    if data["format_version"] < 3:
        languages = revision_module("0003")
        for meeting in data["meetings"]:
            codes, unmatched = languages.normalise_languages(meeting["languages"])
            meeting["languages"] = codes + unmatched
    if data["format_version"] < 4:
        hours = revision_module("0004")
        for contact in data["contacts"]:
            slots = hours.parse_hours(contact["opening_hours"])
            if slots:
                contact["opening_slots"], contact["opening_hours"] = hours.slots_to_json(slots), ""
            else:
                contact["opening_slots"] = []


def _parse_dates(data: dict[str, Any]) -> None:
    """ISO strings → datetime/date in place, by the model's column types (ValueError if invalid)."""
    from sqlalchemy import Date, DateTime

    def convert(model: Any, row: dict[str, Any]) -> None:
        table = model.__table__
        for column in table.columns:
            value = row.get(column.name)
            if value is None:
                continue
            if isinstance(column.type, DateTime):
                row[column.name] = datetime.fromisoformat(value)
            elif isinstance(column.type, Date):
                row[column.name] = date.fromisoformat(value)

    from opvoed_desktop.storage import models as m

    for meeting in data["meetings"]:
        convert(m.Meeting, meeting)
        for key, model in b.CHILDREN:
            for row in meeting[key]:
                convert(model, row)
    for contact in data["contacts"]:
        convert(m.Contact, contact)
    for tombstone in data.get("tombstones", []):
        tombstone["deleted_at"] = datetime.fromisoformat(tombstone["deleted_at"])
