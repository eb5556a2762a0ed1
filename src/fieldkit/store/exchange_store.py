"""The store's part of the exchange between laptops: reading and merging record states.

`ExchangeStore` is mixed into `Workspace`; it holds the SQL that the exchange needs (which records
belong to some events, their full state with clocks, merging incoming states in one transaction,
snapshots that undo an import, the canonical dump). The rules of merging are
`fieldkit.core.merge`; the file format is `fieldkit.sync`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core import clocks as clock_codec
from fieldkit.core.codec import field_types, from_plain, to_plain
from fieldkit.core.erasure import ERASED_FIELDS
from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.merge import (
    ConflictEntry,
    RecordState,
    Unread,
    conflict_state,
    merge_record,
)
from fieldkit.core.model import (
    RECORD_KINDS,
    Changes,
    Conflict,
    ExchangeLogEntry,
    Keep,
    OpenConflict,
    Result,
    done,
)
from fieldkit.core.rules import SELF_LINKS
from fieldkit.core.seen_counts import Change, SeenCounts
from fieldkit.core.text import search_key
from fieldkit.i18n import _
from fieldkit.store import lazy_sql, rule_checks
from fieldkit.store.backups import PendingCopy, prune, start_backup, take_backup
from fieldkit.store.base import changes_of, insert_rows
from fieldkit.store.erasure_store import ErasureStore
from fieldkit.store.event_codes import CodeKeeper, RenamedCode

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table, insert, select

    from fieldkit.store import schema
else:  # loaded on first use (see fieldkit.store.lazy_sql)
    lazy_sql.declare(globals(), "insert", "select", "schema")

CHUNK = 2000
# SQLite's page cache during an import, in KiB (its default is 2 MB). Half a million new rows
# with random ids touch index pages all over the file: with the default cache they are spilled
# to the WAL and read back many times over, and the import grows much faster than its records.
MERGE_CACHE_KIB = 32 * 1024
BATCH_TEXT = 16 * 1024**2  # characters: bounds the memory of a batch of very long records

# How each event-scoped kind hangs from its event: (kind, parent kind, link field).
_EVENT_TREE: tuple[tuple[str, str, str], ...] = (
    ("objective", "event", "event_id"),
    ("axis", "event", "event_id"),
    ("event_partner", "event", "event_id"),
    ("registration", "event", "event_id"),
    ("day", "event", "event_id"),
    ("decision", "event", "event_id"),
    ("action_item", "event", "event_id"),
    ("attachment", "event", "event_id"),
    ("session", "day", "day_id"),
    ("session_axis", "session", "session_id"),
    ("session_objective", "session", "session_id"),
    ("working_group", "session", "session_id"),
    ("attendance", "session", "session_id"),
    ("tally", "session", "session_id"),
    ("note", "session", "session_id"),
    ("group_member", "working_group", "group_id"),
    ("action_owner", "action_item", "action_id"),
)


# How a record without an event_id reaches its event: (link field, parent kind).
_PARENT: dict[str, tuple[str, str]] = {
    kind: (link, parent) for kind, parent, link in _EVENT_TREE if link != "event_id"
}
_PARENT_KINDS = {"event", "day", "session", "working_group", "action_item"}


@dataclass(frozen=True)
class ExchangeLogLine:
    """One line of the exchange log: an export, an import or an undo."""

    direction: str
    path: Path
    digest: str
    peer: str
    summary: dict[str, Any]
    snapshot: Path | None = None


@dataclass
class MergeSummary:
    """What an import did (or would do): per kind, new and changed records; the conflicts."""

    new: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    conflicts: list[ConflictEntry] = field(default_factory=list)
    # Events that lost their code to another event with the same one, and took a suffix.
    renamed_codes: list[RenamedCode] = field(default_factory=list)
    # {event id, or "" for records of the whole workspace: {"new"|"changed"|"conflicts": n}}
    per_event: dict[str, dict[str, int]] = field(default_factory=dict)
    newest_stamp: str = ""
    # People whose personal data this import erased on this laptop (an erasure that arrived).
    erased: set[str] = field(default_factory=set)
    # The same, in the things a person sees (sessions, participations…), for the preview.
    seen: SeenCounts = field(default_factory=SeenCounts)
    # The event of each day, session, group and action seen so far (parents come first).
    _event_of: dict[str, str] = field(default_factory=dict, repr=False)
    _seen_by_event: dict[str, SeenCounts] = field(default_factory=dict, repr=False)
    # People whose records (or erasure, merges, conflicts) the import changed, and those of them
    # it brought new: whose erasures to honour once everything is in.
    _people_touched: set[str] = field(default_factory=set, repr=False)
    _people_new: set[str] = field(default_factory=set, repr=False)
    _erasures_new: set[str] = field(default_factory=set, repr=False)
    # People and organisations whose link the merge wrote: checked for circles at its end, once
    # every batch is in (a merge undone and made the other way round may come in either order).
    _linked: list[tuple[str, str]] = field(default_factory=list, repr=False)

    def touch(self, kind: str, values: dict[str, Any], record_id: str, new: bool) -> None:
        """Note the people a changed record concerns (for erasures)."""
        if kind == "person":
            self._people_touched.add(record_id)
            if new:
                self._people_new.add(record_id)
        elif kind == "person_erasure":
            self._people_touched.add(str(values.get("person_id")))
            if new:
                self._erasures_new.add(str(values.get("person_id")))
        elif kind == "person_merge":
            self._people_touched |= {str(values.get("person_id")), str(values.get("kept_id"))}
        elif kind in ("conflict", "action_owner"):
            who = values.get("record_id") if kind == "conflict" else values.get("person_id")
            if who and (kind != "conflict" or values.get("record_kind") == "person"):
                self._people_touched.add(str(who))

    def count(self, event_id: str, what: str, n: int = 1) -> None:
        figures = self.per_event.setdefault(event_id, {"new": 0, "changed": 0, "conflicts": 0})
        figures[what] = figures.get(what, 0) + n

    def add_seen(
        self, event_id: str, kind: str, record_id: str, before: RecordState | None, after: Any
    ) -> None:
        previous = before.values if before is not None else None
        by_event = self._seen_by_event.setdefault(event_id, SeenCounts())
        self.seen.add(kind, record_id, previous, after, by_event)

    def settle(self) -> None:
        """Per event, how many things a person would see new, changed or removed, each once
        (a new session with its ticks is one new session); "removed" only when some are."""
        for event_id, seen in self._seen_by_event.items():
            for change in Change:
                n = sum(seen.counts(change).values())
                if n or change is not Change.REMOVED:
                    figures = self.per_event.setdefault(
                        event_id, {"new": 0, "changed": 0, "conflicts": 0}
                    )
                    figures[change.value] = n

    @property
    def anything(self) -> bool:
        return bool(self.new or self.changed or self.conflicts)


@contextlib.contextmanager
def _page_cache(conn: Connection, kib: int) -> Iterator[None]:
    """A larger page cache for one transaction; the pooled connection gets its own back."""
    (before,) = conn.exec_driver_sql("PRAGMA cache_size").one()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


@contextlib.contextmanager
def _older_objects_set_aside() -> Iterator[None]:
    """The garbage collector's full passes, which an import's million short-lived objects set
    off dozens of times, walk every object the app holds: the objects that exist before the
    merge are set aside for its length (its own garbage is collected as usual)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _same_write(stored: tuple[str, bool] | None, remote: RecordState | Unread) -> bool:
    """Whether merging `remote` into the stored record would change nothing and find no conflict,
    known from its clocks alone: the same stamp on every field, no version vectors on either side
    (with them, `merge_record` may fold one into the other), and not deleted (a deletion may be a
    conflict with an edit it had not seen). Anything else goes through `merge_record`.

    `stored` is (clocks, whether it has no vectors and is not deleted). A record of a file is
    compared in the form both are stored in: the same text is the same stamps; a file that groups
    them otherwise takes the long way, which finds the same."""
    if stored is None or remote.vectors:
        return False
    clocks, plain = stored
    if not plain:
        return False
    if isinstance(remote, Unread):
        return clocks == remote.clocks
    return clock_codec.decode(clocks) == remote.stamps


def _update_rows(conn: Connection, kind: str, rows: list[dict[str, Any]]) -> None:
    """Changed rows through the driver's executemany, grouped by the columns they set."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        by_columns.setdefault(tuple(name for name in row if name != "id"), []).append(row)
    for names, group in by_columns.items():
        assignments = ", ".join(f'"{name}" = ?' for name in names)
        conn.exec_driver_sql(
            f'UPDATE "{kind}" SET {assignments} WHERE id = ?',
            [(*(row[name] for name in names), row["id"]) for row in group],
        )


def _state(kind: str, row: Any) -> RecordState:
    mapping = row._mapping
    local = {"id", "clocks", "vv", *schema.LOCAL_COLUMNS.get(kind, ())}
    values = {name: mapping[name] for name in mapping if name not in local}
    return RecordState(
        kind,
        mapping["id"],
        values,
        clock_codec.decode(mapping["clocks"]),
        clock_codec.decode_vv(mapping["vv"]),
    )


class ExchangeStore(ErasureStore):
    """SQL for the exchange; mixed into `Workspace`. An import honours erasures (see
    `fieldkit.store.erasure_store`), so it is an erasure store too."""

    def exchange_scope(self, event_ids: Iterable[str] | None) -> dict[str, set[str]] | None:
        """The ids per kind that travel with some events (tombstones included); None: everything."""
        if event_ids is None:
            return None
        scope: dict[str, set[str]] = {kind: set() for kind in RECORD_KINDS}
        with self._reading() as conn:
            scope["event"] = set(event_ids)
            for kind, parent, link in _EVENT_TREE:
                table = schema.record_tables[kind]
                scope[kind] |= self._ids_linked(conn, table, link, scope[parent])
            people = scope["person"]
            for kind, link in (
                ("registration", "person_id"),
                ("attendance", "person_id"),
                ("group_member", "person_id"),
                ("action_owner", "person_id"),
            ):
                people |= self._values_of(conn, kind, link, scope[kind])
            while True:  # whoever they were merged into, and so on, before their organisations
                merged_into = self._values_of(conn, "person", "merged_into", people) - people
                # and the kept person of a merge since undone, which its record still names
                merges = self._ids_linked(
                    conn, schema.record_tables["person_merge"], "person_id", people
                )
                merged_into |= self._values_of(conn, "person_merge", "kept_id", merges) - people
                if not merged_into:
                    break
                people |= merged_into
            scope["person_merge"] = self._ids_linked(
                conn, schema.record_tables["person_merge"], "person_id", people
            )
            scope["person_erasure"] = self._ids_linked(
                conn, schema.record_tables["person_erasure"], "person_id", people
            )
            # A mark travels when both of its people do (the other laptop needs both).
            marks = self._ids_linked(
                conn, schema.record_tables["distinct_people"], "person_a", people
            )
            scope["distinct_people"] = {
                mark
                for mark in marks
                if self._values_of(conn, "distinct_people", "person_b", {mark}) <= people
            }
            organisations = scope["organisation"]
            organisations |= self._values_of(conn, "person", "organisation_id", people)
            organisations |= self._values_of(
                conn, "event_partner", "organisation_id", scope["event_partner"]
            )
            organisations |= self._values_of(
                conn, "action_owner", "organisation_id", scope["action_owner"]
            )
            while True:  # parents of organisations, then theirs
                parents = (
                    self._values_of(conn, "organisation", "parent_id", organisations)
                    - organisations
                )
                if not parents:
                    break
                organisations |= parents
            scope["programme"] = self._values_of(conn, "event", "programme_id", scope["event"])
            every = sorted(set().union(*(ids for kind, ids in scope.items() if kind != "conflict")))
            conflict = schema.record_tables["conflict"]
            for start in range(0, len(every), 500):
                chunk = every[start : start + 500]
                rows = conn.execute(select(conflict.c.id).where(conflict.c.record_id.in_(chunk)))
                scope["conflict"] |= {row.id for row in rows}
        return scope

    @staticmethod
    def _ids_linked(conn: Connection, table: Table, link: str, parents: set[str]) -> set[str]:
        found: set[str] = set()
        parent_list = sorted(parents)
        for start in range(0, len(parent_list), 500):
            chunk = parent_list[start : start + 500]
            found |= {
                row.id for row in conn.execute(select(table.c.id).where(table.c[link].in_(chunk)))
            }
        return found

    @staticmethod
    def _values_of(conn: Connection, kind: str, column: str, ids: set[str]) -> set[str]:
        table = schema.record_tables[kind]
        found: set[str] = set()
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            rows = conn.execute(select(table.c[column]).where(table.c.id.in_(chunk)))
            found |= {row[0] for row in rows if row[0]}
        return found

    def contact_counts(self, scope: dict[str, set[str]] | None) -> tuple[int, int, int, int]:
        """(people, with a phone, with an e-mail, with an ID card) among the live people in
        scope: what an unencrypted exchange file would give away."""
        sql = (
            "SELECT count(*), count(NULLIF(phone, '')), count(NULLIF(email, '')), "
            "count(NULLIF(id_card, '')) FROM person WHERE deleted = 0"
        )
        totals = [0, 0, 0, 0]
        with self._plain_reading() as plain:
            if scope is None:
                chunks: list[list[str] | None] = [None]
            else:
                ids = sorted(scope.get("person", ()))
                chunks = [ids[start : start + 500] for start in range(0, len(ids), 500)]
            for chunk in chunks:
                if chunk is None:
                    row = plain.execute(sql).fetchone()
                else:
                    marks = ", ".join("?" * len(chunk))
                    row = plain.execute(f"{sql} AND id IN ({marks})", chunk).fetchone()
                totals = [total + int(n) for total, n in zip(totals, row, strict=True)]
        people, phones, emails, cards = totals
        return people, phones, emails, cards

    def record_states(self, scope: dict[str, set[str]] | None) -> Iterator[RecordState]:
        """Every record in scope with its clocks, tombstones included, kind by kind, by id."""
        with self._reading() as conn:
            for kind in RECORD_KINDS:
                table = schema.record_tables[kind]
                if scope is None:
                    result = conn.execution_options(yield_per=CHUNK).execute(
                        select(table).order_by(table.c.id)
                    )
                    for row in result:
                        yield _state(kind, row)
                    continue
                ids = sorted(scope.get(kind, ()))
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    for row in conn.execute(
                        select(table).where(table.c.id.in_(chunk)).order_by(table.c.id)
                    ):
                        yield _state(kind, row)

    def blob_digests(self, scope: dict[str, set[str]] | None) -> list[str]:
        """The attachment bytes that travel with the records in scope and that this laptop has."""
        attachment = schema.record_tables["attachment"]
        with self._reading() as conn:
            query = select(attachment.c.id, attachment.c.sha256).join(
                schema.blob, schema.blob.c.sha256 == attachment.c.sha256
            )
            rows = conn.execute(query).all()
        wanted = None if scope is None else scope["attachment"]
        return sorted({sha for record_id, sha in rows if wanted is None or record_id in wanted})

    def merge_states(
        self,
        states: Iterable[RecordState | Unread],
        *,
        blobs: Callable[[], Iterator[tuple[str, bytes]]] | None = None,
        dry_run: bool = False,
        log: Callable[[MergeSummary], ExchangeLogLine] | None = None,
        also: Callable[[Connection], None] | None = None,
    ) -> Result[MergeSummary]:
        """Merge incoming record states in ONE transaction (or none, for a dry run).

        A record not read yet (`Unread`) is read, and its values checked, only when it is not
        the same write as the stored record. The changes name the kinds of record that were
        actually new or changed (none for a dry run), so the window reloads only what the import
        touched. `log` gives the import's line of the exchange log, written in the same
        transaction: after a power cut, an import is in with its line or out without it; `also`
        writes this laptop's own bookkeeping of it there too (the sync folder's note of the
        segment read).
        """
        summary = MergeSummary()
        if dry_run:
            # The preview runs the import itself, every check included, and rolls it back: a
            # preview that promised what the import then refuses would be worse than none.
            with self._rolled_back() as conn, _older_objects_set_aside():
                self._merge_into(conn, states, summary)
                self._check_links(conn, {*summary.new, *summary.changed})
            return Result(summary, Changes())
        with self._writing() as conn, _page_cache(conn, MERGE_CACHE_KIB):
            # An import may bring an erasure: the values it replaces leave no bytes behind.
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
            try:
                with _older_objects_set_aside():
                    self._merge_into(conn, states, summary)
                for digest, data in blobs() if blobs else ():
                    self._put_blob(conn, digest, data)
            finally:
                conn.exec_driver_sql("PRAGMA secure_delete = OFF")
            if summary.newest_stamp:
                # Seen and stored in the same transaction as the records: after a power cut
                # right after the import, the next edit must still be newer than what came in.
                self.clock.observe(summary.newest_stamp)
                self.clock.now()  # `_writing` stores the last stamp issued
            if log is not None:
                self._log_in(conn, log(summary))
            if also is not None:
                also(conn)
        return Result(summary, changes_of({*summary.new, *summary.changed}))

    def _merge_into(
        self,
        conn: Connection,
        states: Iterable[RecordState | Unread],
        summary: MergeSummary,
    ) -> None:
        batch: list[RecordState | Unread] = []
        text = 0  # characters of text held in the batch: a few huge records end it early
        codes = _Codes(lambda: CodeKeeper(conn, self.clock, self.device_id))
        for state in states:
            batch.append(state)
            if isinstance(state, Unread):
                text += state.size
            else:
                text += sum([len(v) for v in state.values.values() if type(v) is str])
            if len(batch) >= CHUNK or text >= BATCH_TEXT:
                self._merge_batch(conn, batch, summary, codes)
                batch, text = [], 0
        if batch:
            self._merge_batch(conn, batch, summary, codes)
        if codes.keeper is not None:
            summary.renamed_codes = list(codes.keeper.renamed)
        self._check_circles(conn, summary._linked)
        self._drop_erased_conflicts(conn, summary)
        # Conflicts are records too: merge them, so a resolved one stays resolved.
        found = [conflict_state(entry) for entry in summary.conflicts]
        for start in range(0, len(found), CHUNK):
            self._merge_batch(
                conn, found[start : start + CHUNK], summary, codes, count_conflicts=False
            )
        # An erasure wins over any edit, earlier or concurrent, of the erased fields.
        enforced = self.enforce_erasures(conn, summary._people_touched)
        for kind in enforced.kinds:
            summary.changed[kind] = summary.changed.get(kind, 0)
        summary.erased = set(enforced.people) | (summary._erasures_new - summary._people_new)
        summary.settle()

    def _drop_erased_conflicts(self, conn: Connection, summary: MergeSummary) -> None:
        """Values of erased people's personal fields never reach the conflict log."""
        people = sorted({c.record_id for c in summary.conflicts if c.record_kind == "person"})
        erased: set[str] = set()
        for start in range(0, len(people), 500):
            chunk = people[start : start + 500]
            erasure = schema.record_tables["person_erasure"]
            rows = conn.execute(
                select(erasure.c.person_id).where(
                    erasure.c.person_id.in_(chunk), erasure.c.deleted.is_(False)
                )
            )
            erased |= {row.person_id for row in rows}
        if not erased:
            return
        kept = []
        for conflict in summary.conflicts:
            if (
                conflict.record_kind == "person"
                and conflict.record_id in erased
                and conflict.field in ERASED_FIELDS
            ):
                summary.count("", "conflicts", -1)  # people belong to no event
                continue
            kept.append(conflict)
        summary.conflicts = kept

    def _merge_batch(
        self,
        conn: Connection,
        batch: Sequence[RecordState | Unread],
        summary: MergeSummary,
        codes: _Codes,
        count_conflicts: bool = True,
    ) -> None:
        by_kind: dict[str, list[RecordState | Unread]] = {}
        for state in batch:
            by_kind.setdefault(state.kind, []).append(state)
        for kind, arriving in by_kind.items():
            table = schema.record_tables[kind]
            stored = self._stored_clocks(conn, kind, [state.id for state in arriving])
            # A record this laptop holds with the very same stamps is the same write: nothing to
            # merge, nor to read (the event of a child that changes is then looked up in the
            # stored parent). Only the others are read whole and go through `merge_record`.
            incoming: list[RecordState] = []
            newest = summary.newest_stamp
            met: set[str] = set()  # a record twice in a batch merges into its first merge
            for arrived in arriving:
                if arrived.stamps:  # none only on a line that its reading refuses
                    newest = max(newest, *arrived.stamps.values())
                first = arrived.id not in met
                met.add(arrived.id)
                if first and _same_write(stored.get(arrived.id), arrived):
                    continue
                incoming.append(arrived.read() if isinstance(arrived, Unread) else arrived)
            summary.newest_stamp = newest
            differing = [remote.id for remote in incoming if remote.id in stored]
            local: dict[str, RecordState] = {}
            for start in range(0, len(differing), 500):
                chunk = differing[start : start + 500]
                rows = conn.execute(select(table).where(table.c.id.in_(chunk)))
                local.update({row.id: _state(kind, row) for row in rows})
            inserts: list[dict[str, Any]] = []
            updates: list[dict[str, Any]] = []
            moved: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
            for remote in incoming:
                before = local.get(remote.id)
                result = merge_record(before, remote)
                event_id = (
                    self._event_of(conn, remote, summary._event_of) if count_conflicts else ""
                )
                if count_conflicts and result.conflicts:
                    summary.conflicts.extend(result.conflicts)
                    summary.count(event_id, "conflicts", len(result.conflicts))
                if not result.changed:
                    continue
                if kind == "event":
                    settled = codes.get().settle(result.state, stored=before is not None)
                    result = dataclasses.replace(result, state=settled)
                local[remote.id] = result.state
                summary.touch(kind, result.state.values, remote.id, before is None)
                bucket = summary.new if before is None else summary.changed
                bucket[kind] = bucket.get(kind, 0) + 1
                if count_conflicts:  # conflict records are no thing a person sees
                    summary.add_seen(event_id, kind, remote.id, before, result.state.values)
                row = self._row_of(kind, result.state)
                merged = {"id": remote.id, **result.state.values}
                previous = None if before is None else {"id": before.id, **before.values}
                if kind in SELF_LINKS:
                    if merged.get(SELF_LINKS[kind]) is not None and not merged.get("deleted"):
                        summary._linked.append((kind, remote.id))
                elif not merged.get("deleted") and rule_checks.moved(kind, merged, previous):
                    moved.append((merged, previous))
                if before is None:
                    inserts.append(row)
                elif kind == "event":  # written at once: the code keeper reads the events
                    _update_rows(conn, kind, [row])
                else:
                    updates.append(row)
            if updates:
                _update_rows(conn, kind, updates)
            if inserts:
                insert_rows(conn, table, inserts)
            self._check_rules(conn, kind, moved)

    @staticmethod
    def _check_circles(conn: Connection, linked: list[tuple[str, str]]) -> None:
        """No circle of `merged_into` or `parent_id` in the merged state, as it ends up."""
        lookups = rule_checks.Lookups(conn)
        for kind, record_id in linked:
            target = lookups.target_of(kind)(record_id)
            values = {"id": record_id, SELF_LINKS[kind]: target}
            problem = rule_checks.cross_problem(lookups, kind, values, None)
            if problem is not None:
                raise InvalidInput(
                    _("The {kind} {id} of the exchange file cannot be merged: {problem}.").format(
                        kind=kind, id=record_id, problem=problem
                    )
                )

    @staticmethod
    def _check_rules(
        conn: Connection,
        kind: str,
        moved: list[tuple[dict[str, Any], dict[str, Any] | None]],
    ) -> None:
        """The rules across records over the merged state, once a batch of a kind is written
        (the rules of one record were checked as the file was read)."""
        if not moved:
            return
        lookups = rule_checks.Lookups(conn)
        for merged, previous in moved:
            problem = rule_checks.cross_problem(lookups, kind, merged, previous)
            if problem is not None:
                raise InvalidInput(
                    _("The {kind} {id} of the exchange file cannot be merged: {problem}.").format(
                        kind=kind, id=merged["id"], problem=problem
                    )
                )

    @staticmethod
    def _stored_clocks(conn: Connection, kind: str, ids: list[str]) -> dict[str, tuple[str, bool]]:
        """{id: (clocks, whether it has no version vectors and is not deleted)} of the records of
        `ids` this laptop holds. Through the driver, in the open transaction: an import asks it
        of every record of the file.

        A file lists each kind by id, so a batch's ids usually are all the stored records from
        its least id to its greatest: those are read as one stretch of the table's id index
        (counted first in the index alone), which costs much less than looking each one up. A
        batch spread thinly over the table (a file of a few events) is looked up id by id."""
        driver = conn.connection.driver_connection
        assert driver is not None
        found: dict[str, tuple[str, bool]] = {}
        if not ids:
            return found
        columns = f'SELECT id, clocks, vv IS NULL AND deleted = 0 FROM "{kind}"'
        low, high = min(ids), max(ids)
        # Counted only as far as the answer needs: a few ids spread over a large table (a day of
        # the sync folder) would otherwise count most of its index.
        enough = len(ids) + len(ids) // 4
        (between,) = driver.execute(
            f'SELECT count(*) FROM (SELECT 1 FROM "{kind}" WHERE id BETWEEN ? AND ? LIMIT ?)',
            (low, high, enough + 1),
        ).fetchone()
        if between <= enough:
            wanted = set(ids)
            rows = driver.execute(f"{columns} WHERE id BETWEEN ? AND ?", (low, high))
            found.update(
                (record_id, (clocks, bool(plain)))
                for record_id, clocks, plain in rows
                if record_id in wanted
            )
            return found
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = driver.execute(f"{columns} WHERE id IN ({marks})", chunk)
            found.update((record_id, (clocks, bool(plain))) for record_id, clocks, plain in rows)
        return found

    @staticmethod
    def _check_links(conn: Connection, kinds: Iterable[str]) -> None:
        """What the commit would check of the links (they are checked at commit): for a preview,
        which is rolled back instead."""
        for kind in sorted(kinds):
            if conn.exec_driver_sql(f'PRAGMA foreign_key_check("{kind}")').first() is not None:
                raise InvalidInput(
                    _("The change was refused because it would break links between records.")
                )

    @staticmethod
    def _row_of(kind: str, state: RecordState) -> dict[str, Any]:
        row: dict[str, Any] = {"id": state.id, **state.values}
        row["clocks"] = clock_codec.encode(state.stamps)
        row["vv"] = clock_codec.encode_vv(state.vectors)
        if kind == "person":
            row["search"] = search_key(
                str(state.values.get("given_names") or ""), str(state.values.get("surnames") or "")
            )
        return row

    @staticmethod
    def _event_of(conn: Connection, state: RecordState, known: dict[str, str]) -> str:
        """The event a record belongs to ("" for people, organisations and the like)."""
        if state.kind == "event":
            event_id = state.id
        elif isinstance(state.values.get("event_id"), str):
            event_id = str(state.values["event_id"])
        elif state.kind in _PARENT:
            link, parent_kind = _PARENT[state.kind]
            parent_id = str(state.values.get(link) or "")
            event_id = known.get(parent_id, "")
            if not event_id and parent_id:
                event_id = ExchangeStore._stored_event_of(conn, parent_kind, parent_id, known)
        else:
            return ""
        if state.kind in _PARENT_KINDS:
            known[state.id] = event_id
        return event_id

    @staticmethod
    def _stored_event_of(conn: Connection, kind: str, record_id: str, known: dict[str, str]) -> str:
        """The event of a stored day, session, group or action ("" when it is not stored): the
        parent of a record that changed, when the parent itself did not (it was not read)."""
        if kind == "event":
            return record_id
        if record_id in known:
            return known[record_id]
        driver = conn.connection.driver_connection
        assert driver is not None
        link, parent_kind = _PARENT.get(kind, ("event_id", "event"))
        row = driver.execute(f'SELECT "{link}" FROM "{kind}" WHERE id = ?', (record_id,)).fetchone()
        if row is None:
            return ""
        event_id = ExchangeStore._stored_event_of(conn, parent_kind, str(row[0] or ""), known)
        known[record_id] = event_id
        return event_id

    # --- snapshots: "undo last import" ----------------------------------------------------------

    def snapshot(self, label: str) -> Path:
        """A verified copy of the whole workspace, taken before an import."""
        return take_backup(self.path, label)

    def start_snapshot(self, label: str) -> PendingCopy:
        """`snapshot`, its check running on other threads meanwhile: `wait()` on it before the
        work it is taken for commits (`discard()` when that work fails)."""
        return start_backup(self.path, label)

    def prune_snapshots(self) -> None:
        """Keep the newest copies only (called once an import has succeeded)."""
        prune(self.path)

    def restore(self, snapshot: Path) -> Result[None]:
        """Put the workspace back as it was in a snapshot, in one step (SQLite's backup API)."""
        source = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
        raw = self.engine.raw_connection()
        try:
            target = raw.driver_connection
            assert target is not None
            source.backup(target)
        finally:
            raw.close()
            source.close()
        with self._writing():
            self.clock.now()  # the clock must not go back with the data: keep its stamp
        return done(Changes.everything())

    def log_exchange(
        self,
        direction: str,
        path: Path,
        digest: str,
        peer: str,
        summary: dict[str, Any],
        snapshot: Path | None = None,
    ) -> None:
        with self._writing() as conn:
            self._log_in(conn, ExchangeLogLine(direction, path, digest, peer, summary, snapshot))

    @staticmethod
    def _log_in(conn: Connection, line: ExchangeLogLine) -> None:
        conn.execute(
            insert(schema.exchange_log).values(
                at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                direction=line.direction,
                file_name=line.path.name,
                file_sha256=line.digest,
                peer_device=line.peer,
                summary=json.dumps(line.summary, sort_keys=True),
                snapshot=str(line.snapshot) if line.snapshot else None,
            )
        )

    def last_import(self) -> ExchangeLogEntry | None:
        log = schema.exchange_log
        with self._reading() as conn:
            row = conn.execute(
                select(log).where(log.c.direction == "import").order_by(log.c.id.desc()).limit(1)
            ).first()
        return None if row is None else ExchangeLogEntry(**row._mapping)

    # --- the canonical dump ------------------------------------------------------------------

    def dump(self) -> bytes:
        """The shared content as canonical JSON: equal data on two laptops gives equal bytes.

        Every record of every kind (tombstones and the conflict log included) with its values and
        per-field stamps, and the digests of the stored attachments; not this laptop's own
        bookkeeping (device, settings, exchange log, version vectors).
        """
        content: dict[str, Any] = {}
        for state in self.record_states(None):
            content.setdefault(state.kind, []).append(
                {"id": state.id, "values": state.values, "stamps": state.stamps}
            )
        with self._reading() as conn:
            content["blob"] = [
                row.sha256
                for row in conn.execute(select(schema.blob.c.sha256).order_by(schema.blob.c.sha256))
            ]
        text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.encode("utf-8")

    def dump_digest(self) -> str:
        return hashlib.sha256(self.dump()).hexdigest()

    def integrity(self) -> str:
        with self._reading() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())

    def open_conflicts(self) -> list[OpenConflict]:
        """Unresolved conflicts, each with both values and the laptops that wrote them."""
        conflict = schema.record_tables["conflict"]
        with self._reading() as conn:
            rows = conn.execute(
                select(conflict)
                .where(conflict.c.resolved.is_(False), conflict.c.deleted.is_(False))
                .order_by(
                    conflict.c.record_kind, conflict.c.record_id, conflict.c.field, conflict.c.id
                )
            ).all()
            result = []
            for row in rows:
                table = schema.record_tables.get(row.record_kind)
                current = None
                if table is not None:
                    current = conn.execute(select(table).where(table.c.id == row.record_id)).first()
                stamps = clock_codec.decode(current.clocks) if current is not None else {}
                kept_stamp = stamps.get(row.field, "")
                result.append(
                    OpenConflict(
                        id=row.id,
                        record_kind=row.record_kind,
                        record_id=row.record_id,
                        field=row.field,
                        kept_value=current._mapping.get(row.field) if current is not None else None,
                        kept_by=clock_codec.device_of(kept_stamp) if kept_stamp else "",
                        kept_stamp=kept_stamp,
                        other_value=json.loads(row.value),
                        other_by=clock_codec.device_of(row.stamp),
                        other_stamp=row.stamp,
                    )
                )
        return result

    def resolve_conflict(self, conflict_id: str, keep: Keep) -> Result[None]:
        """Settle a conflict in one transaction: with `Keep.THEIRS` the other laptop's value is
        written (for a deletion made while someone edited: the record comes back), with
        `Keep.CURRENT` the value stays; either way the conflict is marked resolved.

        The window and the command line both settle conflicts here. An unknown or already
        settled conflict is refused and changes nothing.
        """
        with self._writing() as conn:
            conflict = self._get_in(conn, Conflict, conflict_id)
            if conflict is None or conflict.resolved:
                raise NotFound(
                    _("There is no open conflict with the id {id}.").format(id=conflict_id)
                )
            kinds: set[str] = set()
            if keep is Keep.THEIRS:
                kinds |= self._take_theirs(conn, conflict)
            kinds |= self._save_in(conn, [dataclasses.replace(conflict, resolved=True)])
        return done(changes_of(kinds))

    def _take_theirs(self, conn: Connection, conflict: Conflict) -> set[str]:
        """Write the losing value of a conflict over the current one, in the open transaction."""
        kind, name = conflict.record_kind, conflict.field
        cls = RECORD_KINDS.get(kind)
        table = schema.record_tables.get(kind)
        current = None
        if cls is not None and table is not None:
            current = conn.execute(select(table).where(table.c.id == conflict.record_id)).first()
        if cls is None or table is None or current is None:
            raise NotFound(_("The record of this conflict is gone; it cannot be settled."))
        raw = json.loads(conflict.value)
        if name == "deleted":
            if bool(current.deleted) == bool(raw):
                return set()
            self._apply(conn, table, kind, current._mapping, {"deleted": bool(raw)})
            return {kind}
        try:
            value = from_plain(field_types(kind)[name], raw)
        except (KeyError, ValueError, TypeError):
            raise InvalidInput(_("The other value does not fit this field any more.")) from None
        record = self._record(kind, current)
        if to_plain(getattr(record, name)) == to_plain(value):
            return set()
        return self._save_in(conn, [dataclasses.replace(record, **{name: value})], undelete=False)

    def record_state(self, kind: str, record_id: str) -> RecordState | None:
        """One record's full state with clocks and vectors (for checks and tests)."""
        table = schema.record_tables[kind]
        with self._reading() as conn:
            row = conn.execute(select(table).where(table.c.id == record_id)).first()
        return None if row is None else _state(kind, row)


class _Codes:
    """The merge's `CodeKeeper`, made when the first event arrives (most merges have none)."""

    def __init__(self, make: Callable[[], CodeKeeper]) -> None:
        self._make = make
        self.keeper: CodeKeeper | None = None

    def get(self) -> CodeKeeper:
        if self.keeper is None:
            self.keeper = self._make()
        return self.keeper
