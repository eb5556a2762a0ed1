"""Who looks like the same person: names folded and in any order, phones, ID cards."""

from dataclasses import dataclass

from fieldkit.core.duplicates import (
    DuplicateFinder,
    Reason,
    duplicate_reasons,
    find_duplicates,
    id_card_key,
    phone_key,
)


@dataclass(frozen=True)
class P:
    id: str
    given_names: str = ""
    surnames: str = ""
    phone: str = ""
    id_card: str = ""


JUANA = P("1", "Juana", "Núñez Quispe", "+591 71234567", "4567123 LP")


def test_same_name_accents_case_and_order_of_surnames_ignored() -> None:
    assert duplicate_reasons(P("2", "JUANA", "quispe nunez"), JUANA) == (Reason.SAME_NAME,)
    # Given names typed in the surnames field, and the other way round.
    assert duplicate_reasons(P("2", "Núñez Quispe", "Juana"), JUANA) == (Reason.SAME_NAME,)


def test_one_surname_looks_like_two() -> None:
    assert duplicate_reasons(P("2", "Juana María", "Núñez"), JUANA) == (Reason.SIMILAR_NAME,)
    assert duplicate_reasons(P("2", "Juana", "Mamani"), JUANA) == ()
    assert duplicate_reasons(P("2", "Rosa", "Núñez Quispe"), JUANA) == ()


def test_same_phone_and_same_id_card() -> None:
    assert duplicate_reasons(P("2", "J.", "N.", phone="71234567"), JUANA) == (Reason.SAME_PHONE,)
    assert duplicate_reasons(P("2", "X", "Y", id_card="4567123-lp"), JUANA) == (
        Reason.SAME_ID_CARD,
    )
    both = P("2", "Juana", "Quispe Núñez", phone="0591-7123-4567", id_card="4.567.123 LP")
    assert duplicate_reasons(both, JUANA) == (
        Reason.SAME_ID_CARD,
        Reason.SAME_NAME,
        Reason.SAME_PHONE,
    )


def test_keys_ignore_formatting_and_refuse_too_short_values() -> None:
    assert phone_key("+591 (2) 212-3456") == "22123456"
    assert phone_key("12345") == ""
    assert id_card_key(" 45-67 lp ") == "4567lp"
    assert id_card_key("12") == ""
    assert duplicate_reasons(P("2", "A", "B", phone="123"), P("3", "C", "D", phone="123")) == ()


def test_finder_lists_suspects_strongest_first_and_never_the_person_itself() -> None:
    people = [
        JUANA,
        P("5", "Juana", "Núñez"),
        P("6", "Pedro", "Mamani", phone="71234567"),
        P("7", "Rosa", "Quispe"),
    ]
    finder = DuplicateFinder(people)
    found = finder.suspects(P("9", "juana", "quispe nunez", phone="7123 4567"))
    assert [(s.person.id, s.reasons) for s in found] == [
        ("1", (Reason.SAME_NAME, Reason.SAME_PHONE)),
        ("6", (Reason.SAME_PHONE,)),
        ("5", (Reason.SIMILAR_NAME,)),
    ]
    assert finder.suspects(JUANA) == [s for s in finder.suspects(JUANA) if s.person.id != JUANA.id]
    assert find_duplicates(P("9", "Nadie", "Nunca"), people) == []
