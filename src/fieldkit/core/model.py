"""The records of a workspace, as frozen dataclasses.

These classes are the one description of the data: the store derives its tables from them, the
interchange format its fields, and the facade returns them. Every record has an `id`; a field whose
metadata names a `ref` points at another record kind. Storage adds `deleted` (a tombstone that
syncs) and the per-field clocks; neither appears here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar


class Gender(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    ANOTHER = "another"
    NOT_STATED = "not_stated"


class AgeGroup(StrEnum):
    UNDER_18 = "under_18"
    FROM_18_TO_29 = "18_29"
    FROM_30_TO_44 = "30_44"
    FROM_45_TO_59 = "45_59"
    FROM_60 = "60_plus"


class EventFormat(StrEnum):
    IN_PERSON = "in_person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"


# A session's mode has the same three values as an event's format.
SessionMode = EventFormat


class SessionKind(StrEnum):
    ARRIVAL = "arrival"  # the check-in of a day; every day has exactly one
    PLENARY = "plenary"
    WORKING_GROUP = "working_group"
    VIDEO_PROJECTION = "video_projection"
    EXHIBITION_PANEL = "exhibition_panel"
    DIALOGUE = "dialogue"
    FIELD_VISIT = "field_visit"
    MEETING = "meeting"
    OTHER = "other"


class AttendanceMode(StrEnum):
    IN_PERSON = "in_person"
    VIRTUAL = "virtual"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LEFT_EARLY = "left_early"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Role(StrEnum):
    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"
    RAPPORTEUR = "rapporteur"
    ORGANISER = "organiser"
    SPEAKER = "speaker"
    GUEST = "guest"
    STAFF = "staff"


class PartnerRole(StrEnum):
    ORGANISER = "organiser"
    PARTNER = "partner"
    FUNDER = "funder"
    PARTICIPANT = "participant"


def ref(kind: str, *, required: bool = False) -> Any:
    """A field that holds the id of a record of `kind`."""
    if required:
        return field(default="", metadata={"ref": kind})
    return field(default=None, metadata={"ref": kind})


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str = ""
    short_name: str = ""
    country: str = ""
    parent_id: str | None = ref("organisation")


@dataclass(frozen=True)
class Programme:
    id: str
    name: str = ""
    description: str = ""


@dataclass(frozen=True)
class Person:
    """Someone the workspace knows; the same person counts once across all events."""

    id: str
    given_names: str = ""
    surnames: str = ""
    gender: Gender = Gender.NOT_STATED
    age_group: AgeGroup | None = None
    phone: str = ""
    email: str = ""
    id_card: str = ""
    organisation_id: str | None = ref("organisation")
    consent_photos: bool = False
    consent_contact: bool = False
    merged_into: str | None = ref("person")

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surnames) if part)


@dataclass(frozen=True)
class Event:
    id: str
    code: str = ""
    title: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    places: str = ""
    format: EventFormat = EventFormat.IN_PERSON
    context: str = ""
    general_objective: str = ""
    programme_id: str | None = ref("programme")
    archived: bool = False


@dataclass(frozen=True)
class Objective:
    """A specific objective of an event, in the order of `position` (1, 2, …)."""

    id: str
    event_id: str = ref("event", required=True)
    position: int = 0
    text: str = ""


@dataclass(frozen=True)
class Axis:
    """A thematic axis of an event."""

    id: str
    event_id: str = ref("event", required=True)
    position: int = 0
    title: str = ""
    description: str = ""


@dataclass(frozen=True)
class EventPartner:
    """An organisation's part in an event (id derived from the pair)."""

    id: str
    event_id: str = ref("event", required=True)
    organisation_id: str = ref("organisation", required=True)
    role: PartnerRole = PartnerRole.PARTNER


@dataclass(frozen=True)
class Registration:
    """A person at an event, with what is specific to that event (id derived from the pair)."""

    id: str
    event_id: str = ref("event", required=True)
    person_id: str = ref("person", required=True)
    role: Role = Role.PARTICIPANT
    delegation: str = ""
    municipality: str = ""
    country: str = ""
    badge_code: str = ""


@dataclass(frozen=True)
class Day:
    id: str
    event_id: str = ref("event", required=True)
    date: dt.date | None = None
    title: str = ""


@dataclass(frozen=True)
class Session:
    id: str
    day_id: str = ref("day", required=True)
    start_time: str = ""  # "HH:MM", local time of the event
    end_time: str = ""
    title: str = ""
    kind: SessionKind = SessionKind.PLENARY
    mode: SessionMode = SessionMode.IN_PERSON
    room: str = ""
    link: str = ""
    facilitator: str = ""
    rapporteur: str = ""
    description: str = ""
    names_taken: bool = True  # False: only a head-count tally is kept


@dataclass(frozen=True)
class SessionAxis:
    id: str
    session_id: str = ref("session", required=True)
    axis_id: str = ref("axis", required=True)


@dataclass(frozen=True)
class SessionObjective:
    id: str
    session_id: str = ref("session", required=True)
    objective_id: str = ref("objective", required=True)


@dataclass(frozen=True)
class WorkingGroup:
    id: str
    session_id: str = ref("session", required=True)
    position: int = 0
    name: str = ""
    axis_id: str | None = ref("axis")
    facilitator: str = ""
    rapporteur: str = ""


@dataclass(frozen=True)
class GroupMember:
    id: str
    group_id: str = ref("working_group", required=True)
    person_id: str = ref("person", required=True)


@dataclass(frozen=True)
class Attendance:
    """A person at a session (id derived from the pair). A tombstone undoes a check-in."""

    id: str
    session_id: str = ref("session", required=True)
    person_id: str = ref("person", required=True)
    status: AttendanceStatus = AttendanceStatus.PRESENT
    mode: AttendanceMode = AttendanceMode.IN_PERSON
    checked_in_at: dt.datetime | None = None
    left_at: dt.datetime | None = None
    recorded_by: str = ""


@dataclass(frozen=True)
class Tally:
    """A head count by gender, one row per session and laptop so counts from two laptops add up."""

    id: str
    session_id: str = ref("session", required=True)
    device: str = ""
    women: int = 0
    men: int = 0
    another: int = 0
    not_stated: int = 0


@dataclass(frozen=True)
class Note:
    """The notes of a session, or of one working group of it (id derived from the target)."""

    id: str
    session_id: str = ref("session", required=True)
    group_id: str | None = ref("working_group")
    key_points: str = ""
    lessons: str = ""
    proposals: str = ""
    agreements: str = ""


@dataclass(frozen=True)
class Decision:
    id: str
    event_id: str = ref("event", required=True)
    session_id: str | None = ref("session")
    group_id: str | None = ref("working_group")
    position: int = 0
    text: str = ""


@dataclass(frozen=True)
class ActionItem:
    id: str
    event_id: str = ref("event", required=True)
    session_id: str | None = ref("session")
    what: str = ""
    due_date: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    position: int = 0


@dataclass(frozen=True)
class ActionOwner:
    """Who carries an action: a person, an organisation, or a name typed as is."""

    id: str
    action_id: str = ref("action_item", required=True)
    person_id: str | None = ref("person")
    organisation_id: str | None = ref("organisation")
    name: str = ""


@dataclass(frozen=True)
class Attachment:
    """A photo or document, stored once by the SHA-256 of its bytes."""

    id: str
    event_id: str = ref("event", required=True)
    session_id: str | None = ref("session")
    group_id: str | None = ref("working_group")
    sha256: str = ""
    filename: str = ""
    media_type: str = ""
    size: int = 0
    caption: str = ""
    shows_people: bool = False


# Every record kind by its table name, parents before children (the order of an import).
RECORD_KINDS: dict[str, type[Any]] = {
    "organisation": Organisation,
    "programme": Programme,
    "person": Person,
    "event": Event,
    "objective": Objective,
    "axis": Axis,
    "event_partner": EventPartner,
    "registration": Registration,
    "day": Day,
    "session": Session,
    "session_axis": SessionAxis,
    "session_objective": SessionObjective,
    "working_group": WorkingGroup,
    "group_member": GroupMember,
    "attendance": Attendance,
    "tally": Tally,
    "note": Note,
    "decision": Decision,
    "action_item": ActionItem,
    "action_owner": ActionOwner,
    "attachment": Attachment,
}

KIND_OF_CLASS: dict[type[Any], str] = {cls: kind for kind, cls in RECORD_KINDS.items()}


def record_fields(kind: str) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of a record kind, `id` first."""
    return dataclasses.fields(RECORD_KINDS[kind])


def references(kind: str) -> dict[str, str]:
    """{field name: referenced kind} for a record kind."""
    return {f.name: f.metadata["ref"] for f in record_fields(kind) if "ref" in f.metadata}


@dataclass(frozen=True)
class EventSummary:
    id: str
    code: str
    title: str
    start_date: dt.date | None
    end_date: dt.date | None
    archived: bool = False


_AREAS = ("events", "agenda", "people", "attendance", "notes")


@dataclass(frozen=True)
class Changes:
    """What a write changed, so each page decides whether to reload (Anki's OpChanges).

    `initiator` is whoever asked for the write (the page's write path sets it), so a page can
    recognise the echo of its own write; it takes no part in equality.
    """

    events: bool = False
    agenda: bool = False
    people: bool = False
    attendance: bool = False
    notes: bool = False
    initiator: object = field(default=None, compare=False, repr=False)

    def __or__(self, other: Changes) -> Changes:
        """Both changes together; the initiator stays only when it is the same on both sides
        (an empty side with no initiator does not count: it changed nothing)."""
        if self.initiator is other.initiator or (other.initiator is None and not other.anything):
            initiator = self.initiator
        elif self.initiator is None and not self.anything:
            initiator = other.initiator
        else:
            initiator = None
        flags = {name: getattr(self, name) or getattr(other, name) for name in _AREAS}
        return Changes(**flags, initiator=initiator)

    def by(self, initiator: object) -> Changes:
        """The same changes, made at the request of `initiator`."""
        return dataclasses.replace(self, initiator=initiator)

    @classmethod
    def everything(cls) -> Changes:
        """Every area at once (the workspace was put back from a copy)."""
        return cls(**dict.fromkeys(_AREAS, True))

    @property
    def anything(self) -> bool:
        return any(getattr(self, name) for name in _AREAS)


T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True)
class Result(Generic[T_co]):
    """What every write returns: the value it made (None when it makes nothing to hand back)
    and the `Changes` it caused (Anki's OpChangesWithId, for every operation alike)."""

    value: T_co
    changes: Changes = field(default_factory=Changes)


def done(changes: Changes) -> Result[None]:
    """The result of a write that makes nothing to hand back."""
    return Result(None, changes)


@dataclass(frozen=True)
class Conflict:
    """A value that lost a concurrent edit, kept until someone resolves it.

    Its id derives from the record, field and losing stamp, so every laptop that sees the same
    conflict makes the same row, whatever the order of imports.
    """

    id: str
    record_kind: str = ""
    record_id: str = ""
    field: str = ""
    value: str = ""  # the losing value as JSON
    stamp: str = ""  # the losing value's clock stamp
    resolved: bool = False


RECORD_KINDS["conflict"] = Conflict
KIND_OF_CLASS[Conflict] = "conflict"


@dataclass(frozen=True)
class DistinctPeople:
    """Two people marked as not the same person, never suggested as duplicates again.

    Its id derives from the pair (in either order), so two laptops that mark the same pair make
    the same row; a tombstone takes the mark back.
    """

    id: str
    person_a: str = ref("person", required=True)
    person_b: str = ref("person", required=True)


@dataclass(frozen=True)
class PersonMerge:
    """One person merged into another, with what undoing it needs (id derived from the merged
    person). The merge itself is the merged person's `merged_into`; a tombstone: undone."""

    id: str
    person_id: str = ref("person", required=True)  # the person merged away
    kept_id: str = ref("person", required=True)
    kept_before: str = "{}"  # JSON {field: value} of the kept person's fields the merge changed
    moved: str = "[]"  # JSON ids of people merged into `person_id` that now point at `kept_id`
    merged_at: dt.datetime | None = None


RECORD_KINDS["distinct_people"] = DistinctPeople
RECORD_KINDS["person_merge"] = PersonMerge
KIND_OF_CLASS[DistinctPeople] = "distinct_people"
KIND_OF_CLASS[PersonMerge] = "person_merge"


@dataclass(frozen=True)
class PersonErasure:
    """A person's personal data erased on request (id derived from the person): final, and
    honoured by every laptop that receives it (see `fieldkit.core.erasure`)."""

    id: str
    person_id: str = ref("person", required=True)
    keep_initials: bool = True  # the name is kept as initials, else removed
    erased_on: dt.date | None = None


RECORD_KINDS["person_erasure"] = PersonErasure
KIND_OF_CLASS[PersonErasure] = "person_erasure"


class Keep(StrEnum):
    """Which value settles a conflict: the one this laptop holds, or the other laptop's."""

    CURRENT = "current"
    THEIRS = "theirs"


@dataclass(frozen=True)
class OpenConflict:
    """An unresolved conflict with both values and the laptops that wrote them."""

    id: str
    record_kind: str
    record_id: str
    field: str
    kept_value: Any
    kept_by: str
    kept_stamp: str
    other_value: Any
    other_by: str
    other_stamp: str


@dataclass(frozen=True)
class ExchangeLogEntry:
    """One line of this laptop's exchange log: an export, an import or an undo."""

    id: int
    at: str
    direction: str
    file_name: str
    file_sha256: str
    peer_device: str
    summary: str  # JSON of what the import did
    snapshot: str | None  # the copy taken before an import, to undo it
