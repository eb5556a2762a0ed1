"""The workspace-wide duplicates scan on names as the region writes them."""

from __future__ import annotations

from itertools import count

from fieldkit.core.duplicate_scan import ScanPerson, Suggestion, scan
from fieldkit.core.duplicates import Reason
from fieldkit.core.model import Gender, Person
from fieldkit.core.person_merge import chosen_values, default_choices, taken_fields

_ids = count(1)


def person(given: str, surnames: str, **fields: object) -> ScanPerson:
    return ScanPerson(id=f"p{next(_ids)}", given_names=given, surnames=surnames, **fields)  # type: ignore[arg-type]


def pair(a: ScanPerson, b: ScanPerson, *others: ScanPerson) -> Suggestion | None:
    found = [s for s in scan([a, b, *others]) if {s.a.id, s.b.id} == {a.id, b.id}]
    return found[0] if found else None


def test_the_surnames_in_either_order_accents_and_case_are_the_same_name() -> None:
    found = pair(person("Rosa", "Quispe Mamani"), person("ROSA", "Mamani Quispe"))
    assert found is not None and found.reasons[0] is Reason.SAME_NAME
    found = pair(person("Juan", "Núñez Choque"), person("juan", "Nunez Choque"))
    assert found is not None and found.reasons[0] is Reason.SAME_NAME


def test_a_missing_second_surname_abbreviations_initials_and_a_married_name() -> None:
    rosa = person("Rosa", "Quispe Mamani")
    for other in (
        person("Rosa", "Quispe"),  # the second surname missing
        person("R.", "Quispe Mamani"),  # an initial
        person("Rosa", "Quispe de Condori"),  # married: her own surname is Quispe
    ):
        found = pair(rosa, other)
        assert found is not None, other
        assert Reason.SIMILAR_NAME in found.reasons or Reason.SAME_NAME in found.reasons
    found = pair(person("María", "Condori Apaza"), person("Ma.", "Apaza Condori"))
    assert found is not None and found.reasons[0] is Reason.SAME_NAME
    found = pair(person("María Luisa", "Ticona"), person("María", "Ticona"))
    assert found is not None and found.reasons == (Reason.SIMILAR_NAME,)


def test_a_typing_slip_in_a_surname_is_similar() -> None:
    found = pair(person("Gregoria", "Mamani Huanca"), person("Gregoria", "Mamami Huanca"))
    assert found is not None and found.reasons == (Reason.SIMILAR_NAME,)


def test_identifiers_make_a_pair_whatever_the_names_and_weigh_more() -> None:
    card = pair(
        person("Rosa", "Quispe", id_card="4.567.890-LP"),
        person("Rosita", "Q.", id_card="4567890 lp"),
    )
    assert card is not None and card.reasons[0] is Reason.SAME_ID_CARD
    mail = pair(
        person("Ana", "Flores", email="ana@example.org"),
        person("Anita", "Torrez", email="ANA@example.org"),
    )
    assert mail is not None and Reason.SAME_EMAIL in mail.reasons


def test_same_name_and_nothing_else_is_suggested_with_a_lower_score() -> None:
    only_name = pair(person("Juan", "Choque Mamani"), person("Juan", "Choque Mamani"))
    with_phone = pair(
        person("Juan", "Choque Mamani", phone="+591 71234567"),
        person("Juan", "Mamani Choque", phone="71234567"),
    )
    assert only_name is not None and only_name.reasons == (Reason.SAME_NAME,)
    assert with_phone is not None and with_phone.reasons == (Reason.SAME_NAME, Reason.SAME_PHONE)
    assert only_name.score < with_phone.score
    # The organisation and the delegation add weight, never a pair on their own.
    org = pair(
        person("Juan", "Choque Mamani", organisation_id="o1", delegations=frozenset({"Taraco"})),
        person("Juan", "Choque Mamani", organisation_id="o1", delegations=frozenset({"taraco"})),
    )
    assert org is not None
    assert org.reasons == (Reason.SAME_NAME, Reason.SAME_ORGANISATION, Reason.SAME_DELEGATION)
    assert only_name.score < org.score < 100
    assert (
        pair(
            person("Ana", "Flores", organisation_id="o1"),
            person("Eva", "Rojas", organisation_id="o1"),
        )
        is None
    )


def test_different_people_are_not_suggested() -> None:
    assert pair(person("Juan", "Quispe Mamani"), person("Juana", "Quispe Mamani")) is None
    assert pair(person("Rosa", "Quispe Mamani"), person("Rosa", "Quispe Condori")) is None
    assert pair(person("Eulogia Juana", "Vargas"), person("Sabina Juana", "Vargas")) is None
    # A family's phone is shared by people with other names.
    assert (
        pair(
            person("Rosa", "Quispe", phone="71234567"), person("Pedro", "Quispe", phone="71234567")
        )
        is None
    )


def test_a_pair_marked_as_different_is_never_suggested_and_the_order_is_by_score() -> None:
    a, b = person("Rosa", "Quispe Mamani"), person("Rosa", "Mamani Quispe")
    c, d = person("Eva", "Rojas", id_card="123456"), person("Eva", "Rojas", id_card="123456")
    assert [(s.a.id, s.b.id) for s in scan([a, b, c, d], [(b.id, a.id)])] == [(c.id, d.id)]
    found = scan([a, b, c, d])
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_the_default_choices_keep_the_kept_persons_values_and_fill_the_empty_ones() -> None:
    keep = Person("k", "Rosa", "Quispe", phone="", email="rosa@example.org")
    other = Person(
        "o", "Rosa", "Quispe Mamani", gender=Gender.WOMAN, phone="71234567", email="x@y.z"
    )
    choices = default_choices(keep, other)
    assert taken_fields(choices) == ["gender", "phone"]
    assert chosen_values(keep, other, ["surnames", "phone"]) == {
        "surnames": "Quispe Mamani",
        "phone": "71234567",
    }
