"""The attendance figures: unique people, person-sessions, head counts, small counts withheld."""

from __future__ import annotations

import dataclasses
import datetime as dt

from fieldkit.core.model import AgeGroup, AttendanceMode, Gender, SessionKind
from fieldkit.reports.data import (
    DayInfo,
    EventInfo,
    HeadCount,
    MinutesData,
    Participant,
    Presence,
    Scope,
    SessionInfo,
)
from fieldkit.reports.figures import Dimension, attendance_figures, masked

IN, ONLINE = AttendanceMode.IN_PERSON, AttendanceMode.VIRTUAL


def _data() -> MinutesData:
    def session(
        sid: str, day: int, kind: SessionKind = SessionKind.PLENARY, **kw: object
    ) -> SessionInfo:
        info = SessionInfo(id=sid, day_number=day, title=sid, kind=kind)
        return dataclasses.replace(info, **kw)

    days = (
        DayInfo(
            1,
            dt.date(2021, 10, 11),
            sessions=(
                session("arrival-1", 1, SessionKind.ARRIVAL),
                session("a", 1),
                session("b", 1),
                session("panels", 1, SessionKind.EXHIBITION_PANEL, names_taken=False),
            ),
        ),
        DayInfo(
            2,
            dt.date(2021, 10, 12),
            sessions=(
                session("arrival-2", 2, SessionKind.ARRIVAL),
                session("c", 2),
            ),
        ),
    )
    people = (
        Participant(
            "p1",
            "Teodora",
            "Ch'uxña",
            Gender.WOMAN,
            AgeGroup.FROM_30_TO_44,
            delegation="Taraco",
            country="Bolivia",
        ),
        Participant(
            "p2", "Félix", "Mamani", Gender.MAN, None, delegation="Taraco", country="Bolivia"
        ),
        Participant(
            "p3", "Claire", "Dumont", Gender.WOMAN, AgeGroup.FROM_45_TO_59, country="Francia"
        ),
    )
    presences = (
        Presence("arrival-1", "p1", IN),
        Presence("a", "p1", IN),
        Presence("b", "p1", IN),
        Presence("a", "p2", ONLINE),
        Presence("b", "p2", IN),  # in person at one: in person
        Presence("a", "p3", ONLINE),
        Presence("c", "p3", ONLINE),
        Presence("arrival-2", "p1", IN),
    )
    return MinutesData(
        scope=Scope.EVENT,
        event=EventInfo("T", "Test", dt.date(2021, 10, 11), dt.date(2021, 10, 12)),
        days=days,
        day_count=2,
        participants=people,
        presences=presences,
        head_counts=(HeadCount("panels", women=7, men=5),),
        registered=4,
    )


def test_unique_people_and_person_sessions() -> None:
    figures = attendance_figures(_data())
    assert figures.unique_people == 3
    assert figures.person_sessions == 6  # a: 3, b: 2, c: 1; the arrivals are not sessions
    assert figures.head_counted == 12  # and never added to the people above
    assert [f.people.total for f in figures.days] == [3, 2]
    day_one = figures.days[0].people
    assert (day_one.women, day_one.men, day_one.in_person, day_one.virtual) == (2, 1, 2, 1)
    by_session = {f.session.id: f for f in figures.sessions}
    assert "arrival-1" not in by_session
    assert by_session["panels"].head_count and by_session["panels"].people.in_person is None
    assert by_session["a"].people.virtual == 2


def test_breakdowns_by_day_and_for_the_whole_event() -> None:
    figures = attendance_figures(_data())
    assert [p.day_number for p in figures.periods] == [1, 2, None]
    breakdowns = {b.dimension: b for b in figures.breakdowns}
    gender = {r.category: r.counts for r in breakdowns[Dimension.GENDER].rows}
    assert gender == {
        "woman": (2, 2, 2),
        "man": (1, 0, 1),
        "another": (0, 0, 0),
        "not_stated": (0, 0, 0),
    }
    ages = [r.category for r in breakdowns[Dimension.AGE_GROUP].rows]
    assert ages[-1] == "" and len(ages) == len(AgeGroup) + 1  # unknown last
    country = breakdowns[Dimension.COUNTRY]
    assert [(r.category, r.counts) for r in country.rows] == [
        ("Bolivia", (2, 1, 2)),
        ("Francia", (1, 1, 1)),
    ]
    assert country.totals == (3, 2, 3)
    delegation = breakdowns[Dimension.DELEGATION]
    assert [r.category for r in delegation.rows] == ["Taraco", ""]
    mode = {r.category: r.counts for r in breakdowns[Dimension.MODE].rows}
    assert mode == {"in_person": (2, 1, 2), "virtual": (1, 1, 1)}


def test_small_counts_are_masked_but_not_zero() -> None:
    assert not masked(0, 5)
    assert masked(1, 5) and masked(4, 5)
    assert not masked(5, 5)
    assert not masked(1, 0)
