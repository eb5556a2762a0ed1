"""What the minutes print, as plain frozen data: no session, no Qt, no ReportLab.

`gather.gather_minutes` fills it from a workspace; `minutes.build_minutes` turns it into a PDF.
Tests and benchmarks can build it directly. Everything is already limited to the scope (the whole
event, one day or one session) and in the order it is printed.

Photos: a photo is carried (as bytes and caption) only when consent allows it. A photo that shows
no one (`Attachment.shows_people` is False) always is; one that shows people only when every
person who can be in it gave consent to photos: the members of its working group, or everyone
recorded at its session. Only JPEG and PNG images are carried.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from fieldkit.core.model import (
    ActionStatus,
    AgeGroup,
    AttendanceMode,
    EventFormat,
    Gender,
    PartnerRole,
    Role,
    SessionKind,
    SessionMode,
)


class Scope(StrEnum):
    EVENT = "event"
    DAY = "day"
    SESSION = "session"


@dataclass(frozen=True)
class EventInfo:
    code: str
    title: str
    start_date: dt.date | None
    end_date: dt.date | None
    places: str = ""
    format: EventFormat = EventFormat.IN_PERSON
    context: str = ""
    general_objective: str = ""
    programme: str = ""


@dataclass(frozen=True)
class PartnerInfo:
    name: str
    short_name: str = ""
    country: str = ""
    role: PartnerRole = PartnerRole.PARTNER


@dataclass(frozen=True)
class ObjectiveInfo:
    position: int
    text: str
    session_ids: tuple[str, ...] = ()  # the sessions in scope that served it, in agenda order


@dataclass(frozen=True)
class AxisInfo:
    position: int
    title: str
    description: str = ""


@dataclass(frozen=True)
class NoteInfo:
    """The four sections of a rapporteur's notes, each as typed ("- " lines are bullets)."""

    key_points: str = ""
    lessons: str = ""
    proposals: str = ""
    agreements: str = ""

    @property
    def empty(self) -> bool:
        return not (self.key_points or self.lessons or self.proposals or self.agreements)


@dataclass(frozen=True)
class Photo:
    data: bytes
    caption: str = ""
    media_type: str = "image/jpeg"


@dataclass(frozen=True)
class GroupInfo:
    position: int
    name: str
    axis: str = ""
    facilitator: str = ""
    rapporteur: str = ""
    members: tuple[str, ...] = ()  # full names, sorted
    note: NoteInfo = field(default_factory=NoteInfo)
    decisions: tuple[str, ...] = ()
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class SessionInfo:
    id: str
    day_number: int
    start_time: str = ""  # "HH:MM"
    end_time: str = ""
    title: str = ""
    kind: SessionKind = SessionKind.PLENARY
    mode: SessionMode = SessionMode.IN_PERSON
    room: str = ""
    link: str = ""
    facilitator: str = ""
    rapporteur: str = ""
    description: str = ""
    names_taken: bool = True
    axes: tuple[str, ...] = ()
    objective_positions: tuple[int, ...] = ()
    note: NoteInfo = field(default_factory=NoteInfo)
    decisions: tuple[str, ...] = ()
    groups: tuple[GroupInfo, ...] = ()
    photos: tuple[Photo, ...] = ()

    @property
    def is_arrival(self) -> bool:
        return self.kind == SessionKind.ARRIVAL


@dataclass(frozen=True)
class DayInfo:
    number: int  # counted from 1 in the event, whatever the scope
    date: dt.date | None
    title: str = ""
    sessions: tuple[SessionInfo, ...] = ()  # the arrival first, then in order of time


@dataclass(frozen=True)
class ActionInfo:
    what: str
    owners: tuple[str, ...] = ()
    due_date: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN


@dataclass(frozen=True)
class Participant:
    """A person recorded at a session in scope, with their registration at the event."""

    id: str
    given_names: str
    surnames: str
    gender: Gender = Gender.NOT_STATED
    age_group: AgeGroup | None = None
    organisation: str = ""
    organisation_short: str = ""
    role: Role = Role.PARTICIPANT
    delegation: str = ""
    municipality: str = ""
    country: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surnames) if part)


@dataclass(frozen=True)
class Presence:
    """A person at a session (arrival included), in person or online."""

    session_id: str
    person_id: str
    mode: AttendanceMode = AttendanceMode.IN_PERSON


@dataclass(frozen=True)
class HeadCount:
    """The head count of a session where names were not taken, summed over laptops."""

    session_id: str
    women: int = 0
    men: int = 0
    another: int = 0
    not_stated: int = 0

    @property
    def total(self) -> int:
        return self.women + self.men + self.another + self.not_stated


@dataclass(frozen=True)
class Signatory:
    name: str
    organisation: str = ""


@dataclass(frozen=True)
class MinutesData:
    scope: Scope
    event: EventInfo
    days: tuple[DayInfo, ...]  # only the days in scope
    day_count: int = 0  # days of the whole event
    partners: tuple[PartnerInfo, ...] = ()
    objectives: tuple[ObjectiveInfo, ...] = ()
    axes: tuple[AxisInfo, ...] = ()
    general_decisions: tuple[str, ...] = ()  # decisions of the event not tied to a session
    actions: tuple[ActionInfo, ...] = ()
    participants: tuple[Participant, ...] = ()  # everyone present in scope, by surname
    presences: tuple[Presence, ...] = ()
    head_counts: tuple[HeadCount, ...] = ()
    registered: int = 0
    signatories: tuple[Signatory, ...] = ()
    logo: bytes | None = None
    organisation: str = ""  # who issues the minutes, named on the cover with the logo

    @property
    def sessions(self) -> tuple[SessionInfo, ...]:
        return tuple(session for day in self.days for session in day.sessions)

    @property
    def agenda_sessions(self) -> tuple[SessionInfo, ...]:
        """The sessions of the agenda: all but the arrivals."""
        return tuple(session for session in self.sessions if not session.is_arrival)
