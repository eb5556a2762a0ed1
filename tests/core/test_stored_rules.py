"""The model's rules over stored records, as `fieldkit check` applies them."""

from __future__ import annotations

import datetime as dt

from fieldkit.core.model import Day, Decision, Event, Session, Tally
from fieldkit.core.rules import MAX_COUNT, StoredRecords, link_breaches, stored_breaches


def test_links_to_themselves_and_circles_are_named_once_and_chains_are_not() -> None:
    links: dict[str, str | None] = {
        "a": "a",  # itself
        "b": "c",  # b → c → b: a circle
        "c": "b",
        "d": "e",  # d → e → f → d
        "e": "f",
        "f": "d",
        "g": "b",  # a chain into a circle is not itself a circle
        "h": "i",  # a plain chain
        "i": None,
        "j": "gone",  # a dangling link is the foreign-key check's business
    }
    messages = [breach.message for breach in link_breaches("person", links)]
    assert messages == [
        "The person record a points at itself.",
        "The person records b, c point at each other in a circle.",
        "The person records d, e, f point at each other in a circle.",
    ]


def test_dates_times_counts_and_places_are_checked() -> None:
    event = Event(id="e1", code="E1", start_date=dt.date(2024, 5, 3), end_date=dt.date(2024, 5, 1))
    other = Event(id="e2", code="E2", start_date=dt.date(1, 1, 1))
    day = Day(id="d1", event_id="e1", date=dt.date(2024, 5, 1))
    other_day = Day(id="d2", event_id="e2", date=dt.date(9999, 1, 1))
    session = Session(id="s1", day_id="d2", start_time="99:99")
    backwards = Session(id="s2", day_id="d1", start_time="10:00", end_time="09:00")
    records = StoredRecords(
        events=[event, other],
        days=[day, other_day],
        sessions=[session, backwards],
        tallies=[Tally(id="t1", session_id="s2", women=-1), Tally(id="t2", men=MAX_COUNT + 1)],
        decisions=[Decision(id="x1", event_id="e1", session_id="s1")],
    )
    messages = {breach.message for breach in stored_breaches(records)}
    assert messages == {
        "The event E1 ends (2024-05-01) before it starts (2024-05-03).",
        "The event record e2 has a date in the year 1, outside 1900–2199.",
        "The day record d2 has a date in the year 9999, outside 1900–2199.",
        "The session record s1 has the time “99:99”, not HH:MM.",
        "The session record s2 ends (09:00) before it starts (10:00).",
        "The tally record t1 holds a count of -1, outside 0–1000000.",
        f"The tally record t2 holds a count of {MAX_COUNT + 1}, outside 0–1000000.",
        "The decision record x1 belongs to a session of another event.",
    }


def test_sound_records_break_no_rule() -> None:
    event = Event(id="e1", code="E1", start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 5, 3))
    records = StoredRecords(
        events=[event],
        days=[Day(id="d1", event_id="e1", date=dt.date(2024, 5, 1))],
        sessions=[Session(id="s1", day_id="d1", start_time="09:00", end_time="10:30")],
        tallies=[Tally(id="t1", session_id="s1", women=12, men=9)],
        decisions=[Decision(id="x1", event_id="e1", session_id="s1")],
        person_links={"p1": "p2", "p2": None},
    )
    assert stored_breaches(records) == []
