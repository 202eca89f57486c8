"""The export side of bundles (storage/bundle.py): what `collect` writes, read against the database's
own rows, and what the schema every bundle is checked with lets through and refuses.

A bundle that leaves a row or a column out loses it on the laptop that imports it; a schema that
lets a wrong value through writes it into that laptop's database, one that refuses a right value
makes an export of this app unreadable by the next. The databases are the models' tables built by
hand (`create_all`, in memory), so each test takes a fraction of a second.
"""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from jsonschema import Draft202012Validator
from sqlalchemy.orm import Session

from opvoed_desktop import __version__
from opvoed_desktop.storage import bundle
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import SYNC_COLUMNS, Base, new_id, utcnow

T0 = datetime(2026, 3, 14, 19, 30)


@pytest.fixture
def engine() -> sa.Engine:
    engine = sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool)
    Base.metadata.create_all(engine)
    return engine


def add(conn: sa.Connection, model: Any, **values: Any) -> str:
    values.setdefault("id", new_id())
    conn.execute(sa.insert(model).values(**values))
    return str(values["id"])


def a_meeting(conn: sa.Connection, title: str, municipality: str, *, at: datetime = T0) -> str:
    """A meeting with a row of every kind (and two of some), every optional column filled."""
    mid = add(
        conn,
        m.Meeting,
        title=title,
        starts_at=at,
        venue="Wijkcentrum De Boog",
        municipality=municipality,
        facilitator="Aylin Yilmaz",
        languages=["nl", "ar"],
        minutes_available=90,
        programme_id="basis",
        closed_at=at + timedelta(hours=2),
        is_sample=False,
        created_at=at,
        updated_at=at,
        server_seq=7,
        base_seq=6,
        updated_by=new_id(),
        shared=True,
        origin_device=new_id(),
    )
    add(conn, m.ParticipantGroup, meeting_id=mid, side="formal", count=4, organisations="CJG, school")
    items = [
        add(conn, m.AgendaItem, meeting_id=mid, position=p, kind="session", ref=f"r{p}", title=f"Punt {p}")
        for p in (2, 0, 1)
    ]
    add(conn, m.AgendaItem, meeting_id=mid, position=3, kind="own", title="Eigen", actual_start=at, actual_end=at)
    for n, minutes in enumerate((30, 10, 20)):
        add(
            conn,
            m.Note,
            meeting_id=mid,
            agenda_item_id=items[n] if n else None,
            text=f"{title}: notitie na {minutes} minuten, مرحبا",
            created_at=at + timedelta(minutes=minutes),
        )
    add(conn, m.Strength, meeting_id=mid, side="informal", text="Vertrouwen")
    add(
        conn,
        m.Agreement,
        meeting_id=mid,
        what="Folder vertalen",
        party="CJG",
        due=date(2026, 4, 30),
        due_text="eind april",
    )
    add(conn, m.Wish, meeting_id=mid, text="Een vaste contactpersoon")
    add(conn, m.Evaluation, meeting_id=mid, respondent_group="ouders", score=4, remark="Leerzaam")
    return mid


def collected(engine: sa.Engine, ids: list[str]) -> dict[str, Any]:
    with Session(engine) as session:
        return bundle.collect(session, ids)


def as_json(value: Any) -> Any:
    """The oracle's own conversion of a stored value to what JSON carries."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S") + (f".{value.microsecond:06d}" if value.microsecond else "")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return value


def stored(engine: sa.Engine, model: Any, **where: Any) -> list[dict[str, Any]]:
    """Rows as the database holds them, each with the columns a bundle carries."""
    table = model.__table__
    carried = [
        c for c in table.columns if c.name not in SYNC_COLUMNS and (model is m.Meeting or c.name != "meeting_id")
    ]
    stmt = sa.select(*carried).where(*(table.c[k] == v for k, v in where.items()))
    with engine.connect() as conn:
        return [{k: as_json(v) for k, v in row.items()} for row in conn.execute(stmt).mappings()]


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def test_a_bundle_holds_every_row_and_column_of_the_chosen_meetings_and_nothing_else(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        first = a_meeting(conn, "Eerste", "Gouda")
        other = a_meeting(conn, "Niet gekozen", "Ede")
        second = a_meeting(conn, "Tweede", "Gouda", at=T0 + timedelta(days=7))

    data = collected(engine, [second, new_id(), first])  # an id that no longer exists is left out

    assert [mt["id"] for mt in data["meetings"]] == [second, first]  # in the order asked for
    for meeting in data["meetings"]:
        (own,) = stored(engine, m.Meeting, id=meeting["id"])
        assert {k: v for k, v in meeting.items() if k not in dict(bundle.CHILDREN)} == own
        for key, model in bundle.CHILDREN:
            assert by_id(meeting[key]) == by_id(stored(engine, model, meeting_id=meeting["id"])), key
            assert len(meeting[key]) == len(by_id(meeting[key]))
    text = json.dumps(data, ensure_ascii=False)
    assert "Niet gekozen" not in text and other not in text


def test_a_meeting_without_any_rows_yet_comes_with_empty_lists(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = add(conn, m.Meeting, title="Net aangemaakt")
    data = collected(engine, [mid])
    (meeting,) = data["meetings"]
    assert all(meeting[key] == [] for key, _model in bundle.CHILDREN)
    assert list(Draft202012Validator(bundle.schema()).iter_errors(json.loads(bundle.dumps(data)))) == []


def test_hub_bookkeeping_and_the_nesting_meeting_id_stay_out(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = a_meeting(conn, "Avond", "Gouda")
    (meeting,) = collected(engine, [mid])["meetings"]
    assert not SYNC_COLUMNS & set(meeting)
    assert set(meeting) == {c.name for c in m.Meeting.__table__.columns} - SYNC_COLUMNS | dict(bundle.CHILDREN).keys()
    for key, model in bundle.CHILDREN:
        for row in meeting[key]:
            assert set(row) == {c.name for c in model.__table__.columns} - SYNC_COLUMNS - {"meeting_id"}, key


def test_the_agenda_comes_in_its_order_and_the_rest_in_the_order_written(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = a_meeting(conn, "Avond", "Gouda")
    (meeting,) = collected(engine, [mid])["meetings"]
    assert [item["position"] for item in meeting["agenda"]] == [0, 1, 2, 3]
    assert [note["text"].split(" na ")[1][:10] for note in meeting["notes"]] == [
        "10 minuten",
        "20 minuten",
        "30 minuten",
    ]


def test_the_contacts_of_the_meetings_municipalities_come_along_oldest_first(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        gouda = a_meeting(conn, "In Gouda", "Gouda")
        ede = a_meeting(conn, "In Ede", "Ede")
        a_meeting(conn, "In Delft", "Delft")

        def contact(municipality: str, name: str, minutes: int) -> str:
            return add(
                conn,
                m.Contact,
                municipality=municipality,
                organisation=name,
                kind="cjg",
                address="Markt 1",
                phone="0182 000000",
                website="https://cjg.example",
                opening_hours="na afspraak",
                languages=["nl", "tr"],
                opening_slots=[{"days": [0, 2], "from": "09:00", "to": "12:30"}],
                created_at=T0 + timedelta(minutes=minutes),
            )

        late = contact("Gouda", "CJG Gouda", 50)
        early = contact("Ede", "Wijkteam Ede", 10)
        middle = contact("Gouda", "Bibliotheek", 30)
        contact("Delft", "Niet mee", 20)

    data = collected(engine, [gouda, ede])
    assert [c["id"] for c in data["contacts"]] == [early, middle, late]
    assert by_id(data["contacts"]) == by_id(
        stored(engine, m.Contact, municipality="Gouda") + stored(engine, m.Contact, municipality="Ede")
    )
    assert collected(engine, [])["contacts"] == []


def test_every_deletion_travels_with_its_time_and_no_text(engine: sa.Engine) -> None:
    gone = [new_id() for _ in range(3)]
    with engine.begin() as conn:
        mid = a_meeting(conn, "Avond", "Gouda")
        for n, (table, key) in enumerate(zip(("note", "wish", "meeting"), gone, strict=True)):
            add(conn, m.Tombstone, table_name=table, row_id=key, deleted_at=T0 + timedelta(hours=3 - n))
    data = collected(engine, [mid])
    assert data["tombstones"] == [
        {"table": "meeting", "id": gone[2], "deleted_at": "2026-03-14T20:30:00"},
        {"table": "wish", "id": gone[1], "deleted_at": "2026-03-14T21:30:00"},
        {"table": "note", "id": gone[0], "deleted_at": "2026-03-14T22:30:00"},
    ]


def test_the_header_names_the_format_this_app_and_the_moment_of_export(engine: sa.Engine) -> None:
    before = utcnow().replace(microsecond=0)
    data = collected(engine, [])
    after = utcnow()
    assert (data["format"], data["format_version"], data["app_version"]) == (
        "opvoed-desktop-bundle",
        4,
        __version__,
    )
    assert before <= datetime.fromisoformat(data["exported_at"]) <= after
    assert data["meetings"] == [] and data["tombstones"] == []


def test_more_meetings_than_one_batch_all_come_along_once(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        ids = [add(conn, m.Meeting, title=f"Avond {n}", municipality=f"Plaats {n % 3}") for n in range(1001)]
        for n in (0, 499, 500, 501, 999, 1000):
            add(conn, m.Note, meeting_id=ids[n], text=f"notitie bij {n}")
            add(conn, m.Contact, municipality=f"Plaats {n % 3}", organisation=f"Organisatie {n}")
    data = collected(engine, ids)
    assert [mt["id"] for mt in data["meetings"]] == ids
    assert {mt["notes"][0]["text"] for mt in data["meetings"] if mt["notes"]} == {
        f"notitie bij {n}" for n in (0, 499, 500, 501, 999, 1000)
    }
    assert len(data["contacts"]) == 6


def test_the_file_is_the_bundle_in_readable_utf8(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        mid = a_meeting(conn, "Avond", "Gouda")
    data = collected(engine, [mid])
    raw = bundle.dumps(data)
    assert json.loads(raw.decode("utf-8")) == data
    assert "مرحبا".encode() in raw  # written as itself, readable in any editor, not as \u escapes
    assert Draft202012Validator(bundle.schema()).is_valid(json.loads(raw))


# The schema ----------------------------------------------------------------------------------------
UID = "11111111-1111-4111-8111-111111111111"


# Function-scoped on purpose: mutmut runs, for each mutant, the tests it saw reach the changed function,
# and a module-scoped fixture would count as reached by the first test only.
@pytest.fixture
def check() -> Draft202012Validator:
    schema = bundle.schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


_GOOD: list[dict[str, Any]] = []


@pytest.fixture
def good() -> dict[str, Any]:
    """A bundle this app exports, with a row of every kind: the schema must let it through. Made
    once (the schema tests change copies of it); `collect` has its own tests above."""
    if not _GOOD:
        _GOOD.append(_exported())
    return copy.deepcopy(_GOOD[0])


def _exported() -> dict[str, Any]:
    engine = sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        mid = a_meeting(conn, "Avond", "Gouda")
        add(
            conn,
            m.Contact,
            municipality="Gouda",
            organisation="CJG",
            opening_slots=[{"days": [0, 1, 2, 3, 4, 5, 6], "from": "00:00", "to": "23:59"}],
        )
        add(conn, m.Tombstone, table_name="note", row_id=new_id(), deleted_at=T0)
    data = json.loads(bundle.dumps(collected(engine, [mid])))
    engine.dispose()
    return data


def changed(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """A copy with one value replaced (`...` as the value: the key taken out)."""
    out = copy.deepcopy(data)
    *parents, last = path
    target: Any = out
    for step in parents:
        target = target[step]
    if value is ...:
        target.pop(last, None)
    else:
        target[last] = value
    return out


MEETING = ("meetings", 0)
CONTACT = ("contacts", 0)


def row(key: str, n: int = 0) -> tuple[Any, ...]:
    return (*MEETING, key, n)


def at(key: str, name: str, n: int = 0) -> tuple[Any, ...]:
    return (*MEETING, key, n, name)


def test_what_this_app_exports_passes_the_schema(check: Draft202012Validator, good: dict[str, Any]) -> None:
    assert list(check.iter_errors(good)) == []
    assert good["contacts"] and good["tombstones"] and all(good["meetings"][0][k] for k, _m in bundle.CHILDREN)


# Each: a value only the right rule refuses, next to the nearest value it lets through.
REFUSED_AND_KEPT = [
    # ids: UUIDs as text, nothing else
    (("meetings", 0, "id"), 12345678, UID),
    (("meetings", 0, "id"), "11111111-1111-4111-8111-11111111111", UID),
    (("meetings", 0, "id"), "X1111111-1111-4111-8111-111111111111", UID),
    (at("notes", "agenda_item_id", 1), "item-1", UID),
    (at("notes", "agenda_item_id", 1), 7, None),
    ((*CONTACT, "id"), "", UID),
    # moments and days
    ((*MEETING, "starts_at"), "2026-03-14 19:30", "2026-03-14T19:30"),
    ((*MEETING, "starts_at"), 1773516600, "2026-03-14T19:30:00.123456"),
    ((*MEETING, "starts_at"), "2026-03-14T19:30:00.1234567", None),
    ((*MEETING, "created_at"), None, "2026-03-14T19:30:00"),
    ((*MEETING, "created_at"), "2026-03-14", "2026-03-14T00:00"),
    ((*MEETING, "created_at"), "x2026-03-14T19:30", "2026-03-14T19:30"),
    (at("agreements", "due"), "2026-04-30T00:00", "2026-04-30"),
    (at("agreements", "due"), 20260430, None),
    (at("agreements", "due"), "2026-4-30", "2026-04-30"),
    # yes/no
    ((*MEETING, "is_sample"), 1, True),
    ((*MEETING, "is_sample"), "false", False),
    ((*MEETING, "is_sample"), None, False),
    # numbers, with their bounds
    (at("participants", "count"), 1.5, 0),
    (at("participants", "count"), "3", 100_000),
    (at("participants", "count"), -1, 0),
    (at("participants", "count"), 100_001, 100_000),
    (at("agenda", "planned_minutes"), 10_001, 10_000),
    (at("agenda", "planned_minutes"), -1, 0),
    (at("agenda", "position"), 100_001, 100_000),
    (at("agenda", "position"), -1, 0),
    (at("evaluations", "score"), 0, 1),
    (at("evaluations", "score"), 6, 5),
    ((*MEETING, "minutes_available"), "90", None),
    ((*MEETING, "minutes_available"), 2.5, 1_000_000),
    # choices
    (at("participants", "side"), "neither", "informal"),
    (at("strengths", "side"), "Formal", "formal"),
    (at("agenda", "kind"), "party", "own"),
    (at("agreements", "status"), "later", "done"),
    ((*CONTACT, "kind"), "shop", "other"),
    # text, with its length
    ((*MEETING, "title"), "x" * 201, "x" * 200),
    ((*MEETING, "title"), None, ""),
    ((*MEETING, "title"), 5, "5"),
    ((*MEETING, "programme_id"), "x" * 101, None),
    ((*CONTACT, "phone"), "1" * 51, "1" * 50),
    (at("notes", "text"), "x" * 1_000_001, "x" * 1_000_000),
    (at("notes", "text"), ["een", "lijst"], ""),
    (at("notes", "text"), None, "ééé"),
    # lists of codes
    ((*MEETING, "languages"), "nl", []),
    ((*MEETING, "languages"), ["x" * 101], ["x" * 100]),
    ((*MEETING, "languages"), [1], ["1"]),
    ((*MEETING, "languages"), ["nl"] * 101, ["nl"] * 100),
    ((*MEETING, "languages"), None, ["nl"]),
    ((*CONTACT, "languages"), [None], []),
]


@pytest.mark.parametrize(("path", "refused", "kept"), REFUSED_AND_KEPT)
def test_each_value_is_held_to_its_column(
    check: Draft202012Validator, good: dict[str, Any], path: tuple[Any, ...], refused: Any, kept: Any
) -> None:
    assert not check.is_valid(changed(good, path, refused)), refused
    assert list(check.iter_errors(changed(good, path, kept))) == [], kept


SLOT = (*CONTACT, "opening_slots")


@pytest.mark.parametrize(
    ("slot", "ok"),
    [
        ({"days": [0], "from": "09:00", "to": "17:00"}, True),
        ({"days": [6, 0], "from": "23:00", "to": "23:59"}, True),
        ({"days": [], "from": "09:00", "to": "17:00"}, False),
        ({"days": [7], "from": "09:00", "to": "17:00"}, False),
        ({"days": [-1], "from": "09:00", "to": "17:00"}, False),
        ({"days": [1, 1], "from": "09:00", "to": "17:00"}, False),
        ({"days": ["ma"], "from": "09:00", "to": "17:00"}, False),
        ({"days": [0, 1, 2, 3, 4, 5, 6, 0], "from": "09:00", "to": "17:00"}, False),
        ({"days": 0, "from": "09:00", "to": "17:00"}, False),
        ({"days": [0], "from": "24:00", "to": "17:00"}, False),
        ({"days": [0], "from": "09:00", "to": "9:30"}, False),
        ({"days": [0], "from": "09:60", "to": "17:00"}, False),
        ({"days": [0], "from": "09:00", "to": "17:00 uur"}, False),
        ({"days": [0], "from": 900, "to": "17:00"}, False),
        ({"days": [0], "from": "09:00"}, False),
        ({"days": [0], "to": "17:00"}, False),
        ({"from": "09:00", "to": "17:00"}, False),
        ({"days": [0], "from": "09:00", "to": "17:00", "note": "ook"}, False),
        ("ma 9-17", False),
    ],
)
def test_each_opening_hours_slot_is_held_to_days_and_times(
    check: Draft202012Validator, good: dict[str, Any], slot: Any, ok: bool
) -> None:
    assert check.is_valid(changed(good, SLOT, [slot])) is ok


def test_opening_hours_are_a_list_of_at_most_fifty_slots(check: Draft202012Validator, good: dict[str, Any]) -> None:
    from opvoed_desktop.i18n.hours import MAX_SLOTS

    slot = {"days": [0], "from": "09:00", "to": "17:00"}
    assert check.is_valid(changed(good, SLOT, [slot] * MAX_SLOTS))
    assert not check.is_valid(changed(good, SLOT, [slot] * (MAX_SLOTS + 1)))
    assert not check.is_valid(changed(good, SLOT, slot))
    assert not check.is_valid(changed(good, SLOT, None))


@pytest.mark.parametrize(
    ("key", "model"), [("meeting", m.Meeting), *((k, mdl) for k, mdl in bundle.CHILDREN), ("contact", m.Contact)]
)
def test_every_column_is_required_except_the_ones_added_later(
    check: Draft202012Validator, good: dict[str, Any], key: str, model: Any
) -> None:
    where = MEETING if key == "meeting" else CONTACT if key == "contact" else row(key)
    for name in bundle.columns(model):
        missing = changed(good, (*where, name), ...)
        assert check.is_valid(missing) is ((model, name) in bundle.ADDED_COLUMNS), name
    assert not check.is_valid(changed(good, (*where, "server_seq"), 1))  # nothing it does not know
    assert not check.is_valid(changed(good, (*where, "meeting_id"), UID)) or key == "meeting"


def test_every_row_must_be_an_object_with_its_fields(check: Draft202012Validator, good: dict[str, Any]) -> None:
    for not_a_row in ("Ouders kennen het CJG niet.", ["Ouders"], 3, None):
        assert not check.is_valid(changed(good, MEETING, not_a_row)), not_a_row
        assert not check.is_valid(changed(good, CONTACT, not_a_row)), not_a_row
        for key, _model in bundle.CHILDREN:
            assert not check.is_valid(changed(good, row(key), not_a_row)), (key, not_a_row)


def test_a_meetings_children_are_required_lists(check: Draft202012Validator, good: dict[str, Any]) -> None:
    for key, _model in bundle.CHILDREN:
        assert not check.is_valid(changed(good, (*MEETING, key), ...)), key
        assert not check.is_valid(changed(good, (*MEETING, key), {})), key
        assert not check.is_valid(changed(good, (*MEETING, key), [{}])), key
        assert check.is_valid(changed(good, (*MEETING, key), [])), key


@pytest.mark.parametrize(
    ("path", "refused", "kept"),
    [
        (("format",), "another-bundle", "opvoed-desktop-bundle"),
        (("format_version",), 5, 3),
        (("format_version",), 0, 2),
        (("format_version",), "4", 4),
        (("app_version",), "1" * 51, "1" * 50),
        (("app_version",), 1.0, "1.0"),
        (("exported_at",), "gisteren", "2026-03-15T08:00:00"),
        (("exported_at",), 0, "2026-03-15T08:00"),
        (("meetings",), {}, []),
        (("contacts",), None, []),
        (("tombstones",), {}, []),
        (("tombstones", 0, "table"), "sync_state", "wish"),
        (("tombstones", 0, "table"), "Note", "meeting"),
        (("tombstones", 0, "id"), "1", UID),
        (("tombstones", 0, "id"), 1, UID),
        (("tombstones", 0, "deleted_at"), "2026-03-14", "2026-03-14T22:00:00"),
        (("tombstones", 0, "deleted_at"), None, "2026-03-14T22:00"),
        (("tombstones", 0, "text"), "wat er stond", ...),
        (("tombstones", 0, "table"), ..., "note"),
        (("tombstones", 0, "id"), ..., UID),
        (("tombstones", 0, "deleted_at"), ..., "2026-03-14T22:00:00"),
        (("tombstones", 0), "note " + UID, {"table": "note", "id": UID, "deleted_at": "2026-03-14T22:00:00"}),
        (("extra",), [], ...),
        (("format",), ..., "opvoed-desktop-bundle"),
        (("format_version",), ..., 4),
        (("meetings",), ..., []),
        (("contacts",), ..., []),
    ],
)
def test_the_top_of_the_bundle_is_held_to_the_format(
    check: Draft202012Validator, good: dict[str, Any], path: tuple[Any, ...], refused: Any, kept: Any
) -> None:
    assert not check.is_valid(changed(good, path, refused)), refused
    assert list(check.iter_errors(changed(good, path, kept))) == [], kept


def test_optional_top_fields_may_be_left_out(check: Draft202012Validator, good: dict[str, Any]) -> None:
    assert check.is_valid(changed(good, ("app_version",), ...))
    assert check.is_valid(changed(good, ("exported_at",), ...))


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_only_version_1_is_without_a_list_of_deletions(
    check: Draft202012Validator, good: dict[str, Any], version: int
) -> None:
    versioned = changed(good, ("format_version",), version)
    without = changed(versioned, ("tombstones",), ...)
    assert check.is_valid(versioned) is (version != 1)
    assert check.is_valid(without) is (version == 1)
    assert check.is_valid(changed(versioned, ("tombstones",), [])) is (version != 1)


def test_every_deletable_table_may_be_named_in_a_deletion(check: Draft202012Validator, good: dict[str, Any]) -> None:
    from opvoed_desktop.storage import tombstones as ts

    for table in ts.TABLES:
        assert check.is_valid(changed(good, ("tombstones", 0, "table"), table)), table


def test_a_bundle_is_an_object_with_its_fields(check: Draft202012Validator, good: dict[str, Any]) -> None:
    for not_a_bundle in ([good], "opvoed-desktop-bundle", 4, None):
        assert not check.is_valid(not_a_bundle), not_a_bundle


# Checking 100,000 rows one by one takes the schema a minute; the bounds are rules of the lists, so
# they are checked with a validator that reads every rule but the one for each row ("items", held
# by the tests above), on placeholder rows.
def _lists_only() -> Any:
    from jsonschema import validators

    return validators.extend(Draft202012Validator, {"items": lambda _v, _items, _instance, _schema: None})


@pytest.mark.parametrize("key", [key for key, _model in bundle.CHILDREN])
def test_no_meeting_holds_more_than_100000_rows_of_one_kind(key: str) -> None:
    rows_of = bundle.schema()["properties"]["meetings"]["items"]["properties"][key]
    check = _lists_only()(rows_of)
    assert check.is_valid([{}] * 100_000)
    assert not check.is_valid([{}] * 100_001)
    assert not check.is_valid({})


@pytest.mark.parametrize(("key", "bound"), [("meetings", 100_000), ("contacts", 100_000), ("tombstones", 1_000_000)])
def test_no_bundle_holds_more_rows_than_its_bound(good: dict[str, Any], key: str, bound: int) -> None:
    check = _lists_only()(bundle.schema())
    assert check.is_valid(changed(good, (key,), [{}] * bound))
    assert not check.is_valid(changed(good, (key,), [{}] * (bound + 1)))
