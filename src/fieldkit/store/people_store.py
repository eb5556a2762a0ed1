"""The store's part of bringing people in from a list: one write for a whole import.

`PeopleStore` is mixed into `Workspace`. An import is planned without writing anything
(`fieldkit.io.people_import`); what it planned is written here in one transaction, so a file either
comes in whole or not at all, and every field is stamped with the clock like any other edit.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from fieldkit.core.errors import InvalidInput
from fieldkit.core.ids import registration_id
from fieldkit.core.model import (
    AgeGroup,
    Changes,
    Event,
    Gender,
    Organisation,
    Person,
    Registration,
    Result,
    Role,
    done,
)
from fieldkit.i18n import _
from fieldkit.store.base import WorkspaceBase, changes_of


class PeopleStore(WorkspaceBase):
    """Reads and writes of the people import."""

    def people_to_match(self, event_id: str) -> builtins.list[tuple[Person, Registration | None]]:
        """Every person of the workspace (merged duplicates left out) with their registration at
        the event, when there is one: what an import matches its rows against.

        Plain SQL and two queries: an import into a workspace of 50,000 people reads them all,
        and SQLAlchemy's joins and row objects would cost more than the matching.
        """
        genders = {g.value: g for g in Gender}
        ages = {a.value: a for a in AgeGroup}
        roles = {r.value: r for r in Role}
        with self._reading() as conn:
            registrations = {
                person_id: Registration(
                    reg_id,
                    event_id,
                    person_id,
                    roles.get(role, Role.PARTICIPANT),
                    delegation or "",
                    municipality or "",
                    country or "",
                    badge or "",
                )
                for reg_id, person_id, role, delegation, municipality, country, badge in (
                    conn.exec_driver_sql(
                        "SELECT id, person_id, role, delegation, municipality, country, "
                        "badge_code FROM registration WHERE event_id = ? AND deleted = 0",
                        (event_id,),
                    )
                )
            }
            people = conn.exec_driver_sql(
                "SELECT id, given_names, surnames, gender, age_group, phone, email, id_card, "
                "organisation_id, consent_photos, consent_contact FROM person "
                "WHERE deleted = 0 AND merged_into IS NULL"
            ).fetchall()
        return [
            (
                Person(
                    pid,
                    given or "",
                    surnames or "",
                    genders.get(gender, Gender.NOT_STATED),
                    ages.get(age) if age else None,
                    phone or "",
                    email or "",
                    card or "",
                    org,
                    bool(photos),
                    bool(contact),
                ),
                registrations.get(pid),
            )
            for pid, given, surnames, gender, age, phone, email, card, org, photos, contact in people
        ]

    def import_people(
        self,
        event_id: str,
        *,
        organisations: Sequence[Organisation] = (),
        people: Sequence[Person] = (),
        registrations: Sequence[Registration] = (),
    ) -> Result[None]:
        """Add or complete people, their organisations and their registrations to one event.

        Saving only changes what differs: a plan applied twice writes nothing the second time.
        """
        self.require(Event, event_id)
        for registration in registrations:
            if registration.event_id != event_id or registration.id != registration_id(
                event_id, registration.person_id
            ):
                raise InvalidInput(_("An import can only register people to its own event."))
        if not (organisations or people or registrations):
            return done(Changes())
        with self._writing() as conn:
            # Parents first, although foreign keys are only checked at the commit.
            kinds = self._save_in(conn, [*organisations, *people, *registrations])
        return done(changes_of(kinds))
