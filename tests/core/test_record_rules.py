"""The rules of one record: what they refuse, and the edges of what they take."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import given
from hypothesis import strategies as st

from fieldkit.core import ids
from fieldkit.core.codec import record_to_plain
from fieldkit.core.model import (
    Attendance,
    Event,
    Note,
    Organisation,
    Person,
    Session,
    Tally,
)
from fieldkit.core.rules import (
    MAX_COUNT,
    MAX_TEXT,
    link_problem,
    move_problem,
    placement_problem,
    record_problem,
)


def _problem(record: object) -> str | None:
    from fieldkit.core.model import KIND_OF_CLASS

    return record_problem(KIND_OF_CLASS[type(record)], record_to_plain(record))


@given(st.text(max_size=12), st.lists(st.text(max_size=40), max_size=3))
def test_derived_ids_are_still_uuid5_of_the_namespace(kind: str, parts: list[str]) -> None:
    """Every laptop must derive the same ids as every earlier version did."""
    expected = uuid.uuid5(ids.FIELDKIT_NAMESPACE, "/".join((kind, *parts)))
    assert ids.derived_id(kind, *parts) == str(expected)


def test_the_edges_of_what_is_sane_are_taken() -> None:
    session_id, person_id = ids.new_id(), ids.new_id()
    sound = [
        Event(id=ids.new_id(), start_date=dt.date(1900, 1, 1), end_date=dt.date(2199, 12, 31)),
        Event(id=ids.new_id(), start_date=dt.date(2021, 10, 11), end_date=dt.date(2021, 10, 11)),
        Session(id=ids.new_id(), start_time="", end_time=""),
        Session(id=ids.new_id(), start_time="00:00", end_time="23:59"),
        Session(id=ids.new_id(), start_time="09:00", end_time="09:00"),
        Tally(id=ids.tally_id(session_id, "d"), session_id=session_id, device="d", women=MAX_COUNT),
        Note(id=ids.note_id(session_id), session_id=session_id, key_points="é" * MAX_TEXT),
        Attendance(
            id=ids.attendance_id(session_id, person_id),
            session_id=session_id,
            person_id=person_id,
            checked_in_at=dt.datetime(2021, 10, 11, 8, 30),
        ),
        Person(id=ids.new_id(), given_names="Ch'uxña 😀", merged_into=ids.new_id()),
    ]
    assert [_problem(record) for record in sound] == [None] * len(sound)


def test_each_rule_of_one_record_says_what_is_wrong() -> None:
    session_id, person_id = ids.new_id(), ids.new_id()
    person = ids.new_id()
    cases = {
        "ends (2021-10-10) before it starts (2021-10-11)": Event(
            id=ids.new_id(), start_date=dt.date(2021, 10, 11), end_date=dt.date(2021, 10, 10)
        ),
        "start_date is in the year 1899": Event(id=ids.new_id(), start_date=dt.date(1899, 12, 31)),
        "the time “24:00” is not": Session(id=ids.new_id(), start_time="24:00"),
        "the time “9:00” is not": Session(id=ids.new_id(), start_time="9:00"),
        "ends (08:59) before it starts (09:00)": Session(
            id=ids.new_id(), start_time="09:00", end_time="08:59"
        ),
        "women holds 1000001": Tally(
            id=ids.tally_id(session_id, "d"), session_id=session_id, device="d", women=MAX_COUNT + 1
        ),
        "men holds -1": Tally(
            id=ids.tally_id(session_id, "d"), session_id=session_id, device="d", men=-1
        ),
        "longer than 200000 characters": Note(
            id=ids.note_id(session_id), session_id=session_id, lessons="a" * (MAX_TEXT + 1)
        ),
        "not valid Unicode": Person(id=person, surnames="Quispe \udc00"),
        "points at itself": Organisation(id=person, parent_id=person),
        "its id is not the one derived": Attendance(
            id=ids.attendance_id(person_id, session_id), session_id=session_id, person_id=person_id
        ),
    }
    for expected, record in cases.items():
        problem = _problem(record)
        assert problem is not None and expected in problem, (expected, problem)


def test_the_rules_across_records_follow_their_lookups() -> None:
    links = {"a": "b", "b": "c", "c": None, "x": "y", "y": "x"}
    assert link_problem("a", "b", links.get) is None
    assert link_problem("c", "a", links.get) == "its links go round in a circle"
    assert link_problem("a", "a", links.get) == "it points at itself"
    assert link_problem("z", "x", links.get) == "its links go round in a circle"
    assert move_problem("A", "A") is None and move_problem(None, "B") is None
    assert move_problem("A", "B") == "it would move to another event"
    sessions, groups = {"s": "A"}.get, {"g": "s"}.get
    assert (
        placement_problem("decision", {"event_id": "A", "session_id": "s"}, sessions, groups)
        is None
    )
    assert placement_problem("decision", {"event_id": "B", "session_id": "s"}, sessions, groups)
    assert placement_problem("note", {"session_id": "t", "group_id": "g"}, sessions, groups)
    assert placement_problem("note", {"session_id": "s", "group_id": "g"}, sessions, groups) is None
