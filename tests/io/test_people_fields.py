"""What headers and cells of a partner's list mean: headers, gender letters, ages, full names."""

from __future__ import annotations

import pytest

from fieldkit.core.model import AgeGroup, Gender, Role
from fieldkit.io.people_fields import (
    Field,
    gender_letters,
    header_field,
    parse_age,
    parse_email,
    parse_gender,
    parse_role,
    split_full_name,
)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Nombre(s)", Field.GIVEN_NAMES),
        ("NOMBRES", Field.GIVEN_NAMES),
        ("Prénom", Field.GIVEN_NAMES),
        ("Apellido(s)", Field.SURNAMES),
        ("Nom", Field.SURNAMES),
        ("Apellido Paterno", Field.FIRST_SURNAME),
        ("Primer apellido", Field.FIRST_SURNAME),
        ("apellido  materno", Field.SECOND_SURNAME),
        ("Segundo Apellido", Field.SECOND_SURNAME),
        ("Postnom", Field.SECOND_SURNAME),
        ("Nombres y Apellidos", Field.FULL_NAME),
        ("Apellidos y nombres", Field.FULL_NAME_SURNAMES_FIRST),
        ("Sexo", Field.GENDER),
        ("Género", Field.GENDER),
        ("genre", Field.GENDER),
        ("Edad", Field.AGE),
        ("Rango de edad", Field.AGE),
        ("Institución", Field.ORGANISATION),
        ("Organización", Field.ORGANISATION),
        ("Organisation", Field.ORGANISATION),
        ("Cargo", Field.ROLE),
        ("Rol", Field.ROLE),
        ("Fonction", Field.ROLE),
        ("Delegación", Field.DELEGATION),
        ("Comunidad", Field.DELEGATION),
        ("Municipio", Field.MUNICIPALITY),
        ("Commune", Field.MUNICIPALITY),
        ("País", Field.COUNTRY),
        ("Pays", Field.COUNTRY),
        ("Celular", Field.PHONE),
        ("Teléfono:", Field.PHONE),
        ("Téléphone", Field.PHONE),
        ("Correo", Field.EMAIL),
        ("Courriel", Field.EMAIL),
        ("E-mail", Field.EMAIL),
        ("Correo electrónico (opcional)", Field.EMAIL),
        ("CI", Field.ID_CARD),
        ("C.I.", Field.ID_CARD),
        ("DNI", Field.ID_CARD),
        ("Carnet", Field.ID_CARD),
        ("N° documento", Field.ID_CARD),
        ("N°", Field.IGNORE),
        ("Nº", Field.IGNORE),
        ("Firma", Field.IGNORE),
        ("Signature", Field.IGNORE),
        ("Marca temporal", None),
        ("", None),
    ],
)
def test_headers_are_recognised_in_three_languages(header: str, field: Field | None) -> None:
    assert header_field(header) is field


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (["F", "M", "F"], [Gender.WOMAN, Gender.MAN, Gender.WOMAN]),  # femenino / masculino
        (["M", "H", "m"], [Gender.WOMAN, Gender.MAN, Gender.WOMAN]),  # mujer / hombre
        (["F", "H"], [Gender.WOMAN, Gender.MAN]),  # femme / homme
        (["W", "M"], [Gender.WOMAN, Gender.MAN]),  # woman / man
        (["Mujer", "Hombre", "Femme", "Homme"], [Gender.WOMAN, Gender.MAN] * 2),
        (
            ["Femenino", "Masculino", "", "Otro"],
            [Gender.WOMAN, Gender.MAN, Gender.NOT_STATED, Gender.ANOTHER],
        ),
    ],
)
def test_gender_letters_mean_what_the_set_of_the_column_says(
    column: list[str], expected: list[Gender]
) -> None:
    letters = gender_letters(column)
    assert [parse_gender(value, letters) for value in column] == expected


def test_a_column_of_m_alone_says_nothing() -> None:
    letters = gender_letters(["M", "M"])
    assert parse_gender("M", letters) is None
    assert parse_gender("quizás", letters) is None


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("34", AgeGroup.FROM_30_TO_44),
        ("34.0", AgeGroup.FROM_30_TO_44),
        ("17", AgeGroup.UNDER_18),
        ("30-44", AgeGroup.FROM_30_TO_44),
        ("30 – 44", AgeGroup.FROM_30_TO_44),
        ("de 30 a 44 años", AgeGroup.FROM_30_TO_44),
        ("18 à 29 ans", AgeGroup.FROM_18_TO_29),
        ("60+", AgeGroup.FROM_60),
        ("+60", AgeGroup.FROM_60),
        ("60 y más", AgeGroup.FROM_60),
        ("60 ans et plus", AgeGroup.FROM_60),
        ("menos de 18", AgeGroup.UNDER_18),
        ("<18", AgeGroup.UNDER_18),
        ("", None),
        ("25-35", False),  # straddles two groups: left empty, the row says why
        ("adulto", False),
        ("250", False),
    ],
)
def test_ages_are_numbers_or_ranges(text: str, group: AgeGroup | bool | None) -> None:
    assert parse_age(text) == group


@pytest.mark.parametrize(
    ("text", "surnames_first", "split"),
    [
        ("Rosa Quispe Mamani", False, ("Rosa", "Quispe Mamani")),
        ("Quispe Mamani, Rosa", False, ("Rosa", "Quispe Mamani")),
        ("Quispe Mamani, Rosa", True, ("Rosa", "Quispe Mamani")),
        ("Quispe Mamani Rosa Elena", True, ("Rosa Elena", "Quispe Mamani")),
        ("María Elena Pérez de la Cruz", False, ("María Elena", "Pérez de la Cruz")),
        ("de la Cruz Huamán María Luz", True, ("María Luz", "de la Cruz Huamán")),
        ("Juan del Castillo", False, ("Juan", "del Castillo")),
        ("QUISPE MAMANI Rosa", False, ("Rosa", "QUISPE MAMANI")),
        ("Rosa QUISPE MAMANI", True, ("Rosa", "QUISPE MAMANI")),
        ("Ch'uxña   Ñuflo", False, ("Ch'uxña", "Ñuflo")),
        ("Rosa", False, ("Rosa", "")),
        (
            '=HYPERLINK("http://example.com","Ana")',
            False,
            ('=HYPERLINK("http://example.com","Ana")', ""),
        ),
    ],
)
def test_full_names_split_in_andean_and_spanish_order(
    text: str, surnames_first: bool, split: tuple[str, str]
) -> None:
    assert split_full_name(text, surnames_first=surnames_first) == split


def test_roles_and_emails() -> None:
    assert parse_role("Relatora") is Role.RAPPORTEUR
    assert parse_role("Animatrice") is Role.FACILITATOR
    assert parse_role("Presidenta") is None  # a job title, not a role at the event
    assert parse_email(" Rosa.Quispe@Example.org ") == "rosa.quispe@example.org"
    assert parse_email("") == ""
    assert parse_email("rosa@example") is None
