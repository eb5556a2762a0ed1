"""The two demo events that a new workspace can install: what users see first.

1. The exchange mission of the Québec coalition Eau Secours! in Bolivia with AMUPEI, under the
   Uniterra programme of CECI (15–30 March 2008), in French, in person.
2. The second Andean binational encounter Peru–Bolivia of the project «Interacciones con
   territorios vivos» (11–13 October 2021), in Spanish, hybrid.

Everything is built deterministically: ids derive from stable names (`derived_id("demo", …)` and
the pair helpers of `fieldkit.core.ids`), times are fixed and the little randomness (phones,
who came which day) comes from a seeded `random.Random`. Installing twice therefore changes
nothing. The people are fictional; the organisations and places are those of the seeds. The
content is data in each event's own language and is not translated.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fieldkit.core.ids import (
    arrival_id,
    attendance_id,
    derived_id,
    member_id,
    note_id,
    owner_id,
    partner_id,
    registration_id,
    session_axis_id,
    session_objective_id,
    tally_id,
)
from fieldkit.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    AgeGroup,
    Attendance,
    AttendanceMode,
    Axis,
    Day,
    Decision,
    Event,
    EventFormat,
    EventPartner,
    Gender,
    GroupMember,
    Note,
    Objective,
    Organisation,
    PartnerRole,
    Person,
    Programme,
    Registration,
    Result,
    Role,
    Session,
    SessionAxis,
    SessionKind,
    SessionMode,
    SessionObjective,
    Tally,
    WorkingGroup,
)
from fieldkit.store import Workspace

MISSION_CODE = "EAU-BOL-2008"
ENCOUNTER_CODE = "PE-BO-2021"
DEMO_EVENT_CODES = (MISSION_CODE, ENCOUNTER_CODE)

_SEED = 20080322  # World Water Day 2008
_DEVICE = "demo"  # the device name of the demo's tallies and check-ins

_GENDERS = {"w": Gender.WOMAN, "m": Gender.MAN, "n": Gender.NOT_STATED}


def _id(name: str) -> str:
    return derived_id("demo", name)


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


# ----------------------------------------------------------------------------------------------
# Shared shapes of the data tables
# ----------------------------------------------------------------------------------------------

# key_points, lessons, proposals, agreements: each a tuple of list lines.
NoteText = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class _Slot:
    """A session of an agenda, before it becomes a Session record."""

    key: str
    date: str  # ISO date of its day
    start: str
    end: str
    kind: SessionKind
    title: str
    room: str = ""
    facilitator: str = ""
    rapporteur: str = ""
    description: str = ""
    mode: SessionMode = SessionMode.IN_PERSON
    link: str = ""
    names_taken: bool = True
    objectives: tuple[int, ...] = ()
    axes: tuple[int, ...] = ()
    attendees: tuple[str, ...] = ()  # mission only: person keys or key prefixes


@dataclass(frozen=True)
class _Group:
    """A working group of a session: its name, axis and who leads it."""

    name: str
    axis: int
    facilitator: str
    rapporteur: str
    notes: NoteText


@dataclass(frozen=True)
class _Action:
    what: str
    due: dt.date
    status: ActionStatus
    owners: tuple[str, ...]  # "org:<key>" or a person's full name


@dataclass(frozen=True)
class _Member:
    """A registered person of a demo event, with what the builders need to know about them."""

    key: str
    person: Person
    delegation: str
    virtual: bool = False  # connects from afar rather than coming to the room


def _session(event: str, slot: _Slot) -> Session:
    return Session(
        id=_id(f"{event}/session/{slot.key}"),
        day_id=_id(f"{event}/day/{slot.date}"),
        start_time=slot.start,
        end_time=slot.end,
        title=slot.title,
        kind=slot.kind,
        mode=slot.mode,
        room=slot.room,
        link=slot.link,
        facilitator=slot.facilitator,
        rapporteur=slot.rapporteur,
        description=slot.description,
        names_taken=slot.names_taken,
    )


def _days(event_id: str, event: str, titles: dict[str, str], arrival: str) -> list[Any]:
    """The days of an event, each with its arrival session exactly as `Workspace.add_day`."""
    records: list[Any] = []
    for date, title in titles.items():
        day = Day(
            id=_id(f"{event}/day/{date}"),
            event_id=event_id,
            date=dt.date.fromisoformat(date),
            title=title,
        )
        records.append(day)
        records.append(
            Session(id=arrival_id(day.id), day_id=day.id, title=arrival, kind=SessionKind.ARRIVAL)
        )
    return records


def _note(session_id: str, text: NoteText, group_id: str | None = None) -> Note:
    key_points, lessons, proposals, agreements = text
    return Note(
        id=note_id(session_id, group_id),
        session_id=session_id,
        group_id=group_id,
        key_points=_bullets(key_points),
        lessons=_bullets(lessons),
        proposals=_bullets(proposals),
        agreements=_bullets(agreements),
    )


def _organisations(
    table: Sequence[tuple[str, str, str, str, str | None]],
) -> dict[str, Organisation]:
    """{key: Organisation} from rows (key, name, short name, country, parent key)."""
    return {
        key: Organisation(
            id=_id(f"org/{key}"),
            name=name,
            short_name=short,
            country=country,
            parent_id=_id(f"org/{parent}") if parent else None,
        )
        for key, name, short, country, parent in table
    }


def _partners(
    event_id: str, orgs: dict[str, Organisation], roles: dict[str, PartnerRole]
) -> list[EventPartner]:
    return [
        EventPartner(
            id=partner_id(event_id, orgs[key].id),
            event_id=event_id,
            organisation_id=orgs[key].id,
            role=role,
        )
        for key, role in roles.items()
    ]


def _objectives(event_id: str, event: str, texts: Sequence[str]) -> list[Objective]:
    return [
        Objective(id=_id(f"{event}/objective/{n}"), event_id=event_id, position=n, text=text)
        for n, text in enumerate(texts, start=1)
    ]


def _actions(
    event_id: str,
    event: str,
    session_id: str,
    actions: Sequence[_Action],
    orgs: dict[str, Organisation],
    people: dict[str, Person],
) -> list[Any]:
    """Action items and their owners: organisations ("org:<key>") or people by full name."""
    records: list[Any] = []
    for position, action in enumerate(actions, start=1):
        item = ActionItem(
            id=_id(f"{event}/action/{position}"),
            event_id=event_id,
            session_id=session_id,
            what=action.what,
            due_date=action.due,
            status=action.status,
            position=position,
        )
        records.append(item)
        for owner in action.owners:
            if owner.startswith("org:"):
                org = orgs[owner.removeprefix("org:")]
                records.append(
                    ActionOwner(
                        id=owner_id(item.id, org.id), action_id=item.id, organisation_id=org.id
                    )
                )
            else:
                person = people[owner]
                records.append(
                    ActionOwner(
                        id=owner_id(item.id, person.id), action_id=item.id, person_id=person.id
                    )
                )
    return records


def _decisions(event_id: str, event: str, session_id: str, texts: Sequence[str]) -> list[Decision]:
    return [
        Decision(
            id=_id(f"{event}/decision/{n}"),
            event_id=event_id,
            session_id=session_id,
            position=n,
            text=text,
        )
        for n, text in enumerate(texts, start=1)
    ]


def _at(date: str, time: str, minutes: int) -> dt.datetime:
    """A moment `minutes` after (or before, if negative) `time` on `date`."""
    start = dt.datetime.fromisoformat(f"{date}T{time}")
    return start + dt.timedelta(minutes=minutes)


def _tally(session_id: str, women: int, men: int, not_stated: int = 0) -> Tally:
    return Tally(
        id=tally_id(session_id, _DEVICE),
        session_id=session_id,
        device=_DEVICE,
        women=women,
        men=men,
        not_stated=not_stated,
    )


def _age(rng: random.Random) -> AgeGroup | None:
    """An age group, or None for about one person in six (not asked or not answered)."""
    if rng.random() < 0.16:
        return None
    groups = (AgeGroup.FROM_18_TO_29, AgeGroup.FROM_30_TO_44, AgeGroup.FROM_45_TO_59)
    return rng.choice((*groups, *groups, AgeGroup.FROM_60))


def _phone(rng: random.Random, country: str) -> str:
    if rng.random() < 0.25:
        return ""
    if country in ("Bolivia", "Bolivie"):
        return f"+591 7{rng.randrange(1_000_000, 9_999_999)}"
    if country == "Perú":
        return f"+51 9{rng.randrange(10_000_000, 99_999_999)}"
    if country == "Canada":
        return f"+1 514 {rng.randrange(200, 999)} {rng.randrange(1000, 9999)}"
    return ""


_DEPARTMENT_SUFFIX = {
    "La Paz": "LP",
    "El Alto": "LP",
    "Taraco": "LP",
    "Palos Blancos": "LP",
    "Oruro": "OR",
    "Salinas de Garci Mendoza": "OR",
    "Cochabamba": "CB",
    "Potosí": "PT",
    "Sucre": "CH",
    "Santa Cruz de la Sierra": "SC",
    "Tarija": "TJ",
}


def _id_card(rng: random.Random, country: str, municipality: str) -> str:
    if rng.random() < 0.4:
        return ""
    if country in ("Bolivia", "Bolivie"):
        suffix = _DEPARTMENT_SUFFIX.get(municipality, "LP")
        return f"{rng.randrange(2_000_000, 9_999_999)} {suffix}"
    if country == "Perú":
        return f"{rng.randrange(10_000_000, 49_999_999)}"
    return ""


def _person(
    rng: random.Random,
    key: str,
    row: str,
    country: str,
    municipality: str,
    organisation_id: str | None,
) -> tuple[Person, Role]:
    """A person from a row "Given names|Surnames|w/m/n[|role]"."""
    given, surnames, gender, *rest = row.split("|")
    person = Person(
        id=_id(key),
        given_names=given,
        surnames=surnames,
        gender=_GENDERS[gender],
        age_group=_age(rng),
        phone=_phone(rng, country),
        id_card=_id_card(rng, country, municipality),
        organisation_id=organisation_id,
        consent_photos=rng.random() < 0.8,
        consent_contact=rng.random() < 0.6,
    )
    return person, Role(rest[0]) if rest else Role.PARTICIPANT


# ==============================================================================================
# (a) The exchange mission of Eau Secours! in Bolivia, 15–30 March 2008 (French)
# ==============================================================================================

_EAU = "eau"

_EAU_TITLE = "Mission d'échange de la Coalition Eau Secours! en Bolivie"
_EAU_PLACES = "La Paz, El Alto et Cochabamba (Bolivie)"
_EAU_CONTEXT = """\
Le programme Uniterra facilite la collaboration entre des organisations du Sud et des \
organisations canadiennes travaillant sur des problématiques communes, afin de favoriser les \
échanges d'expertise, de connaissances et de savoir-faire. Dans le secteur santé en Bolivie, \
Uniterra travaille à un projet en eau et assainissement visant à renforcer la gestion sociale \
des services dans une perspective d'égalité des sexes.

Depuis février 2006, Uniterra travaille en partenariat avec l'Articulación de Mujeres por la \
Equidad y Igualdad (AMUPEI), un réseau national d'organismes de femmes divisé en onze comités \
régionaux et une équipe de coordination nationale, qui revendique et défend les droits des \
femmes en Bolivie. Au Canada, Uniterra a développé un partenariat avec la Coalition Eau Secours!, \
un réseau québécois d'individus et d'organisations qui promeut une gestion responsable de l'eau \
par des approches novatrices de sensibilisation. De janvier 2008 à mars 2009, Uniterra facilite \
des échanges et des actions communes entre ces deux partenaires.

La Coalition a mené de nombreux plaidoyers pour une gestion sociale et responsable de l'eau au \
Québec, préservant le caractère public de la ressource et du service de distribution de l'eau \
potable. Les organisations boliviennes ont une grande expérience de la mobilisation et de la \
lutte contre la privatisation de l'eau, et AMUPEI des réflexions à partager sur le rôle \
spécifique des femmes dans l'accès à l'eau. Ce premier échange a lieu autour des activités de \
la Journée mondiale de l'eau (22 mars)."""

_EAU_GENERAL_OBJECTIVE = (
    "Établir un échange d'expérience et d'expertise en eau et assainissement afin d'identifier "
    "les pistes possibles de collaboration et d'échanger au niveau des approches et des outils "
    "d'intervention dans le secteur en engagement du public."
)

_EAU_OBJECTIVES = (
    "Identifier les points communs et échanger les expériences respectives des organisations "
    "boliviennes mobilisées sur les questions liées à l'eau et celles de la Coalition Eau Secours!",
    "Contribuer à la réflexion sur le rôle spécifique des femmes dans les actions liées à l'accès "
    "à l'eau et l'élaboration d'une politique de gestion sociale de l'eau",
    "Partager de nouvelles approches en sensibilisation et plaider en faveur d'une gestion "
    "sociale et responsable de l'eau",
    "Dégager des pistes possibles d'actions conjointes entre les organisations boliviennes et la "
    "Coalition Eau Secours!, en particulier avec AMUPEI",
)

_EAU_PROGRAMME = Programme(
    id=_id("programme/uniterra"),
    name="Uniterra",
    description=(
        "Programme de coopération volontaire du CECI et de l'EUMC : il facilite la collaboration "
        "entre des organisations du Sud et des organisations canadiennes qui travaillent sur des "
        "problématiques communes."
    ),
)

# key, name, short name, country, parent key
_EAU_ORGANISATIONS: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("ceci", "Centre d'étude et de coopération internationale", "CECI", "Canada", None),
    ("eau-secours", "Coalition Eau Secours!", "Eau Secours!", "Canada", None),
    ("amupei", "Articulación de Mujeres por la Equidad y Igualdad", "AMUPEI", "Bolivie", None),
    ("amupei-lp", "Comité departamental de La Paz", "AMUPEI La Paz", "Bolivie", "amupei"),
    ("amupei-ea", "Comité regional de El Alto", "AMUPEI El Alto", "Bolivie", "amupei"),
    ("amupei-or", "Comité departamental de Oruro", "AMUPEI Oruro", "Bolivie", "amupei"),
    ("amupei-pt", "Comité departamental de Potosí", "AMUPEI Potosí", "Bolivie", "amupei"),
    ("amupei-cb", "Comité departamental de Cochabamba", "AMUPEI Cochabamba", "Bolivie", "amupei"),
    ("amupei-ch", "Comité departamental de Chuquisaca", "AMUPEI Chuquisaca", "Bolivie", "amupei"),
    ("amupei-tj", "Comité departamental de Tarija", "AMUPEI Tarija", "Bolivie", "amupei"),
    ("amupei-sc", "Comité departamental de Santa Cruz", "AMUPEI Santa Cruz", "Bolivie", "amupei"),
    ("amupei-be", "Comité departamental del Beni", "AMUPEI Beni", "Bolivie", "amupei"),
    ("amupei-pd", "Comité departamental de Pando", "AMUPEI Pando", "Bolivie", "amupei"),
    ("amupei-chaco", "Comité regional del Chaco", "AMUPEI Chaco", "Bolivie", "amupei"),
    ("cgiab", "Comisión para la Gestión Integral del Agua en Bolivia", "CGIAB", "Bolivie", None),
    ("fejuve-ea", "Federación de Juntas Vecinales de El Alto", "FEJUVE El Alto", "Bolivie", None),
    (
        "coordinadora",
        "Coordinadora de Defensa del Agua y de la Vida",
        "Coordinadora del Agua",
        "Bolivie",
        None,
    ),
)

_EAU_PARTNER_ROLES = {
    "eau-secours": PartnerRole.ORGANISER,
    "amupei": PartnerRole.ORGANISER,
    "ceci": PartnerRole.FUNDER,
    "cgiab": PartnerRole.PARTNER,
    "fejuve-ea": PartnerRole.PARTNER,
    "coordinadora": PartnerRole.PARTNER,
    **{
        f"amupei-{code}": PartnerRole.PARTICIPANT
        for code in ("lp", "ea", "or", "cb", "pt", "ch", "sc", "tj")
    },
}

# delegation, country, organisation key, people as (key, municipality, "Given|Surnames|g[|role]")
_EAU_PEOPLE: tuple[tuple[str, str, tuple[tuple[str, str, str, str], ...]], ...] = (
    (
        "Coalition Eau Secours!",
        "Canada",
        (
            ("es-1", "Montréal", "eau-secours", "Geneviève|Tremblay|w|speaker"),
            ("es-2", "Québec", "eau-secours", "Marc-André|Bélanger|m"),
            ("es-3", "Montréal", "eau-secours", "Sylvie|Gagnon|w|rapporteur"),
            ("es-4", "Sherbrooke", "eau-secours", "Louis|Pelletier|m"),
            ("es-5", "Trois-Rivières", "eau-secours", "Nathalie|Côté|w"),
            ("es-6", "Montréal", "eau-secours", "Étienne|Lapointe|m"),
        ),
    ),
    (
        "CECI — Uniterra",
        "",
        (
            ("ut-1", "La Paz", "ceci", "Claudia|Vargas Rojas|w|organiser"),
            ("ut-2", "La Paz", "ceci", "Mathieu|Fortin|m|staff"),
        ),
    ),
    (
        "AMUPEI — coordination nationale",
        "Bolivie",
        (
            ("an-1", "La Paz", "amupei", "Elena|Mamani Quisbert|w|organiser"),
            ("an-2", "La Paz", "amupei", "Rosario|Gutiérrez Arce|w|organiser"),
            ("an-3", "La Paz", "amupei", "Verónica|Salazar Choque|w"),
        ),
    ),
    (
        "AMUPEI — comités régionaux",
        "Bolivie",
        (
            ("ar-lp", "La Paz", "amupei-lp", "Martha|Quispe Condori|w"),
            ("ar-ea", "El Alto", "amupei-ea", "Justina|Ticona Apaza|w"),
            ("ar-or", "Oruro", "amupei-or", "Celia|Colque Mamani|w"),
            ("ar-cb", "Cochabamba", "amupei-cb", "Lourdes|Rocha Terrazas|w"),
            ("ar-pt", "Potosí", "amupei-pt", "Hilda|Cruz Villca|w"),
            ("ar-ch", "Sucre", "amupei-ch", "Mirtha|Padilla Zárate|w"),
            ("ar-sc", "Santa Cruz de la Sierra", "amupei-sc", "Carmen|Suárez Justiniano|w"),
            ("ar-tj", "Tarija", "amupei-tj", "Ruth|Arce Vaca|w"),
        ),
    ),
    (
        "Partenaires du secteur de l'eau",
        "Bolivie",
        (
            ("cg-1", "La Paz", "cgiab", "Alberto|Rivera Paz|m|speaker"),
            ("cg-2", "La Paz", "cgiab", "Patricia|Aguilar Soria|w"),
            ("fe-1", "El Alto", "fejuve-ea", "Teodoro|Nina Calle|m|speaker"),
            ("fe-2", "El Alto", "fejuve-ea", "Dominga|Calle Mamani|w"),
            ("fe-3", "El Alto", "fejuve-ea", "Wálter|Huanca Yujra|m"),
            ("co-1", "Cochabamba", "coordinadora", "Rodolfo|Camacho Rojas|m|speaker"),
            ("co-2", "Cochabamba", "coordinadora", "Marcela|Orellana Vidal|w"),
            ("co-3", "Cochabamba", "coordinadora", "Julián|Mercado Soto|m"),
        ),
    ),
)
# The Uniterra team: a Bolivian advisor and a Canadian volunteer.
_EAU_COUNTRY_OF = {"ut-1": "Bolivie", "ut-2": "Canada"}

_EAU_DAYS = {
    "2008-03-17": "Lundi 17 mars — La Paz : ouverture et présentations croisées",
    "2008-03-18": "Mardi 18 mars — La Paz : CGIAB et atelier femmes et eau",
    "2008-03-19": "Mercredi 19 mars — El Alto : visite de terrain",
    "2008-03-22": "Samedi 22 mars — Journée mondiale de l'eau",
    "2008-03-25": "Mardi 25 mars — Cochabamba",
    "2008-03-27": "Jeudi 27 mars — La Paz : outils de sensibilisation",
    "2008-03-28": "Vendredi 28 mars — La Paz : synthèse de la mission",
}

_CECI_OFFICE = "Bureau du CECI-Uniterra, Sopocachi, La Paz"
_CASA_CULTURA = "Salle polyvalente, Casa de la Cultura, La Paz"

_EAU_AGENDA = (
    _Slot(
        "ouverture",
        "2008-03-17",
        "09:00",
        "12:00",
        SessionKind.MEETING,
        "Réunion d'ouverture : équipe Uniterra et coordination nationale d'AMUPEI",
        room=_CECI_OFFICE,
        facilitator="Claudia Vargas Rojas",
        rapporteur="Sylvie Gagnon",
        description="Présentation du programme de la mission et des attentes de chacun.",
        objectives=(1, 4),
        attendees=("es", "ut", "an"),
    ),
    _Slot(
        "presentations",
        "2008-03-17",
        "14:30",
        "17:30",
        SessionKind.DIALOGUE,
        "Présentations croisées : la Coalition Eau Secours! et AMUPEI",
        room="Salle de réunion d'AMUPEI, La Paz",
        facilitator="Elena Mamani Quisbert",
        rapporteur="Sylvie Gagnon",
        objectives=(1,),
        attendees=("es", "ut", "an", "ar-lp", "ar-ea"),
    ),
    _Slot(
        "cgiab",
        "2008-03-18",
        "09:30",
        "12:00",
        SessionKind.MEETING,
        "Rencontre avec la Commission pour la gestion intégrale de l'eau en Bolivie (CGIAB)",
        room="Bureau de la CGIAB, La Paz",
        facilitator="Alberto Rivera Paz",
        rapporteur="Louis Pelletier",
        objectives=(1, 3),
        attendees=("es", "ut", "an-1", "cg"),
    ),
    _Slot(
        "femmes",
        "2008-03-18",
        "14:00",
        "18:00",
        SessionKind.DIALOGUE,
        "Atelier : le rôle des femmes dans l'accès à l'eau et la gestion sociale de l'eau",
        room=_CASA_CULTURA,
        facilitator="Rosario Gutiérrez Arce",
        rapporteur="Nathalie Côté",
        description="Avec les représentantes de huit comités régionaux d'AMUPEI.",
        objectives=(2,),
        attendees=("es", "ut", "an", "ar", "cg-2"),
    ),
    _Slot(
        "el-alto",
        "2008-03-19",
        "09:00",
        "15:00",
        SessionKind.FIELD_VISIT,
        "Visite de terrain : comités d'eau de quartier et FEJUVE d'El Alto",
        room="Districts 5 et 8, El Alto",
        facilitator="Teodoro Nina Calle",
        rapporteur="Marc-André Bélanger",
        objectives=(1, 2),
        attendees=("es", "ut", "ar-lp", "ar-ea", "fe"),
    ),
    _Slot(
        "foire",
        "2008-03-22",
        "10:00",
        "14:00",
        SessionKind.EXHIBITION_PANEL,
        "Foire de la Journée mondiale de l'eau : panneaux d'exposition",
        room="Paseo El Prado, La Paz",
        facilitator="Verónica Salazar Choque",
        rapporteur="Étienne Lapointe",
        description=(
            "Stand commun AMUPEI – Eau Secours! : panneaux sur l'eau au Québec et en Bolivie. "
            "Thème 2008 : l'assainissement. Comptage du public seulement."
        ),
        names_taken=False,
        objectives=(3,),
    ),
    _Slot(
        "forum",
        "2008-03-22",
        "16:00",
        "19:00",
        SessionKind.PLENARY,
        "Forum public : l'eau, droit humain et bien commun — regards croisés Québec–Bolivie",
        room="Auditorium de la Casa de la Cultura, La Paz",
        facilitator="Claudia Vargas Rojas",
        rapporteur="Sylvie Gagnon",
        objectives=(2, 3),
        attendees=("es", "ut", "an", "ar", "cg", "fe"),
    ),
    _Slot(
        "coordinadora",
        "2008-03-25",
        "09:00",
        "12:30",
        SessionKind.DIALOGUE,
        "Dialogue avec la Coordinadora de Defensa del Agua y de la Vida",
        room="Local de la Coordinadora, Cochabamba",
        facilitator="Rodolfo Camacho Rojas",
        rapporteur="Louis Pelletier",
        objectives=(1, 3),
        attendees=("es", "ut", "ar-cb", "co"),
    ),
    _Slot(
        "zone-sud",
        "2008-03-25",
        "14:30",
        "18:00",
        SessionKind.FIELD_VISIT,
        "Visite d'un système d'eau communautaire de la zone sud de Cochabamba",
        room="Zone sud, Cochabamba",
        facilitator="Marcela Orellana Vidal",
        rapporteur="Marc-André Bélanger",
        objectives=(1, 2),
        attendees=("es", "ut", "ar-cb", "co-1", "co-2"),
    ),
    _Slot(
        "outils",
        "2008-03-27",
        "09:00",
        "13:00",
        SessionKind.PLENARY,
        "Atelier : outils de sensibilisation et de plaidoyer de la Coalition Eau Secours!",
        room=_CASA_CULTURA,
        facilitator="Geneviève Tremblay",
        rapporteur="Verónica Salazar Choque",
        objectives=(3,),
        attendees=("es", "ut", "an", "ar-lp", "ar-ea", "ar-or", "cg"),
    ),
    _Slot(
        "synthese",
        "2008-03-28",
        "09:00",
        "12:30",
        SessionKind.MEETING,
        "Séance de synthèse : pistes d'actions conjointes",
        room=_CECI_OFFICE,
        facilitator="Claudia Vargas Rojas",
        rapporteur="Sylvie Gagnon",
        description="Retour sur les quatre objectifs et plan d'action commun.",
        objectives=(4,),
        attendees=("es", "ut", "an"),
    ),
)

_EAU_NOTES: dict[str, NoteText] = {
    "ouverture": (
        (
            "Présentation du programme de la mission (15–30 mars) et des attentes de chacun",
            "Uniterra appuie AMUPEI depuis février 2006 : eau et assainissement, gestion sociale "
            "des services, égalité des sexes",
            "AMUPEI présente son réseau : onze comités régionaux et une coordination nationale",
            "La Coalition présente ses campagnes pour le caractère public de l'eau au Québec",
        ),
        (
            "Les deux réseaux lisent l'eau comme un bien commun, mais agissent à des échelles "
            "très différentes",
            "L'interprétation français–espagnol doit être prévue pour chaque rencontre",
        ),
        (
            "Profiter de la Journée mondiale de l'eau (22 mars) pour une activité publique commune",
            "Rencontrer les comités régionaux d'AMUPEI, pas seulement la coordination nationale",
        ),
        (
            "Programme validé ; la visite à Cochabamba est déplacée au 25 mars (Semaine sainte)",
            "Claudia Vargas Rojas coordonne la logistique ; Sylvie Gagnon tient les notes",
        ),
    ),
    "presentations": (
        (
            "Eau Secours! : réseau d'individus et d'organisations ; campagnes d'affichage, "
            "conférences publiques, mémoires aux consultations, pétitions",
            "AMUPEI : plaidoyer pour les droits des femmes, propositions à l'Assemblée "
            "constituante",
            "Les femmes portent l'essentiel de la corvée d'eau dans les quartiers périurbains et "
            "en milieu rural",
        ),
        (
            "Au Québec, le débat porte sur la privatisation des services et l'exportation de "
            "l'eau en vrac ; en Bolivie, sur l'accès même à l'eau et les usages et coutumes",
            "Les deux organisations misent sur l'éducation populaire",
        ),
        (
            "Établir une liste commune de thèmes d'échange : sensibilisation, plaidoyer, genre "
            "et eau",
        ),
        ("Chaque organisation envoie à l'autre ses principaux documents avant la fin avril",),
    ),
    "cgiab": (
        (
            "La CGIAB présente ses travaux sur la gestion intégrale de l'eau, la législation et "
            "les systèmes communautaires",
            "Échange sur les réformes en cours dans le cadre du processus constituant",
            "Intérêt de la CGIAB pour les méthodes de vulgarisation d'Eau Secours!",
        ),
        (
            "Recherche et plaidoyer se renforcent quand chercheurs et organisations de base "
            "travaillent ensemble",
        ),
        (
            "Échanger les publications entre les centres de documentation",
            "Inviter la CGIAB à l'atelier du 27 mars sur les outils de sensibilisation",
        ),
        ("La CGIAB désigne Patricia Aguilar Soria comme personne-ressource de l'échange",),
    ),
    "femmes": (
        (
            "Témoignages de huit comités régionaux d'AMUPEI sur l'accès à l'eau",
            "Les femmes sont nombreuses dans les comités d'eau, rares dans leurs directions",
            "Le coût du raccordement et des tarifs pèse d'abord sur les ménages dirigés par "
            "des femmes",
            "La Coalition présente la place des femmes dans ses instances et ses campagnes",
        ),
        (
            "Une politique de gestion sociale de l'eau doit prévoir la participation des femmes "
            "aux décisions, pas seulement aux travaux",
            "Sans données ventilées par sexe, le plaidoyer reste faible",
        ),
        (
            "Une grille d'observation de la participation des femmes dans les comités d'eau",
            "Porter la question du genre dans le débat sur la future politique nationale de l'eau",
        ),
        (
            "AMUPEI rédige une note de position « Femmes et gestion sociale de l'eau » avec "
            "l'appui d'Uniterra",
        ),
    ),
    "el-alto": (
        (
            "Visite de deux comités d'eau de quartier et rencontre avec la FEJUVE",
            "Rappel de la mobilisation de 2005 qui a conduit au départ de l'opérateur privé",
            "Plusieurs quartiers sans raccordement achètent l'eau aux camions-citernes, très cher",
        ),
        (
            "La mobilisation des juntas vecinales est une force de plaidoyer, mais la gestion "
            "quotidienne repose sur des bénévoles, souvent des femmes",
        ),
        ("Documenter l'expérience des comités d'eau d'El Alto sous forme de fiches",),
        ("Le comité d'AMUPEI d'El Alto réunira les présidentes de comités d'eau en mai",),
    ),
    "forum": (
        (
            "Forum public de la Journée mondiale de l'eau, consacrée en 2008 à l'assainissement",
            "Interventions croisées : Eau Secours!, AMUPEI, CGIAB et FEJUVE d'El Alto",
            "Débat avec la salle sur l'eau comme droit humain dans le projet de nouvelle "
            "Constitution",
        ),
        (
            "Le public réagit aux comparaisons concrètes (prix de l'eau, modes de gestion) entre "
            "le Québec et la Bolivie",
        ),
        ("Produire une fiche bilingue « L'eau au Québec et en Bolivie : mêmes enjeux ? »",),
        ("Les présentations du forum seront diffusées par les deux organisations",),
    ),
    "coordinadora": (
        (
            "Récit de la « guerre de l'eau » de Cochabamba (2000) et de ses suites",
            "Situation du service municipal et des systèmes autonomes de la zone sud",
            "Intérêt pour l'expérience québécoise de défense du caractère public du service",
        ),
        (
            "Chasser l'opérateur privé ne règle pas la gestion : la participation citoyenne au "
            "service public reste à construire",
        ),
        (
            "Mettre la Coordinadora en relation avec les groupes québécois qui suivent les "
            "partenariats public-privé",
        ),
        ("Échange de documents sur le contrôle citoyen des services publics d'eau",),
    ),
    "zone-sud": (
        (
            "Système d'eau communautaire : puits, réservoir et réseau construits par les habitants",
            "Tarifs fixés en assemblée, travaux communautaires obligatoires",
            "Les trésorières du comité expliquent la tenue des comptes",
        ),
        (
            "La gestion communautaire mobilise beaucoup, mais l'eau reste rare et sa qualité "
            "incertaine",
        ),
        ("Prévoir dans l'échange un volet sur la qualité de l'eau et l'assainissement",),
        (),
    ),
    "outils": (
        (
            "Outils de la Coalition : trousses pédagogiques, affiches, théâtre d'intervention, "
            "campagnes médiatiques, mémoires en commission parlementaire",
            "Exercice : concevoir un message pour la Journée mondiale de l'eau 2009",
            "AMUPEI présente ses outils de plaidoyer auprès de l'Assemblée constituante",
        ),
        (
            "Un message efficace part d'une situation vécue et propose une action simple",
            "Les outils doivent être adaptés à l'aymara, au quechua et aux radios communautaires",
        ),
        (
            "Traduire et adapter en espagnol la trousse de sensibilisation de la Coalition",
            "Produire des capsules radio avec les comités régionaux",
        ),
        (
            "Groupe de travail Coalition–AMUPEI sur les outils : Nathalie Côté et Verónica "
            "Salazar Choque",
        ),
    ),
    "synthese": (
        (
            "Retour sur les quatre objectifs de la mission, objectif par objectif",
            "Sept pistes d'actions conjointes retenues (voir le plan d'action)",
            "Évaluation : mission très utile, programme chargé, interprétation à renforcer",
        ),
        ("L'échange est plus riche quand les comités régionaux y participent directement",),
        ("Une mission réciproque d'AMUPEI au Québec pour la Journée mondiale de l'eau 2009",),
        ("Comité de suivi conjoint et rapport de mission bilingue (voir les décisions)",),
    ),
}

_EAU_DECISIONS = (
    "AMUPEI et la Coalition Eau Secours! poursuivent l'échange jusqu'en mars 2009 dans le cadre "
    "d'Uniterra, AMUPEI étant le partenaire principal en Bolivie.",
    "Un comité de suivi conjoint (deux personnes par organisation et la conseillère Uniterra) se "
    "réunit par téléphone tous les deux mois.",
    "Les actions communes portent en priorité sur la sensibilisation du public et le rôle des "
    "femmes dans la gestion sociale de l'eau.",
    "Le rapport de mission est rédigé en français et en espagnol et diffusé avant le 30 avril "
    "2008.",
)

_EAU_ACTIONS = (
    _Action(
        "Rédiger et diffuser le rapport de mission en français et en espagnol",
        dt.date(2008, 4, 30),
        ActionStatus.IN_PROGRESS,
        ("Sylvie Gagnon", "Claudia Vargas Rojas"),
    ),
    _Action(
        "Adapter en espagnol la trousse de sensibilisation de la Coalition pour les comités "
        "régionaux d'AMUPEI",
        dt.date(2008, 9, 30),
        ActionStatus.IN_PROGRESS,
        ("Nathalie Côté", "Verónica Salazar Choque"),
    ),
    _Action(
        "Rédiger la note de position « Femmes et gestion sociale de l'eau » et la porter dans le "
        "débat sur la politique nationale de l'eau",
        dt.date(2008, 7, 31),
        ActionStatus.IN_PROGRESS,
        ("org:amupei", "Claudia Vargas Rojas"),
    ),
    _Action(
        "Documenter en fiches l'expérience des comités d'eau d'El Alto et de la zone sud de "
        "Cochabamba",
        dt.date(2008, 11, 30),
        ActionStatus.OPEN,
        ("org:amupei-ea", "org:cgiab", "org:coordinadora"),
    ),
    _Action(
        "Publier au Québec un dossier sur le droit à l'eau dans le projet de nouvelle Constitution "
        "bolivienne",
        dt.date(2008, 6, 30),
        ActionStatus.IN_PROGRESS,
        ("org:eau-secours", "Geneviève Tremblay"),
    ),
    _Action(
        "Produire des capsules radio en espagnol, aymara et quechua avec les comités régionaux",
        dt.date(2008, 12, 15),
        ActionStatus.OPEN,
        ("org:amupei-lp", "Mathieu Fortin"),
    ),
    _Action(
        "Organiser une mission réciproque de représentantes d'AMUPEI au Québec autour de la "
        "Journée mondiale de l'eau 2009",
        dt.date(2009, 3, 22),
        ActionStatus.OPEN,
        ("org:amupei", "org:eau-secours", "org:ceci"),
    ),
)


def _attends(key: str, tokens: Iterable[str]) -> bool:
    """Whether a person key ("ar-lp") is named by a token: itself or its prefix ("ar")."""
    return any(key == token or key.startswith(f"{token}-") for token in tokens)


def _mission(rng: random.Random) -> list[Any]:
    event_id = _id(f"{_EAU}/event")
    orgs = _organisations(_EAU_ORGANISATIONS)
    records: list[Any] = [_EAU_PROGRAMME, *orgs.values()]
    records.append(
        Event(
            id=event_id,
            code=MISSION_CODE,
            title=_EAU_TITLE,
            start_date=dt.date(2008, 3, 15),
            end_date=dt.date(2008, 3, 30),
            places=_EAU_PLACES,
            format=EventFormat.IN_PERSON,
            context=_EAU_CONTEXT,
            general_objective=_EAU_GENERAL_OBJECTIVE,
            programme_id=_EAU_PROGRAMME.id,
        )
    )
    objectives = _objectives(event_id, _EAU, _EAU_OBJECTIVES)
    records += objectives
    records += _partners(event_id, orgs, _EAU_PARTNER_ROLES)

    members: list[_Member] = []
    for delegation, country, rows in _EAU_PEOPLE:
        for key, municipality, org_key, row in rows:
            where = country or _EAU_COUNTRY_OF[key]
            person, role = _person(
                rng, f"{_EAU}/person/{key}", row, where, municipality, orgs[org_key].id
            )
            members.append(_Member(key, person, delegation))
            registration = Registration(
                id=registration_id(event_id, person.id),
                event_id=event_id,
                person_id=person.id,
                role=role,
                delegation=delegation,
                municipality=municipality,
                country=where,
                badge_code=f"EAU-{len(members):02d}",
            )
            records += [person, registration]
    people = {m.person.full_name: m.person for m in members}

    records += _days(event_id, _EAU, _EAU_DAYS, "Accueil")
    sessions: dict[str, Session] = {}
    for slot in _EAU_AGENDA:
        session = _session(_EAU, slot)
        sessions[slot.key] = session
        records.append(session)
        records += [
            SessionObjective(
                id=session_objective_id(session.id, objectives[n - 1].id),
                session_id=session.id,
                objective_id=objectives[n - 1].id,
            )
            for n in slot.objectives
        ]
        for member in members:
            if slot.names_taken and _attends(member.key, slot.attendees):
                records.append(
                    Attendance(
                        id=attendance_id(session.id, member.person.id),
                        session_id=session.id,
                        person_id=member.person.id,
                        checked_in_at=_at(slot.date, slot.start, rng.randint(-15, 5)),
                        recorded_by=_DEVICE,
                    )
                )
        if slot.key in _EAU_NOTES:
            records.append(_note(session.id, _EAU_NOTES[slot.key]))
    records.append(_tally(sessions["foire"].id, women=143, men=118, not_stated=7))

    synthesis = sessions["synthese"].id
    records += _decisions(event_id, _EAU, synthesis, _EAU_DECISIONS)
    records += _actions(event_id, _EAU, synthesis, _EAU_ACTIONS, orgs, people)
    return records


# ==============================================================================================
# (b) The binational encounter Peru–Bolivia, 11–13 October 2021 (Spanish)
# ==============================================================================================

_PB = "pebo"

_PB_TITLE = (
    "Segundo Encuentro Binacional Andino Perú–Bolivia: intercambio de experiencias y cierre del "
    "proyecto «Interacciones con territorios vivos»"
)
_PB_PLACES = "La Paz (Bolivia) y en línea desde los cinco municipios"
_PB_LINK = "https://reunion.example.org/encuentro-binacional-2021"
_PB_CONTEXT = """\
El proyecto «Interacciones con territorios vivos», iniciado en 2017, concluye en 2021. Acompaña \
a organizaciones sociales, productoras y productores y autoridades de cinco municipios andinos: \
Taraco, Salinas y Palos Blancos en Bolivia; Aija-La Merced y Pamparomás en Ancash, Perú, junto \
con las instituciones y ONG socias de ambos países.

Este segundo encuentro binacional andino reúne durante tres días, en formato híbrido (presencial \
y virtual), a los equipos técnicos de las instituciones socias peruanas y bolivianas, a \
representantes de las ONG socias y a cinco delegaciones de dirigentes agricultores y \
agricultoras y autoridades municipales: entre 40 y 90 participantes por día. La comunicación \
virtual depende del acceso y de la calidad de la conexión en cada zona del proyecto.

Es un espacio de cierre: intercambiar las experiencias sistematizadas, hacer el balance del \
contexto, de los resultados, de los impactos y de la sostenibilidad de las acciones, y proyectar \
perspectivas para la región andina."""

_PB_GENERAL_OBJECTIVE = (
    "Intercambiar experiencias entre Perú y Bolivia y hacer el balance del proyecto "
    "«Interacciones con territorios vivos» (2017–2021) para proyectar sus perspectivas."
)

_PB_OBJECTIVES = (
    "Intercambiar sobre la sistematización de las experiencias realizadas con la población local "
    "y las organizaciones sociales del Perú y de Bolivia en el marco del proyecto.",
    "Reflexionar sobre la evolución del contexto, los resultados, los impactos y la sostenibilidad "
    "de las acciones realizadas, para hacer el balance y proyectar las perspectivas.",
)

_PB_AXES = (
    (
        "Contexto e impactos de la COVID-19 en la acción del programa",
        "Cómo la pandemia cambió la vida de las familias, las organizaciones y los municipios, y "
        "cómo se adaptaron las acciones del proyecto.",
    ),
    (
        "Nuevos (o antiguos) desafíos de la cooperación al desarrollo en la región andina",
        "Gestión territorial comunal, recursos naturales y medio ambiente; producción, transición "
        "de la agricultura familiar y agroecología; estrategias de género y buenas prácticas con "
        "familias rurales; fortalecimiento de capacidades locales; investigación-acción y gestión "
        "del conocimiento; incidencia política.",
    ),
    (
        "Intercambio de experiencias sistematizadas en el marco del proyecto: lecciones y "
        "perspectivas",
        "Cada una de las cinco delegaciones presenta la sistematización de su experiencia.",
    ),
)

_PB_PROGRAMME = Programme(
    id=_id("programme/territorios-vivos"),
    name="Interacciones con territorios vivos",
    description=(
        "Proyecto binacional Perú–Bolivia (2017–2021) de gestión territorial, agroecología y "
        "fortalecimiento de las organizaciones locales en cinco municipios andinos."
    ),
)

_PB_ORGANISATIONS: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("sri", "Solidaridad Rural Internacional", "SRI", "Francia", None),
    ("ftva", "Fundación Tierra Viva Andina", "FTVA", "Bolivia", None),
    ("ayllu", "Centro de Promoción Campesina Ayllu", "CPC Ayllu", "Bolivia", None),
    ("idra", "Instituto de Desarrollo Rural Andino", "IDRA", "Perú", None),
    ("yachay", "Centro Andino de Agroecología Yachay", "Yachay", "Perú", None),
    ("raa", "Red Andina de Agroecología", "RAA", "Perú", None),
    ("gam-taraco", "Gobierno Autónomo Municipal de Taraco", "GAM Taraco", "Bolivia", None),
    (
        "gam-salinas",
        "Gobierno Autónomo Municipal de Salinas de Garci Mendoza",
        "GAM Salinas",
        "Bolivia",
        None,
    ),
    (
        "gam-palos",
        "Gobierno Autónomo Municipal de Palos Blancos",
        "GAM Palos Blancos",
        "Bolivia",
        None,
    ),
    ("muni-merced", "Municipalidad Distrital de La Merced (Aija)", "MD La Merced", "Perú", None),
    ("muni-pampa", "Municipalidad Distrital de Pamparomás", "MD Pamparomás", "Perú", None),
    ("aso-taraco", "Asociación de Productores Lecheros de Taraco", "APL Taraco", "Bolivia", None),
    (
        "aso-salinas",
        "Asociación de Productores de Quinua Real de Salinas",
        "APQR Salinas",
        "Bolivia",
        None,
    ),
    ("coop-palos", "Cooperativa Agroforestal Alto Beni de Palos Blancos", "CAAB", "Bolivia", None),
    ("reg-merced", "Comité de Regantes de La Merced", "CR La Merced", "Perú", None),
    ("aso-pampa", "Asociación de Productores Agroecológicos de Pamparomás", "APAP", "Perú", None),
)

_PB_PARTNER_ROLES = {
    "sri": PartnerRole.FUNDER,
    "ftva": PartnerRole.ORGANISER,
    "idra": PartnerRole.ORGANISER,
    "ayllu": PartnerRole.PARTNER,
    "yachay": PartnerRole.PARTNER,
    "raa": PartnerRole.PARTNER,
    **{
        key: PartnerRole.PARTICIPANT
        for key in (
            "gam-taraco",
            "gam-salinas",
            "gam-palos",
            "muni-merced",
            "muni-pampa",
            "aso-taraco",
            "aso-salinas",
            "coop-palos",
            "reg-merced",
            "aso-pampa",
        )
    },
}

ENCOUNTER_DELEGATIONS = ("Taraco", "Salinas", "Palos Blancos", "Aija-La Merced", "Pamparomás")

# delegation, country, municipality, share connecting virtually, default organisation, people as
# "Given names|Surnames|w/m/n|role|organisation" (role and organisation optional)
_PB_PEOPLE: tuple[tuple[str, str, str, float, str, tuple[str, ...]], ...] = (
    (
        "Taraco",
        "Bolivia",
        "Taraco",
        0.0,
        "aso-taraco",
        (
            "Félix|Mamani Choque|m|speaker|gam-taraco",
            "Basilia|Quispe Limachi|w|guest|gam-taraco",
            "Juana|Apaza Ticona|w",
            "Gregorio|Condori Huanca|m",
            "Teodora|Ch'uxña Mamani|w",
            "Simón|Yujra Poma|m",
            "Rosa|Callisaya Quispe|w",
            "Eusebio|Chambi Copa|m",
            "Lidia|Huanca Apaza|w",
            "Marcelino|Ticona Laura|m",
            "Sabina|Limachi Condori|w",
            "Rubén|Quispe Mamani|m",
            "Felipa|Poma Yujra|w",
        ),
    ),
    (
        "Salinas",
        "Bolivia",
        "Salinas de Garci Mendoza",
        0.35,
        "aso-salinas",
        (
            "Germán|Colque Mamani|m|speaker|gam-salinas",
            "Nilda|Choque Flores|w|guest|gam-salinas",
            "Florencia|Mollo Colque|w",
            "Cristóbal|Huarachi Mollo|m",
            "Eugenia|Copa Villca|w",
            "Teófilo|Villca Huarachi|m",
            "Martha|Colque Choque|w",
            "Ángel|Mamani Villca|m",
            "Gladys|Flores Copa|w",
            "Wilber|Choque Mollo|m",
            "T'ika|Villca Condori|w",
            "Efraín|Cruz Colque|m",
        ),
    ),
    (
        "Palos Blancos",
        "Bolivia",
        "Palos Blancos",
        0.25,
        "coop-palos",
        (
            "Norma|Ñuflo Gutiérrez|w|speaker|gam-palos",
            "René|Vargas Cusi|m|guest|gam-palos",
            "Vilma|Flores Chávez|w",
            "Freddy|Cusi Mamani|m",
            "Elsa|Gutiérrez Rojas|w",
            "Mario|Quisbert Flores|m",
            "Reina|Chávez Ñuflo|w",
            "Ovidio|Rojas Tarqui|m",
            "Delia|Tarqui Cusi|w",
            "Hernán|Choque Vargas|m",
            "Carmen Rosa|Mendoza Quisbert|w",
            "Jhonny|Poma Gutiérrez|m",
        ),
    ),
    (
        "Aija-La Merced",
        "Perú",
        "La Merced (Aija, Ancash)",
        0.8,
        "reg-merced",
        (
            "Teodoro|Minaya Huerta|m|speaker|muni-merced",
            "Paulina|Tinoco Valverde|w|guest|muni-merced",
            "Rosaura|Jamanca Minaya|w",
            "Máximo|Huerta Cacha|m",
            "Yolanda|Valverde Shuan|w",
            "Zósimo|Cacha Tinoco|m",
            "Marleni|Shuan Huerta|w",
            "Amancio|Milla Jamanca|m",
            "Gaudencia|Huamán Milla|w",
            "Fortunato|Depaz Valverde|m",
            "Elena|Broncano Minaya|w",
            "Edgar|Obregón Cacha|m",
        ),
    ),
    (
        "Pamparomás",
        "Perú",
        "Pamparomás (Huaylas, Ancash)",
        0.8,
        "aso-pampa",
        (
            "Wilmer|Cochachin Ramírez|m|speaker|muni-pampa",
            "Maribel|Huayaney Díaz|w|guest|muni-pampa",
            "Juana Rosa|Villanueva Cochachin|w",
            "Heraclio|Ramírez Loli|m",
            "Celestina|Loli Huamán|w",
            "Eleuterio|Díaz Villanueva|m",
            "Irma|Chinchay Loli|w",
            "Santos|Huamán Ramírez|n",
            "Felícita|Cochachin Díaz|w",
            "Alejandro|Morales Chinchay|m",
            "Victoria|Ramírez Huayaney|w",
            "Abel|Loli Villanueva|m",
        ),
    ),
    (
        "Equipo técnico Bolivia",
        "Bolivia",
        "La Paz",
        0.0,
        "ftva",
        (
            "Ximena|Rojas Ñuflo|w|facilitator",
            "Gabriel|Huarachi Limachi|m|rapporteur",
            "Mariela|Quisbert Apaza|w|facilitator",
            "Jorge Luis|Mendoza Cusi|m|staff",
            "Patricia|Qhispi Mamani|w|rapporteur",
            "Óscar|Laura Tarqui|m|staff",
            "Roxana|Choque Villca|w|facilitator|ayllu",
            "Fernando|Apaza Colque|m|rapporteur|ayllu",
            "Lucía|Condori Ticona|w|staff|ayllu",
            "Edwin|Mamani Yujra|m|staff|ayllu",
            "Daniela|Vargas Limachi|w|rapporteur|ayllu",
            "Kusi|Ticona Poma|n|staff|ayllu",
        ),
    ),
    (
        "Equipo técnico Perú",
        "Perú",
        "Huaraz",
        0.6,
        "idra",
        (
            "Rocío|Valverde Huamán|w|facilitator",
            "César|Obregón Milla|m|rapporteur",
            "Karina|Depaz Tinoco|w|staff",
            "Luis Alberto|Huerta Shuan|m|facilitator",
            "Milagros|Jamanca Loli|w|rapporteur",
            "Walter|Cacha Broncano|m|staff",
            "Sonia|Chinchay Ramírez|w|facilitator|yachay",
            "Raúl|Minaya Cochachin|m|staff|yachay",
            "Liz|Huayaney Morales|w|rapporteur|yachay",
            "Hugo|Villanueva Díaz|m|staff|yachay",
            "Nelly|Tinoco Huerta|w|staff|yachay",
        ),
    ),
    (
        "Coordinación del proyecto",
        "Bolivia",
        "La Paz",
        0.0,
        "ftva",
        (
            "Andrés|Flores Chávez|m|organiser",
            "Marisol|Huamán Quispe|w|organiser|idra",
        ),
    ),
    (
        "Coordinación del proyecto",
        "Francia",
        "Lyon",
        1.0,
        "sri",
        (
            "Claire|Dumont|w|organiser",
            "Julien|Moreau|m|organiser",
        ),
    ),
    (
        "Invitados",
        "Perú",
        "Lima",
        0.5,
        "raa",
        (
            "Ramiro|Gutiérrez Paz|m|speaker",
            "Silvia|Condori Rojas|w|speaker",
        ),
    ),
)
# Marisol Huamán Quispe coordinates from Peru although she sits with the coordination.
_PB_COUNTRY_OVERRIDE = {"Marisol Huamán Quispe": ("Perú", "Huaraz")}

_PB_DAYS = {
    "2021-10-11": "Día 1 — Contexto e impactos de la COVID-19",
    "2021-10-12": "Día 2 — Desafíos de la cooperación al desarrollo en la región andina",
    "2021-10-13": "Día 3 — Experiencias sistematizadas: lecciones y perspectivas",
}
# How many people come each day (distinct, in the room or online).
_PB_PRESENT = {"2021-10-11": 86, "2021-10-12": 71, "2021-10-13": 56}

_ROOM = "Salón Illimani, La Paz"
_GROUP_ROOMS = "Salones Illimani, Huayna Potosí y Sajama; salas virtuales por grupo"
_HYBRID = SessionMode.HYBRID

_PB_AGENDA = (
    _Slot(
        "conexion",
        "2021-10-11",
        "08:30",
        "09:00",
        SessionKind.OTHER,
        "Conexión con las sedes locales y prueba de audio y video",
        mode=SessionMode.VIRTUAL,
        link=_PB_LINK,
        facilitator="Fernando Apaza Colque",
        description="Para quienes se conectan desde los municipios, el Perú y Francia.",
    ),
    _Slot(
        "apertura",
        "2021-10-11",
        "09:00",
        "09:45",
        SessionKind.PLENARY,
        "Inauguración y presentación de las delegaciones",
        room=_ROOM,
        mode=_HYBRID,
        link=_PB_LINK,
        facilitator="Ximena Rojas Ñuflo",
        rapporteur="Gabriel Huarachi Limachi",
        objectives=(1, 2),
    ),
    _Slot(
        "panel-covid",
        "2021-10-11",
        "09:45",
        "11:00",
        SessionKind.PLENARY,
        "Panel: contexto e impactos de la COVID-19 en la acción del programa",
        room=_ROOM,
        mode=_HYBRID,
        link=_PB_LINK,
        facilitator="Rocío Valverde Huamán",
        rapporteur="Milagros Jamanca Loli",
        description="Panelistas: autoridades de Taraco y Pamparomás, equipos técnicos, RAA.",
        objectives=(2,),
        axes=(1,),
    ),
    _Slot(
        "video-pandemia",
        "2021-10-11",
        "11:15",
        "11:45",
        SessionKind.VIDEO_PROJECTION,
        "Proyección: «Sembrar en tiempos de pandemia», testimonios de las cinco delegaciones",
        room=_ROOM,
        mode=_HYBRID,
        link=_PB_LINK,
        facilitator="Gabriel Huarachi Limachi",
        objectives=(2,),
        axes=(1,),
    ),
    _Slot(
        "grupos-1",
        "2021-10-11",
        "14:00",
        "16:00",
        SessionKind.WORKING_GROUP,
        "Grupos de trabajo — Eje 1: la COVID-19 en nuestros territorios",
        room=_GROUP_ROOMS,
        mode=_HYBRID,
        link=_PB_LINK,
        objectives=(2,),
        axes=(1,),
    ),
    _Slot(
        "plenaria-1",
        "2021-10-11",
        "16:15",
        "17:30",
        SessionKind.PLENARY,
        "Plenaria: socialización de los grupos de trabajo del eje 1",
        room=_ROOM,
        mode=_HYBRID,
        link=_PB_LINK,
        facilitator="Ximena Rojas Ñuflo",
        rapporteur="Gabriel Huarachi Limachi",
        objectives=(2,),
        axes=(1,),
    ),
    _Slot(
        "dialogo",
        "2021-10-12",
        "09:00",
        "10:30",
        SessionKind.DIALOGUE,
        "Diálogo: nuevos (o antiguos) desafíos de la cooperación al desarrollo en la región andina",
        room=_ROOM,
        mode=_HYBRID,
        link=_PB_LINK,
        facilitator="Andrés Flores Chávez",
        rapporteur="César Obregón Milla",
        description="Autoridades municipales, dirigentes, ONG socias y cooperación.",
        objectives=(2,),
        axes=(2,),
    ),
    _Slot(
        "paneles",
        "2021-10-12",
        "10:45",
        "12:30",
        SessionKind.EXHIBITION_PANEL,
        "Paneles de exposición: las experiencias de las cinco delegaciones",
        room="Patio de exposiciones, La Paz",
        facilitator="Daniela Vargas Limachi",
        description="Quince paneles preparados por las delegaciones; solo conteo de visitantes.",
        names_taken=False,
        objectives=(1,),
        axes=(3,),
    ),
    _Slot(
        "grupos-2",
        "2021-10-12",
        "14:00",
        "16:15",
        SessionKind.WORKING_GROUP,
        "Grupos de trabajo — Eje 2: desafíos de la cooperación en la región andina",
        room=_GROUP_ROOMS,
        mode=_HYBRID,
        link=_PB_LINK,
        objectives=(2,),
        axes=(2,),
    ),
    _Slot(
        "plenaria-2",
        "2021-10-12",
        "16:30",
        "17:30",
        SessionKind.PLENARY,
        "Plenaria: socialización de los grupos de trabajo del eje 2",
        room=_ROOM,
        mode=_HYBRID,
        link=_PB_LINK,
        facilitator="Rocío Valverde Huamán",
        rapporteur="Milagros Jamanca Loli",
        objectives=(2,),
        axes=(2,),
    ),
    _Slot(
        "videos-sistematizacion",
        "2021-10-13",
        "09:00",
        "10:00",
        SessionKind.VIDEO_PROJECTION,
        "Proyección de los videos de sistematización de las cinco delegaciones",
        room=_ROOM,
        mode=_HYBRID,
        link=_PB_LINK,
        facilitator="Gabriel Huarachi Limachi",
        rapporteur="Daniela Vargas Limachi",
        objectives=(1,),
        axes=(3,),
    ),
    _Slot(
        "grupos-3",
        "2021-10-13",
        "10:15",
        "12:30",
        SessionKind.WORKING_GROUP,
        "Grupos de trabajo — Eje 3: intercambio de experiencias sistematizadas",
        room=_GROUP_ROOMS,
        mode=_HYBRID,
        link=_PB_LINK,
        objectives=(1,),
        axes=(3,),
    ),
    _Slot(
        "lecciones",
        "2021-10-13",
        "14:00",
        "15:30",
        SessionKind.PLENARY,
        "Plenaria: lecciones aprendidas y perspectivas",
        room=_ROOM,
        mode=_HYBRID,
        link=_PB_LINK,
        facilitator="Ximena Rojas Ñuflo",
        rapporteur="Gabriel Huarachi Limachi",
        objectives=(1, 2),
        axes=(3,),
    ),
    _Slot(
        "clausura",
        "2021-10-13",
        "15:45",
        "17:00",
        SessionKind.PLENARY,
        "Clausura: acuerdos, hoja de ruta y evaluación del encuentro",
        room=_ROOM,
        mode=_HYBRID,
        link=_PB_LINK,
        facilitator="Andrés Flores Chávez",
        rapporteur="Milagros Jamanca Loli",
        objectives=(1, 2),
        axes=(1, 2, 3),
    ),
)

_PB_NOTES: dict[str, NoteText] = {
    "apertura": (
        (
            "Bienvenida de la coordinación del proyecto y de SRI (en línea desde Francia)",
            "Presentación de las cinco delegaciones, de los equipos técnicos y de las ONG socias",
            "Acuerdos de convivencia para el formato híbrido: micrófono, chat y turnos de palabra",
        ),
        (),
        (),
        ("Las relatorías se escriben en la plataforma y se validan cada mañana",),
    ),
    "panel-covid": (
        (
            "La cuarentena de 2020 cortó la venta en ferias y mercados y el acceso a insumos",
            "Retorno de jóvenes y migrantes a las comunidades: más mano de obra y más presión "
            "sobre la tierra",
            "Los equipos técnicos acompañaron a distancia: WhatsApp, radio comunitaria, llamadas",
            "Los municipios reorientaron sus presupuestos hacia salud y ayuda alimentaria",
        ),
        (
            "Las familias con parcelas diversificadas y biohuertos resistieron mejor la crisis",
            "La brecha digital excluye sobre todo a mujeres y personas mayores",
        ),
        ("Mantener un acompañamiento mixto: visitas a las parcelas y seguimiento a distancia",),
        (),
    ),
    "video-pandemia": (
        (
            "Cinco testimonios grabados con teléfono por las propias familias",
            "Debate corto: la pandemia también reforzó la ayuda mutua (ayni, minka)",
        ),
        ("El video permite que se escuche a quienes no pueden conectarse en directo",),
        (),
        (),
    ),
    "plenaria-1": (
        (
            "Los tres grupos coinciden: la pandemia mostró la importancia de la agricultura "
            "familiar para la alimentación local",
            "Mayor aislamiento en Ancash y en Salinas; mayor impacto económico en Palos Blancos",
        ),
        (
            "La diversificación productiva y la organización comunal son los dos pilares de la "
            "resiliencia",
        ),
        ("Retomar estas conclusiones en el balance final del proyecto (día 3)",),
        ("Se aprueba la síntesis del eje 1 como parte de la ayuda memoria",),
    ),
    "dialogo": (
        (
            "Menos fondos de cooperación en la región y más exigencia de resultados medibles",
            "Los municipios piden que la cooperación fortalezca sus capacidades y no las reemplace",
            "Las organizaciones de productores quieren acceso directo a los fondos",
        ),
        ("Los proyectos articulados a los planes municipales tuvieron mayor continuidad",),
        (
            "Cofinanciamiento municipal para las acciones que se quieren mantener",
            "Alianzas con universidades para la investigación-acción",
        ),
        (),
    ),
    "paneles": (
        (
            "Tres paneles por delegación: el territorio, la experiencia y sus resultados",
            "Visita guiada por las y los dirigentes; las delegaciones del Perú enviaron sus "
            "paneles impresos",
        ),
        (),
        ("Llevar los paneles a las ferias municipales de cada territorio",),
        (),
    ),
    "plenaria-2": (
        (
            "Socialización de los tres grupos temáticos",
            "Los desafíos antiguos (agua, tierra, mercados) siguen vigentes; los nuevos son el "
            "clima, la conectividad y la reducción de la cooperación",
        ),
        ("La cooperación debe pasar de ejecutar a acompañar los procesos locales",),
        (
            "Priorizar en la continuidad: agroecología, gestión del agua y liderazgo de mujeres y "
            "jóvenes",
        ),
        ("Los aportes del eje 2 se integran al documento de balance del proyecto",),
    ),
    "videos-sistematizacion": (
        (
            "Cinco videos de 8 a 12 minutos, producidos con las familias y los equipos técnicos",
            "Lechería y forrajes en Taraco; quinua real en Salinas; cacao agroforestal en Palos "
            "Blancos; siembra y cosecha de agua en Aija-La Merced; ferias agroecológicas en "
            "Pamparomás",
        ),
        ("Las voces de las familias llegan a quienes no pudieron viajar",),
        ("Difundir los videos por las radios y redes de cada municipio",),
        (),
    ),
    "lecciones": (
        ("Síntesis de las cinco experiencias y de los tres ejes del encuentro",),
        (
            "La organización comunal y las normas locales sostienen los cambios más allá del "
            "proyecto",
            "La agroecología avanza cuando une producción, mercado y reconocimiento del trabajo "
            "de las mujeres",
            "La articulación con los municipios da continuidad a las acciones",
            "La comunicación virtual abrió el intercambio binacional, pero no reemplaza el "
            "encuentro en el territorio",
        ),
        (
            "Perspectiva: publicar la sistematización binacional y devolverla a las comunidades",
            "Perspectiva: una propuesta de continuidad 2022–2025 construida con los municipios",
            "Perspectiva: visitas presenciales entre delegaciones cuando sea posible",
        ),
        (),
    ),
    "clausura": (
        (
            "Lectura y aprobación de los acuerdos del encuentro",
            "Evaluación: ambiente de confianza y de aprendizaje; dificultades de conexión en "
            "Ancash y en Salinas",
            "Palabras de cierre de las autoridades de los cinco municipios",
        ),
        (),
        (),
        ("Ver las decisiones y el plan de acción",),
    ),
}

_PB_GROUPS: dict[str, tuple[_Group, ...]] = {
    "grupos-1": (
        _Group(
            "Grupo 1 — Altiplano boliviano: Taraco y Salinas",
            1,
            "Mariela Quisbert Apaza",
            "Patricia Qhispi Mamani",
            (
                (
                    "En Taraco la leche no se pudo vender durante semanas: se hizo queso para la "
                    "familia y el trueque",
                    "En Salinas el precio de la quinua se mantuvo, pero se cortó el transporte a "
                    "Oruro",
                    "Las autoridades originarias asumieron el control sanitario de las comunidades",
                ),
                (
                    "El trueque y las redes familiares fueron la primera protección de las "
                    "familias",
                    "Las organizaciones con reglas claras siguieron funcionando en la cuarentena",
                ),
                ("Incluir planes de contingencia en los estatutos de las asociaciones",),
                ("Presentan en plenaria: Basilia Quispe Limachi y Cristóbal Huarachi Mollo",),
            ),
        ),
        _Group(
            "Grupo 2 — Yungas: Palos Blancos",
            1,
            "Roxana Choque Villca",
            "Daniela Vargas Limachi",
            (
                (
                    "La cosecha de cacao de 2020 se vendió tarde y a menor precio por el cierre "
                    "de caminos",
                    "La cooperativa organizó el acopio por turnos y la venta colectiva",
                    "Las mujeres asumieron más trabajo en las parcelas y en el cuidado de enfermos",
                ),
                ("La venta colectiva protegió a las familias frente a los intermediarios",),
                ("Registrar la carga de trabajo de las mujeres en los diagnósticos municipales",),
                ("La cooperativa comparte su protocolo de acopio con las otras delegaciones",),
            ),
        ),
        _Group(
            "Grupo 3 — Ancash: Aija-La Merced y Pamparomás (sala virtual)",
            1,
            "Sonia Chinchay Ramírez",
            "Liz Huayaney Morales",
            (
                (
                    "Conexión intermitente: el grupo trabajó también por llamada y WhatsApp",
                    "Las faenas para limpiar canales y qochas continuaron con grupos pequeños",
                    "Las ferias agroecológicas de Pamparomás volvieron en 2021 con protocolos",
                ),
                (
                    "El trabajo comunal del agua no se detuvo: es una base de la resiliencia",
                    "Los equipos técnicos aprendieron a acompañar por radio y teléfono",
                ),
                ("Un punto de conexión estable en cada municipio para las reuniones a distancia",),
                ("La relatoría se envía por escrito a la plenaria por la calidad de la conexión",),
            ),
        ),
    ),
    "grupos-2": (
        _Group(
            "Grupo A — Gestión territorial comunal, recursos naturales y medio ambiente",
            2,
            "Luis Alberto Huerta Shuan",
            "Fernando Apaza Colque",
            (
                (
                    "Mapas parlantes y planes de gestión territorial comunal en los cinco "
                    "municipios",
                    "Conflictos por el agua entre comunidades de altura y de valle",
                    "Cambio climático: heladas fuera de época y retroceso de glaciares en Ancash",
                ),
                (
                    "Los planes comunales tienen fuerza cuando los aprueba la asamblea y los "
                    "reconoce el municipio",
                ),
                ("Incorporar los planes comunales en los planes territoriales municipales",),
                ("Compartir los mapas parlantes entre delegaciones en formato digital",),
            ),
        ),
        _Group(
            "Grupo B — Agricultura familiar, agroecología y estrategias de género",
            2,
            "Mariela Quisbert Apaza",
            "Milagros Jamanca Loli",
            (
                (
                    "Transición agroecológica: abonos orgánicos, semillas nativas, biohuertos",
                    "Escuelas de liderazgo de mujeres; títulos de tierra a nombre de la pareja",
                    "Ferias agroecológicas y sistemas participativos de garantía",
                ),
                (
                    "La transición es más sostenible cuando las mujeres deciden en la familia y "
                    "en la organización",
                    "Los sistemas participativos de garantía dan confianza a los consumidores",
                ),
                ("Intercambio de semillas nativas entre las delegaciones de Bolivia y del Perú",),
                ("Salinas y Pamparomás proponen un intercambio de productoras",),
            ),
        ),
        _Group(
            "Grupo C — Capacidades locales, investigación-acción e incidencia política",
            2,
            "Rocío Valverde Huamán",
            "Gabriel Huarachi Limachi",
            (
                (
                    "Las y los promotores comunales formados siguen activos en los cinco "
                    "municipios",
                    "La investigación-acción con las familias produjo datos propios de "
                    "rendimientos y costos",
                    "Ordenanzas municipales de apoyo a la agroecología en Palos Blancos y "
                    "Pamparomás",
                ),
                ("Lo que queda del proyecto son las personas formadas y las normas aprobadas",),
                (
                    "Una red binacional de promotores con encuentros virtuales trimestrales",
                    "Difundir los resultados en lenguaje sencillo, en quechua y en aymara",
                ),
                ("Una comisión redacta la propuesta de red de promotores",),
            ),
        ),
    ),
    "grupos-3": (
        _Group(
            "Taraco: forrajes, agua y lechería familiar a orillas del lago Titicaca",
            3,
            "Mariela Quisbert Apaza",
            "Patricia Qhispi Mamani",
            (
                (
                    "Forrajes (alfalfa, avena) con riego por aspersión en catorce comunidades",
                    "Establos mejorados y módulos lecheros gestionados por la asociación",
                    "Protección de vertientes y manejo de bofedales con acuerdos comunales",
                ),
                (
                    "La producción de leche aumentó, pero depende del precio que paga la industria",
                    "Las mujeres, a cargo del ordeño, ganaron espacio en la directiva",
                ),
                ("Transformar la leche en queso y yogur con marca local",),
                ("La asociación presenta al municipio un proyecto de planta quesera comunal",),
            ),
        ),
        _Group(
            "Salinas: quinua real con manejo sostenible de suelos",
            3,
            "Roxana Choque Villca",
            "Fernando Apaza Colque",
            (
                (
                    "Barreras vivas de thola y retorno de la llama a los campos para abonar",
                    "Rotación y descanso de parcelas acordados en las comunidades",
                    "Certificación orgánica colectiva para la exportación",
                ),
                (
                    "El auge de precios de la quinua extendió el monocultivo; recuperar los "
                    "suelos exige acuerdos comunales",
                ),
                ("Normar en el municipio el descanso de las tierras y la protección de la thola",),
                ("Compartir con Pamparomás la experiencia de certificación colectiva",),
            ),
        ),
        _Group(
            "Palos Blancos: sistemas agroforestales con cacao y liderazgo de mujeres",
            3,
            "Ximena Rojas Ñuflo",
            "Daniela Vargas Limachi",
            (
                (
                    "Ciento veinte familias con parcelas de cacao, plátano y especies maderables",
                    "Escuela de liderazgo de mujeres de la cooperativa",
                    "Ordenanza municipal de apoyo a la producción agroecológica",
                ),
                (
                    "El sistema agroforestal reduce la quema y protege el suelo de las lluvias",
                    "Las mujeres formadas integran ahora la directiva de la cooperativa",
                ),
                ("Producir chocolate artesanal para el mercado local",),
                ("El municipio mantiene en 2022 la partida para la asistencia técnica",),
            ),
        ),
        _Group(
            "Aija-La Merced: siembra y cosecha de agua en las alturas",
            3,
            "Luis Alberto Huerta Shuan",
            "César Obregón Milla",
            (
                (
                    "Construcción y recuperación de qochas para recargar los manantiales",
                    "Zanjas de infiltración y reforestación con quinual y queñua",
                    "Comité de regantes con reglamento y turnos de riego actualizados",
                ),
                (
                    "Recuperar un manantial toma años: hacen falta paciencia y acuerdos duraderos",
                    "El saber de los mayores sobre las qochas antiguas fue decisivo",
                ),
                ("Incluir la siembra de agua en el presupuesto participativo del distrito",),
                ("Invitar a Taraco a una visita de intercambio sobre protección de vertientes",),
            ),
        ),
        _Group(
            "Pamparomás: biohuertos familiares y ferias agroecológicas",
            3,
            "Sonia Chinchay Ramírez",
            "Liz Huayaney Morales",
            (
                (
                    "Biohuertos de hortalizas y plantas aromáticas, manejados sobre todo por "
                    "mujeres",
                    "Feria agroecológica semanal con sistema participativo de garantía",
                    "Alimentación más variada de niñas y niños en las familias participantes",
                ),
                (
                    "La feria da ingresos propios a las mujeres y reconocimiento a su trabajo",
                    "La ordenanza municipal dio estabilidad a la feria",
                ),
                ("Llevar la feria a Caraz y a los programas de alimentación escolar",),
                ("Documentar el sistema participativo de garantía para compartirlo con Salinas",),
            ),
        ),
    ),
}

# Which group each delegation joins in each group session (by position); others rotate.
_PB_HOME_GROUP: dict[str, dict[str, int]] = {
    "grupos-1": {
        "Taraco": 1,
        "Salinas": 1,
        "Palos Blancos": 2,
        "Aija-La Merced": 3,
        "Pamparomás": 3,
        "Equipo técnico Perú": 3,
    },
    "grupos-2": {},
    "grupos-3": {name: position for position, name in enumerate(ENCOUNTER_DELEGATIONS, start=1)},
}

_PB_DECISIONS = (
    "Se aprueba la ayuda memoria del encuentro con los aportes de los tres ejes; se envía a todas "
    "las delegaciones hasta el 29 de octubre de 2021.",
    "Las cinco experiencias sistematizadas se publican en un solo documento binacional, impreso "
    "y digital.",
    "Se conforma una comisión binacional de seguimiento: una persona por delegación y una por "
    "equipo técnico.",
    "El próximo encuentro binacional se realizará en Ancash (Perú), de forma presencial si las "
    "condiciones sanitarias lo permiten.",
)

_PB_ACTIONS = (
    _Action(
        "Enviar la ayuda memoria aprobada a todas las delegaciones",
        dt.date(2021, 10, 29),
        ActionStatus.IN_PROGRESS,
        ("Andrés Flores Chávez", "Gabriel Huarachi Limachi"),
    ),
    _Action(
        "Publicar la sistematización binacional de las cinco experiencias (cartilla impresa y "
        "versión digital)",
        dt.date(2021, 12, 15),
        ActionStatus.IN_PROGRESS,
        ("org:ftva", "org:idra"),
    ),
    _Action(
        "Entregar los cinco videos de sistematización a los municipios y a las radios comunitarias",
        dt.date(2021, 11, 15),
        ActionStatus.OPEN,
        ("Gabriel Huarachi Limachi", "Milagros Jamanca Loli"),
    ),
    _Action(
        "Elaborar una propuesta de continuidad binacional 2022–2025 (agroecología, gestión del "
        "agua, liderazgo de mujeres y jóvenes)",
        dt.date(2022, 3, 31),
        ActionStatus.OPEN,
        ("org:sri", "org:ftva", "org:idra"),
    ),
    _Action(
        "Organizar un intercambio de productoras entre Salinas y Pamparomás",
        dt.date(2022, 6, 30),
        ActionStatus.OPEN,
        ("org:gam-salinas", "org:muni-pampa", "Nilda Choque Flores"),
    ),
    _Action(
        "Redactar la propuesta de red binacional de promotoras y promotores comunales",
        dt.date(2022, 2, 28),
        ActionStatus.OPEN,
        ("Roxana Choque Villca", "Sonia Chinchay Ramírez"),
    ),
    _Action(
        "Presentar al concejo municipal el proyecto de planta quesera comunal de Taraco",
        dt.date(2022, 1, 31),
        ActionStatus.IN_PROGRESS,
        ("org:aso-taraco", "org:gam-taraco"),
    ),
)

# Who comes every day: the people who run the sessions and those who speak in them.
_ALWAYS_THERE = (Role.FACILITATOR, Role.RAPPORTEUR, Role.ORGANISER, Role.SPEAKER)


def _pb_people(
    rng: random.Random, event_id: str, orgs: dict[str, Organisation]
) -> tuple[list[_Member], list[Any]]:
    """The ninety registered people of the encounter, and their Person and Registration rows."""
    members: list[_Member] = []
    records: list[Any] = []
    for delegation, country, municipality, virtual_share, org_key, rows in _PB_PEOPLE:
        for row in rows:
            number = len(members) + 1
            parts = row.split("|")
            org = orgs[parts[4] if len(parts) > 4 else org_key]
            name = f"{parts[0]} {parts[1]}"
            where, town = _PB_COUNTRY_OVERRIDE.get(name, (country, municipality))
            person, role = _person(
                rng, f"{_PB}/person/{number:03d}", "|".join(parts[:4]), where, town, org.id
            )
            virtual = rng.random() < virtual_share
            members.append(_Member(f"PB-{number:03d}", person, delegation, virtual))
            records.append(person)
            records.append(
                Registration(
                    id=registration_id(event_id, person.id),
                    event_id=event_id,
                    person_id=person.id,
                    role=role,
                    delegation=delegation,
                    municipality=town,
                    country=where,
                    badge_code=f"PB-{number:03d}",
                )
            )
    return members, records


def _present(
    rng: random.Random, members: list[_Member], roles: dict[str, Role], count: int
) -> list[_Member]:
    """Who comes on a day: those who run or speak in the sessions, and others by lot."""
    others = [m for m in members if roles[m.key] not in _ALWAYS_THERE]
    chosen = {m.key for m in rng.sample(others, count - (len(members) - len(others)))}
    return [m for m in members if roles[m.key] in _ALWAYS_THERE or m.key in chosen]


def _assign(
    present: list[_Member], groups: Sequence[_Group], home: dict[str, int]
) -> dict[int, list[_Member]]:
    """{group position: members}: leads in their group, delegations at home, others in turn."""
    by_name = {m.person.full_name: m for m in present}
    result: dict[int, list[_Member]] = {n: [] for n in range(1, len(groups) + 1)}
    placed: set[str] = set()
    for position, group in enumerate(groups, start=1):
        for name in (group.facilitator, group.rapporteur):
            if name in by_name and name not in placed:
                result[position].append(by_name[name])
                placed.add(name)
    turn = 0
    for member in sorted(present, key=lambda m: (m.delegation, m.key)):
        if member.person.full_name in placed:
            continue
        position = home.get(member.delegation, 0)
        if not position:
            position = turn % len(groups) + 1
            turn += 1
        result[position].append(member)
    return result


def _check_in(
    session: Session, member: _Member, at: dt.datetime, mode: AttendanceMode
) -> Attendance:
    return Attendance(
        id=attendance_id(session.id, member.person.id),
        session_id=session.id,
        person_id=member.person.id,
        mode=mode,
        checked_in_at=at,
        recorded_by=_DEVICE,
    )


def _working_groups(
    session: Session, key: str, present: list[_Member], axes: Sequence[Axis]
) -> tuple[list[Any], list[_Member]]:
    """The working groups of a session with their notes and members, and who took part."""
    groups = _PB_GROUPS[key]
    assigned = _assign(present, groups, _PB_HOME_GROUP[key])
    records: list[Any] = []
    for position, group in enumerate(groups, start=1):
        group_id = _id(f"{_PB}/group/{key}/{position}")
        records.append(
            WorkingGroup(
                id=group_id,
                session_id=session.id,
                position=position,
                name=group.name,
                axis_id=axes[group.axis - 1].id,
                facilitator=group.facilitator,
                rapporteur=group.rapporteur,
            )
        )
        records.append(_note(session.id, group.notes, group_id))
        records += [
            GroupMember(
                id=member_id(group_id, m.person.id), group_id=group_id, person_id=m.person.id
            )
            for m in assigned[position]
        ]
    return records, [m for members in assigned.values() for m in members]


def _encounter(rng: random.Random) -> list[Any]:
    event_id = _id(f"{_PB}/event")
    orgs = _organisations(_PB_ORGANISATIONS)
    records: list[Any] = [_PB_PROGRAMME, *orgs.values()]
    records.append(
        Event(
            id=event_id,
            code=ENCOUNTER_CODE,
            title=_PB_TITLE,
            start_date=dt.date(2021, 10, 11),
            end_date=dt.date(2021, 10, 13),
            places=_PB_PLACES,
            format=EventFormat.HYBRID,
            context=_PB_CONTEXT,
            general_objective=_PB_GENERAL_OBJECTIVE,
            programme_id=_PB_PROGRAMME.id,
        )
    )
    objectives = _objectives(event_id, _PB, _PB_OBJECTIVES)
    axes = [
        Axis(
            id=_id(f"{_PB}/axis/{n}"),
            event_id=event_id,
            position=n,
            title=title,
            description=description,
        )
        for n, (title, description) in enumerate(_PB_AXES, start=1)
    ]
    records += objectives + axes
    records += _partners(event_id, orgs, _PB_PARTNER_ROLES)

    members, people_rows = _pb_people(rng, event_id, orgs)
    records += people_rows
    roles = {r.badge_code: r.role for r in people_rows if isinstance(r, Registration)}
    people = {m.person.full_name: m.person for m in members}

    records += _days(event_id, _PB, _PB_DAYS, "Registro de llegada")
    for date, count in _PB_PRESENT.items():
        day_id = _id(f"{_PB}/day/{date}")
        present = _present(rng, members, roles, count)
        arrival = Session(id=arrival_id(day_id), day_id=day_id)
        in_room = [m for m in present if not m.virtual]
        online = [m for m in present if m.virtual]
        # In the room: checked in at the registration table between 08:05 and 09:20.
        records += [
            _check_in(arrival, m, _at(date, "08:05", rng.randint(0, 75)), AttendanceMode.IN_PERSON)
            for m in in_room
        ]
        slots = [slot for slot in _PB_AGENDA if slot.date == date]
        for index, slot in enumerate(slots):
            session = _session(_PB, slot)
            records.append(session)
            records += [
                SessionObjective(
                    id=session_objective_id(session.id, objectives[n - 1].id),
                    session_id=session.id,
                    objective_id=objectives[n - 1].id,
                )
                for n in slot.objectives
            ]
            records += [
                SessionAxis(
                    id=session_axis_id(session.id, axes[n - 1].id),
                    session_id=session.id,
                    axis_id=axes[n - 1].id,
                )
                for n in slot.axes
            ]
            if slot.key in _PB_NOTES:
                records.append(_note(session.id, _PB_NOTES[slot.key]))
            if not slot.names_taken:
                women = sum(m.person.gender == Gender.WOMAN for m in in_room)
                men = sum(m.person.gender == Gender.MAN for m in in_room)
                records.append(_tally(session.id, women, men, len(in_room) - women - men))
                continue
            if slot.mode == SessionMode.VIRTUAL:
                attendees = online
            elif slot.key in _PB_GROUPS:
                group_rows, attendees = _working_groups(session, slot.key, present, axes)
                records += group_rows
            elif index <= 1:
                attendees = present  # everyone joins the first sessions of the day
            else:
                attendees = [m for m in present if rng.random() < 0.9]
            for member in attendees:
                mode = AttendanceMode.VIRTUAL if member.virtual else AttendanceMode.IN_PERSON
                at = _at(
                    date, slot.start, rng.randint(-5, 12) if member.virtual else rng.randint(-8, 4)
                )
                records.append(_check_in(session, member, at, mode))

    closing = _id(f"{_PB}/session/clausura")
    records += _decisions(event_id, _PB, closing, _PB_DECISIONS)
    records += _actions(event_id, _PB, closing, _PB_ACTIONS, orgs, people)
    return records


# ==============================================================================================
# The public face
# ==============================================================================================


def demo_records() -> list[Any]:
    """Every record of the two demo events, the same on every call and on every laptop."""
    rng = random.Random(_SEED)
    return [*_mission(rng), *_encounter(rng)]


def install_demo(ws: Workspace) -> Result[None]:
    """Save the demo events into a workspace; a second install changes nothing."""
    return ws.save(*demo_records())
