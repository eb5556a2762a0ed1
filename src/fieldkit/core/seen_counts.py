"""What an exchange brings, counted as the people who use the window see it.

The file and the merge count records: a day's arrival session is a record, a check-in undone is a
record (its tombstone), two laptops' head counts of one session are two records. A facilitator
sees none of that; they see sessions on the agenda, people present at sessions, a head count per
session. `SeenCounts` turns records into those things, each counted once, and says whether each
is new, changed or removed for the workspace that receives it. Pure: no Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from fieldkit.core.merge import RecordState
from fieldkit.core.model import SessionKind

# What is counted, in the words of the window: a person present at a session (or checked in for
# a day at the door) is a participation; the head counts of one session are one head count.
PARTICIPATION = "participation"
HEAD_COUNT = "head_count"
# Records nobody sees as such: they travel with what they belong to.
_UNSEEN_KINDS = frozenset({"conflict"})
# A tick or a name on something else: adding or removing one changes that thing.
_PART_OF: dict[str, tuple[str, str]] = {
    "session_axis": ("session", "session_id"),
    "session_objective": ("session", "session_id"),
    "action_owner": ("action_item", "action_id"),
}


class Change(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    REMOVED = "removed"


def change_of(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> Change | None:
    """New, changed or removed for the receiving workspace; None for a record that was never
    shown there and still is not (one made and removed on the other laptop)."""
    shown_before = before is not None and not before.get("deleted")
    shown_after = not after.get("deleted")
    if shown_after:
        return Change.CHANGED if shown_before else Change.NEW
    return Change.REMOVED if shown_before else None


def seen_as(kind: str, record_id: str, values: Mapping[str, Any]) -> tuple[str, str] | None:
    """(what a person sees, what makes two records the same thing), or None for inner rows."""
    if kind in _UNSEEN_KINDS:
        return None
    if kind == "session" and values.get("kind") == SessionKind.ARRIVAL.value:
        return None  # the check-in of a day, made with the day
    if kind in _PART_OF:
        what, link = _PART_OF[kind]
        return what, str(values.get(link) or record_id)
    if kind == "attendance":
        return PARTICIPATION, record_id  # its id stands for the pair (person, session)
    if kind == "tally":
        return HEAD_COUNT, str(values.get("session_id") or record_id)
    return kind, record_id


@dataclass
class SeenCounts:
    """Things seen, by change and by what they are; each thing counted once per change."""

    things: dict[Change, dict[str, set[str]]] = field(default_factory=dict)
    # Participations are counted, not kept: each is one record of its own, met once per merge,
    # and a programme's exchange holds half a million of them (their ids alone took 60 MB).
    participations: dict[Change, int] = field(default_factory=dict)

    def add(
        self,
        kind: str,
        record_id: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any],
        *also: SeenCounts,
    ) -> Change | None:
        """Count one merged record, here and in `also`; returns its change when someone would
        see it."""
        change = change_of(before, after)
        seen = seen_as(kind, record_id, after if before is None else {**before, **after})
        if change is None or seen is None:
            return None
        if kind in _PART_OF:
            change = Change.CHANGED  # a tick added or taken off: the session itself changed
        what, key = seen
        for counts in (self, *also):
            if what == PARTICIPATION:
                counts.participations[change] = counts.participations.get(change, 0) + 1
            else:
                counts.things.setdefault(change, {}).setdefault(what, set()).add(key)
        return change

    def counts(self, change: Change) -> dict[str, int]:
        """{what: how many}; a thing that is new is not also counted as changed."""
        new = self.things.get(Change.NEW, {}) if change is not Change.NEW else {}
        found = {
            what: len(keys - new.get(what, set()))
            for what, keys in self.things.get(change, {}).items()
        }
        found[PARTICIPATION] = self.participations.get(change, 0)
        return {what: n for what, n in sorted(found.items()) if n}

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {change.value: self.counts(change) for change in Change}


def count_held(states: Iterable[RecordState], into: SeenCounts) -> Iterator[RecordState]:
    """Pass the states of a file through, counting what they hold as new things (tombstones and
    inner rows left out): the export's "it holds 2 events, 31 sessions…"."""
    for state in states:
        into.add(state.kind, state.id, None, state.values)
        yield state
