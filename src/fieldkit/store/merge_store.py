"""The store's part of duplicate people: the scan's input, merging, undoing a merge, and pairs
marked as different people.

`MergeStore` is mixed into `Workspace`. A merge is an edit like any other: the merged person's
`merged_into`, the kept person's fields the user chose, and a `PersonMerge` record that keeps
what undoing it needs; all three travel by the exchange. Every reference to the merged person
(attendance, registrations, notes) stays in place: lists and reports follow `merged_into`.
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldkit.core.codec import record_from_plain, record_to_plain
from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.ids import derived_id
from fieldkit.core.model import DistinctPeople, Person, PersonMerge, Result
from fieldkit.core.person_merge import MERGE_FIELDS
from fieldkit.i18n import _
from fieldkit.store.base import WorkspaceBase, changes_of

if TYPE_CHECKING:
    from fieldkit.core.duplicate_scan import ScanPerson, Suggestion


def merge_id(person_id: str) -> str:
    """The id of the merge record of a merged person (one live merge per person)."""
    return derived_id("person_merge", person_id)


def distinct_id(a: str, b: str) -> str:
    """The id of the mark on a pair, the same in either order."""
    return derived_id("distinct_people", *sorted((a, b)))


@dataclass(frozen=True)
class MergeEntry:
    """A merge that can be undone, with both names as they are now."""

    merge: PersonMerge
    merged: Person
    kept: Person


class MergeStore(WorkspaceBase):
    """Reads and writes of duplicate people."""

    def scan_people(self) -> builtins.list[ScanPerson]:
        """Every live person (merged duplicates left out) with the delegations they came with.

        Plain SQL: a scan reads 50,000 people, and row objects would cost more than the scan.
        """
        # The scan's module is loaded when a scan is asked for, not with the workspace (start-up).
        from fieldkit.core.duplicate_scan import ScanPerson

        with self._plain_reading() as plain:
            delegations: dict[str, set[str]] = {}
            for person_id, delegation in plain.execute(
                "SELECT person_id, delegation FROM registration "
                "WHERE deleted = 0 AND delegation != ''"
            ):
                delegations.setdefault(person_id, set()).add(delegation)
            rows = plain.execute(
                "SELECT id, given_names, surnames, phone, email, id_card, organisation_id "
                "FROM person WHERE deleted = 0 AND merged_into IS NULL"
            ).fetchall()
        return [
            ScanPerson(
                pid,
                given or "",
                surnames or "",
                phone or "",
                email or "",
                card or "",
                org,
                frozenset(delegations.get(pid, ())),
            )
            for pid, given, surnames, phone, email, card, org in rows
        ]

    def merged_people(self) -> dict[str, str]:
        """{merged person's id: kept person's id} for every merge in force (one level deep)."""
        with self._plain_reading() as plain:
            rows = plain.execute(
                "SELECT id, merged_into FROM person WHERE merged_into IS NOT NULL AND deleted = 0"
            ).fetchall()
        return dict(rows)

    def distinct_pairs(self) -> builtins.list[tuple[str, str]]:
        """The pairs marked as different people (not taken back)."""
        with self._plain_reading() as plain:
            rows = plain.execute(
                "SELECT person_a, person_b FROM distinct_people WHERE deleted = 0"
            ).fetchall()
        return [(a, b) for a, b in rows]

    def duplicate_suggestions(self) -> builtins.list[Suggestion]:
        """Likely duplicates, the most likely first (see `fieldkit.core.duplicate_scan`)."""
        from fieldkit.core.duplicate_scan import scan

        return scan(self.scan_people(), self.distinct_pairs())

    def mark_distinct(self, a: str, b: str) -> Result[DistinctPeople]:
        """Mark two people as not the same person: the pair is never suggested again."""
        if a == b:
            raise InvalidInput(_("A person cannot be marked as different from themselves."))
        first, second = sorted((a, b))
        mark = DistinctPeople(distinct_id(a, b), first, second)
        with self._writing() as conn:
            for person_id in (a, b):
                if self._get_in(conn, Person, person_id) is None:
                    raise NotFound(_("There is no person with the id {id}.").format(id=person_id))
            kinds = self._save_in(conn, [mark])
        return Result(mark, changes_of(kinds))

    def merge_people(
        self, keep_id: str, other_id: str, *, values: Mapping[str, Any] | None = None
    ) -> Result[PersonMerge]:
        """Merge `other_id` into `keep_id`, giving the kept person the chosen `values`.

        One transaction: the kept person's fields (ordinary field updates), the other person's
        `merged_into`, people already merged into the other moved to the kept person (so no chain
        forms), and the merge record with what undoing it needs. References stay in place.
        """
        values = dict(values or {})
        unknown = sorted(set(values) - set(MERGE_FIELDS))
        if unknown:
            raise InvalidInput(
                _("A merge cannot choose the field {field}.").format(field=unknown[0])
            )
        if keep_id == other_id:
            raise InvalidInput(_("A person cannot be merged into themselves."))
        with self._writing() as conn:
            keep = self._live_person(conn, keep_id)
            other = self._live_person(conn, other_id)
            before = record_to_plain(keep)
            try:  # through the plain values: a value of the wrong type is refused here
                after = record_to_plain(dataclasses.replace(keep, **values))
                chosen = record_from_plain("person", after)
            except (TypeError, ValueError, AttributeError) as error:
                raise InvalidInput(_("A value chosen for the merge is not valid.")) from error
            changed = {
                name: {"before": before[name], "after": after[name]}
                for name in MERGE_FIELDS
                if before[name] != after[name]
            }
            moved = self._list_in(conn, Person, where={"merged_into": other_id})
            merge = PersonMerge(
                merge_id(other_id),
                person_id=other_id,
                kept_id=keep_id,
                kept_before=json.dumps(changed, ensure_ascii=False, sort_keys=True),
                moved=json.dumps(sorted(p.id for p in moved)),
                merged_at=dt.datetime.now().replace(microsecond=0),
            )
            records: builtins.list[Any] = [
                chosen,
                dataclasses.replace(other, merged_into=keep_id),
                *(dataclasses.replace(p, merged_into=keep_id) for p in moved),
                merge,
            ]
            kinds = self._save_in(conn, records)
        return Result(merge, changes_of(kinds))

    def unmerge_person(self, person_id: str) -> Result[Person]:
        """Undo the merge of `person_id`: they are a person of their own again, the kept
        person's fields that the merge changed (and nobody edited since) get their old values
        back, and people moved by the merge point at them again."""
        with self._writing() as conn:
            person = self._get_in(conn, Person, person_id)
            if person is None:
                raise NotFound(_("There is no person with the id {id}.").format(id=person_id))
            if person.merged_into is None:
                raise InvalidInput(
                    _("{name} is not merged into anyone.").format(name=person.full_name)
                )
            merge = self._get_in(conn, PersonMerge, merge_id(person_id))
            records: builtins.list[Any] = [dataclasses.replace(person, merged_into=None)]
            if merge is not None and merge.kept_id == person.merged_into:
                kept = self._get_in(conn, Person, merge.kept_id, include_deleted=True)
                if kept is not None:
                    plain = record_to_plain(kept)
                    for name, change in json.loads(merge.kept_before or "{}").items():
                        if name in plain and plain[name] == change["after"]:
                            plain[name] = change["before"]
                    records.append(record_from_plain("person", plain))
                for moved_id in json.loads(merge.moved or "[]"):
                    moved = self._get_in(conn, Person, moved_id)
                    if moved is not None and moved.merged_into == merge.kept_id:
                        records.append(dataclasses.replace(moved, merged_into=person_id))
            kinds = self._save_in(conn, records, undelete=False)
            if merge is not None:
                self._tombstone_in(conn, PersonMerge, merge.id)
                kinds.add("person_merge")
        return Result(records[0], changes_of(kinds))

    def recent_merges(self, limit: int = 50) -> builtins.list[MergeEntry]:
        """The merges that can be undone, the newest first."""
        with self._reading() as conn:
            merges = self._list_in(conn, PersonMerge)
            merges.sort(key=lambda m: (m.merged_at or dt.datetime.min, m.id), reverse=True)
            found: builtins.list[MergeEntry] = []
            for merge in merges:
                merged = self._get_in(conn, Person, merge.person_id)
                kept = self._get_in(conn, Person, merge.kept_id)
                if merged is not None and kept is not None and merged.merged_into == kept.id:
                    found.append(MergeEntry(merge, merged, kept))
                if len(found) >= limit:
                    break
        return found

    def _live_person(self, conn: Any, person_id: str) -> Person:
        person = self._get_in(conn, Person, person_id)
        if person is None:
            raise NotFound(_("There is no person with the id {id}.").format(id=person_id))
        if person.merged_into is not None:
            raise InvalidInput(
                _("{name} is already merged into another person.").format(name=person.full_name)
            )
        return person

    def _tombstone_in(self, conn: Any, cls: type[Any], record_id: str) -> None:
        from fieldkit.store import schema
        from fieldkit.store.base import kind_of

        kind = kind_of(cls)
        table = schema.record_tables[kind]
        current = conn.exec_driver_sql(f'SELECT * FROM "{kind}" WHERE id = ?', (record_id,)).first()
        if current is not None and not current.deleted:
            self._apply(conn, table, kind, current._mapping, {"deleted": True})
