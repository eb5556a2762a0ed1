"""The in-memory search of the check-in screen, and its counters."""

import datetime as dt

from fieldkit.core.checkin import (
    CheckinIndex,
    CheckinPerson,
    PresenceTally,
    badge_key,
    merged_state,
    paper_time,
)
from fieldkit.core.model import Attendance, AttendanceMode, AttendanceStatus, Gender

PEOPLE = [
    CheckinPerson(
        "p1",
        "Juana",
        "Núñez Quispe",
        Gender.WOMAN,
        "Red de Mujeres",
        "RM",
        True,
        "Taraco",
        "PB-001",
    ),
    CheckinPerson("p2", "Wilber", "Ch'uxña", Gender.MAN, "", "", True, "Salinas", "PB-002"),
    CheckinPerson("p3", "Rosa", "Quispe Mamani", Gender.WOMAN, "AMUPEI", "", True, "", "PB-010"),
    CheckinPerson("p4", "Quispe", "Condori", Gender.MAN, "", "", False),  # a given name Quispe
    CheckinPerson("p5", "Ana", "Mamani", Gender.WOMAN, "Quispe Asociados", "", True),
    CheckinPerson("p6", "Ana", "Mamani", Gender.WOMAN, "", "", False),
]


def names(text: str, **kwargs: int) -> list[str]:
    return [p.id for p in CheckinIndex(PEOPLE).search(text, **kwargs).people]


def test_accents_case_and_apostrophes_are_ignored() -> None:
    assert names("nunez") == ["p1"]
    assert names("NÚÑ") == ["p1"]
    assert names("chux") == ["p2"]
    assert names("ch'uxña") == ["p2"]


def test_words_in_any_order_each_a_prefix() -> None:
    assert names("quispe nu") == ["p1"]
    assert names("nu qui ju") == ["p1"]
    assert names("mam rosa") == ["p3"]
    assert names("mam zz") == []


def test_registered_names_first_then_other_keys_then_the_rest_of_the_workspace() -> None:
    # Name matches of registered people (sheet order), then registered people matched through
    # their organisation, then the workspace's people who are not registered.
    assert names("quispe") == ["p1", "p3", "p5", "p4"]


def test_organisation_delegation_and_badge_find_people() -> None:
    assert names("amupei") == ["p3"]
    assert names("taraco") == ["p1"]
    assert names("rm") == ["p1"]
    assert names("pb-002") == ["p2"]
    assert names("PB002") == ["p2"]


def test_a_scanned_badge_code_is_an_exact_match() -> None:
    index = CheckinIndex(PEOPLE)
    result = index.search("PB-010")
    assert result.badge_match and result.people[0].id == "p3"
    assert index.by_badge("pb 010") == PEOPLE[2]
    assert index.by_badge("PB-01") is None
    assert badge_key(" pb-0010 ") == "pb0010"


def test_limit_and_total() -> None:
    result = CheckinIndex(PEOPLE).search("a", limit=2)
    assert len(result.people) == 2
    assert result.total == 3  # the two Anas, and Rosa through AMUPEI
    assert CheckinIndex(PEOPLE).search("  ").people == ()


def test_marking_registered_moves_someone_into_the_first_band() -> None:
    index = CheckinIndex(PEOPLE)
    assert [p.id for p in index.search("quispe").people][-1] == "p4"
    index.mark_registered("p4")
    assert index.get("p4") is not None and index.get("p4").registered  # type: ignore[union-attr]
    assert [p.id for p in index.search("quispe").people] == ["p4", "p1", "p3", "p5"]
    assert index.registered_count == 5


def test_sheet_order_is_by_surnames_then_given_names() -> None:
    index = CheckinIndex(PEOPLE)
    assert [p.id for p in index.people()] == ["p2", "p5", "p1", "p3"]
    assert len(index.people(registered_only=False)) == 6


def test_warm_up_answers_like_a_search() -> None:
    index = CheckinIndex(PEOPLE)
    before = index.search("q")
    index.warm_up()
    assert index.search("q") == before


def _record(
    session: str, person: str, mode: AttendanceMode, status: AttendanceStatus
) -> Attendance:
    return Attendance(
        id=f"{session}/{person}", session_id=session, person_id=person, mode=mode, status=status
    )


def test_counts_by_gender_and_mode_leave_out_who_left() -> None:
    present, left = AttendanceStatus.PRESENT, AttendanceStatus.LEFT_EARLY
    tally = PresenceTally(registered=5)
    tally.set("p1", (present, AttendanceMode.IN_PERSON), Gender.WOMAN)
    tally.set("p2", (present, AttendanceMode.VIRTUAL), Gender.MAN)
    tally.set("p3", (left, AttendanceMode.IN_PERSON), Gender.WOMAN)
    counts = tally.counts()
    assert (counts.present, counts.left_early, counts.registered) == (2, 1, 5)
    assert counts.by_gender[Gender.WOMAN] == 1 and counts.by_gender[Gender.MAN] == 1
    assert counts.by_mode[AttendanceMode.VIRTUAL] == 1
    # A person's new state replaces the old one; None takes them out.
    tally.set("p2", (present, AttendanceMode.IN_PERSON), Gender.MAN)
    tally.set("p3", None, Gender.WOMAN)
    counts = tally.counts()
    assert (counts.present, counts.left_early) == (2, 0)
    assert counts.by_mode[AttendanceMode.VIRTUAL] == 0
    assert counts.by_mode[AttendanceMode.IN_PERSON] == 2


def test_a_day_counts_each_person_once_in_person_wins_and_the_arrival_says_who_left() -> None:
    present, left = AttendanceStatus.PRESENT, AttendanceStatus.LEFT_EARLY
    virtual, room = AttendanceMode.VIRTUAL, AttendanceMode.IN_PERSON
    assert merged_state(
        [_record("plenary", "p1", virtual, present), _record("arrival", "p1", room, present)],
        "arrival",
    ) == (present, room)
    assert merged_state([_record("plenary", "p2", virtual, present)], "arrival") == (
        present,
        virtual,
    )
    assert merged_state(
        [_record("arrival", "p3", room, left), _record("plenary", "p3", room, present)],
        "arrival",
    ) == (left, room)
    # At one session, its record says it all.
    assert merged_state([_record("plenary", "p3", room, left)]) == (left, room)
    assert merged_state([], "arrival") is None


def test_paper_check_ins_get_the_time_of_their_session() -> None:
    day = dt.date(2021, 10, 11)
    assert paper_time(day, "09:45") == dt.datetime(2021, 10, 11, 9, 45)
    assert paper_time(day, "") == dt.datetime(2021, 10, 11, 0, 0)
    assert paper_time(day, "9h") == dt.datetime(2021, 10, 11, 0, 0)
    assert paper_time(None, "09:00") is None


def test_a_walk_in_is_added_at_the_end_and_found_at_once() -> None:
    index = CheckinIndex(PEOPLE)
    index.warm_up()
    walk_in = CheckinPerson(
        "p7", "Zenón", "Aárez", Gender.MAN, "Radio Pachamama", "", True, "", "W-1"
    )
    index.add(walk_in)
    assert [p.id for p in index.search("aarez").people] == ["p7"]
    assert [p.id for p in index.search("radio pacha").people] == ["p7"]
    assert index.by_badge("w1") == walk_in
    assert [p.id for p in index.people()][-1] == "p7"  # at the bottom, as written by hand
    assert index.registered_count == 5 and len(index) == 7


def test_removing_and_unregistering() -> None:
    index = CheckinIndex(PEOPLE)
    index.search("quispe")
    index.remove("p3")
    assert [p.id for p in index.search("quispe").people] == ["p1", "p5", "p4"]
    assert index.get("p3") is None and index.by_badge("PB-010") is None
    assert "p3" not in [p.id for p in index.people()]
    index.mark_registered("p1", registered=False)
    assert [p.id for p in index.search("quispe").people] == ["p5", "p4", "p1"]
    assert index.registered_count == 2
