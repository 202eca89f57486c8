"""The worked example: the fictional municipality Lindewaard runs exercises A–G in two dagdelen.

The library page `voorbeeld-lindewaard` tells the same story in prose; this module puts it in the
database as one sample meeting, so a facilitator can open its notes, strengths, agreements,
wishes and evaluation, print its hand-outs and export its report. A test keeps the two in step:
every strength, agreement and wish below stands word for word on the page.

The meeting is marked as a sample (`is_sample`), "(voorbeeld)" is in its title, and loading it
twice gives one meeting, not two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from opvoed_desktop.content.agenda import items_from_programme
from opvoed_desktop.content.model import Library, Programme
from opvoed_desktop.i18n import _
from opvoed_desktop.storage import models as m

TITLE = "Samen sterker in Lindewaard (voorbeeld)"
MUNICIPALITY = "Lindewaard"
VENUE = "Buurthuis De Linde, grote zaal"
FACILITATOR = "Samira (vrouwenvereniging Nour) en Jeroen (CJG)"
PROGRAMME = "programma-twee-bijeenkomsten"
STARTS_AT = datetime(2026, 3, 10, 9, 30)
LANGUAGES = ("nl", "ar", "ti", "tr", "pl")

PARTICIPANTS = (
    (m.Side.FORMAL, 8, "CJG, wijkteam Noord, JGZ, schoolmaatschappelijk werk"),
    (
        m.Side.INFORMAL,
        9,
        "vrouwenvereniging Nour, Eritrese kerkgemeenschap, Turkse moskeevereniging, Syrische oudergroep, "
        "Poolse zaterdagschool",
    ),
    (m.Side.MUNICIPALITY, 1, "beleidsmedewerker jeugd"),
)

# Notes per agenda item, by the content id the item refers to (own items by their title).
NOTES = {
    "oefening-a": (
        "Gedacht: het wijkteam komt pas als het misgaat. Gehoord: het wijkteam wil eerder komen, maar hoort "
        "vaak niets. Gedacht: de vrouwenvereniging geeft vooral taalles. Gehoord: elke week komen moeders met "
        "vragen over pubers en school. Beide bekende beelden herkend; het CJG bracht ooit tweehonderd folders "
        "naar de moskee, er kwam geen enkele ouder op af."
    ),
    "oefening-b": (
        "Krap in tijd gedaan bij stap 3 (alleen de stapels voorgelezen), omdat er in het Tigrinya getolkt werd. "
        "Aangevuld uit bijlage 1: toegang tot kennis en training."
    ),
    "oefening-c": (
        "Opstelling 1: vier mensen in het vak Nog geen contact (Poolse zaterdagschool, Syrische oudergroep, "
        "twee van de JGZ), de meesten dicht bij het begin. Strepen: elkaar kennen 11, elkaar steunen en "
        "raadplegen 2, samen optrekken met een gezin 5, samen iets organiseren 3. Opstelling 2: iedereen "
        "schoof op; de vorm die de groep erbij wil: elkaar steunen en raadplegen. Sleutelfiguren: vooral "
        "bruggen; de vrouwenvereniging wil ook als verbinder gezien worden."
    ),
    "oefening-d": (
        "Drempels: elkaar niet kennen; vrijwilligers weten niet wie ze kunnen bellen als ze twijfelen; zorgen "
        "over privacy; geen geld voor zaalhuur; taal. Uitspraak 1 (folders): bijna iedereen eens. Uitspraak 2 "
        "(melden): informele kant vooral eens, formele kant vooral oneens; gesprek over advies van Veilig "
        "Thuis zonder naam van het gezin. Uitspraak 3 weggelaten (krap in tijd, tolk). Eerste stappen: een "
        "telefoonlijst met één vast contact per organisatie; een kennismakingsbezoek bij de Poolse "
        "zaterdagschool."
    ),
    "oefening-e": (
        "Al sterk: elkaar kennen groeit. Nog niet: duidelijke steun van de gemeente. Ontbrekende rol: steun en "
        "vraagbaak voor vrijwilligers. Hier willen we uitkomen: ouders weten dat ze bij iemand uit hun eigen "
        "gemeenschap en bij het CJG terechtkunnen, en dat die twee elkaar kennen; elke vrijwilliger heeft een "
        "vaste professional om te bellen, en professionals vragen vrijwilligers om raad; twee keer per jaar "
        "samen een ouderavond, om de beurt bij een informele en een formele organisatie."
    ),
    "oefening-f": (
        "De beleidsmedewerker stuurt de afsprakenlijst binnen een week rond en stuurt na drie maanden de "
        "vragenlijst. Terugkomoverleg op dinsdag 30 juni 2026 in de zaal van de Turkse moskeevereniging."
    ),
    "oefening-g": "Alle wensen mochten zonder namen in het verslag.",
}


@dataclass(frozen=True)
class ExampleAgreement:
    what: str
    party: str
    due: date
    municipality: str  # what the municipality adds (kept in the agreement's text)


STRENGTHS = (
    (m.Side.INFORMAL, "Ouders vertrouwen hen, ook met zorgen over thuis."),
    (m.Side.INFORMAL, "Ze spreken Arabisch, Tigrinya, Turks en Pools."),
    (m.Side.INFORMAL, "Ze zijn er 's avonds en in het weekend."),
    (m.Side.INFORMAL, "Ze weten hoe je over moeilijke keuzes praat zonder iemand te beschamen."),
    (m.Side.FORMAL, "Ze weten veel over hoe kinderen zich ontwikkelen."),
    (m.Side.FORMAL, "Ze kennen de weg naar zwaardere hulp."),
    (m.Side.FORMAL, "Ze kunnen een gezin helpen als een kind niet veilig is."),
    (m.Side.FORMAL, "Toegang tot kennis en training."),
)

AGREEMENTS = (
    ExampleAgreement(
        "Elke informele organisatie krijgt één vaste contactpersoon bij het CJG, die vrijwilligers kunnen bellen "
        "als ze twijfelen over een gezin.",
        "Jeroen (CJG) met de vijf informele organisaties",
        date(2026, 5, 1),
        "zet de contactpersonen in de opdracht aan het CJG, zodat er tijd voor is.",
    ),
    ExampleAgreement(
        "Een ouderavond over pubers en de telefoon in de Eritrese kerk, met een tolk Tigrinya, samen geleid door "
        "een sleutelfiguur van de kerk en een jeugdverpleegkundige.",
        "Yonas (Eritrese kerkgemeenschap) en Petra (JGZ)",
        date(2026, 6, 15),
        "betaalt de tolk en de koffie.",
    ),
    ExampleAgreement(
        "Het wijkteam gaat op kennismakingsbezoek bij de Poolse zaterdagschool en de Syrische oudergroep.",
        "Ilse (wijkteam Noord)",
        date(2026, 4, 30),
        "niets nodig.",
    ),
)

WISHES = (
    "Ik wens dat elke moeder in Lindewaard weet bij wie ze terechtkan.",
    "Ik wens dat we elkaar over een jaar nog bellen, ook zonder afspraak.",
    "Ik wens dat vrijwilligers net zo serieus genomen worden als professionals.",
    "Ik wens een ouderavond waar ook de vaders komen.",
)

EVALUATIONS = (
    ("professionals", 4, "Eindelijk weet ik wie ik bij de kerk kan bellen."),
    ("vrijwilligers en sleutelfiguren", 5, "We werden echt gehoord."),
    ("vrijwilligers en sleutelfiguren", 3, "Te weinig tijd voor de tolk."),
    ("zeg ik liever niet", 4, ""),
)

CONTACTS = (
    (m.ContactKind.CJG, "CJG Lindewaard", "Lindeplein 4, Lindewaard", "ma–vr 9.00–17.00", ("nl", "en")),
    (m.ContactKind.WIJKTEAM, "Wijkteam Lindewaard Noord", "Beukenlaan 12, Lindewaard", "ma–vr 9.00–17.00", ("nl",)),
    (
        m.ContactKind.INFORMAL,
        "Vrouwenvereniging Nour (voorbeeld)",
        "Buurthuis De Linde, Eikstraat 1, Lindewaard",
        "di en do 19.00–21.00",
        ("nl", "ar"),
    ),
)


def agreement_text(agreement: ExampleAgreement) -> str:
    """What is stored for an agreement: what happens, then what the municipality adds."""
    return f"{agreement.what} Wat de gemeente bijdraagt: {agreement.municipality}"


def load_worked_example(meetings: object, library: Library) -> str:
    """Put the example in the database (once) and return its meeting id.

    `meetings` is a services.meetings.MeetingService (kept untyped so this module needs no storage
    session of its own).
    """
    for summary in meetings.list_meetings():  # type: ignore[attr-defined]
        if summary.title == TITLE and summary.is_sample:
            return summary.id
    programme = library.get(PROGRAMME)
    if not isinstance(programme, Programme):
        raise LookupError(
            _("Het programma '{id}' ontbreekt in de inhoud; controleer met 'content check'.").format(id=PROGRAMME)
        )
    meeting_id: str = meetings.create_meeting(  # type: ignore[attr-defined]
        TITLE,
        starts_at=STARTS_AT,
        venue=VENUE,
        municipality=MUNICIPALITY,
        facilitator=FACILITATOR,
        languages=LANGUAGES,
        programme_id=PROGRAMME,
        is_sample=True,
    )
    for side, count, organisations in PARTICIPANTS:
        meetings.set_participants(meeting_id, side, count, organisations)  # type: ignore[attr-defined]
    items = items_from_programme(programme, library)
    ids = meetings.plan_agenda(  # type: ignore[attr-defined]
        meeting_id, [(item.kind, item.ref, item.title, item.minutes) for item in items]
    )
    for item, item_id in zip(items, ids, strict=True):
        text = NOTES.get(item.ref or "")
        if text:
            meetings.save_item_note(meeting_id, item_id, text)  # type: ignore[attr-defined]
    for side, text in STRENGTHS:
        meetings.add_strength(meeting_id, side, text)  # type: ignore[attr-defined]
    for agreement in AGREEMENTS:
        meetings.add_agreement(  # type: ignore[attr-defined]
            meeting_id, agreement_text(agreement), party=agreement.party, due=agreement.due
        )
    for wish in WISHES:
        meetings.add_wish(meeting_id, wish)  # type: ignore[attr-defined]
    for group, score, remark in EVALUATIONS:
        meetings.add_evaluation(meeting_id, group, score, remark)  # type: ignore[attr-defined]
    known = {c.organisation for c in meetings.contacts(MUNICIPALITY)}  # type: ignore[attr-defined]
    for kind, name, address, hours, languages in CONTACTS:
        if name not in known:
            meetings.add_contact(  # type: ignore[attr-defined]
                MUNICIPALITY, name, kind, address=address, opening_hours=hours, languages=list(languages)
            )
    return meeting_id
