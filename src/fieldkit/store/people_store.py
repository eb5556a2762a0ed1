"""The store's part of bringing people in from a list: one write for a whole import.

`PeopleStore` is mixed into `Workspace`. An import is planned without writing anything
(`fieldkit.io.people_import`); what it planned is written here in one transaction, so a file either
comes in whole or not at all, and every field is stamped with the clock like any other edit.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldkit.core.errors import InvalidInput
from fieldkit.core.ids import registration_id
from fieldkit.core.model import Changes, Event, Organisation, Person, Registration
from fieldkit.i18n import _
from fieldkit.store.base import WorkspaceBase, changes_of


class PeopleStore(WorkspaceBase):
    """Writes of the people import."""

    def import_people(
        self,
        event_id: str,
        *,
        organisations: Sequence[Organisation] = (),
        people: Sequence[Person] = (),
        registrations: Sequence[Registration] = (),
    ) -> Changes:
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
            return Changes()
        with self._writing() as conn:
            # Parents first, although foreign keys are only checked at the commit.
            kinds = self._save_in(conn, [*organisations, *people, *registrations])
        return changes_of(kinds)
