"""What happens at the door of an event, without Qt: the check-in state and every action on it.

`Door` holds the event's candidates (a `CheckinIndex`, loaded once per event), the attendance of
the chosen day or session, and the stack of corrections. Each action writes through the facade
(one transaction), updates the state in memory and returns a `Result` whose value is the
`Outcome` the check-in page shows; nothing here touches a widget, so the tests drive it directly
as well as through the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any

from fieldkit.core.checkin import (
    CheckinIndex,
    CheckinPerson,
    Counts,
    PresenceTally,
    SearchResult,
    Undo,
    merged_state,
    paper_time,
    session_over,
    tally_counts,
    undo_of_many,
)
from fieldkit.core.checkin_sheet import parse_row_numbers
from fieldkit.core.duplicates import DuplicateFinder, Suspect
from fieldkit.core.ids import attendance_id, new_id, registration_id
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
    Session,
    SessionKind,
    SessionMode,
    Tally,
)
from fieldkit.i18n import format_list
from fieldkit.store.workspace import Workspace


@dataclass(frozen=True)
class Target:
    """Where check-ins go: a day (its arrival; the counters cover the whole day) or a session."""

    day: Day
    session: Session
    day_number: int

    @property
    def is_day(self) -> bool:
        return self.session.kind is SessionKind.ARRIVAL

    @property
    def names_taken(self) -> bool:
        return self.is_day or self.session.names_taken


class Kind(Enum):
    CHECKED_IN = auto()
    ALREADY = auto()  # already checked in: nothing written
    MODE_CHANGED = auto()
    UNDONE = auto()
    NOTHING_TO_UNDO = auto()
    LEFT_EARLY = auto()
    NOT_PRESENT = auto()  # a correction asked for someone not checked in here
    MOVED = auto()
    NOT_FOUND = auto()
    WALK_IN = auto()
    TICKED = auto()  # rows of a paper sheet


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    person: CheckinPerson | None = None
    at: dt.datetime | None = None
    counts: Counts = field(default_factory=Counts)
    registered_now: bool = False  # someone the workspace knew, registered at the door
    label: str = ""  # whose action was undone
    destination: Target | None = None  # where a check-in was moved
    mode: AttendanceMode | None = None  # of the check-in
    ticked: tuple[CheckinPerson, ...] = ()
    skipped: tuple[CheckinPerson, ...] = ()  # rows already checked in
    invalid: tuple[str, ...] = ()  # what was typed that is not a row


@dataclass(frozen=True)
class WalkInForm:
    """What the walk-in form holds."""

    given_names: str = ""
    surnames: str = ""
    gender: Gender | None = None
    organisation: str = ""
    delegation: str = ""
    phone: str = ""
    id_card: str = ""
    email: str = ""
    mode: AttendanceMode = AttendanceMode.IN_PERSON

    def person(self, person_id: str = "") -> Person:
        return Person(
            id=person_id or new_id(),
            given_names=" ".join(self.given_names.split()),
            surnames=" ".join(self.surnames.split()),
            gender=self.gender or Gender.NOT_STATED,
            phone=self.phone.strip(),
            id_card=self.id_card.strip(),
            email=self.email.strip(),
        )


class Door:
    """The check-in state of one event, on one laptop."""

    def __init__(
        self,
        ws: Workspace,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        warm_up: bool = True,
    ) -> None:
        self.ws = ws
        self.now = now
        self.recorded_by = ws.device_id
        self._warm_up = warm_up
        self.event_id: str | None = None
        self.targets: list[Target] = []
        self.target: Target | None = None
        self.index = CheckinIndex(())
        self.paper = False  # ticking a paper sheet after the fact, not the door
        # At a day or session that is over, check-ins take its start time unless this is set.
        self.use_current_time = False
        self._finder: DuplicateFinder[CheckinPerson] | None = None
        # The attendance in scope (the day's sessions, or the session), by person and session.
        self._records: dict[str, dict[str, Attendance]] = {}
        self._here: dict[str, Attendance] = {}  # at the chosen day or session, by person
        self._tally = PresenceTally()
        self._undo: list[Undo] = []

    # --- loading -----------------------------------------------------------------------------

    def load_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self._undo.clear()
        self.target = None
        self.load_people()
        self.load_agenda()

    def load_agenda(self) -> None:
        """The days and sessions to choose from, keeping the chosen one when it is still there."""
        kept = self.target.session.id if self.target else None
        self.targets = []
        if self.event_id:
            days = self.ws.event_days(self.event_id)
            numbers = {day.id: number for number, day in enumerate(days, start=1)}
            by_id = {day.id: day for day in days}
            for session in self.ws.event_sessions(self.event_id):
                self.targets.append(Target(by_id[session.day_id], session, numbers[session.day_id]))
            # Each day's arrival first, whatever its time.
            self.targets.sort(key=lambda t: (t.day_number, not t.is_day))
        chosen = next((t for t in self.targets if t.session.id == kept), None)
        self.choose(chosen or self.default_target())

    def default_target(self) -> Target | None:
        """Today's arrival when the event runs today, else its first day's."""
        days = [t for t in self.targets if t.is_day]
        today = self.now().date()
        return next((t for t in days if t.day.date == today), days[0] if days else None)

    def load_people(self) -> None:
        people = self.ws.checkin_people(self.event_id) if self.event_id else []
        self.index = CheckinIndex(people)
        self._finder = None
        if self._warm_up:
            self.index.warm_up()
        if self.target is not None:
            for person_id in self._records:  # their genders may have changed
                self._recount(person_id)

    def choose(self, target: Target | None) -> None:
        if target is None or self.target is None or target.session.id != self.target.session.id:
            self.use_current_time = False  # each session over starts from its own time
        self.target = target
        self.load_attendance()

    def load_attendance(self) -> None:
        self._records = {}
        self._here = {}
        self._tally = PresenceTally()
        if self.target is None:
            return
        if self.target.is_day:
            scope = [t.session.id for t in self.targets if t.day.id == self.target.day.id]
        else:
            scope = [self.target.session.id]
        kept = self.ws.merged_people()  # a merged duplicate's check-in is the kept person's
        for record in self.ws.attendance_of(scope):
            person_id = kept.get(record.person_id, record.person_id)
            self._records.setdefault(person_id, {})[record.session_id] = record
            if record.session_id == self.target.session.id:
                self._here[person_id] = record
        for person_id in self._records:
            self._recount(person_id)

    def _keep(self, record: Attendance) -> None:
        """Note a check-in this laptop just wrote, and count it."""
        self._records.setdefault(record.person_id, {})[record.session_id] = record
        if self.target is not None and record.session_id == self.target.session.id:
            self._here[record.person_id] = record
        self._recount(record.person_id)

    def _recount(self, person_id: str) -> None:
        assert self.target is not None
        arrival = self.target.session.id if self.target.is_day else None
        state = merged_state(self._records.get(person_id, {}).values(), arrival)
        person = self.index.get(person_id)
        self._tally.set(person_id, state, person.gender if person else Gender.NOT_STATED)

    # --- reading -----------------------------------------------------------------------------

    def search(self, text: str, limit: int = 50) -> SearchResult:
        return self.index.search(text, limit=limit)

    def presence(self, person_id: str) -> Attendance | None:
        """The person's check-in at the chosen day or session, if any."""
        return self._here.get(person_id)

    def counts(self) -> Counts:
        if self.target is not None and not self.target.names_taken:
            return tally_counts(self.tally(), self.index.registered_count)
        self._tally.registered = self.index.registered_count
        return self._tally.counts()

    def default_mode(self) -> AttendanceMode:
        if self.target and self.target.session.mode is SessionMode.VIRTUAL:
            return AttendanceMode.VIRTUAL
        return AttendanceMode.IN_PERSON

    def undo_depth(self) -> int:
        """How many actions Ctrl+Z can still undo."""
        return len(self._undo)

    def sheet(self) -> list[CheckinPerson]:
        """The rows of the printed sign-in sheet: the registered people, row 1 first."""
        return self.index.people(registered_only=True)

    def tally(self) -> Tally | None:
        if self.target is None or self.target.names_taken:
            return None
        return self.ws.tally_total(self.target.session.id)

    # --- checking in -------------------------------------------------------------------------

    def after_the_fact(self) -> bool:
        """The chosen day or session is over: a check-in now records what happened earlier."""
        target = self.target
        if target is None:
            return False
        end = "" if target.is_day else target.session.end_time
        return session_over(target.day.date, end, self.now())

    def _start_of_target(self) -> dt.datetime | None:
        """When the chosen session starts; for a day, its first session with a time."""
        assert self.target is not None
        target = self.target
        start = target.session.start_time
        if target.is_day and not start:
            starts = [
                t.session.start_time
                for t in self.targets
                if t.day.id == target.day.id and t.session.start_time
            ]
            start = min(starts, default="")
        return paper_time(target.day.date, start)

    def _time(self) -> dt.datetime:
        """The check-in time: the session's start for a paper sheet and for a session that is
        over (unless the user asked for the current time), else the laptop's clock."""
        if self.target is not None and (
            self.paper or (self.after_the_fact() and not self.use_current_time)
        ):
            when = self._start_of_target()
            if when is not None:
                return when
        return self.now().replace(microsecond=0)

    def check_in(
        self, person: CheckinPerson, mode: AttendanceMode | None = None
    ) -> Result[Outcome]:
        """Mark a person present at the chosen day or session; say so when they already are."""
        assert self.target is not None and self.event_id is not None
        mode = mode or self.default_mode()
        session_id = self.target.session.id
        previous = self.presence(person.id)
        if previous is not None and previous.status is AttendanceStatus.PRESENT:
            if previous.mode is mode:
                return self._outcome(Kind.ALREADY, person, previous.checked_in_at, mode=mode)
            # Only the mode, read and written in one transaction: the record kept here may be
            # older than the workspace (a "left early" just brought in by an exchange).
            written = self.ws.update(Attendance, previous.id, mode=mode)
            record, changes = written.value, written.changes
            self._wrote(Undo(person.full_name, saves=(previous,)), record)
            return self._outcome(
                Kind.MODE_CHANGED, person, record.checked_in_at, changes, mode=mode
            )
        at = self._time()
        if person.registered:
            written = self.ws.check_in(
                session_id, person.id, mode=mode, at=at, recorded_by=self.recorded_by
            )
            undo = self._undo_of(previous, written.value.id)
        else:
            written = self.ws.register_and_check_in(
                self.event_id,
                Attendance(
                    id=attendance_id(session_id, person.id),
                    session_id=session_id,
                    person_id=person.id,
                    mode=mode,
                    checked_in_at=at,
                    recorded_by=self.recorded_by,
                ),
            )
            self.index.mark_registered(person.id)
            person = self.index.get(person.id) or person
            undo = self._undo_of(previous, written.value.id)
            undo = dataclasses.replace(
                undo,
                deletions=(
                    *undo.deletions,
                    (Registration, registration_id(self.event_id, person.id)),
                ),
                person_ids=(person.id,),
            )
        self._wrote(dataclasses.replace(undo, label=person.full_name), written.value)
        return self._outcome(
            Kind.CHECKED_IN,
            person,
            at,
            written.changes,
            mode=mode,
            registered_now=bool(undo.person_ids),
        )

    @staticmethod
    def _undo_of(previous: Attendance | None, record_id: str) -> Undo:
        if previous is None:
            return Undo("", deletions=((Attendance, record_id),))
        return Undo("", saves=(previous,))

    def _wrote(self, undo: Undo, *records: Attendance) -> None:
        self._undo.append(undo)
        for record in records:
            self._keep(record)

    def _outcome(
        self,
        kind: Kind,
        person: CheckinPerson | None = None,
        at: dt.datetime | None = None,
        changes: Changes | None = None,
        **extra: Any,
    ) -> Result[Outcome]:
        outcome = Outcome(kind, person, at, self.counts())
        return Result(
            dataclasses.replace(outcome, **extra) if extra else outcome, changes or Changes()
        )

    # --- corrections -------------------------------------------------------------------------

    def undo(self) -> Result[Outcome]:
        """Put back what the last action changed (one action per call)."""
        if not self._undo:
            return self._outcome(Kind.NOTHING_TO_UNDO)
        entry = self._undo.pop()
        changes = self.ws.apply(entry.saves, entry.deletions).changes
        self._forget(entry)
        self.load_attendance()
        return self._outcome(Kind.UNDONE, changes=changes, label=entry.label)

    def _forget(self, entry: Undo) -> None:
        """The candidates after undoing a walk-in (gone) or a registration at the door."""
        gone = {record_id for cls, record_id in entry.deletions if cls is Person}
        unregistered = {record_id for cls, record_id in entry.deletions if cls is Registration}
        for person_id in entry.person_ids:
            if person_id in gone:
                self.index.remove(person_id)
                self._finder = None
            elif self.event_id and registration_id(self.event_id, person_id) in unregistered:
                self.index.mark_registered(person_id, registered=False)

    def leave_early(self, person: CheckinPerson) -> Result[Outcome]:
        assert self.target is not None
        previous = self.presence(person.id)
        if previous is None:
            return self._outcome(Kind.NOT_PRESENT, person)
        at = self.now().replace(microsecond=0)
        written = self.ws.leave_early(self.target.session.id, person.id, at=at)
        self._wrote(Undo(person.full_name, saves=(previous,)), written.value)
        return self._outcome(Kind.LEFT_EARLY, person, at, written.changes)

    def move(self, person: CheckinPerson, to_session: str) -> Result[Outcome]:
        """Move a check-in made in the wrong session to another session of the event."""
        assert self.target is not None
        previous = self.presence(person.id)
        destination = next((t for t in self.targets if t.session.id == to_session), None)
        if previous is None or destination is None:
            return self._outcome(Kind.NOT_PRESENT, person)
        if to_session == previous.session_id:
            return self._outcome(Kind.ALREADY, person, previous.checked_in_at)
        there = self.ws.get(Attendance, attendance_id(to_session, person.id))
        changes = self.ws.move_check_in(person.id, previous.session_id, to_session).changes
        moved_id = attendance_id(to_session, person.id)
        undo = Undo(
            person.full_name,
            saves=(previous,) + ((there,) if there else ()),
            deletions=() if there else ((Attendance, moved_id),),
        )
        self._undo.append(undo)
        self.load_attendance()
        return self._outcome(
            Kind.MOVED, person, previous.checked_in_at, changes, destination=destination
        )

    # --- walk-ins ----------------------------------------------------------------------------

    def suspects(self, form: WalkInForm) -> list[Suspect[CheckinPerson]]:
        """The people of the workspace the walk-in looks like."""
        if self._finder is None:
            self._finder = DuplicateFinder(self.index.people(registered_only=False))
        probe = form.person("")
        return self._finder.suspects(probe)

    def walk_in(self, form: WalkInForm) -> Result[Outcome]:
        """Add a walk-in to the workspace, register and check them in, in one transaction."""
        assert self.target is not None and self.event_id is not None
        at = self._time()
        written = self.ws.add_walk_in(
            self.event_id,
            self.target.session.id,
            form.person(),
            organisation_name=form.organisation,
            delegation=form.delegation,
            mode=form.mode,
            at=at,
            recorded_by=self.recorded_by,
        )
        added = written.value
        deletions: list[tuple[type, str]] = [
            (Attendance, added.attendance.id),
            (Registration, added.registration.id),
            (Person, added.person.id),
        ]
        if added.organisation is not None:
            deletions.append((Organisation, added.organisation.id))
        linked = added.linked
        person = CheckinPerson(
            id=added.person.id,
            given_names=added.person.given_names,
            surnames=added.person.surnames,
            gender=added.person.gender,
            organisation=linked.name if linked else "",
            organisation_short=linked.short_name if linked else "",
            registered=True,
            delegation=added.registration.delegation,
            phone=added.person.phone,
            id_card=added.person.id_card,
        )
        self.index.add(person)  # no reload: a large workspace takes a second or two
        if self._finder is not None:
            self._finder.add(person)
        undo = Undo(person.full_name, deletions=tuple(deletions), person_ids=(person.id,))
        self._wrote(undo, added.attendance)
        return self._outcome(Kind.WALK_IN, person, at, written.changes, mode=form.mode)

    # --- paper sheets and tallies --------------------------------------------------------------

    def tick_rows(self, text: str) -> Result[Outcome]:
        """Check in the rows of the paper sheet typed as "3, 7, 12-15"."""
        assert self.target is not None
        rows = self.sheet()
        parsed = parse_row_numbers(text, len(rows))
        at = self._time()
        session_id = self.target.session.id
        ticked: list[CheckinPerson] = []
        skipped: list[CheckinPerson] = []
        records: list[Attendance] = []
        undos: list[Undo] = []
        for number in parsed.rows:
            person = rows[number - 1]
            previous = self.presence(person.id)
            if previous is not None and previous.status is AttendanceStatus.PRESENT:
                skipped.append(person)
                continue
            record = Attendance(
                id=attendance_id(session_id, person.id),
                session_id=session_id,
                person_id=person.id,
                mode=self.default_mode(),
                checked_in_at=at,
                recorded_by=self.recorded_by,
            )
            records.append(record)
            undos.append(self._undo_of(previous, record.id))
            ticked.append(person)
        changes = self.ws.check_in_many(records).changes
        if records:
            names = format_list([p.full_name for p in ticked])
            self._wrote(undo_of_many(names, undos, session_id), *records)
        return self._outcome(
            Kind.TICKED,
            at=at,
            changes=changes,
            ticked=tuple(ticked),
            skipped=tuple(skipped),
            invalid=parsed.invalid,
        )

    def bump_tally(self, gender: Gender, delta: int) -> Result[None]:
        assert self.target is not None
        return self.ws.bump_tally(self.target.session.id, gender, delta)

    def attach_sheet_photo(
        self, data: bytes, filename: str, media_type: str, caption: str
    ) -> Result[Attachment]:
        assert self.target is not None and self.event_id is not None
        return self.ws.attach_sheet_photo(
            self.event_id,
            self.target.session.id,
            data,
            filename=filename,
            media_type=media_type,
            caption=caption,
        )
