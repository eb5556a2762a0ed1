"""Plain rows that the facade returns for lists that can grow long (the people table)."""

from __future__ import annotations

from typing import NamedTuple

from fieldkit.core.model import AgeGroup, Gender, Role


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
