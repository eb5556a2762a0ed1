"""The store's part of check-in at the door: candidates, tallies, walk-ins and corrections.

`CheckinStore` is mixed into `Workspace`. Reads return plain values; every write goes through
`_save_in` and `_apply` of `WorkspaceBase`, in one transaction, so the clocks are stamped.
"""

from __future__ import annotations

import bisect
import builtins
import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldkit.core import clocks as clock_codec
from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.hlc import Stamp
from fieldkit.core.ids import attendance_id, new_id, registration_id, tally_id
from fieldkit.core.model import (
    Attachment,
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Changes,
    Day,
    Gender,
    Organisation,
    Person,
    Registration,
    Result,
    Role,
    Session,
    Tally,
    done,
)
from fieldkit.core.text import fold
from fieldkit.i18n import _
from fieldkit.store import lazy_sql
from fieldkit.store.base import WorkspaceBase, changes_of

if TYPE_CHECKING:
    from sqlalchemy import Connection, and_, select

    from fieldkit.core.checkin import CheckinPerson
    from fieldkit.store import schema
else:  # loaded on first use (see fieldkit.store.lazy_sql)
    lazy_sql.declare(globals(), "and_", "select", "schema")


@dataclass(frozen=True)
class WalkIn:
    """What adding a walk-in wrote: the new person, their registration and check-in."""

    person: Person
    registration: Registration
    attendance: Attendance
    organisation: Organisation | None = None  # created for them, when the name was new
    linked: Organisation | None = None  # the organisation they were linked to, new or known


@dataclass(frozen=True)
class VirtualAttendance:
    """What recording the virtual attendance of a session wrote, by person id."""

    checked_in: tuple[str, ...] = ()  # marked present in virtual mode now
    already: tuple[str, ...] = ()  # present already (on site or virtually): left as they were
    registered: tuple[str, ...] = ()  # registered to the event now
    added: tuple[str, ...] = ()  # new people


class CheckinStore(WorkspaceBase):
    """Queries and writes of the check-in screen."""

    def checkin_people(
        self, event_id: str, *, workspace: bool = True
    ) -> builtins.list[CheckinPerson]:
        """The people who can be checked in at an event: its registered people, and with
        `workspace` everyone else the workspace knows (not merged into another person)."""
        person = schema.record_tables["person"]
        registration = schema.record_tables["registration"]
        organisation = schema.record_tables["organisation"]
        registered = select(
            registration.c.person_id,
            registration.c.delegation,
            registration.c.badge_code,
            registration.c.role,
        ).where(registration.c.event_id == event_id, registration.c.deleted.is_(False))
        people = (
            select(
                person.c.id,
                person.c.given_names,
                person.c.surnames,
                person.c.gender,
                person.c.phone,
                person.c.id_card,
                organisation.c.name,
                organisation.c.short_name,
            )
            .select_from(person)
            .outerjoin(
                organisation,
                and_(
                    organisation.c.id == person.c.organisation_id,
                    organisation.c.deleted.is_(False),
                ),
            )
            .where(person.c.deleted.is_(False), person.c.merged_into.is_(None))
        )
        if not workspace:
            registered_ids = registered.with_only_columns(registration.c.person_id)
            merged_away = person.alias("merged_away")
            kept_for = select(merged_away.c.merged_into).where(
                merged_away.c.id.in_(registered_ids), merged_away.c.deleted.is_(False)
            )
            people = people.where(person.c.id.in_(registered_ids) | person.c.id.in_(kept_for))
        with self._reading() as conn:
            registrations = {row.person_id: row for row in conn.execute(registered)}
            # A merged duplicate's registration stands for the person kept.
            merged = select(person.c.id, person.c.merged_into).where(
                person.c.merged_into.is_not(None), person.c.deleted.is_(False)
            )
            for merged_id, kept_id in conn.execute(merged):
                if merged_id in registrations:
                    registrations.setdefault(kept_id, registrations[merged_id])
            rows = conn.execute(people).all()
        genders = {gender.value: gender for gender in Gender}
        roles = {role.value: role for role in Role}
        # The check-in's rules are loaded with the check-in, not with the workspace (start-up).
        from fieldkit.core.checkin import CheckinPerson

        found: builtins.list[CheckinPerson] = []
        for person_id, given, surnames, gender, phone, card, name, short in rows:
            entry = registrations.get(person_id)
            found.append(
                CheckinPerson(
                    person_id,
                    given,
                    surnames,
                    genders[gender],
                    name or "",
                    short or "",
                    entry is not None,
                    entry.delegation if entry else "",
                    entry.badge_code if entry else "",
                    roles.get(entry.role) if entry else None,
                    phone,
                    card,
                )
            )
        return found

    def attendance_of(self, session_ids: Sequence[str]) -> builtins.list[Attendance]:
        """The check-ins (not tombstoned) of some sessions: what the counters count."""
        table = schema.record_tables["attendance"]
        query = select(
            table.c.id,
            table.c.session_id,
            table.c.person_id,
            table.c.status,
            table.c.mode,
            table.c.checked_in_at,
            table.c.left_at,
            table.c.recorded_by,
        ).where(table.c.session_id.in_(session_ids), table.c.deleted.is_(False))
        statuses = {status.value: status for status in AttendanceStatus}
        modes = {mode.value: mode for mode in AttendanceMode}
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [
            Attendance(
                record_id,
                session_id,
                person_id,
                statuses[status],
                modes[mode],
                _datetime(checked_in_at),
                _datetime(left_at),
                recorded_by,
            )
            for record_id, session_id, person_id, status, mode, checked_in_at, left_at, recorded_by in rows
        ]

    def walk_ins(self, event_id: str, session_ids: Sequence[str]) -> builtins.set[str]:
        """The people registered at the event at the door of one of these sessions: whose
        registration was written with their check-in there (a walk-in, or someone known who was
        not registered), as the first stamps of both records show on every laptop."""
        registration = schema.record_tables["registration"]
        attendance = schema.record_tables["attendance"]
        with self._reading() as conn:
            registered = {
                person_id: clock_codec.decode(clocks).get("person_id", "")
                for person_id, clocks in conn.execute(
                    select(registration.c.person_id, registration.c.clocks).where(
                        registration.c.event_id == event_id, registration.c.deleted.is_(False)
                    )
                )
            }
            checked_in = [
                (person_id, clock_codec.decode(clocks).get("person_id", ""))
                for person_id, clocks in conn.execute(
                    select(attendance.c.person_id, attendance.c.clocks).where(
                        attendance.c.session_id.in_(session_ids), attendance.c.deleted.is_(False)
                    )
                )
            ]
        stamps = sorted({*registered.values(), *(stamp for _, stamp in checked_in)} - {""})
        return {
            person_id
            for person_id, stamp in checked_in
            if person_id in registered and _one_write(registered[person_id], stamp, stamps)
        }

    # --- tallies -----------------------------------------------------------------------------

    def tally_total(self, session_id: str) -> Tally:
        """The head count of a session: the tallies of every laptop added up."""
        from fieldkit.core.checkin import TALLY_FIELDS

        rows = self.list(Tally, where={"session_id": session_id})
        return Tally(
            id=tally_id(session_id, self.device_id),
            session_id=session_id,
            device=self.device_id,
            **{name: sum(getattr(row, name) for row in rows) for name in TALLY_FIELDS.values()},
        )

    def bump_tally(self, session_id: str, gender: Gender, delta: int) -> Result[None]:
        """Add `delta` (+1 or -1) to this laptop's head count of a gender; never below zero."""
        from fieldkit.core.checkin import TALLY_FIELDS

        name = TALLY_FIELDS[gender]
        record_id = tally_id(session_id, self.device_id)
        table = schema.record_tables["tally"]
        with self._writing() as conn:
            row = conn.execute(select(table).where(table.c.id == record_id)).first()
            current = (
                Tally(id=record_id, session_id=session_id, device=self.device_id)
                if row is None or row.deleted
                else self._record("tally", row)
            )
            value = max(0, getattr(current, name) + delta)
            if row is not None and not row.deleted and value == getattr(current, name):
                return done(Changes())
            kinds = self._save_in(conn, [dataclasses.replace(current, **{name: value})])
        return done(changes_of(kinds))

    # --- corrections -------------------------------------------------------------------------

    def leave_early(
        self, session_id: str, person_id: str, *, at: dt.datetime | None = None
    ) -> Result[Attendance]:
        """Mark someone checked in at a session as gone before its end."""
        with self._writing() as conn:
            record = self._attendance(conn, session_id, person_id)
            left = dataclasses.replace(
                record,
                status=AttendanceStatus.LEFT_EARLY,
                left_at=(at or dt.datetime.now()).replace(microsecond=0),
            )
            kinds = self._save_in(conn, [left])
        return Result(left, changes_of(kinds))

    def move_check_in(
        self, person_id: str, from_session: str, to_session: str
    ) -> Result[Attendance]:
        """Move a check-in made in the wrong session: tombstone it, record it in the other one."""
        table = schema.record_tables["attendance"]
        with self._writing() as conn:
            record = self._attendance(conn, from_session, person_id)
            moved = dataclasses.replace(
                record, id=attendance_id(to_session, person_id), session_id=to_session
            )
            kinds = self._save_in(conn, [moved])
            current = conn.execute(select(table).where(table.c.id == record.id)).first()
            if current is not None and not current.deleted:
                self._apply(conn, table, "attendance", current._mapping, {"deleted": True})
                kinds.add("attendance")
        return Result(moved, changes_of(kinds))

    def _attendance(self, conn: Connection, session_id: str, person_id: str) -> Attendance:
        record = self._get_in(conn, Attendance, attendance_id(session_id, person_id))
        if record is None:
            raise NotFound(_("This person is not checked in at this session."))
        return record

    # --- registering and adding people at the door --------------------------------------------

    def register_and_check_in(
        self, event_id: str, attendance: Attendance, *, delegation: str = ""
    ) -> Result[Attendance]:
        """Check in someone the workspace knows who was not registered: both in one go."""
        registration = Registration(
            id=registration_id(event_id, attendance.person_id),
            event_id=event_id,
            person_id=attendance.person_id,
            delegation=delegation,
        )
        with self._writing() as conn:
            existing = self._get_in(conn, Registration, registration.id)
            kinds = self._save_in(conn, [*([] if existing else [registration]), attendance])
        return Result(attendance, changes_of(kinds))

    def add_walk_in(
        self,
        event_id: str,
        session_id: str,
        person: Person,
        *,
        organisation_name: str = "",
        delegation: str = "",
        mode: AttendanceMode = AttendanceMode.IN_PERSON,
        at: dt.datetime | None = None,
        recorded_by: str = "",
    ) -> Result[WalkIn]:
        """Add someone not on any list, register them and check them in, in one transaction.

        An organisation name that matches one of the workspace (accents and case ignored, or its
        short name) links to it; a new name creates it.
        """
        if not (person.given_names.strip() or person.surnames.strip()):
            raise InvalidInput(_("A walk-in needs a name."))
        organisation = self._organisation_named(organisation_name)
        created = None
        if organisation is None and organisation_name.strip():
            created = organisation = Organisation(id=new_id(), name=organisation_name.strip())
        if organisation is not None:
            person = dataclasses.replace(person, organisation_id=organisation.id)
        registration = Registration(
            id=registration_id(event_id, person.id),
            event_id=event_id,
            person_id=person.id,
            delegation=delegation.strip(),
        )
        attendance = Attendance(
            id=attendance_id(session_id, person.id),
            session_id=session_id,
            person_id=person.id,
            mode=mode,
            checked_in_at=(at or dt.datetime.now()).replace(microsecond=0),
            recorded_by=recorded_by,
        )
        records = [*([created] if created else []), person, registration, attendance]
        changes = self.save(*records).changes
        return Result(WalkIn(person, registration, attendance, created, organisation), changes)

    def _organisation_named(self, name: str) -> Organisation | None:
        key = fold(name)
        if not key:
            return None
        for organisation in self.list(Organisation):
            if key in (fold(organisation.name), fold(organisation.short_name)):
                return organisation
        return None

    # --- the paper sheet ----------------------------------------------------------------------

    def attach_sheet_photo(
        self,
        event_id: str,
        session_id: str,
        data: bytes,
        *,
        filename: str,
        media_type: str,
        caption: str,
    ) -> Result[Attachment]:
        """Keep the photo of a signed sign-in sheet with its session, as evidence."""
        digest = hashlib.sha256(data).hexdigest()
        attachment = Attachment(
            id=new_id(),
            event_id=event_id,
            session_id=session_id,
            sha256=digest,
            filename=filename,
            media_type=media_type,
            size=len(data),
            caption=caption,
            shows_people=False,
        )
        with self._writing() as conn:
            self._put_blob(conn, digest, data)
            kinds = self._save_in(conn, [attachment])
        return Result(attachment, changes_of(kinds))

    def check_in_many(self, records: Sequence[Attendance]) -> Result[None]:
        """Several check-ins in one transaction (the rows ticked on a paper sheet)."""
        return self.save(*records) if records else done(Changes())

    # --- virtual attendance from a video-call report ---------------------------------------------

    def record_virtual_attendance(
        self,
        event_id: str,
        session_id: str,
        present: Mapping[str, dt.datetime | None],
        *,
        new_people: Sequence[Person] = (),
        recorded_by: str = "",
    ) -> Result[VirtualAttendance]:
        """Mark people present at a session in virtual mode, in one transaction.

        `present` maps person ids to when they joined (None: the session's start). `new_people`
        are added first (participants the user added as new). Whoever is not registered to the
        event gets registered. Someone already present at the session, on site or virtually,
        stays as they were: a check-in at the door is never turned into a virtual one, and
        importing the same report again writes nothing.
        """
        with self._writing() as conn:
            session = self._get_in(conn, Session, session_id)
            day = None if session is None else self._get_in(conn, Day, session.day_id)
            if session is None or day is None or day.event_id != event_id:
                raise NotFound(_("There is no such session in this event."))
            new_ids = {person.id for person in new_people}
            for person in new_people:
                if not (person.given_names.strip() or person.surnames.strip()):
                    raise InvalidInput(_("A new person needs a name."))
            for person_id in present:
                if person_id not in new_ids and self._get_in(conn, Person, person_id) is None:
                    raise NotFound(_("A person of this list is no longer in the workspace."))
            start = _start_of(day, session)
            records: builtins.list[object] = [*new_people]
            checked_in, already, registered = [], [], []
            for person_id, joined in present.items():
                reg_id = registration_id(event_id, person_id)
                known = self._get_in(conn, Registration, reg_id, include_deleted=True)
                live = known is not None and self._get_in(conn, Registration, reg_id) is not None
                if not live:  # a withdrawn registration comes back as it was
                    records.append(
                        known or Registration(id=reg_id, event_id=event_id, person_id=person_id)
                    )
                    registered.append(person_id)
                record_id = attendance_id(session_id, person_id)
                if self._get_in(conn, Attendance, record_id) is not None:
                    already.append(person_id)
                    continue
                records.append(
                    Attendance(
                        id=record_id,
                        session_id=session_id,
                        person_id=person_id,
                        mode=AttendanceMode.VIRTUAL,
                        checked_in_at=(joined or start),
                        recorded_by=recorded_by or self.device_id,
                    )
                )
                checked_in.append(person_id)
            kinds = self._save_in(conn, records) if records else set()
        written = VirtualAttendance(
            tuple(checked_in), tuple(already), tuple(registered), tuple(sorted(new_ids))
        )
        return Result(written, changes_of(kinds))


def _start_of(day: Day, session: Session) -> dt.datetime | None:
    if day.date is None:
        return None
    try:
        return dt.datetime.combine(day.date, dt.time.fromisoformat(session.start_time or "00:00"))
    except ValueError:
        return dt.datetime.combine(day.date, dt.time())


def _datetime(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


# A registration and a check-in written together (`add_walk_in`, `register_and_check_in`) get two
# clock readings in a row on one laptop, a moment apart; a list imported with its attendance has
# other registrations between a person's two.
ONE_WRITE_MS = 10_000


def _one_write(first: str, second: str, stamps: Sequence[str]) -> bool:
    """Whether `second` followed `first` on the same laptop with none of `stamps` (sorted)
    between them."""
    try:
        a, b = Stamp.parse(first), Stamp.parse(second)
    except ValueError:
        return False
    if a.device != b.device or not (a < b) or b.millis - a.millis > ONE_WRITE_MS:
        return False
    after = bisect.bisect_right(stamps, first)
    return after >= len(stamps) or stamps[after] >= second
