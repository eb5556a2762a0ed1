"""The infrastructure of the workspace facade: opening, transactions, generic reads and writes.

Every method opens its own connection and transaction, commits inside and returns plain values
(frozen records from `fieldkit.core.model`). Every write goes through `save`, `update` or
`delete`, which stamp each changed field with the hybrid logical clock in the same transaction:
no other code writes records, so nothing escapes the exchange between laptops.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from fieldkit.core import clocks as clock_codec
from fieldkit.core.codec import Plain, record_from_plain, record_to_plain, to_plain
from fieldkit.core.errors import InvalidInput, NotFound, WorkspaceUnavailable
from fieldkit.core.hlc import HybridLogicalClock, Stamp
from fieldkit.core.ids import is_uuid, new_id
from fieldkit.core.model import (
    KIND_OF_CLASS,
    Changes,
    Result,
    done,
    record_fields,
)
from fieldkit.core.rules import check_record, refusal
from fieldkit.core.text import search_key
from fieldkit.i18n import _
from fieldkit.paths import default_database, user_data_dir
from fieldkit.store import health, lazy_sql, rule_checks
from fieldkit.store.database import (
    create_workspace_engine,
    head_revision,
    migrate,
)
from fieldkit.store.file_lock import FileLock, LockHeld

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Select, Table, insert, select, update
    from sqlalchemy.exc import DatabaseError, IntegrityError

    from fieldkit.store import schema
else:  # loaded on first use (see fieldkit.store.lazy_sql)
    lazy_sql.declare(
        globals(),
        "insert",
        "select",
        "update",
        "DatabaseError",
        "IntegrityError",
        "schema",
    )

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
    "distinct_people": "people",
    "person_merge": "people",
    "person_erasure": "people",
}
_CHUNK = 500  # ids per SELECT … IN (…), under SQLite's variable limit


def insert_rows(
    conn: Connection | sqlite3.Connection, table: Table, rows: list[dict[str, Any]]
) -> None:
    """New rows through the driver's executemany, in the open transaction.

    SQLAlchemy's insert() processes each row's parameters in Python, which doubles the time of a
    laptop joining with half a million records and is most of the cost of one check-in.
    """
    names = [column.name for column in table.columns]
    sql = f'INSERT INTO "{table.name}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'
    driver_of(conn).executemany(sql, [tuple(map(row.get, names)) for row in rows])


def driver_of(conn: Connection | sqlite3.Connection) -> sqlite3.Connection:
    """The sqlite3 connection of a transaction (under SQLAlchemy's, or itself).

    The plain statements of every edit and check-in run on it: SQLAlchemy's statement and result
    machinery costs more than they do (about 50 µs against 4 µs for a read by id). Its errors
    are sqlite3's own, which the transactions below handle alike.
    """
    if isinstance(conn, sqlite3.Connection):
        return conn
    driver: sqlite3.Connection | None = conn.connection.driver_connection
    assert driver is not None
    return driver


def rows_by_id(driver: sqlite3.Connection, sql: str, parameters: Sequence[Any]) -> dict[str, Any]:
    """{id: {column: value}} of the rows a `SELECT *` finds (booleans come back as 0/1, which
    compare equal to False/True)."""
    cursor = driver.execute(sql, parameters)
    names = [column[0] for column in cursor.description]
    found: dict[str, Any] = {}
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        found[row["id"]] = row
    return found


def honour_erasures(conn: Connection | sqlite3.Connection, people: list[Any]) -> list[Any]:
    """The people to save, those whose personal data was erased kept erased."""
    from fieldkit.core.erasure import erased_person

    ids = [person.id for person in people]
    keep: dict[str, bool] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = driver_of(conn).execute(
            "SELECT person_id, keep_initials FROM person_erasure "
            f"WHERE deleted = 0 AND person_id IN ({marks})",
            tuple(chunk),
        )
        keep.update((person_id, bool(initials)) for person_id, initials in rows)
    if not keep:
        return people
    return [erased_person(p, keep_initials=keep[p.id]) if p.id in keep else p for p in people]


def changes_of(kinds: Iterable[str]) -> Changes:
    return Changes(**{_CHANGE_AREA[kind]: True for kind in kinds})


def kind_of(cls: type[Any]) -> str:
    return KIND_OF_CLASS[cls]


def _check_writable(real: Path, new: bool) -> None:
    """A read-only workspace or folder, said before the lock file or SQLite trip on it."""
    if not os.access(real.parent, os.W_OK):
        raise WorkspaceUnavailable(
            _(
                "The folder {folder} is read-only, and fieldkit must write beside the workspace; "
                "copy the workspace to a folder of your own."
            ).format(folder=real.parent)
        )
    if not new and not os.access(real, os.W_OK):
        raise WorkspaceUnavailable(
            _(
                "The workspace {path} is read-only, and fieldkit must be able to write to it; "
                "copy it to a folder of your own, or change its permissions."
            ).format(path=real)
        )


def _environment_error(path: Path, error: BaseException) -> WorkspaceUnavailable:
    """One plain sentence for what the disk or another program did to us."""
    text = str(error).lower()
    if isinstance(error, PermissionError):
        return WorkspaceUnavailable(
            _(
                "The workspace {path} cannot be written: the file or its folder is read-only."
            ).format(path=path)
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return health.damaged(path)
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


class WorkspaceBase:
    """One workspace file, opened by this copy of the app alone.

    `fieldkit.store.Workspace` adds the queries of each part of the app on top of this.
    """

    def __init__(
        self,
        path: Path,
        *,
        device_name: str = "",
        create: bool = True,
        full_check: bool = False,
    ) -> None:
        """Open the workspace at `path`, or refuse in one sentence with nothing written.

        `create`: a missing (or empty) file becomes a new workspace; without it, the commands
        that only read say there is no workspace there. `full_check`: run SQLite's quick_check
        before anything else, a second or more on a large workspace (the command line asks for
        it; the window runs it in the background once shown, see `fieldkit.store.health`); without it, damage that a read meets later is still refused
        as `DamagedWorkspace`. Sentences of the opening that the user should read (a damaged
        journal copied aside) are in `notices`.
        """
        self.path = path
        self.notices: builtins.list[str] = []
        # Two paths to one file (a link) must meet the same lock, and SQLite names its journal
        # after the real file too.
        real = path.resolve()
        inspection = health.inspect(real, head_revision())
        if inspection.state is health.State.NEW and not create:
            raise health.no_workspace(path)
        _check_writable(real, inspection.state is health.State.NEW)
        if full_check and inspection.state is health.State.WORKSPACE:
            health.quick_check(real)  # before the lock file: a damaged file gets nothing beside it
        # Another copy of the app on the same file would interleave its edits with ours.
        self._lock = FileLock(str(real) + ".lock")
        try:
            self._lock.acquire()
        except LockHeld:
            raise WorkspaceUnavailable(
                _(
                    "The workspace {path} is open in another copy of fieldkit; "
                    "close it there first."
                ).format(path=path)
            ) from None
        except OSError as error:
            raise _environment_error(path, error) from None
        self._engine: Engine | None = None
        try:
            notice = health.check_journal(real)  # before SQLite reads the journal and drops it
            if notice:
                self.notices.append(notice)
            # An up-to-date workspace opens through sqlite3 alone; SQLAlchemy is loaded with the
            # engine, when a migration or the first query other than the start's needs it.
            if inspection.revision != head_revision():
                migrate(path, self.engine)
            self.device_id, last = self._load_device(device_name)
        except (DatabaseError, sqlite3.DatabaseError) as error:
            self.close()
            raise _environment_error(path, error) from None
        except BaseException:
            self.close()
            raise
        self.clock = HybridLogicalClock(self.device_id, Stamp.parse(last) if last else None)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy loaded) on first use."""
        if self._engine is None:
            self._engine = create_workspace_engine(self.path)
        return self._engine

    @property
    def device_name(self) -> str:
        """The name people gave this laptop (shown to others in the exchange), or its id."""
        with self._reading() as conn:
            name = conn.execute(select(schema.device.c.name)).scalar()
        return str(name or self.device_id)

    def set_device_name(self, name: str) -> None:
        with self._writing() as conn:
            conn.execute(update(schema.device).values(name=name.strip()))

    @property
    def schema_version(self) -> str:
        return head_revision()

    @classmethod
    def open(
        cls, path: Path | None = None, *, create: bool = True, full_check: bool = False
    ) -> Self:
        """The workspace at `path`, else the default one (whose folder is made when missing)."""
        if path is None:
            path = default_database()
            if path.parent == user_data_dir():
                path.parent.mkdir(parents=True, exist_ok=True)
        return cls(path, create=create, full_check=full_check)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- transactions ------------------------------------------------------------------------

    def _load_device(self, name: str) -> tuple[str, str]:
        with self._plain_reading() as plain:
            row = plain.execute("SELECT id, last_stamp FROM device LIMIT 1").fetchone()
        if row is not None:
            return str(row[0]), str(row[1])
        device_id = new_id().replace("-", "")[:16]
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            conn.execute(insert(schema.device).values(id=device_id, name=name, last_stamp=""))
        return device_id, ""

    @contextlib.contextmanager
    def _plain_reading(self) -> Iterator[sqlite3.Connection]:
        """A read through sqlite3 alone, for what the first window shows before SQLAlchemy is
        loaded (the events list, the settings); its own short-lived connection."""
        try:
            connection = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.OperationalError as error:
            raise _environment_error(self.path, error) from None
        try:
            connection.execute("PRAGMA busy_timeout = 5000")
            yield connection
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as error:  # busy, full, read-only, damaged
            raise _environment_error(self.path, error) from None
        finally:
            connection.close()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except IntegrityError:
            raise
        except DatabaseError as error:  # busy, full, read-only, damaged
            raise _environment_error(self.path, error) from None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One transaction; a stamp issued in it is kept in it, so a restart never reuses one."""
        issued_before = self.clock.last_issued
        try:
            with self.engine.connect().execution_options(write=True) as conn, conn.begin():
                yield conn
                if self.clock.last_issued != issued_before:
                    driver_of(conn).execute(
                        "UPDATE device SET last_stamp = ? WHERE id = ?",
                        (self.clock.last_issued, self.device_id),
                    )
        except (IntegrityError, sqlite3.IntegrityError) as error:
            raise InvalidInput(
                _("The change was refused because it would break links between records.")
            ) from error
        except (DatabaseError, sqlite3.DatabaseError) as error:  # busy, full, read-only, damaged
            raise _environment_error(self.path, error) from None

    @contextlib.contextmanager
    def _driver_writing(self) -> Iterator[sqlite3.Connection]:
        """`_writing` on a pooled sqlite3 connection alone, for what needs no more (`save`: every
        edit and check-in). SQLAlchemy's connection and transaction around it cost as much as a
        check-in's statements, commit excepted."""
        issued_before = self.clock.last_issued
        try:
            pooled = self.engine.raw_connection()
            try:
                driver = pooled.driver_connection
                assert driver is not None
                driver.execute("BEGIN IMMEDIATE")  # the write lock at once, as in `_writing`
                try:
                    yield driver
                    if self.clock.last_issued != issued_before:
                        driver.execute(
                            "UPDATE device SET last_stamp = ? WHERE id = ?",
                            (self.clock.last_issued, self.device_id),
                        )
                    driver.execute("COMMIT")
                finally:
                    if driver.in_transaction:  # an error above, or a COMMIT that failed
                        driver.execute("ROLLBACK")
            finally:
                pooled.close()
        except (IntegrityError, sqlite3.IntegrityError) as error:
            raise InvalidInput(
                _("The change was refused because it would break links between records.")
            ) from error
        except (DatabaseError, sqlite3.DatabaseError) as error:  # busy, full, read-only, damaged
            raise _environment_error(self.path, error) from None

    @contextlib.contextmanager
    def _rolled_back(self) -> Iterator[Connection]:
        """A write transaction that is always rolled back: a preview that runs every check."""
        try:
            with self.engine.connect().execution_options(write=True) as conn:
                transaction = conn.begin()
                try:
                    yield conn
                finally:
                    transaction.rollback()
        except (IntegrityError, sqlite3.IntegrityError) as error:
            raise InvalidInput(
                _("The change was refused because it would break links between records.")
            ) from error
        except (DatabaseError, sqlite3.DatabaseError) as error:  # busy, full, read-only, damaged
            raise _environment_error(self.path, error) from None

    # --- generic reads -----------------------------------------------------------------------

    @staticmethod
    def _record(kind: str, row: Any) -> Any:
        values = dict(row._mapping)
        for extra in ("deleted", "clocks", "vv", *schema.LOCAL_COLUMNS.get(kind, ())):
            values.pop(extra, None)
        return record_from_plain(kind, values)

    def get(self, cls: type[R], record_id: str, *, include_deleted: bool = False) -> R | None:
        with self._reading() as conn:
            return self._get_in(conn, cls, record_id, include_deleted=include_deleted)

    def _get_in(
        self, conn: Connection, cls: type[R], record_id: str, *, include_deleted: bool = False
    ) -> R | None:
        """One record, read in an open transaction (a write reads what it changes in its own)."""
        kind = kind_of(cls)
        table = schema.record_tables[kind]
        query = select(table).where(table.c.id == record_id)
        if not include_deleted:
            query = query.where(table.c.deleted.is_(False))
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
        with self._reading() as conn:
            return self._list_in(
                conn, cls, where=where, order_by=order_by, include_deleted=include_deleted
            )

    def _list_in(
        self,
        conn: Connection,
        cls: type[R],
        *,
        where: dict[str, Any] | None = None,
        order_by: Sequence[str] = (),
        include_deleted: bool = False,
    ) -> builtins.list[R]:
        """`list`, in an open transaction."""
        kind = kind_of(cls)
        query = self._where(kind, select(schema.record_tables[kind]), where, include_deleted)
        query = query.order_by(*(schema.record_tables[kind].c[name] for name in (*order_by, "id")))
        return [self._record(kind, row) for row in conn.execute(query)]

    def list_plain(
        self,
        cls: type[Any],
        *,
        where: dict[str, Any] | None = None,
        order_by: Sequence[str] = (),
    ) -> builtins.list[dict[str, Plain]]:
        """`list` as plain values, each `record_to_plain` of the record, without building records:
        exports of tens of thousands of rows spend most of their time on that round trip."""
        kind = kind_of(cls)
        table = schema.record_tables[kind]
        names = [f.name for f in record_fields(kind)]
        query = self._where(kind, select(*(table.c[name] for name in names)), where, False)
        query = query.order_by(*(table.c[name] for name in (*order_by, "id")))
        with self._reading() as conn:
            return [dict(zip(names, row, strict=True)) for row in conn.execute(query)]

    @staticmethod
    def _where(
        kind: str, query: Select[Any], where: dict[str, Any] | None, include_deleted: bool
    ) -> Select[Any]:
        table = schema.record_tables[kind]
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
        return query

    def clocks(self, cls: type[Any], record_id: str) -> dict[str, str]:
        """{field: clock stamp} of a stored record, `deleted` included."""
        table = schema.record_tables[kind_of(cls)]
        with self._reading() as conn:
            text = conn.execute(select(table.c.clocks).where(table.c.id == record_id)).scalar()
        return clock_codec.decode(text)

    # --- generic writes ----------------------------------------------------------------------

    def save(self, *records: Any) -> Result[None]:
        """Create or update records; only the fields whose value changed get a new clock stamp.

        Saving a record that was deleted brings it back (undelete is just another edit).
        """
        with self._driver_writing() as driver:
            kinds = self._save_in(driver, records)
        return done(changes_of(kinds))

    def _save_in(
        self,
        conn: Connection | sqlite3.Connection,
        records: Sequence[Any],
        *,
        undelete: bool = True,
    ) -> set[str]:
        by_kind: dict[str, list[Any]] = {}
        for record in records:
            by_kind.setdefault(kind_of(type(record)), []).append(record)
        changed_kinds: set[str] = set()
        # Records whose links moved: the rules across records, once everything is written.
        to_check: dict[str, tuple[str, dict[str, Any], Any]] = {}
        driver = driver_of(conn)
        for kind, items in by_kind.items():
            table = schema.record_tables[kind]
            ids = [item.id for item in items]
            existing: dict[str, Any] = {}
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                marks = ", ".join("?" * len(chunk))
                sql = f'SELECT * FROM "{kind}" WHERE id IN ({marks})'
                existing.update(rows_by_id(driver, sql, chunk))
            if kind == "person":  # an erasure is final: no edit brings the data back
                items = honour_erasures(conn, items)
            inserts: dict[str, dict[str, Any]] = {}  # new rows, written after the loop
            updated = False
            for item in items:
                values = record_to_plain(item)
                if not is_uuid(str(values["id"])):
                    raise InvalidInput(_("{id} is not a valid record id.").format(id=values["id"]))
                check_record(kind, values)  # the model's rules, before anything is written
                current = existing.get(item.id)
                if rule_checks.moved(kind, values, current):
                    to_check[item.id] = (kind, values, current)
                self._add_local_columns(kind, values)
                if item.id in inserts:  # the same new record twice in one call: the last wins
                    inserts[item.id].update(values)
                    continue
                if current is None:
                    inserts[item.id] = self._new_row(kind, values)
                    continue
                delta = {
                    name: value
                    for name, value in values.items()
                    if name != "id" and current[name] != value
                }
                if current["deleted"] and undelete:
                    delta["deleted"] = False
                if delta:
                    self._apply(conn, table, kind, current, delta)
                    existing[item.id] = {**current, **delta}
                    updated = True
            if inserts:
                insert_rows(conn, table, list(inserts.values()))
            if inserts or updated:
                changed_kinds.add(kind)
        if to_check:
            lookups = rule_checks.Lookups(conn)
            for kind, values, before in to_check.values():
                problem = rule_checks.cross_problem(lookups, kind, values, before)
                if problem is not None:
                    raise refusal(kind, values, problem)  # the transaction rolls back
        return changed_kinds

    def _new_row(self, kind: str, values: dict[str, Any]) -> dict[str, Any]:
        """A row for a new record, every field stamped with one clock reading."""
        local = schema.LOCAL_COLUMNS.get(kind, ())
        fields = [name for name in values if name != "id" and name not in local]
        row = {**values, "deleted": False}
        row["clocks"] = clock_codec.encode(dict.fromkeys([*fields, "deleted"], self.clock.now()))
        return row

    def _apply(
        self,
        conn: Connection | sqlite3.Connection,
        table: Table,
        kind: str,
        current: Any,
        delta: dict[str, Any],
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
        values = {
            **delta,
            "clocks": clock_codec.encode(stamps),
            "vv": clock_codec.encode_vv(vectors),
        }
        assignments = ", ".join(f'"{name}" = ?' for name in values)
        driver_of(conn).execute(
            f'UPDATE "{table.name}" SET {assignments} WHERE id = ?',
            (*values.values(), current["id"]),
        )

    @staticmethod
    def _add_local_columns(kind: str, values: dict[str, Any]) -> None:
        if kind == "person":
            values["search"] = search_key(values["given_names"], values["surnames"])

    @staticmethod
    def _put_blob(conn: Connection, digest: str, data: bytes) -> None:
        """Store bytes under their SHA-256 once (blobs are immutable; a second copy is skipped)."""
        conn.execute(
            insert(schema.blob)
            .values(sha256=digest, size=len(data), data=data)
            .prefix_with("OR IGNORE")
        )

    def update(self, cls: type[R], record_id: str, **values: Any) -> Result[R]:
        """Change some fields of a stored record (the autosave of one edited field); returns the
        record as it now is.

        The record is read inside the write transaction, so another field written meanwhile (by
        another thread: an import, the sync folder) is kept, never reverted under a new stamp.
        Unlike `save`, this leaves a deleted record deleted: an edit is not an undelete.
        """
        with self._writing() as conn:
            record = self._get_in(conn, cls, record_id, include_deleted=True)
            if record is None:
                raise NotFound(_("There is no such record: {id}.").format(id=record_id))
            changed = dataclasses.replace(record, **values)  # type: ignore[type-var]
            kinds = self._save_in(conn, [changed], undelete=False)
        return Result(changed, changes_of(kinds))

    def delete(self, cls: type[Any], record_id: str) -> Result[None]:
        """Mark a record deleted: a tombstone that syncs. Saving it again brings it back."""
        kind = kind_of(cls)
        table = schema.record_tables[kind]
        with self._writing() as conn:
            current = conn.execute(select(table).where(table.c.id == record_id)).first()
            if current is None:
                raise NotFound(_("There is no such record: {id}.").format(id=record_id))
            if current.deleted:
                return done(Changes())
            self._apply(conn, table, kind, current._mapping, {"deleted": True})
        return done(changes_of([kind]))
