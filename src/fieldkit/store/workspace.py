"""The workspace facade: the one door to a workspace's data.

Every method opens its own connection and transaction, commits inside and returns plain values
(frozen records from `fieldkit.core.model`). Every write goes through `save`, `update` or
`delete`, which stamp each changed field with the hybrid logical clock in the same transaction:
no other code writes records, so nothing escapes the exchange between laptops.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import filelock
from sqlalchemy import Connection, Table, and_, distinct, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from fieldkit.core import clocks as clock_codec
from fieldkit.core.codec import record_from_plain, record_to_plain, to_plain
from fieldkit.core.errors import InvalidInput, NotFound, WorkspaceUnavailable
from fieldkit.core.hlc import HybridLogicalClock, Stamp
from fieldkit.core.ids import arrival_id, attendance_id, is_uuid, new_id
from fieldkit.core.model import (
    KIND_OF_CLASS,
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Changes,
    Day,
    Event,
    EventSummary,
    Person,
    Session,
    SessionKind,
)
from fieldkit.core.text import fold, search_key
from fieldkit.i18n import _
from fieldkit.paths import default_database
from fieldkit.store import schema
from fieldkit.store.database import create_workspace_engine, migrate

R = TypeVar("R")

# Which part of the window a change to each record kind concerns.
_CHANGE_AREA: dict[str, str] = {
    "organisation": "people",
    "person": "people",
    "registration": "people",
    "programme": "events",
    "event": "events",
    "objective": "events",
    "axis": "events",
    "event_partner": "events",
    "day": "agenda",
    "session": "agenda",
    "session_axis": "agenda",
    "session_objective": "agenda",
    "working_group": "agenda",
    "group_member": "agenda",
    "attendance": "attendance",
    "tally": "attendance",
    "note": "notes",
    "decision": "notes",
    "action_item": "notes",
    "action_owner": "notes",
    "attachment": "notes",
    "conflict": "events",
}
_CHUNK = 500  # ids per SELECT … IN (…), under SQLite's variable limit


def _changes(kinds: Iterable[str]) -> Changes:
    return Changes(**{_CHANGE_AREA[kind]: True for kind in kinds})


def _kind(cls: type[Any]) -> str:
    return KIND_OF_CLASS[cls]


def _environment_error(path: Path, error: BaseException) -> WorkspaceUnavailable:
    """One plain sentence for what the disk or another program did to us."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return WorkspaceUnavailable(
            _("The workspace {path} is busy in another program; try again in a moment.").format(
                path=path
            )
        )
    if "full" in text:
        return WorkspaceUnavailable(
            _("The disk that holds the workspace is full; free some space and try again.")
        )
    if "readonly" in text or "read-only" in text:
        return WorkspaceUnavailable(
            _(
                "The workspace {path} cannot be written: the file or its folder is read-only."
            ).format(path=path)
        )
    return WorkspaceUnavailable(
        _("The workspace {path} cannot be used: {reason}.").format(path=path, reason=error)
    )


class Workspace:
    """One workspace file, opened by this copy of the app alone."""

    def __init__(self, path: Path, *, device_name: str = "") -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        # Another copy of the app on the same file would interleave its edits with ours.
        self._lock = filelock.FileLock(str(path) + ".lock", timeout=0)
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise WorkspaceUnavailable(
                _(
                    "The workspace {path} is open in another copy of fieldkit; "
                    "close it there first."
                ).format(path=path)
            ) from None
        try:
            self.engine = create_workspace_engine(path)
            migrate(path, self.engine)
            self.device_id, last = self._load_device(device_name)
        except OperationalError as error:
            self._lock.release()
            raise _environment_error(path, error) from None
        except BaseException:
            self._lock.release()
            raise
        self.clock = HybridLogicalClock(self.device_id, Stamp.parse(last) if last else None)

    @classmethod
    def open(cls, path: Path | None = None) -> Workspace:
        return cls(path or default_database())

    def close(self) -> None:
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- transactions ------------------------------------------------------------------------

    def _load_device(self, name: str) -> tuple[str, str]:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.device)).first()
        if row is not None:
            return row.id, row.last_stamp
        device_id = new_id().replace("-", "")[:16]
        with self.engine.begin() as conn:
            conn.execute(insert(schema.device).values(id=device_id, name=name, last_stamp=""))
        return device_id, ""

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as error:
            raise _environment_error(self.path, error) from None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One transaction; the clock's last stamp is kept in it, so a restart never reuses it."""
        try:
            with self.engine.begin() as conn:
                yield conn
                conn.execute(
                    update(schema.device)
                    .where(schema.device.c.id == self.device_id)
                    .values(last_stamp=self.clock.now())
                )
        except OperationalError as error:
            raise _environment_error(self.path, error) from None
        except IntegrityError as error:
            raise InvalidInput(
                _("The change was refused because it would break links between records.")
            ) from error

    # --- generic reads -----------------------------------------------------------------------

    @staticmethod
    def _record(kind: str, row: Any) -> Any:
        values = dict(row._mapping)
        for extra in ("deleted", "clocks", "vv", *schema.LOCAL_COLUMNS.get(kind, ())):
            values.pop(extra, None)
        return record_from_plain(kind, values)

    def get(self, cls: type[R], record_id: str, *, include_deleted: bool = False) -> R | None:
        kind = _kind(cls)
        table = schema.record_tables[kind]
        query = select(table).where(table.c.id == record_id)
        if not include_deleted:
            query = query.where(table.c.deleted.is_(False))
        with self._reading() as conn:
            row = conn.execute(query).first()
        return None if row is None else self._record(kind, row)

    def require(self, cls: type[R], record_id: str) -> R:
        record = self.get(cls, record_id)
        if record is None:
            raise NotFound(_("There is no such record: {id}.").format(id=record_id))
        return record

    def list(
        self,
        cls: type[R],
        *,
        where: dict[str, Any] | None = None,
        order_by: Sequence[str] = (),
        include_deleted: bool = False,
    ) -> builtins.list[R]:
        """Records of one kind whose fields equal the given values (a list or set means any of)."""
        kind = _kind(cls)
        table = schema.record_tables[kind]
        query = select(table)
        for name, value in (where or {}).items():
            column = table.c[name]
            if isinstance(value, list | set | tuple | frozenset):
                query = query.where(column.in_([to_plain(v) for v in value]))
            else:
                query = query.where(
                    column.is_(None) if value is None else column == to_plain(value)
                )
        if not include_deleted:
            query = query.where(table.c.deleted.is_(False))
        query = query.order_by(*(table.c[name] for name in (*order_by, "id")))
        with self._reading() as conn:
            return [self._record(kind, row) for row in conn.execute(query)]

    def clocks(self, cls: type[Any], record_id: str) -> dict[str, str]:
        """{field: clock stamp} of a stored record, `deleted` included."""
        table = schema.record_tables[_kind(cls)]
        with self._reading() as conn:
            text = conn.execute(select(table.c.clocks).where(table.c.id == record_id)).scalar()
        return clock_codec.decode(text)

    # --- generic writes ----------------------------------------------------------------------

    def save(self, *records: Any) -> Changes:
        """Create or update records; only the fields whose value changed get a new clock stamp.

        Saving a record that was deleted brings it back (undelete is just another edit).
        """
        with self._writing() as conn:
            kinds = self._save_in(conn, records)
        return _changes(kinds)

    def _save_in(self, conn: Connection, records: Sequence[Any]) -> set[str]:
        by_kind: dict[str, list[Any]] = {}
        for record in records:
            by_kind.setdefault(_kind(type(record)), []).append(record)
        changed_kinds: set[str] = set()
        for kind, items in by_kind.items():
            table = schema.record_tables[kind]
            ids = [item.id for item in items]
            existing: dict[str, Any] = {}
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                for row in conn.execute(select(table).where(table.c.id.in_(chunk))):
                    existing[row.id] = row._mapping
            inserts: list[dict[str, Any]] = []
            updated = False
            for item in items:
                values = record_to_plain(item)
                if not is_uuid(str(values["id"])):
                    raise InvalidInput(_("{id} is not a valid record id.").format(id=values["id"]))
                self._add_local_columns(kind, values)
                current = existing.get(item.id)
                if current is None:
                    inserts.append(self._new_row(kind, values))
                    existing[item.id] = inserts[-1]
                    continue
                delta = {
                    name: value
                    for name, value in values.items()
                    if name != "id" and current[name] != value
                }
                if current["deleted"]:
                    delta["deleted"] = False
                if delta:
                    self._apply(conn, table, kind, current, delta)
                    existing[item.id] = {**current, **delta}
                    updated = True
            if inserts:
                conn.execute(insert(table), inserts)
            if inserts or updated:
                changed_kinds.add(kind)
        return changed_kinds

    def _new_row(self, kind: str, values: dict[str, Any]) -> dict[str, Any]:
        """A row for a new record, every field stamped with one clock reading."""
        local = schema.LOCAL_COLUMNS.get(kind, ())
        fields = [name for name in values if name != "id" and name not in local]
        row = {**values, "deleted": False}
        row["clocks"] = clock_codec.encode(dict.fromkeys([*fields, "deleted"], self.clock.now()))
        return row

    def _apply(
        self, conn: Connection, table: Table, kind: str, current: Any, delta: dict[str, Any]
    ) -> None:
        """Write changed fields of a stored row, stamping each and noting what it overwrote."""
        stamp = self.clock.now()
        stamps = clock_codec.decode(current["clocks"])
        vectors = clock_codec.decode_vv(current["vv"])
        local = schema.LOCAL_COLUMNS.get(kind, ())
        for name in delta:
            if name in local:
                continue
            clock_codec.note_overwrite(vectors, name, stamps.get(name), self.device_id)
            stamps[name] = stamp
        conn.execute(
            update(table)
            .where(table.c.id == current["id"])
            .values(**delta, clocks=clock_codec.encode(stamps), vv=clock_codec.encode_vv(vectors))
        )

    @staticmethod
    def _add_local_columns(kind: str, values: dict[str, Any]) -> None:
        if kind == "person":
            values["search"] = search_key(values["given_names"], values["surnames"])

    def update(self, cls: type[Any], record_id: str, **values: Any) -> Changes:
        """Change some fields of a stored record (the autosave of one edited field)."""
        record = self.get(cls, record_id, include_deleted=True)
        if record is None:
            raise NotFound(_("There is no such record: {id}.").format(id=record_id))
        return self.save(dataclasses.replace(record, **values))

    def delete(self, cls: type[Any], record_id: str) -> Changes:
        """Mark a record deleted: a tombstone that syncs. Saving it again brings it back."""
        kind = _kind(cls)
        table = schema.record_tables[kind]
        with self._writing() as conn:
            current = conn.execute(select(table).where(table.c.id == record_id)).first()
            if current is None:
                raise NotFound(_("There is no such record: {id}.").format(id=record_id))
            if current.deleted:
                return Changes()
            self._apply(conn, table, kind, current._mapping, {"deleted": True})
        return _changes([kind])

    # --- events ------------------------------------------------------------------------------

    def events(self, *, include_archived: bool = True) -> builtins.list[EventSummary]:
        table = schema.record_tables["event"]
        query = select(
            table.c.id,
            table.c.code,
            table.c.title,
            table.c.start_date,
            table.c.end_date,
            table.c.archived,
        ).where(table.c.deleted.is_(False))
        if not include_archived:
            query = query.where(table.c.archived.is_(False))
        query = query.order_by(table.c.start_date.desc(), table.c.title, table.c.id)
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [
            EventSummary(
                id=row.id,
                code=row.code,
                title=row.title,
                start_date=dt.date.fromisoformat(row.start_date) if row.start_date else None,
                end_date=dt.date.fromisoformat(row.end_date) if row.end_date else None,
                archived=row.archived,
            )
            for row in rows
        ]

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

    # --- days, sessions and attendance --------------------------------------------------------

    def add_day(self, event_id: str, date: dt.date, title: str = "") -> Day:
        """Add a day to an event, with its arrival session (where people are checked in)."""
        day = Day(id=new_id(), event_id=event_id, date=date, title=title)
        arrival = Session(
            id=arrival_id(day.id),
            day_id=day.id,
            title=_("Arrival"),
            kind=SessionKind.ARRIVAL,
        )
        self.save(day, arrival)
        return day

    def check_in(
        self,
        session_id: str,
        person_id: str,
        *,
        mode: AttendanceMode = AttendanceMode.IN_PERSON,
        at: dt.datetime | None = None,
        recorded_by: str = "",
    ) -> Changes:
        record = Attendance(
            id=attendance_id(session_id, person_id),
            session_id=session_id,
            person_id=person_id,
            status=AttendanceStatus.PRESENT,
            mode=mode,
            checked_in_at=(at or dt.datetime.now()).replace(microsecond=0),
            recorded_by=recorded_by,
        )
        return self.save(record)

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
        table = schema.record_tables["registration"]
        query = select(func.count()).where(table.c.event_id == event_id, table.c.deleted.is_(False))
        with self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def present_counts(self, event_id: str) -> dict[str, int]:
        """{day id: number of people present that day} for every day of an event."""
        attendance = schema.record_tables["attendance"]
        session = schema.record_tables["session"]
        day = schema.record_tables["day"]
        query = (
            select(day.c.id, func.count(distinct(attendance.c.person_id)))
            .select_from(day)
            .outerjoin(session, and_(session.c.day_id == day.c.id, session.c.deleted.is_(False)))
            .outerjoin(
                attendance,
                and_(attendance.c.session_id == session.c.id, attendance.c.deleted.is_(False)),
            )
            .where(day.c.event_id == event_id, day.c.deleted.is_(False))
            .group_by(day.c.id)
        )
        with self._reading() as conn:
            return {day_id: int(count) for day_id, count in conn.execute(query)}

    # --- people ------------------------------------------------------------------------------

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
            exists = conn.execute(
                select(schema.blob.c.sha256).where(schema.blob.c.sha256 == digest)
            ).first()
            if exists is None:
                conn.execute(insert(schema.blob).values(sha256=digest, size=len(data), data=data))
        return digest

    def blob(self, digest: str) -> bytes | None:
        with self._reading() as conn:
            data = conn.execute(
                select(schema.blob.c.data).where(schema.blob.c.sha256 == digest)
            ).scalar()
        return None if data is None else bytes(data)

    # --- settings ----------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        with self._reading() as conn:
            text = conn.execute(
                select(schema.setting.c.value).where(schema.setting.c.key == key)
            ).scalar()
        return default if text is None else json.loads(text)

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
        table = schema.record_tables["event"]
        with self._reading() as conn:
            return conn.execute(select(table.c.id).limit(1)).first() is None

    def apply(self, saves: Sequence[Any], deletions: Sequence[tuple[type[Any], str]]) -> Changes:
        """Save some records and tombstone others in one transaction (an import is all or nothing)."""
        kinds: set[str] = set()
        with self._writing() as conn:
            kinds |= self._save_in(conn, saves)
            for cls, record_id in deletions:
                kind = _kind(cls)
                table = schema.record_tables[kind]
                current = conn.execute(select(table).where(table.c.id == record_id)).first()
                if current is not None and not current.deleted:
                    self._apply(conn, table, kind, current._mapping, {"deleted": True})
                    kinds.add(kind)
        return _changes(kinds)
