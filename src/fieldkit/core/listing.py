"""Plain values that the facade returns for what the window lists and shows first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from fieldkit.core.model import AgeGroup, Axis, Day, Event, Gender, Objective, Role, Session


class PersonRow(NamedTuple):
    """A person of the workspace with their organisation's name and, when they are registered at
    the event asked about, that registration's fields.

    A named tuple rather than a frozen dataclass: the people table builds 50,000 of them at once,
    and a tuple is made several times faster.
    """

    id: str
    given_names: str = ""
    surnames: str = ""
    gender: Gender = Gender.NOT_STATED
    age_group: AgeGroup | None = None
    phone: str = ""
    email: str = ""
    id_card: str = ""
    organisation_id: str | None = None
    organisation: str = ""
    consent_photos: bool = False
    consent_contact: bool = False
    registered: bool = False
    role: Role | None = None
    delegation: str = ""
    municipality: str = ""
    country: str = ""
    badge_code: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surnames) if part)


@dataclass(frozen=True)
class EventOutline:
    """What the window shows first of an event: what it is and aims at, its agenda, who came.

    `present_by_day` is {day id: number of people present that day}.
    """

    event: Event
    objectives: tuple[Objective, ...] = ()
    axes: tuple[Axis, ...] = ()
    days: tuple[Day, ...] = ()
    sessions: tuple[Session, ...] = ()
    registered: int = 0
    present_by_day: dict[str, int] = field(default_factory=dict)
