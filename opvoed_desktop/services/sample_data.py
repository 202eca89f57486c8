"""Realistic Dutch sample meetings for trying the app out and for benchmarks.

Every generated meeting has `is_sample=True` and "(voorbeeld)" in its title, so nobody mistakes it
for a real record, and `MeetingService.delete_samples()` removes them all.

5,000 meetings with 250,000 notes are 370,000 rows. They go in within one transaction (one change
mark, all or nothing), with the driver's executemany on values converted once by the columns' own
SQLAlchemy types, keys that grow (each insert lands at the end of every index), and the search
index filled in one pass at the end (fts.bulk_insert) instead of by a trigger per row.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import count
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, DateTime

from opvoed_desktop.storage import fts
from opvoed_desktop.storage import models as m
from opvoed_desktop.storage.base import utcnow
from opvoed_desktop.storage.database import Database

MUNICIPALITIES = (
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Den Haag",
    "Eindhoven",
    "Tilburg",
    "Almere",
    "Arnhem",
    "Zwolle",
    "Leeuwarden",
    "Schiedam",
    "Gouda",
    "Ede",
    "Venlo",
    "Helmond",
)
VENUES = (
    "Moskee Al Fath, Zaal 2",
    "Buurthuis De Schakel",
    "Wijkcentrum De Boog",
    "Bibliotheek Centrum, leeszaal",
    "Eritrese Kerk Bethel, bovenzaal",
    "Turks Cultureel Centrum",
    "Vrouwencentrum Lotus",
    "Basisschool De Regenboog, ouderlokaal",
    "Huis van de Wijk Noord",
    "Marokkaanse Vereniging Atlas",
    "Stadsdeelkantoor, vergaderzaal 3",
    "Moskee Mevlana",
)
FACILITATORS = (
    "Fatima el Amrani",
    "Jeroen de Vries",
    "Aylin Yilmaz",
    "Sanne Bakker",
    "Yonas Tesfay",
    "Priya Ramdin",
    "Mohamed Bouzid",
    "Lotte Jansen",
)
ORGANISATIONS = {
    m.Side.FORMAL: ("CJG", "wijkteam", "JGZ", "schoolmaatschappelijk werk", "Veilig Thuis"),
    m.Side.INFORMAL: (
        "moskeevereniging",
        "vrouwengroep",
        "migrantenorganisatie",
        "zelforganisatie",
        "vaderscafé",
        "taalmaatjes",
    ),
    m.Side.MUNICIPALITY: ("beleidsadviseur jeugd", "wijkregisseur", "programmamanager"),
    m.Side.OTHER: ("bibliotheek", "huisarts", "buurtsportcoach"),
}
AGENDA = (
    (m.AgendaKind.SESSION, "welkom", "Welkom en kennismaking", 15),
    (m.AgendaKind.EXERCISE, "oefening-a", "Wat doen we al?", 20),
    (m.AgendaKind.EXERCISE, "oefening-b", "Krachten van elke kant", 25),
    (m.AgendaKind.BACKGROUND, "achtergrond-1", "Hoe werkt het CJG?", 10),
    (m.AgendaKind.PAUSE, None, "Pauze", 15),
    (m.AgendaKind.EXERCISE, "oefening-f", "Afspraken maken", 30),
    (m.AgendaKind.EXERCISE, "oefening-g", "Wensen voor de toekomst", 20),
    (m.AgendaKind.SESSION, "afsluiting", "Evaluatie en afsluiting", 10),
)
SENTENCES = (
    "Ouders weten vaak niet waar het {org} zit of wat het doet.",
    "De {org} wil vaker aanschuiven bij de ouderavonden in de {venue}.",
    "Vaders komen weinig; een vaderscafé op zaterdag kan helpen.",
    "Taal is een drempel: een tolk of sleutelpersoon maakt het gesprek makkelijker.",
    "Er is wantrouwen na eerdere ervaringen met jeugdzorg; vertrouwen kost tijd.",
    "Moeders vragen om informatie over puberteit en social media.",
    "Het {org} biedt spreekuur aan in de {venue}, eens per maand.",
    "Sleutelpersonen kennen de gezinnen en kunnen doorverwijzen.",
    "Afgesproken om de folder van het {org} te vertalen in het Arabisch en Turks.",
    "De wijkregisseur zorgt voor een vaste contactpersoon in {city}.",
    "Ouders willen weten wat er met hun gegevens gebeurt.",
    "Opvoeden in twee culturen: kinderen voelen zich soms tussen twee werelden.",
    "Het taalcafé in de bibliotheek is een goede plek om ouders te ontmoeten.",
    "Vrijwilligers van de {org} hebben behoefte aan training over signalen.",
    "Schoolmaatschappelijk werk ziet dezelfde gezinnen; samenwerken ligt voor de hand.",
    "Iedereen vond de oefening nuttig; volgende keer meer tijd voor de uitwisseling.",
    "Er was discussie over huiselijk geweld en wanneer je Veilig Thuis belt.",
    "De imam wil een preek wijden aan opvoeding en hulp vragen.",
    "Ouders kennen elkaar goed; een ouderkamer op school is een wens.",
    "Kosten van sport en muziekles zijn een zorg; het jeugdfonds is onbekend.",
)
STRENGTHS = {
    m.Side.FORMAL: ("Kennis van ontwikkeling en opvoeding", "Snel doorverwijzen naar hulp"),
    m.Side.INFORMAL: ("Vertrouwen van ouders in de eigen gemeenschap", "Spreken de taal"),
    m.Side.MUNICIPALITY: ("Budget voor ontmoetingen", "Overzicht van het aanbod in de wijk"),
    m.Side.OTHER: ("Laagdrempelige plek in de buurt",),
}
AGREEMENTS = (
    ("Folder CJG vertalen in Arabisch en Turks", "CJG"),
    ("Maandelijks spreekuur in de {venue}", "wijkteam"),
    ("Sleutelpersonen uitnodigen voor de training signalen", "gemeente"),
    ("Vervolgbijeenkomst plannen na de zomer", "moskeevereniging"),
)
WISHES = (
    "Een vaste contactpersoon bij het wijkteam die de gemeenschap kent.",
    "Een ouderkamer op elke basisschool in de wijk.",
    "Voorlichting over social media voor ouders en kinderen samen.",
    "Een vaderscafé, met koffie en een gesprek over opvoeden.",
)
RESPONDENTS = ("ouders", "professionals", "vrijwilligers", "gemeente")


@dataclass(frozen=True)
class SampleCounts:
    meetings: int
    notes: int


def generate(
    db: Database,
    meetings: int = 25,
    *,
    notes_per_meeting: int = 50,
    seed: int = 1,
    batch: int = 1000,
) -> SampleCounts:
    rnd = random.Random(seed)
    now = utcnow()
    notes = 0
    with db.write() as s:
        conn = s.connection()
        rows = _Rows(_Ids(), now)
        inserter = _Inserter(conn)
        with fts.bulk_insert(conn):
            for start in range(0, meetings, batch):
                for _ in range(start, min(start + batch, meetings)):
                    _meeting(rows, rnd, now, notes_per_meeting)
                for model, values in rows.tables():
                    inserter.insert(model, values)
                notes += len(rows.note)
                rows.clear()
            inserter.insert(m.Contact, _contacts(rnd, now, rows))
        # One big merge makes later searches faster than many small FTS segments.
        fts.optimize(conn)
    return SampleCounts(meetings, notes)


class _Ids:
    """Version-4 UUIDs whose first eight hex digits count up from a random start, the rest random.

    A random key per row puts each insert at a random place in every index, which was most of the
    time of a large import; keys that grow land at the end. Counting in the first digits keeps the
    short form people type (`meetings show 1a2b3c4d`) unique among the meetings of a run.
    """

    def __init__(self) -> None:
        self.counter = count(secrets.randbits(32))
        self.bits = random.Random(secrets.randbits(64)).getrandbits  # not the seeded one: ids differ per run

    def next(self) -> str:
        h = f"{self.bits(94):024x}"
        variant = "89ab"[int(h[8], 16) & 3]
        return f"{next(self.counter) & 0xFFFFFFFF:08x}-{h[0:4]}-4{h[5:8]}-{variant}{h[9:12]}-{h[12:24]}"


class _Inserter:
    """executemany on the driver, with each value converted by its column's SQLAlchemy type (the
    conversion `insert(model)` would do, minus building a parameter set per row)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.plans: dict[tuple[str, tuple[str, ...]], tuple[str, list[Callable[[Any], Any] | None]]] = {}

    def insert(self, model: type, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        table = model.__table__  # type: ignore[attr-defined]
        keys = tuple(rows[0])
        plan = self.plans.get((table.name, keys))
        if plan is None:
            plan = self.plans[(table.name, keys)] = self._plan(table, keys)
        sql, converters = plan
        for key, convert in zip(keys, converters, strict=True):
            if convert is not None:
                for row in rows:  # the rows are ours and go after this insert
                    row[key] = convert(row[key])
        self.conn.exec_driver_sql(sql, list(map(itemgetter(*keys), rows)))

    def _plan(self, table: Any, keys: tuple[str, ...]) -> tuple[str, list[Callable[[Any], Any] | None]]:
        missing = [c.name for c in table.columns if c.name not in keys and c.default is not None]
        if missing:  # every row here spells out every column that has a default
            raise ValueError(f"sample rows for {table.name} lack {', '.join(missing)}")
        dialect = self.conn.dialect
        converters = []
        for key in keys:
            column_type = table.c[key].type
            convert = column_type.dialect_impl(dialect).bind_processor(dialect)
            if convert is not None and isinstance(column_type, Date | DateTime):
                convert = _memo(convert)  # created_at and updated_at are one moment for every row
            converters.append(convert)
        columns = ", ".join(keys)
        marks = ", ".join("?" for _ in keys)
        return f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", converters


def _memo(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    seen: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        found = seen.get(value)
        if found is None:
            found = seen[value] = convert(value)
        return found

    return converted


class _Rows:
    def __init__(self, ids: _Ids, now: datetime) -> None:
        self.ids = ids
        self.now = now
        self.clear()

    def base(self) -> dict[str, Any]:
        return {"id": self.ids.next(), "created_at": self.now, "updated_at": self.now}

    def clear(self) -> None:
        self.meeting: list[dict[str, Any]] = []
        self.participant: list[dict[str, Any]] = []
        self.agenda: list[dict[str, Any]] = []
        self.note: list[dict[str, Any]] = []
        self.strength: list[dict[str, Any]] = []
        self.agreement: list[dict[str, Any]] = []
        self.wish: list[dict[str, Any]] = []
        self.evaluation: list[dict[str, Any]] = []

    def tables(self) -> list[tuple[type, list[dict[str, Any]]]]:
        # Parents before children, for the foreign keys.
        return [
            (m.Meeting, self.meeting),
            (m.ParticipantGroup, self.participant),
            (m.AgendaItem, self.agenda),
            (m.Note, self.note),
            (m.Strength, self.strength),
            (m.Agreement, self.agreement),
            (m.Wish, self.wish),
            (m.Evaluation, self.evaluation),
        ]


def _meeting(rows: _Rows, rnd: random.Random, now: datetime, notes_per_meeting: int) -> None:
    city = rnd.choice(MUNICIPALITIES)
    venue = rnd.choice(VENUES)
    starts = datetime(2019, 1, 7, 19, 30) + timedelta(days=rnd.randrange(0, 7 * 365))
    meeting = {
        **rows.base(),
        "title": f"Ouders en hulp in {city} (voorbeeld)",
        "starts_at": starts,
        "venue": venue,
        "municipality": city,
        "facilitator": rnd.choice(FACILITATORS),
        "languages": rnd.sample(["nl", "ar", "tr", "ti", "so", "en", "pl"], 3),
        "programme_id": "standaard-avond",
        "closed_at": starts + timedelta(hours=2),
        "is_sample": True,
        "shared": False,  # sample meetings never go to the organisation's hub
        "deleted_at": None,
    }
    mid = meeting["id"]
    rows.meeting.append(meeting)
    for side, orgs in ORGANISATIONS.items():
        rows.participant.append(
            {
                **rows.base(),
                "meeting_id": mid,
                "side": side,
                "count": rnd.randint(1, 12),
                "organisations": ", ".join(rnd.sample(orgs, 2)),
            }
        )
    items = []
    for position, (kind, ref, title, minutes) in enumerate(AGENDA, start=1):
        item = {
            **rows.base(),
            "meeting_id": mid,
            "position": position,
            "kind": kind,
            "ref": ref,
            "title": title,
            "planned_minutes": minutes,
            "actual_start": None,
            "actual_end": None,
        }
        items.append(item["id"])
        rows.agenda.append(item)
    fill = {"city": city, "venue": venue}
    # The bulk of the rows: spelled out without helpers (250,000 of them for a benchmark database).
    next_id, now, add_note, formal = rows.ids.next, rows.now, rows.note.append, ORGANISATIONS[m.Side.FORMAL]
    for _ in range(notes_per_meeting):
        fill["org"] = rnd.choice(formal)
        text = " ".join([s.format(**fill) for s in rnd.sample(SENTENCES, rnd.randint(1, 3))])
        add_note(
            {
                "id": next_id(),
                "created_at": now,
                "updated_at": now,
                "meeting_id": mid,
                "agenda_item_id": rnd.choice(items),
                "text": text,
            }
        )
    for side, texts in STRENGTHS.items():
        rows.strength.append({**rows.base(), "meeting_id": mid, "side": side, "text": rnd.choice(texts)})
    for what, party in rnd.sample(AGREEMENTS, 2):
        rows.agreement.append(
            {
                **rows.base(),
                "meeting_id": mid,
                "what": what.format(**fill),
                "party": party,
                "due": (starts + timedelta(days=rnd.choice((30, 60, 90)))).date(),
                "due_text": "",
                "status": rnd.choice(list(m.AgreementStatus)),
            }
        )
    for text in rnd.sample(WISHES, 2):
        rows.wish.append({**rows.base(), "meeting_id": mid, "text": text})
    for group in rnd.sample(RESPONDENTS, 2):
        rows.evaluation.append(
            {
                **rows.base(),
                "meeting_id": mid,
                "respondent_group": group,
                "score": rnd.randint(3, 5),
                "remark": "Leerzaam en gezellig.",
            }
        )


def _contacts(rnd: random.Random, now: datetime, rows: _Rows) -> list[dict[str, Any]]:
    contacts = []
    for city in MUNICIPALITIES:
        for kind, name in (
            (m.ContactKind.CJG, f"CJG {city}"),
            (m.ContactKind.WIJKTEAM, f"Wijkteam {city} Noord"),
            (m.ContactKind.INFORMAL, f"Vrouwengroep Lotus {city} (voorbeeld)"),
        ):
            contacts.append(
                {
                    **rows.base(),
                    "municipality": city,
                    "organisation": name,
                    "kind": kind,
                    "address": f"Dorpsstraat {rnd.randint(1, 120)}, {city}",
                    "phone": f"0{rnd.randint(10, 79)} {rnd.randint(100, 999)} {rnd.randint(1000, 9999)}",
                    "website": "",
                    "opening_hours": "",
                    "opening_slots": [{"days": [0, 1, 2, 3, 4], "from": "09:00", "to": "17:00"}],
                    "languages": rnd.sample(["nl", "ar", "tr", "en"], 2),
                }
            )
    return contacts
