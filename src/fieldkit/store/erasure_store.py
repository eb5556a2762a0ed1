"""The store's part of erasing personal data: one person on request, or many whose events are
past the time the team keeps them (retention).

`ErasureStore` is mixed into `Workspace`. An erasure writes a `PersonErasure` record (it travels
by the exchange) and empties the person's personal fields (see `fieldkit.core.erasure`) in one
transaction, with no copy left behind on this laptop: the values that conflict records and merge
records hold are emptied too (synced edits, so they travel), the undo copies of imports are
deleted, and the SQLite file is cleared of the freed bytes (`secure_delete`, then a checkpoint
and a VACUUM). The exchange honours the same records on the other laptops (`enforce_erasures`).
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldkit.core import retention
from fieldkit.core.erasure import (
    ERASED_FIELDS,
    erased_person,
    erasure_id,
    initials,
    scrubbed_merge_values,
)
from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.model import (
    ActionOwner,
    Conflict,
    Person,
    PersonErasure,
    PersonMerge,
    Result,
)
from fieldkit.i18n import _
from fieldkit.store.backups import BEFORE_IMPORT, remove_kind
from fieldkit.store.base import WorkspaceBase, _environment_error, changes_of

if TYPE_CHECKING:
    from sqlalchemy import Connection

_CHUNK = 500


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure did: the people erased (with duplicates merged into them), the conflict
    and merge records emptied, and the undo copies of imports deleted."""

    people: tuple[Person, ...]
    conflicts: int = 0
    merges: int = 0
    snapshots: int = 0


@dataclass(frozen=True)
class EnforcedErasures:
    """What honouring erasures changed in one transaction."""

    people: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    conflicts: int = 0
    merges: int = 0


class RetentionReads(WorkspaceBase):
    """The retention setting and who is due under it; mixed into `ErasureStore`."""

    def retention_years(self) -> int | None:
        """The years personal data is kept after an event's end (None: no time limit)."""
        with self._plain_reading() as plain:
            row = plain.execute(
                "SELECT value FROM setting WHERE key = ?", (retention.SETTING_KEY,)
            ).fetchone()
        value = json.loads(row[0]) if row and row[0] else None
        return value if value in retention.RETENTION_CHOICES else None

    def people_due_for_erasure(
        self, years: int, today: dt.date | None = None
    ) -> builtins.list[retention.DuePerson]:
        """The people (merged duplicates counted as the person kept, erased people left out)
        whose every event ended more than `years` before `today`, the longest past first."""
        today = today or dt.date.today()
        with self._plain_reading() as plain:
            heads = dict(
                plain.execute(
                    "SELECT id, merged_into FROM person WHERE merged_into IS NOT NULL"
                ).fetchall()
            )
            rows = plain.execute(
                "SELECT r.person_id, COALESCE(e.end_date, e.start_date) FROM registration r "
                "JOIN event e ON e.id = r.event_id WHERE r.deleted = 0 AND e.deleted = 0 "
                "UNION ALL "
                "SELECT a.person_id, COALESCE(e.end_date, e.start_date) FROM attendance a "
                "JOIN session s ON s.id = a.session_id JOIN day d ON d.id = s.day_id "
                "JOIN event e ON e.id = d.event_id WHERE a.deleted = 0 AND e.deleted = 0"
            ).fetchall()
            people = plain.execute(
                "SELECT id, given_names, surnames FROM person WHERE deleted = 0 "
                "AND merged_into IS NULL "
                "AND id NOT IN (SELECT person_id FROM person_erasure WHERE deleted = 0)"
            ).fetchall()
        ends: dict[str, builtins.list[dt.date | None]] = {}
        for person_id, ending in rows:
            head = heads.get(person_id, person_id)
            ends.setdefault(head, []).append(dt.date.fromisoformat(ending) if ending else None)
        due = [
            retention.DuePerson(
                pid,
                " ".join(part for part in (given, surnames) if part),
                max(d for d in ends[pid] if d is not None),
            )
            for pid, given, surnames in people
            if retention.is_due(ends.get(pid, []), years, today)
        ]
        due.sort(key=lambda p: (p.last_end, p.full_name.casefold(), p.person_id))
        return due


class ErasureStore(RetentionReads):
    """Reads and writes of erasures."""

    def erased_people(self) -> dict[str, PersonErasure]:
        """{person id: erasure} of every person whose personal data was erased."""
        with self._reading() as conn:
            return {e.person_id: e for e in self._list_in(conn, PersonErasure)}

    def erasure_group(self, person_id: str) -> builtins.list[Person]:
        """The people an erasure of `person_id` covers: the person shown in the lists (the one
        kept when duplicates were merged) and every duplicate merged into them."""
        with self._reading() as conn:
            return self._group_in(conn, person_id)

    def _group_in(self, conn: Connection, person_id: str) -> builtins.list[Person]:
        # A removed person (a tombstone) still holds their data: they can be erased too.
        person = self._get_in(conn, Person, person_id, include_deleted=True)
        if person is None:
            raise NotFound(_("There is no person with the id {id}.").format(id=person_id))
        kept = (
            self._get_in(conn, Person, person.merged_into, include_deleted=True)
            if person.merged_into
            else None
        )
        head = kept or person
        merged = self._list_in(conn, Person, where={"merged_into": head.id}, include_deleted=True)
        return [head, *(p for p in merged if p.id != head.id)]

    def erase_people(
        self,
        person_ids: Sequence[str],
        *,
        keep_initials: bool,
        today: dt.date | None = None,
    ) -> Result[ErasureReport]:
        """Erase the personal data of some people (and of the duplicates merged into them), in
        one transaction; then delete the undo copies of imports and clear the freed bytes.

        People already erased are left as they are; when all of them are, nothing is written
        and the request is refused in one sentence.
        """
        if not person_ids:
            raise InvalidInput(_("Choose at least one person to erase."))
        today = today or dt.date.today()
        with self._writing() as conn:
            # Freed bytes are overwritten with zeros, not left in the file's free space.
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
            try:
                already = {e.person_id for e in self._list_in(conn, PersonErasure)}
                group: dict[str, Person] = {}
                for person_id in person_ids:
                    for person in self._group_in(conn, person_id):
                        if person.id not in already:
                            group[person.id] = person
                if not group:
                    names = [self._get_in(conn, Person, pid) for pid in person_ids]
                    name = names[0].full_name if len(names) == 1 and names[0] else ""
                    raise InvalidInput(
                        _("The personal data of {name} was already erased.").format(name=name)
                        if name
                        else _("The personal data of these people was already erased.")
                    )
                marks = [PersonErasure(erasure_id(pid), pid, keep_initials, today) for pid in group]
                kinds = self._save_in(conn, marks)
                enforced = self.enforce_erasures(conn, group)
                kinds |= enforced.kinds
                erased = [self._get_in(conn, Person, pid, include_deleted=True) for pid in group]
            finally:
                conn.exec_driver_sql("PRAGMA secure_delete = OFF")
        removed = self.drop_import_snapshots()
        self.clear_free_space()
        report = ErasureReport(
            tuple(p for p in erased if p is not None),
            enforced.conflicts,
            enforced.merges,
            removed,
        )
        return Result(report, changes_of(kinds))

    def enforce_erasures(self, conn: Connection, person_ids: Iterable[str]) -> EnforcedErasures:
        """Keep erased the people among `person_ids` who have an erasure, in the open
        transaction: their personal fields, the names of actions' people in charge, and the
        values that conflict and merge records hold of them. Writes only what differs, so it is
        a no-op where all is erased already."""
        wanted = sorted(set(person_ids))
        erasures: dict[str, PersonErasure] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for erasure in self._list_in(conn, PersonErasure, where={"person_id": chunk}):
                erasures[erasure.person_id] = erasure
        if not erasures:
            return EnforcedErasures()
        ids = sorted(erasures)
        records: builtins.list[Any] = []
        changed_people: set[str] = set()
        owners: builtins.list[ActionOwner] = []
        merges: builtins.list[PersonMerge] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for person in self._list_in(conn, Person, where={"id": chunk}, include_deleted=True):
                erased = erased_person(person, keep_initials=erasures[person.id].keep_initials)
                if erased != person:
                    records.append(erased)
                    changed_people.add(person.id)
            owners += self._list_in(
                conn, ActionOwner, where={"person_id": chunk}, include_deleted=True
            )
            for link in ("person_id", "kept_id"):
                merges += self._list_in(
                    conn, PersonMerge, where={link: chunk}, include_deleted=True
                )
        records += [dataclasses.replace(o, name="") for o in owners if o.name]
        scrubbed = {
            m.id: dataclasses.replace(m, kept_before=scrubbed_merge_values(m.kept_before))
            for m in merges
        }
        changed_merges = [m for m in scrubbed.values() if m.kept_before != _original(merges, m.id)]
        records += changed_merges
        blanked = self._blanked_conflicts(
            conn,
            people={pid: erasures[pid].keep_initials for pid in ids},
            owners={o.id for o in owners},
            merges=set(scrubbed),
        )
        records += blanked
        kinds = self._save_in(conn, records, undelete=False) if records else set()
        return EnforcedErasures(
            frozenset(changed_people), frozenset(kinds), len(blanked), len(changed_merges)
        )

    def _blanked_conflicts(
        self,
        conn: Connection,
        *,
        people: dict[str, bool],
        owners: set[str],
        merges: set[str],
    ) -> builtins.list[Conflict]:
        """The conflict records that hold a value of an erased field, emptied and settled."""
        blanked: builtins.list[Conflict] = []
        targets = sorted({*people, *owners, *merges})
        for start in range(0, len(targets), _CHUNK):
            chunk = targets[start : start + _CHUNK]
            for conflict in self._list_in(
                conn, Conflict, where={"record_id": chunk}, include_deleted=True
            ):
                empty = _erased_value(conflict, people, owners, merges)
                if empty is None:
                    continue
                value = json.dumps(empty, ensure_ascii=False)
                if conflict.value != value or not conflict.resolved:
                    blanked.append(dataclasses.replace(conflict, value=value, resolved=True))
        return blanked

    def drop_import_snapshots(self) -> int:
        """Delete the undo copies of imports (they hold erased data); how many there were."""
        with self._writing() as conn:
            conn.exec_driver_sql(
                "UPDATE exchange_log SET snapshot = NULL WHERE snapshot IS NOT NULL"
            )
        return remove_kind(self.path, BEFORE_IMPORT)

    def clear_free_space(self) -> None:
        """Leave no erased bytes in the file: move the log into the file and empty it, then
        rebuild the file without its free pages (VACUUM), and empty the log again."""
        try:
            raw = self.engine.raw_connection()
            try:
                driver = raw.driver_connection
                assert driver is not None
                driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                driver.execute("VACUUM")  # outside a transaction: the connection is in autocommit
                driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        except sqlite3.Error as error:
            raise _environment_error(self.path, error) from None


def _original(merges: Sequence[PersonMerge], merge_id: str) -> str:
    return next(m.kept_before for m in merges if m.id == merge_id)


def _erased_value(
    conflict: Conflict, people: dict[str, bool], owners: set[str], merges: set[str]
) -> Any:
    """The value an erased field now holds, when `conflict` is about one; else None."""
    kind, field = conflict.record_kind, conflict.field
    if kind == "person" and conflict.record_id in people and field in ERASED_FIELDS:
        if field in ("consent_photos", "consent_contact"):
            return False
        if field in ("given_names", "surnames") and people[conflict.record_id]:
            try:
                return initials(str(json.loads(conflict.value)))
            except ValueError:
                return ""
        return ""
    if kind == "action_owner" and conflict.record_id in owners and field == "name":
        return ""
    if kind == "person_merge" and conflict.record_id in merges and field == "kept_before":
        try:
            return scrubbed_merge_values(str(json.loads(conflict.value)))
        except ValueError:
            return "{}"
    return None
