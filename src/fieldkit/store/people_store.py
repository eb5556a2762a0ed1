"""The store's part of bringing people in from a list: one write for a whole import.

`PeopleStore` is mixed into `Workspace`. An import is planned without writing anything
(`fieldkit.io.people_import`); what it planned is written here in one transaction, so a file either
comes in whole or not at all, and every field is stamped with the clock like any other edit.
"""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from fieldkit.core.errors import Cancelled, InvalidInput
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
from fieldkit.store.base import _CHUNK, WorkspaceBase, changes_of

if TYPE_CHECKING:
    from sqlalchemy import Connection

R = TypeVar("R", Person, Registration)
IMPORT_BATCH = 5000  # records written between two looks at Cancel

# What an import may fill in a person or a registration that already exists, and the value that
# counts as empty there. Everything else of a stored record is left as it is.
_FILLED: dict[type[Any], dict[str, Any]] = {
    Person: {
        "gender": Gender.NOT_STATED,
        "age_group": None,
        "phone": "",
        "email": "",
        "id_card": "",
        "organisation_id": None,
    },
    Registration: {"delegation": "", "municipality": "", "country": ""},
}


# The columns of `people_match_rows`, in order; the text ones read as "" rather than NULL.
MATCH_COLUMNS = (
    "id",
    "given_names",
    "surnames",
    "gender",
    "age_group",
    "phone",
    "email",
    "id_card",
    "organisation_id",
    "consent_photos",
    "consent_contact",
)
_TEXT_COLUMNS = {"given_names", "surnames", "phone", "email", "id_card"}
_GENDERS = {g.value: g for g in Gender}
_AGES = {a.value: a for a in AgeGroup}


def person_from_row(row: Sequence[Any]) -> Person:
    """The record of one row of `people_match_rows`."""
    pid, given, surnames, gender, age, phone, email, card, org, photos, contact = row
    return Person(
        pid,
        given,
        surnames,
        _GENDERS.get(gender, Gender.NOT_STATED),
        _AGES.get(age) if age else None,
        phone,
        email,
        card,
        org,
        bool(photos),
        bool(contact),
    )


class PeopleStore(WorkspaceBase):
    """Reads and writes of the people import."""

    def people_to_match(self, event_id: str) -> builtins.list[tuple[Person, Registration | None]]:
        """Every person of the workspace (merged duplicates left out) with their registration at
        the event, when there is one: what an import matches its rows against."""
        rows, registrations = self.people_match_rows(event_id)
        return [(person_from_row(row), registrations.get(row[0])) for row in rows]

    def people_match_rows(
        self, event_id: str
    ) -> tuple[builtins.list[tuple[Any, ...]], dict[str, Registration]]:
        """`people_to_match` as plain rows (`MATCH_COLUMNS`, `person_from_row` makes one a
        record), and the registrations at the event by person id.

        Plain SQL, one query each: an import into a workspace of 50,000 people reads them all, and
        SQLAlchemy's row objects, or a record per person, would cost more than the matching.
        """
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
            columns = ", ".join(
                f"coalesce({name}, '')" if name in _TEXT_COLUMNS else name for name in MATCH_COLUMNS
            )
            rows = conn.exec_driver_sql(
                f"SELECT {columns} FROM person WHERE deleted = 0 AND merged_into IS NULL"
            ).fetchall()
        return [tuple(row) for row in rows], registrations

    def import_people(
        self,
        event_id: str,
        *,
        organisations: Sequence[Organisation] = (),
        people: Sequence[Person] = (),
        registrations: Sequence[Registration] = (),
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        before_commit: Callable[[], object] | None = None,
    ) -> Result[None]:
        """Add or complete people, their organisations and their registrations to one event.

        Saving only changes what differs: a plan applied twice writes nothing the second time.
        `progress(done, total)` hears of each batch of records written; when `cancelled()`
        says True between two batches, the whole transaction is rolled back (`Cancelled`).
        `before_commit()` runs last in the transaction: what it raises rolls everything back.
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
            # The plan was made from an earlier read: what was written since (another page, a
            # sync) is read again here, in the write's own transaction, and never overwritten.
            people = self._filled_in(conn, Person, people)
            registrations = self._filled_in(conn, Registration, registrations)
            # Parents first, although foreign keys are only checked at the commit.
            records = [*organisations, *people, *registrations]
            kinds: set[str] = set()
            for start in range(0, len(records), IMPORT_BATCH):
                if cancelled is not None and cancelled():
                    raise Cancelled(_("The import was cancelled; nothing was changed."))
                kinds |= self._save_in(conn, records[start : start + IMPORT_BATCH])
                if progress is not None:
                    progress(min(start + IMPORT_BATCH, len(records)), len(records))
            if cancelled is not None and cancelled():
                raise Cancelled(_("The import was cancelled; nothing was changed."))
            if before_commit is not None:
                before_commit()
        return done(changes_of(kinds))

    def _filled_in(self, conn: Connection, cls: type[R], records: Sequence[R]) -> list[R]:
        """`records` as they may be written now: a new or deleted one whole; for one stored, the
        stored record with only its empty fields filled from the planned one."""
        kind = "person" if cls is Person else "registration"
        stored: dict[str, R] = {}
        ids = [record.id for record in records]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for row in conn.exec_driver_sql(
                f'SELECT * FROM "{kind}" WHERE id IN ({marks})', tuple(chunk)
            ):
                if not row.deleted:  # a deleted one comes back as the list has it
                    stored[row.id] = self._record(kind, row)
        empty = _FILLED[cls]
        result: list[R] = []
        for record in records:
            current = stored.get(record.id)
            if current is None:
                result.append(record)
                continue
            changes = {
                name: getattr(record, name)
                for name, blank in empty.items()
                if getattr(current, name) == blank and getattr(record, name) != blank
            }
            if changes:
                result.append(dataclasses.replace(current, **changes))
        return result
