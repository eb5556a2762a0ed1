"""What the columns and cells of a partner's list of people mean.

Headers are recognised in Spanish, French and English whatever their case, accents, spacing and
punctuation (folded with `fieldkit.core.text.fold`). Values are read as partners type them: gender
as words or as single letters whose meaning depends on the set of letters the column uses, ages as
numbers or ranges, full names in one column split into given names and surnames.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from enum import StrEnum

from fieldkit.core.cells import FORMULA_STARTS
from fieldkit.core.model import AgeGroup, Gender, Role
from fieldkit.core.text import fold


class Field(StrEnum):
    """Where a column's values go (the values `--map HEADER=field` accepts)."""

    GIVEN_NAMES = "given_names"
    SURNAMES = "surnames"
    FIRST_SURNAME = "first_surname"
    SECOND_SURNAME = "second_surname"
    FULL_NAME = "full_name"  # given names first, unless a comma says otherwise
    FULL_NAME_SURNAMES_FIRST = "full_name_surnames_first"
    GENDER = "gender"
    AGE = "age"
    ORGANISATION = "organisation"
    ROLE = "role"
    DELEGATION = "delegation"
    MUNICIPALITY = "municipality"
    COUNTRY = "country"
    PHONE = "phone"
    EMAIL = "email"
    ID_CARD = "id_card"
    IGNORE = "ignore"


NAME_FIELDS = frozenset(
    {
        Field.GIVEN_NAMES,
        Field.SURNAMES,
        Field.FIRST_SURNAME,
        Field.SECOND_SURNAME,
        Field.FULL_NAME,
        Field.FULL_NAME_SURNAMES_FIRST,
    }
)

# Folded header texts. A header is recognised when its folded text is one of these.
_HEADERS: dict[Field, tuple[str, ...]] = {
    Field.GIVEN_NAMES: (
        "nombre", "nombres", "nombre s", "primer nombre", "prenom", "prenoms", "prenom s",
        "first name", "first names", "firstname", "given name", "given names", "forename",
    ),
    Field.SURNAMES: (
        "apellido", "apellidos", "apellido s", "nom", "noms", "nom de famille", "last name",
        "lastname", "surname", "surnames", "family name",
    ),
    Field.FIRST_SURNAME: (
        "apellido paterno", "primer apellido", "ap paterno", "paterno", "apellido 1",
    ),
    Field.SECOND_SURNAME: (
        "apellido materno", "segundo apellido", "ap materno", "materno", "apellido 2", "postnom",
    ),
    Field.FULL_NAME: (
        "nombres y apellidos", "nombre y apellido", "nombre y apellidos", "nombre completo",
        "nombres completos", "prenom et nom", "prenom nom", "prenoms et noms", "nom complet",
        "full name", "name", "participant", "participante", "participantes",
        "nombre del participante", "nom du participant", "nom et prenom s",
    ),
    Field.FULL_NAME_SURNAMES_FIRST: (
        "apellidos y nombres", "apellido y nombre", "apellidos y nombre", "apellidos nombres",
        "nom et prenom", "nom et prenoms", "nom prenom", "noms et prenoms", "surname first name",
        "last name first name",
    ),
    Field.GENDER: ("sexo", "genero", "genre", "sexe", "gender", "sex", "m f", "f m", "h m"),
    Field.AGE: (
        "edad", "rango de edad", "grupo de edad", "grupo etario", "rango etario", "edad anos",
        "age", "tranche d age", "groupe d age", "age range", "age group",
    ),
    Field.ORGANISATION: (
        "institucion", "organizacion", "organisation", "organization", "entidad",
        "institution", "structure", "empresa", "organizacion institucion",
        "institucion organizacion", "organisme",
    ),
    Field.ROLE: ("cargo", "rol", "role", "fonction", "funcion", "position", "puesto"),
    Field.DELEGATION: ("delegacion", "delegation", "comunidad", "communaute", "community"),
    Field.MUNICIPALITY: (
        "municipio", "municipalidad", "commune", "municipality", "ciudad", "ville", "city",
        "localidad", "localite",
    ),
    Field.COUNTRY: ("pais", "pays", "country", "nacionalidad", "nationalite"),
    Field.PHONE: (
        "celular", "telefono", "telephone", "phone", "tel", "cel", "movil", "whatsapp",
        "telefono celular", "numero de celular", "nro de celular", "portable", "mobile",
        "cellphone", "telefono movil", "phone number",
    ),
    Field.EMAIL: (
        "correo", "correo electronico", "courriel", "email", "e mail", "mail",
        "adresse electronique", "adresse courriel", "email address",
    ),
    Field.ID_CARD: (
        "ci", "c i", "dni", "carnet", "carnet de identidad", "n documento", "no documento",
        "nro documento", "nro de documento", "numero de documento", "n de documento",
        "documento", "documento de identidad", "cedula", "cedula de identidad", "id", "id card",
        "pasaporte", "passport", "cni", "piece d identite", "ci dni",
    ),
    Field.IGNORE: (
        "n", "no", "nro", "num", "numero", "item", "firma", "signature", "firmas", "signatures",
    ),
}  # fmt: skip
_HEADER_FIELD: dict[str, Field] = {
    text: field for field, texts in _HEADERS.items() for text in texts
}


# Cell values repeat down a column (genders, ages, roles): each is folded once.
fold_value = functools.lru_cache(maxsize=4096)(fold)


def header_field(header: str) -> Field | None:
    """The field a header names, or None when it means nothing to fieldkit."""
    key = fold(header)
    if not key:
        return None
    if key in _HEADER_FIELD:
        return _HEADER_FIELD[key]
    # "Nombre:" "Correo (opcional)": the words before a parenthesis or a trailing note.
    short = fold(re.split(r"[(:\[]", header, maxsplit=1)[0])
    return _HEADER_FIELD.get(short)


# --- gender ------------------------------------------------------------------------------------

_WOMAN = frozenset(
    {"mujer", "mujeres", "femenino", "femenina", "fem", "femme", "feminin", "feminine", "woman",
     "female", "dama"}
)  # fmt: skip
_MAN = frozenset(
    {"hombre", "hombres", "varon", "masculino", "masc", "homme", "masculin", "man", "male"}
)
_ANOTHER = frozenset({"otro", "otra", "otre", "autre", "other", "no binario", "non binaire"})


def gender_letters(values: Iterable[str]) -> dict[str, Gender]:
    """The meaning of single letters given the set a column uses.

    F/M is femenino/masculino (or female/male), M/H mujer/hombre, F/H femme/homme, W/M
    woman/man. A column of M alone says nothing: M is a woman in one set and a man in another.
    """
    letters = {key for key in map(fold_value, values) if len(key) == 1}
    meaning: dict[str, Gender] = {}
    if "h" in letters:
        meaning.update(h=Gender.MAN, m=Gender.WOMAN, f=Gender.WOMAN)
    elif "w" in letters:
        meaning.update(w=Gender.WOMAN, m=Gender.MAN)
    elif "f" in letters:
        meaning.update(f=Gender.WOMAN, m=Gender.MAN)
    if letters & {"o", "x"}:
        meaning.update(o=Gender.ANOTHER, x=Gender.ANOTHER)
    return meaning


def parse_gender(text: str, letters: dict[str, Gender]) -> Gender | None:
    """The gender a cell states; NOT_STATED when empty, None when it cannot be read."""
    key = fold_value(text)
    if not key:
        return Gender.NOT_STATED
    if len(key) == 1:
        return letters.get(key)
    if key in _WOMAN:
        return Gender.WOMAN
    if key in _MAN:
        return Gender.MAN
    if key in _ANOTHER:
        return Gender.ANOTHER
    return None


# --- age ---------------------------------------------------------------------------------------

_AGE_BOUNDS: tuple[tuple[int, int, AgeGroup], ...] = (
    (0, 17, AgeGroup.UNDER_18),
    (18, 29, AgeGroup.FROM_18_TO_29),
    (30, 44, AgeGroup.FROM_30_TO_44),
    (45, 59, AgeGroup.FROM_45_TO_59),
    (60, 200, AgeGroup.FROM_60),
)
_OVER = re.compile(r"\b(mas|plus|over|more|y mas|et plus|and over|mayor(?:es)?)\b")
_UNDER = re.compile(r"\b(menos|moins|under|menor(?:es)?|less)\b")


def _group_of(age: int) -> AgeGroup | None:
    for low, high, group in _AGE_BOUNDS:
        if low <= age <= high:
            return group
    return None


@functools.lru_cache(maxsize=4096)
def parse_age(text: str) -> AgeGroup | bool | None:
    """The age group a cell states: None when empty, False when it fits no single group.

    "34", "30-44", "de 30 a 44 años", "60+", "60 y más", "menos de 18", "<18".
    """
    raw = text.strip()
    if not raw:
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)?", raw):  # 34, or 34.0 from a number cell
        numbers = [int(float(raw.replace(",", ".")))]
    else:
        numbers = [int(n) for n in re.findall(r"\d+", raw)]
    if not numbers or any(n > 120 for n in numbers):
        return False
    key = fold(raw)
    if len(numbers) == 1:
        (age,) = numbers
        if _UNDER.search(key) or "<" in raw:
            return AgeGroup.UNDER_18 if age <= 18 else False
        if _OVER.search(key) or "+" in raw:
            return AgeGroup.FROM_60 if age >= 60 else False
        return _group_of(age) or False
    low, high = min(numbers[:2]), max(numbers[:2])
    group = _group_of(low)
    return group if group is not None and group == _group_of(high) else False


# --- roles -------------------------------------------------------------------------------------

_ROLES: dict[str, Role] = {
    **dict.fromkeys(("participante", "participant", "participanta"), Role.PARTICIPANT),
    **dict.fromkeys(
        ("facilitador", "facilitadora", "animateur", "animatrice", "facilitator", "moderador",
         "moderadora"),
        Role.FACILITATOR,
    ),
    **dict.fromkeys(("relator", "relatora", "rapporteur", "rapporteuse", "rapporteure"), Role.RAPPORTEUR),
    **dict.fromkeys(
        ("organizador", "organizadora", "organisateur", "organisatrice", "organiser", "organizer"),
        Role.ORGANISER,
    ),
    **dict.fromkeys(
        ("ponente", "expositor", "expositora", "conferencista", "panelista", "intervenant",
         "intervenante", "speaker", "panelist"),
        Role.SPEAKER,
    ),
    **dict.fromkeys(("invitado", "invitada", "invite", "invitee", "guest"), Role.GUEST),
    **dict.fromkeys(("staff", "equipo", "personal", "logistica", "logistique", "equipe"), Role.STAFF),
}  # fmt: skip


def parse_role(text: str) -> Role | None:
    """A role at the event; None for anything else (a job title such as "Presidenta")."""
    return _ROLES.get(fold_value(text))


# --- names -------------------------------------------------------------------------------------

_PARTICLES = frozenset(
    {"de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "van", "von", "di", "du",
     "des", "le", "della", "san", "santa"}
)  # fmt: skip


def _units(words: list[str]) -> list[str]:
    """Words with their particles: "Pérez de la Cruz" is two units, "Pérez" and "de la Cruz"."""
    units: list[str] = []
    pending: list[str] = []
    for word in words:
        if fold(word) in _PARTICLES:
            pending.append(word)
            continue
        units.append(" ".join([*pending, word]))
        pending = []
    if pending:  # a trailing particle belongs to the unit before it
        if units:
            units[-1] = " ".join([units[-1], *pending])
        else:
            units.append(" ".join(pending))
    return units


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def split_full_name(text: str, *, surnames_first: bool = False) -> tuple[str, str]:
    """(given names, surnames) of a full name written in one cell.

    "Quispe Mamani, Rosa" (a comma: surnames before it); "QUISPE MAMANI Rosa" (surnames in
    capitals, given names not); otherwise the two last units are the surnames, or the two first
    when the column says surnames come first ("Apellidos y nombres").
    """
    text = " ".join(text.split())
    if text[:1] in FORMULA_STARTS:  # not a name that can be split: kept whole, as typed
        return text, ""
    if "," in text:
        surnames, _comma, given = text.partition(",")
        return " ".join(given.split()), surnames.strip()
    words = text.split()
    capitals = [_is_capitals(w) for w in words]
    if any(capitals) and not all(capitals):
        cut = capitals.index(False) if capitals[0] else capitals.index(True)
        head, tail = words[:cut], words[cut:]
        if capitals[0] and not any(capitals[cut:]):
            return " ".join(tail), " ".join(head)
        if not capitals[0] and all(capitals[cut:]):
            return " ".join(head), " ".join(tail)
    units = _units(words)
    if len(units) <= 1:
        return ("", text) if surnames_first else (text, "")
    count = 1 if len(units) == 2 else 2
    if surnames_first:
        return " ".join(units[count:]), " ".join(units[:count])
    return " ".join(units[:-count]), " ".join(units[-count:])


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def parse_email(text: str) -> str | None:
    """The address in lower case; "" when empty, None when it is not an address."""
    value = text.strip().strip("<>").casefold()
    if not value:
        return ""
    return value if _EMAIL.fullmatch(value) else None
