"""What an exchange brings, counted as people see it: sessions, participations, head counts."""

from __future__ import annotations

from fieldkit.core.merge import RecordState
from fieldkit.core.seen_counts import Change, SeenCounts, change_of, count_held, seen_as


def test_a_record_is_new_changed_or_removed_as_the_receiver_sees_it() -> None:
    shown, gone = {"title": "Plenaria"}, {"title": "Plenaria", "deleted": True}
    assert change_of(None, shown) is Change.NEW
    assert change_of(shown, shown) is Change.CHANGED
    assert change_of(shown, gone) is Change.REMOVED
    assert change_of(gone, shown) is Change.NEW  # shown again
    assert change_of(None, gone) is None  # made and removed elsewhere: never seen here
    assert change_of(gone, gone) is None
    assert change_of(None, {"deleted": 0}) is Change.NEW  # booleans as stored: 0 and 1


def test_inner_rows_are_not_things_people_see() -> None:
    assert seen_as("session", "s1", {"kind": "plenary"}) == ("session", "s1")
    assert seen_as("session", "a1", {"kind": "arrival"}) is None
    assert seen_as("conflict", "c1", {}) is None
    assert seen_as("attendance", "p@s1", {"session_id": "s1"}) == ("participation", "p@s1")
    assert seen_as("tally", "t1", {"session_id": "s1"}) == ("head_count", "s1")


def test_four_sessions_and_ten_participations_not_seven_and_twelve() -> None:
    counts = SeenCounts()
    for n in range(3):  # three days, each with the arrival session made with it
        counts.add("day", f"d{n}", None, {"event_id": "e"})
        counts.add("session", f"a{n}", None, {"kind": "arrival", "day_id": f"d{n}"})
    for n in range(4):
        counts.add("session", f"s{n}", None, {"kind": "plenary", "day_id": "d0"})
    for n in range(10):
        counts.add("attendance", f"p{n}@s0", None, {"session_id": "s0", "person_id": f"p{n}"})
    for n in range(2):  # checked in by mistake and undone on the other laptop
        counts.add("attendance", f"q{n}@s0", None, {"session_id": "s0", "deleted": True})
    # Two laptops counted heads at one session; an earlier session changed its room.
    counts.add("tally", "t1", None, {"session_id": "s1", "device": "desk"})
    counts.add("tally", "t2", None, {"session_id": "s1", "device": "group"})
    counts.add("session", "s9", {"kind": "plenary", "room": ""}, {"room": "Salón Titicaca"})
    assert counts.counts(Change.NEW) == {
        "day": 3,
        "head_count": 1,
        "participation": 10,
        "session": 4,
    }
    assert counts.counts(Change.CHANGED) == {"session": 1}
    assert counts.as_dict()["removed"] == {}


def test_a_change_to_an_arrival_session_stays_unseen_even_without_its_kind() -> None:
    counts = SeenCounts()
    # The incoming state carries only what it has; the kind is known from before.
    assert counts.add("session", "a1", {"kind": "arrival"}, {"title": "Llegada"}) is None
    assert counts.as_dict() == {"new": {}, "changed": {}, "removed": {}}


def test_what_a_file_holds_is_counted_while_it_is_written() -> None:
    states = [
        RecordState("session", "a1", {"kind": "arrival"}, {}),
        RecordState("session", "s1", {"kind": "plenary"}, {}),
        RecordState("attendance", "p@s1", {"session_id": "s1"}, {}),
        RecordState("attendance", "q@s1", {"session_id": "s1", "deleted": 1}, {}),
    ]
    held = SeenCounts()
    assert list(count_held(states, held)) == states  # passed through unchanged, in order
    assert held.counts(Change.NEW) == {"participation": 1, "session": 1}


def test_a_tick_on_a_session_changes_the_session() -> None:
    counts = SeenCounts()
    counts.add("session_objective", "l1", None, {"session_id": "s1", "objective_id": "o1"})
    counts.add("session_axis", "l2", {"session_id": "s1"}, {"session_id": "s1", "deleted": 1})
    counts.add("action_owner", "w1", None, {"action_id": "a1", "organisation_id": "o"})
    assert counts.counts(Change.CHANGED) == {"action_item": 1, "session": 1}
    assert counts.counts(Change.NEW) == {} and counts.counts(Change.REMOVED) == {}
    # A new session comes with its ticks: one new session, nothing changed.
    counts = SeenCounts()
    counts.add("session", "s2", None, {"kind": "plenary"})
    counts.add("session_objective", "l3", None, {"session_id": "s2", "objective_id": "o1"})
    assert counts.as_dict() == {"new": {"session": 1}, "changed": {}, "removed": {}}
