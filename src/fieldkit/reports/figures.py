"""Attendance figures as donors ask for them, computed from the plain data of the minutes.

Two measures: unique people (each person once in a period, whatever the number of sessions) and
person-sessions (each person once per session). A day counts everyone recorded at any of its
sessions, its arrival included, so a day's figure is the workspace's `present_counts`. A session
where names were not taken counts its head count, shown as such and never added to unique people.
Someone present in person at any session of a period counts as in person for it.

Attendance not recorded is not "nobody came": see `recorded_sessions`. A session or day whose
attendance was not recorded is shown as such, is left out of the columns of the breakdowns and of
the denominator of the average per session.

Small counts: with `hide_below` N, a count between 1 and N - 1 is withheld and shown as "<N"
(`masked`), so a report shared outside does not single anyone out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from fieldkit.core.model import AgeGroup, AttendanceMode, Gender
from fieldkit.core.text import fold
from fieldkit.reports.data import (
    DayInfo,
    HeadCount,
    MinutesData,
    Participant,
    Presence,
    Scope,
    SessionInfo,
)


class Dimension(StrEnum):
    GENDER = "gender"
    AGE_GROUP = "age_group"
    MODE = "mode"
    COUNTRY = "country"
    DELEGATION = "delegation"
    MUNICIPALITY = "municipality"
    ORGANISATION = "organisation"


UNKNOWN = ""  # the category of people for whom a dimension is not recorded


@dataclass(frozen=True)
class Split:
    """How many people, by gender and by mode (None for a head count, which has no mode)."""

    total: int = 0
    women: int = 0
    men: int = 0
    another: int = 0
    not_stated: int = 0
    in_person: int | None = 0
    virtual: int | None = 0

    @property
    def genders(self) -> tuple[int, int, int, int]:
        return (self.women, self.men, self.another, self.not_stated)


@dataclass(frozen=True)
class DayFigure:
    day: DayInfo
    people: Split  # unique people of the day
    recorded: bool = True  # False: no session of the day had its attendance recorded


@dataclass(frozen=True)
class SessionFigure:
    session: SessionInfo
    people: Split
    head_count: bool = False  # names not taken: a tally, not a list
    recorded: bool = True  # False: attendance was not taken, which is not "nobody came"


@dataclass(frozen=True)
class Period:
    """A column of the breakdowns: one day, or the whole scope (the event, a day, a session)."""

    day_number: int | None  # None: the whole scope


@dataclass(frozen=True)
class BreakdownRow:
    category: str  # an enum value for gender, age group and mode; a name otherwise; "" unknown
    counts: tuple[int, ...]  # one per period


@dataclass(frozen=True)
class Breakdown:
    dimension: Dimension
    rows: tuple[BreakdownRow, ...]
    totals: tuple[int, ...]


@dataclass(frozen=True)
class Figures:
    unique_people: int
    person_sessions: int  # named attendance at the sessions of the agenda (arrivals aside)
    head_counted: int  # people counted at sessions where names were not taken
    registered: int
    days: tuple[DayFigure, ...]
    sessions: tuple[SessionFigure, ...]
    periods: tuple[Period, ...]
    breakdowns: tuple[Breakdown, ...]
    sessions_not_recorded: int = 0  # sessions of the agenda whose attendance was not recorded

    @property
    def sessions_recorded(self) -> int:
        return len(self.sessions) - self.sessions_not_recorded

    @property
    def average_per_session(self) -> float | None:
        """People per session of the agenda, over the sessions whose attendance was recorded
        only; None when there is none."""
        if not self.sessions_recorded:
            return None
        return (self.person_sessions + self.head_counted) / self.sessions_recorded


def recorded_sessions(
    presences: Iterable[Presence], head_counts: Iterable[HeadCount]
) -> frozenset[str]:
    """The ids of the sessions whose attendance was recorded, the rule for "not recorded".

    A session's attendance was recorded when anyone was recorded at it (checked in at the door,
    ticked on a paper sheet, marked online, in person or having left early: an attendance row of
    any kind) or when a head count was kept for it (a tally, even one back at zero: someone
    counted). A session with none of these was not recorded: its figures are unknown, not zero.
    """
    return frozenset(p.session_id for p in presences) | {h.session_id for h in head_counts}


def masked(value: int, hide_below: int) -> bool:
    """True when a count is small enough to be withheld."""
    return 0 < value < hide_below


def _split(people: Iterable[Participant], modes: dict[str, AttendanceMode]) -> Split:
    genders = Counter(p.gender for p in people)
    by_mode = Counter(modes.values())
    return Split(
        total=len(modes),
        women=genders[Gender.WOMAN],
        men=genders[Gender.MAN],
        another=genders[Gender.ANOTHER],
        not_stated=genders[Gender.NOT_STATED],
        in_person=by_mode[AttendanceMode.IN_PERSON],
        virtual=by_mode[AttendanceMode.VIRTUAL],
    )


def _category(dimension: Dimension, person: Participant, mode: AttendanceMode) -> str:
    if dimension == Dimension.GENDER:
        return str(person.gender)
    if dimension == Dimension.AGE_GROUP:
        return str(person.age_group) if person.age_group else UNKNOWN
    if dimension == Dimension.MODE:
        return str(mode)
    value: str = getattr(person, dimension.value)
    return value.strip()


def _order(dimension: Dimension, totals: Counter[str]) -> list[str]:
    """Genders and modes all, even at zero (a zero is an answer too); age groups all, unknown
    last when there is any; names by count, largest first, then alphabetically, unknown last."""
    if dimension == Dimension.GENDER:
        return [str(g) for g in Gender]
    if dimension == Dimension.MODE:
        return [str(m) for m in AttendanceMode]
    if dimension == Dimension.AGE_GROUP:
        named = [str(a) for a in AgeGroup]
    else:
        named = sorted((c for c in totals if c), key=lambda c: (-totals[c], fold(c), c))
    return [*named, UNKNOWN] if UNKNOWN in totals else named


def attendance_figures(data: MinutesData) -> Figures:
    people = {p.id: p for p in data.participants}
    session_day = {s.id: s.day_number for s in data.sessions}
    # {day number: {person id: mode}}, in person winning over online
    by_day: dict[int, dict[str, AttendanceMode]] = defaultdict(dict)
    by_session: dict[str, dict[str, AttendanceMode]] = defaultdict(dict)
    for presence in data.presences:
        if presence.person_id not in people or presence.session_id not in session_day:
            continue
        by_session[presence.session_id][presence.person_id] = presence.mode
        day = by_day[session_day[presence.session_id]]
        if day.get(presence.person_id) != AttendanceMode.IN_PERSON:
            day[presence.person_id] = presence.mode
    whole: dict[str, AttendanceMode] = {}
    for number in sorted(by_day):
        for person_id, mode in by_day[number].items():
            if whole.get(person_id) != AttendanceMode.IN_PERSON:
                whole[person_id] = mode

    def split_of(modes: dict[str, AttendanceMode]) -> Split:
        return _split((people[i] for i in modes), modes)

    recorded = recorded_sessions(data.presences, data.head_counts)
    days = tuple(
        DayFigure(
            day,
            split_of(by_day.get(day.number, {})),
            recorded=any(s.id in recorded for s in day.sessions),
        )
        for day in data.days
    )
    head_counts = {h.session_id: h for h in data.head_counts}
    sessions: list[SessionFigure] = []
    for session in data.agenda_sessions:
        if session.names_taken:
            sessions.append(
                SessionFigure(
                    session,
                    split_of(by_session.get(session.id, {})),
                    recorded=session.id in recorded,
                )
            )
            continue
        count = head_counts.get(session.id)
        sessions.append(
            SessionFigure(
                session,
                Split(
                    total=count.total if count else 0,
                    women=count.women if count else 0,
                    men=count.men if count else 0,
                    another=count.another if count else 0,
                    not_stated=count.not_stated if count else 0,
                    in_person=None,
                    virtual=None,
                ),
                head_count=True,
                recorded=session.id in recorded,
            )
        )
    periods = _periods(data, {f.day.number for f in days if f.recorded})
    columns: list[dict[str, AttendanceMode]] = [
        whole if period.day_number is None else by_day.get(period.day_number, {})
        for period in periods
    ]
    breakdowns = tuple(
        _breakdown(dimension, columns, lambda i: people[i]) for dimension in Dimension
    )
    return Figures(
        unique_people=len(whole),
        person_sessions=sum(
            len(by_session.get(f.session.id, {})) for f in sessions if not f.head_count
        ),
        head_counted=sum(f.people.total for f in sessions if f.head_count),
        registered=data.registered,
        days=days,
        sessions=tuple(sessions),
        periods=periods,
        breakdowns=breakdowns,
        sessions_not_recorded=sum(1 for f in sessions if not f.recorded),
    )


def _periods(data: MinutesData, recorded_days: set[int]) -> tuple[Period, ...]:
    """Each day whose attendance was recorded and the whole event, for an event of several such
    days; else the scope alone (one day's column would repeat the whole's)."""
    days = [day.number for day in data.days if day.number in recorded_days]
    if data.scope == Scope.EVENT and len(days) > 1:
        return (*(Period(number) for number in days), Period(None))
    return (Period(None),)


def _breakdown(
    dimension: Dimension,
    columns: list[dict[str, AttendanceMode]],
    person: Callable[[str], Participant],
) -> Breakdown:
    counts: list[Counter[str]] = []
    for modes in columns:
        counts.append(Counter(_category(dimension, person(i), mode) for i, mode in modes.items()))
    overall = counts[-1]
    order = _order(dimension, overall)
    rows = tuple(BreakdownRow(c, tuple(column[c] for column in counts)) for c in order)
    return Breakdown(dimension, rows, tuple(len(modes) for modes in columns))
