"""The workspace facade: the one door to a workspace's data.

Every method opens its own connection and transaction, commits inside and returns plain values
(frozen records from `fieldkit.core.model`). Every write goes through `save`, `update`, `delete` or
`apply` of `WorkspaceBase`, which stamp each changed field with the hybrid logical clock in the same
transaction: no other code writes records, so nothing escapes the exchange between laptops.
"""

from __future__ import annotations

import builtins
import datetime as dt
import functools
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import NotFound
from fieldkit.core.ids import arrival_id, attendance_id, new_id
from fieldkit.core.listing import EventOutline, PersonRow
from fieldkit.core.model import (
    AgeGroup,
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Axis,
    Changes,
    Day,
    Event,
    EventPartner,
    EventSummary,
    Gender,
    Objective,
    Person,
    Result,
    Role,
    Session,
    SessionAxis,
    SessionKind,
    SessionObjective,
    WorkingGroup,
    done,
)
from fieldkit.core.template import EventFrame, copy_event, free_code
from fieldkit.core.text import fold
from fieldkit.i18n import _
from fieldkit.store import lazy_sql
from fieldkit.store.backup_store import BackupStore
from fieldkit.store.base import _environment_error, changes_of, kind_of
from fieldkit.store.checkin_store import CheckinStore
from fieldkit.store.exchange_store import ExchangeStore
from fieldkit.store.folder_store import FolderStore
from fieldkit.store.merge_store import MergeStore
from fieldkit.store.notes_store import NotesStore
from fieldkit.store.people_store import PeopleStore

if TYPE_CHECKING:
    from sqlalchemy import and_, bindparam, distinct, func, insert, literal, select, update

    from fieldkit.store import schema
else:  # loaded on first use (see fieldkit.store.lazy_sql)
    lazy_sql.declare(
        globals(),
        "and_",
        "bindparam",
        "distinct",
        "func",
        "insert",
        "literal",
        "select",
        "update",
        "schema",
    )


class Workspace(
    FolderStore, ExchangeStore, CheckinStore, NotesStore, PeopleStore, MergeStore, BackupStore
):
    """One workspace: its events, people, attendance and notes."""

    # --- events ------------------------------------------------------------------------------

    def events(self, *, include_archived: bool = True) -> builtins.list[EventSummary]:
        # Through sqlite3: the events list is what the first window shows, before SQLAlchemy.
        archived = "" if include_archived else " AND archived = 0"
        with self._plain_reading() as plain:
            rows = plain.execute(
                "SELECT id, code, title, start_date, end_date, archived FROM event "
                f"WHERE deleted = 0{archived} ORDER BY start_date DESC, title, id"
            ).fetchall()
        return [
            EventSummary(
                id=event_id,
                code=code,
                title=title,
                start_date=dt.date.fromisoformat(start) if start else None,
                end_date=dt.date.fromisoformat(end) if end else None,
                archived=bool(is_archived),
            )
            for event_id, code, title, start, end, is_archived in rows
        ]

    def event_codes(self) -> set[str]:
        """Every event code in use, deleted events included (a code is unique in a workspace)."""
        table = schema.record_tables["event"]
        with self._reading() as conn:
            return {code for (code,) in conn.execute(select(table.c.code))}

    def find_event(self, reference: str) -> Event:
        """The event whose id or short code is `reference`."""
        table = schema.record_tables["event"]
        query = select(table).where(
            table.c.deleted.is_(False), (table.c.id == reference) | (table.c.code == reference)
        )
        with self._reading() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise NotFound(_("There is no event with the id or code {ref}.").format(ref=reference))
        return self._record("event", row)  # type: ignore[no-any-return]

    def event_days(self, event_id: str) -> builtins.list[Day]:
        return self.list(Day, where={"event_id": event_id}, order_by=("date",))

    def event_sessions(self, event_id: str) -> builtins.list[Session]:
        """The sessions of an event, day by day and in order of time."""
        days = self.event_days(event_id)
        order = {day.id: index for index, day in enumerate(days)}
        sessions = self.list(Session, where={"day_id": list(order)})
        return sorted(sessions, key=lambda s: (order[s.day_id], s.start_time, s.title, s.id))

    def event_frame(self, event_id: str) -> EventFrame:
        """The records of an event that a template copies (see `fieldkit.core.template`)."""
        sessions = self.event_sessions(event_id)
        session_ids = [s.id for s in sessions]
        return EventFrame(
            event=self.require(Event, event_id),
            objectives=self.list(Objective, where={"event_id": event_id}, order_by=("position",)),
            axes=self.list(Axis, where={"event_id": event_id}, order_by=("position",)),
            partners=self.list(EventPartner, where={"event_id": event_id}),
            days=self.event_days(event_id),
            sessions=sessions,
            session_axes=self.list(SessionAxis, where={"session_id": session_ids}),
            session_objectives=self.list(SessionObjective, where={"session_id": session_ids}),
            groups=self.list(
                WorkingGroup, where={"session_id": session_ids}, order_by=("position",)
            ),
        )

    def duplicate_event(
        self, event_id: str, *, title: str, start_date: dt.date | None = None, code: str = ""
    ) -> Result[Event]:
        """Copy an event as the template of the next one: agenda and axes, no attendance.

        Without a `code`, the copy gets the original's followed by -2, -3… (codes are unique).
        """
        frame = self.event_frame(event_id)
        code = code or free_code(frame.event.code, self.event_codes())
        records = copy_event(frame, title=title, start_date=start_date, code=code)
        return Result(records[0], self.save(*records).changes)

    def event_outline(self, event_id: str) -> EventOutline | None:
        """The event, its objectives, axes, days, sessions (day by day, in order of time) and
        registered and present counts, read in one transaction; None when it is gone.

        What the window reads when an event is opened: one connection rather than eight, and
        statements built once (`_outline_statements`).
        """
        statements = _outline_statements()
        params = {"event_id": event_id}
        with self._reading() as conn:
            row = conn.execute(statements["event"], params).first()
            if row is None:
                return None
            objectives = [
                self._record("objective", r) for r in conn.execute(statements["objective"], params)
            ]
            axes = [self._record("axis", r) for r in conn.execute(statements["axis"], params)]
            days = [self._record("day", r) for r in conn.execute(statements["day"], params)]
            sessions = [
                self._record("session", r) for r in conn.execute(statements["session"], params)
            ]
            registered = conn.execute(statements["registered"], params).scalar_one()
            present = dict(conn.execute(statements["present"], params).all())
        order = {day.id: index for index, day in enumerate(days)}
        sessions.sort(key=lambda s: (order[s.day_id], s.start_time, s.title, s.id))
        return EventOutline(
            event=self._record("event", row),
            objectives=tuple(objectives),
            axes=tuple(axes),
            days=tuple(days),
            sessions=tuple(sessions),
            registered=int(registered),
            present_by_day={day_id: int(count) for day_id, count in present.items()},
        )

    # --- days, sessions and attendance --------------------------------------------------------

    def add_day(self, event_id: str, date: dt.date, title: str = "") -> Result[Day]:
        """Add a day to an event, with its arrival session (where people are checked in)."""
        day = Day(id=new_id(), event_id=event_id, date=date, title=title)
        arrival = Session(
            id=arrival_id(day.id),
            day_id=day.id,
            title=_("Arrival"),
            kind=SessionKind.ARRIVAL,
        )
        return Result(day, self.save(day, arrival).changes)

    def check_in(
        self,
        session_id: str,
        person_id: str,
        *,
        mode: AttendanceMode = AttendanceMode.IN_PERSON,
        at: dt.datetime | None = None,
        recorded_by: str = "",
    ) -> Result[Attendance]:
        """Mark someone present at a session; returns the attendance record as written."""
        record = Attendance(
            id=attendance_id(session_id, person_id),
            session_id=session_id,
            person_id=person_id,
            status=AttendanceStatus.PRESENT,
            mode=mode,
            checked_in_at=(at or dt.datetime.now()).replace(microsecond=0),
            recorded_by=recorded_by,
        )
        return Result(record, self.save(record).changes)

    def day_attendance(self, day_id: str) -> dict[str, AttendanceMode]:
        """Who was present on a day (at its arrival or any of its sessions), with their mode.

        Someone present in person at any session counts as in person for the day.
        """
        attendance = schema.record_tables["attendance"]
        session = schema.record_tables["session"]
        query = (
            select(attendance.c.person_id, attendance.c.mode)
            .join(session, session.c.id == attendance.c.session_id)
            .where(
                session.c.day_id == day_id,
                session.c.deleted.is_(False),
                attendance.c.deleted.is_(False),
            )
        )
        result: dict[str, AttendanceMode] = {}
        with self._reading() as conn:
            for person_id, mode in conn.execute(query):
                if result.get(person_id) != AttendanceMode.IN_PERSON:
                    result[person_id] = AttendanceMode(mode)
        return result

    def registered_count(self, event_id: str) -> int:
        """The people registered at an event, a merged duplicate counted as the person kept."""
        query = _registered_query(schema.record_tables["registration"].c.event_id == event_id)
        with self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def present_counts(self, event_id: str) -> dict[str, int]:
        """{day id: number of people present that day} for every day of an event."""
        query = self._present_counts_query(event_id)
        with self._reading() as conn:
            return {day_id: int(count) for day_id, count in conn.execute(query)}

    @staticmethod
    def _present_counts_query(event_id: Any) -> Any:
        attendance = schema.record_tables["attendance"]
        session = schema.record_tables["session"]
        day = schema.record_tables["day"]
        person = schema.record_tables["person"]
        # A merged duplicate counts as the person kept (merges are one level: see MergeStore).
        who = func.coalesce(person.c.merged_into, attendance.c.person_id)
        query = (
            select(day.c.id, func.count(distinct(who)))
            .select_from(day)
            .outerjoin(session, and_(session.c.day_id == day.c.id, session.c.deleted.is_(False)))
            .outerjoin(
                attendance,
                and_(attendance.c.session_id == session.c.id, attendance.c.deleted.is_(False)),
            )
            .outerjoin(person, person.c.id == attendance.c.person_id)
            .where(day.c.event_id == event_id, day.c.deleted.is_(False))
            .group_by(day.c.id)
        )
        return query

    # --- people ------------------------------------------------------------------------------

    def people_per_organisation(self) -> dict[str, int]:
        """{organisation id: number of people in it} (merged duplicates left out)."""
        person = schema.record_tables["person"]
        query = (
            select(person.c.organisation_id, func.count())
            .where(
                person.c.deleted.is_(False),
                person.c.merged_into.is_(None),
                person.c.organisation_id.is_not(None),
            )
            .group_by(person.c.organisation_id)
        )
        with self._reading() as conn:
            return {str(org): int(count) for org, count in conn.execute(query)}

    def people_rows(self, event_id: str | None = None) -> builtins.list[PersonRow]:
        """Every person of the workspace (merged duplicates left out), in no set order, with
        their organisation's name and their registration at `event_id` when there is one."""
        person = schema.record_tables["person"]
        organisation = schema.record_tables["organisation"]
        registration = schema.record_tables["registration"]
        reg_columns = [
            registration.c.id.label("registration_id"),
            registration.c.role,
            registration.c.delegation,
            registration.c.municipality,
            registration.c.country,
            registration.c.badge_code,
        ]
        query = select(
            person.c.id,
            person.c.given_names,
            person.c.surnames,
            person.c.gender,
            person.c.age_group,
            person.c.phone,
            person.c.email,
            person.c.id_card,
            person.c.organisation_id,
            organisation.c.name.label("organisation"),
            person.c.consent_photos,
            person.c.consent_contact,
            *(reg_columns if event_id else [literal(None).label(c.name) for c in reg_columns]),
        ).select_from(person)
        query = query.outerjoin(
            organisation,
            and_(organisation.c.id == person.c.organisation_id, organisation.c.deleted.is_(False)),
        )
        if event_id:
            query = query.outerjoin(
                registration,
                and_(
                    registration.c.person_id == person.c.id,
                    registration.c.event_id == event_id,
                    registration.c.deleted.is_(False),
                ),
            )
        # In no particular order: the people table sorts its rows itself, by folded names.
        query = query.where(person.c.deleted.is_(False), person.c.merged_into.is_(None))
        genders = {g.value: g for g in Gender}
        ages = {a.value: a for a in AgeGroup}
        roles = {r.value: r for r in Role}
        with self._reading() as conn:
            rows = conn.execute(query).all()
        # Positional unpacking: attribute access on 50,000 result rows costs more than the query.
        return [
            PersonRow(
                pid,
                given or "",
                surnames or "",
                genders.get(gender, Gender.NOT_STATED),
                ages.get(age) if age else None,
                phone or "",
                email or "",
                card or "",
                org_id,
                org or "",
                bool(photos),
                bool(contact),
                reg_id is not None,
                roles.get(role) if role else None,
                delegation or "",
                municipality or "",
                country or "",
                badge or "",
            )
            for (
                pid,
                given,
                surnames,
                gender,
                age,
                phone,
                email,
                card,
                org_id,
                org,
                photos,
                contact,
                reg_id,
                role,
                delegation,
                municipality,
                country,
                badge,
            ) in rows
        ]

    def search_people(self, text: str, *, limit: int = 50) -> builtins.list[Person]:
        """People any of whose name words start with each typed word, accents and case ignored."""
        words = fold(text).split()
        if not words:
            return []
        table = schema.record_tables["person"]
        query = select(table).where(table.c.deleted.is_(False), table.c.merged_into.is_(None))
        for word in words:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(
                table.c.search.like(f"{escaped}%", escape="\\")
                | table.c.search.like(f"% {escaped}%", escape="\\")
            )
        query = query.order_by(table.c.surnames, table.c.given_names, table.c.id).limit(limit)
        with self._reading() as conn:
            return [self._record("person", row) for row in conn.execute(query)]

    # --- attachments -------------------------------------------------------------------------

    def add_blob(self, data: bytes) -> str:
        """Store bytes once under their SHA-256 and return it."""
        digest = hashlib.sha256(data).hexdigest()
        with self._writing() as conn:
            self._put_blob(conn, digest, data)
        return digest

    def blob(self, digest: str) -> bytes | None:
        with self._reading() as conn:
            data = conn.execute(
                select(schema.blob.c.data).where(schema.blob.c.sha256 == digest)
            ).scalar()
        return None if data is None else bytes(data)

    def back_up(self, label: str = "manual") -> Path:
        """A verified copy of the workspace in the backups folder next to it, kept in rotation
        with the others of its label (`fieldkit.store.backups.KEPT`).

        What the disk refuses (full, read-only) becomes one plain sentence.
        """
        try:
            copy = self.snapshot(label)
        except (OSError, sqlite3.Error) as error:
            raise _environment_error(self.path, error) from None
        self.prune_snapshots()
        return copy

    # --- settings ----------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        with self._plain_reading() as plain:  # the first window reads settings: sqlite3 alone
            row = plain.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return default if row is None or row[0] is None else json.loads(row[0])

    def settings(self, keys: Sequence[str]) -> dict[str, Any]:
        """{key: value} of the settings among `keys` that are stored, as `setting` reads each,
        in one read: the first window reads several, and a connection for each costs its start."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        with self._plain_reading() as plain:
            rows = plain.execute(
                f"SELECT key, value FROM setting WHERE key IN ({marks})", wanted
            ).fetchall()
        return {key: json.loads(value) for key, value in rows if value is not None}

    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value)
        with self._writing() as conn:
            done = conn.execute(
                update(schema.setting).where(schema.setting.c.key == key).values(value=text)
            )
            if done.rowcount == 0:
                conn.execute(insert(schema.setting).values(key=key, value=text))

    def is_empty(self) -> bool:
        """True when the workspace holds no event yet (the app then offers the demo)."""
        with self._plain_reading() as plain:
            return plain.execute("SELECT id FROM event LIMIT 1").fetchone() is None

    def apply(
        self,
        saves: Sequence[Any],
        deletions: Sequence[tuple[type[Any], str]],
        *,
        dry_run: bool = False,
    ) -> Result[None]:
        """Save some records and tombstone others in one transaction (an import is all or nothing).

        A dry run makes every check in a transaction that is rolled back, and changes nothing.
        """
        kinds: set[str] = set()
        with self._rolled_back() if dry_run else self._writing() as conn:
            kinds |= self._save_in(conn, saves)
            for cls, record_id in deletions:
                kind = kind_of(cls)
                table = schema.record_tables[kind]
                current = conn.execute(select(table).where(table.c.id == record_id)).first()
                if current is not None and not current.deleted:
                    self._apply(conn, table, kind, current._mapping, {"deleted": True})
                    kinds.add(kind)
        return done(Changes() if dry_run else changes_of(kinds))


def _registered_query(condition: Any) -> Any:
    """How many people are registered where `condition` holds, a merged duplicate counted as
    the person kept (merges are one level deep: see MergeStore)."""
    registration = schema.record_tables["registration"]
    person = schema.record_tables["person"]
    who = func.coalesce(person.c.merged_into, registration.c.person_id)
    return (
        select(func.count(distinct(who)))
        .select_from(registration)
        .outerjoin(person, person.c.id == registration.c.person_id)
        .where(condition, registration.c.deleted.is_(False))
    )


@functools.cache
def _outline_statements() -> dict[str, Any]:
    """The statements of `Workspace.event_outline`, with the event's id as a parameter."""
    tables = schema.record_tables
    event_id: Any = bindparam("event_id")

    def records(kind: str, condition: Any, order: tuple[str, ...] = ()) -> Any:
        table = tables[kind]
        query = select(table).where(table.c.deleted.is_(False), condition)
        return query.order_by(*(table.c[name] for name in (*order, "id")))

    day, registration = tables["day"], tables["registration"]
    live_days = select(day.c.id).where(day.c.event_id == event_id, day.c.deleted.is_(False))
    return {
        "event": records("event", tables["event"].c.id == event_id),
        "objective": records(
            "objective", tables["objective"].c.event_id == event_id, ("position",)
        ),
        "axis": records("axis", tables["axis"].c.event_id == event_id, ("position",)),
        "day": records("day", day.c.event_id == event_id, ("date",)),
        "session": records("session", tables["session"].c.day_id.in_(live_days)),
        "registered": _registered_query(registration.c.event_id == event_id),
        "present": Workspace._present_counts_query(event_id),
    }
