"""Matching a video-call report's participants to people, and who counts as present."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fieldkit.core.model import Person, Session
from fieldkit.core.virtual_attendance import (
    Flag,
    MatchedBy,
    date_warning,
    default_min_minutes,
    match_participants,
    merged_minutes,
    name_parts,
)
from fieldkit.io.video_report import ReportParticipant, Stay

T0 = dt.datetime(2024, 3, 5, 9, 0)


def _p(name: str, minutes: float = 60, email: str = "", *, stays: tuple[Stay, ...] = ()) -> Any:
    return ReportParticipant(name=name, email=email, stays=stays, minutes=minutes)


def _stay(start: int, end: int) -> Stay:
    return Stay(T0 + dt.timedelta(minutes=start), T0 + dt.timedelta(minutes=end), end - start)


ROSA = Person(id="p-rosa", given_names="Rosa", surnames="Quispe Mamani", email="rosa@ayni.pe")
ROSA_OTHER = Person(id="p-rosa2", given_names="Rosa", surnames="Quispe Condori")
JOSE = Person(id="p-jose", given_names="José Luis", surnames="Ñáñez Huamán")
DAVID = Person(id="p-david", given_names="David", surnames="Goliath", phone="+51 987 654 321")
MARIA = Person(id="p-maria", given_names="María", surnames="Choque")
MARIA_AGAIN = Person(id="p-maria2", given_names="Maria", surnames="Choque")
PEOPLE = [ROSA, ROSA_OTHER, JOSE, DAVID, MARIA, MARIA_AGAIN]
REGISTERED = {ROSA.id, JOSE.id, DAVID.id}


def _match(*participants: Any, people: list[Person] = PEOPLE, registered: set[str] = REGISTERED):
    return match_participants(participants, people, registered)


def test_email_comes_first_and_ignores_case() -> None:
    (match,) = _match(_p("R. Q.", email="ROSA@Ayni.pe")).matches
    assert match.person == ROSA and match.matched_by is MatchedBy.EMAIL and match.registered


def test_name_with_accents_folded_and_surnames_in_either_order() -> None:
    matching = _match(_p("jose luis nanez huaman"), _p("Ñáñez Huamán, José Luis"))
    assert [m.person for m in matching.matches] == [JOSE, JOSE]
    assert {m.matched_by for m in matching.matches} == {MatchedBy.NAME}


def test_one_surname_of_two_matches_the_registered_person() -> None:
    # Rosa Quispe Condori is in the workspace too, but only Rosa Quispe Mamani is registered.
    (match,) = _match(_p("Rosa Quispe")).matches
    assert match.person == ROSA and match.matched_by is MatchedBy.NAME


def test_two_people_who_fit_equally_are_listed_not_chosen() -> None:
    (match,) = _match(_p("Rosa Quispe"), registered={ROSA.id, ROSA_OTHER.id}).matches
    assert match.person is None and match.matched_by is None
    assert set(match.candidates) == {ROSA, ROSA_OTHER}
    (twins,) = _match(_p("MARIA CHOQUE")).matches  # the same name twice in the workspace
    assert twins.person is None and set(twins.candidates) == {MARIA, MARIA_AGAIN}


def test_the_name_before_a_parenthesis_then_the_one_inside_it() -> None:
    matching = _match(_p("Rosa Quispe Mamani (iPhone de Rosa)"), _p("Galaxy A12 (José Ñañez)"))
    first, second = matching.matches
    assert first.person == ROSA and first.matched_by is MatchedBy.NAME
    assert Flag.DEVICE_NAME in first.flags
    # The first given name and the first surname: how people name themselves in a call.
    assert second.person == JOSE and second.matched_by is MatchedBy.NAME_IN_PARENTHESES
    (loose,) = _match(_p("José (Galaxy A12)")).matches
    assert loose.person is None  # one word, and no one is called just "José"
    assert name_parts("Rosa (iPhone de Rosa)") == ("Rosa", "iPhone de Rosa")


def test_device_names_phone_numbers_and_guests_are_flagged_never_dropped() -> None:
    matching = _match(
        _p("iPhone de Juana"), _p("+51 999 111 222"), _p("Invitado"), _p("Rosa", email="x@y.z")
    )
    device, phone, guest, known_mail = matching.matches
    assert len(matching.matches) == 4
    assert device.person is None and device.flags == (Flag.DEVICE_NAME, Flag.NO_EMAIL)
    assert phone.person is None and phone.flags == (Flag.PHONE_NUMBER, Flag.NO_EMAIL)
    assert guest.person is None and guest.flags == (Flag.NO_EMAIL,)
    assert known_mail.flags == ()


def test_a_phone_number_as_the_name_matches_the_persons_phone() -> None:
    (match,) = _match(_p("987654321")).matches
    assert match.person == DAVID and match.matched_by is MatchedBy.PHONE


def test_threshold_and_time_added_up_over_a_persons_devices() -> None:
    matching = _match(
        _p("Rosa Quispe Mamani", 25, stays=(_stay(0, 25),)),
        _p("Rosa Quispe Mamani (iPhone)", 30, stays=(_stay(20, 50),)),  # overlaps 5 minutes
        _p("David Goliath", 29.5),
        _p("Nadie Conocido", 90),
    )
    assert matching.person_minutes() == {ROSA.id: 50, DAVID.id: 29.5}
    assert matching.present(30) == [True, True, False, True]
    # Present means matched and long enough: the unknown participant is not marked.
    assert matching.present_people(30) == {ROSA.id: T0}
    assert set(matching.present_people(29.5)) == {ROSA.id, DAVID.id}
    assert matching.present_people(51) == {}


def test_matching_by_hand_replaces_the_match() -> None:
    matching = _match(_p("iPhone de Juana", 45))
    chosen = matching.with_person(0, MARIA)
    assert chosen.matches[0].person == MARIA and chosen.matches[0].matched_by is MatchedBy.HAND
    assert chosen.present_people(30) == {MARIA.id: None}
    assert chosen.with_person(0, None).present_people(0) == {}


def test_merged_minutes_counts_overlaps_once() -> None:
    spans = [
        (T0, T0 + dt.timedelta(minutes=10)),
        (T0 + dt.timedelta(minutes=5), T0 + dt.timedelta(minutes=20)),
    ]
    later = (T0 + dt.timedelta(minutes=30), T0 + dt.timedelta(minutes=40))
    assert merged_minutes([*spans, later]) == 30


def test_default_threshold_is_half_the_session_else_thirty() -> None:
    assert default_min_minutes(Session(id="s", start_time="09:00", end_time="11:00")) == 60
    assert default_min_minutes(Session(id="s", start_time="09:00")) == 30
    assert default_min_minutes(Session(id="s", start_time="11:00", end_time="09:00")) == 30


def test_a_report_of_another_day_is_a_warning() -> None:
    assert date_warning(dt.date(2024, 3, 5), dt.date(2024, 3, 5)) is None
    assert date_warning(None, dt.date(2024, 3, 5)) is None
    warning = date_warning(dt.date(2024, 3, 4), dt.date(2024, 3, 5))
    assert warning is not None and "Mar 4, 2024" in warning and "Mar 5, 2024" in warning


def test_names_seen_in_real_exports() -> None:
    caller = Person(id="p-call", given_names="Teodoro", surnames="Huamán", phone="01 555 0199")
    matching = _match(
        _p("Usuario de Zoom"),
        _p("Sylvie Gagnon (Sylvie - tablette)"),
        _p("Copa Huanca (Samsung SM-A125F)"),
        _p("(+51) 1 555-0199"),
        people=[*PEOPLE, caller],
    )
    zoom_user, tablet, samsung, phone = matching.matches
    assert Flag.DEVICE_NAME in zoom_user.flags and Flag.DEVICE_NAME in tablet.flags
    assert Flag.DEVICE_NAME in samsung.flags
    assert phone.person == caller and phone.matched_by is MatchedBy.PHONE
