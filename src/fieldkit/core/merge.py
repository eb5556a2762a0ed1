"""Merging what two laptops know of one record, field by field.

Pure functions on plain data: no database, no files. A field's state is its value, its clock stamp
and its version vector (the newest stamp seen from each laptop when the value was written). For
each field:

- the same stamp: the same write, nothing to do;
- one side had seen the other's value when it wrote: the later write wins, silently;
- neither had seen the other's: a concurrent edit. The greater stamp wins (the same choice on every
  laptop, whatever the order of imports) and the other value goes to the conflict log, unless both
  values are equal.

A record deleted on one laptop while another edited it is a conflict too, so the deletion can be
undone in one click. Conflict records get ids and clocks derived from what they describe, so every
laptop that finds the same conflict makes the same record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from fieldkit.core.clocks import device_of
from fieldkit.core.ids import derived_id

Plain = str | int | bool | None
Vector = dict[str, str]


@dataclass(frozen=True)
class RecordState:
    """Everything a laptop knows of one record: values, stamps and vectors per field."""

    kind: str
    id: str
    values: dict[str, Plain]
    stamps: dict[str, str]
    vectors: dict[str, Vector] = field(default_factory=dict)


class Unread(NamedTuple):
    """A record of a file whose values are not read yet: the merge reads them (`read`, which
    checks them and refuses a bad line) only when it needs them. A record with the very same
    stamps as the stored one is the same write, whatever values it claims, so nothing of it is
    written and its values are never looked at. (A tuple: an import makes one per line.)"""

    kind: str
    id: str
    stamps: dict[str, str]
    vectors: dict[str, Vector]
    clocks: str  # its stamps as the file groups them, in the stored form when it is canonical
    size: int  # bytes of its line: what holding it until its batch is merged costs
    read: Callable[[], RecordState]


@dataclass(frozen=True)
class ConflictEntry:
    """A value that lost a concurrent edit (or a deletion made while someone edited)."""

    record_kind: str
    record_id: str
    field: str
    value: Plain
    stamp: str

    @property
    def id(self) -> str:
        # The value is part of the identity: a deletion that lost to an undelete and the same
        # deletion made while someone edited (value False: "undo it") are two conflicts.
        value = json.dumps(self.value, ensure_ascii=False)
        return derived_id(
            "conflict", self.record_kind, self.record_id, self.field, self.stamp, value
        )

    def as_values(self) -> dict[str, Plain]:
        return {
            "record_kind": self.record_kind,
            "record_id": self.record_id,
            "field": self.field,
            "value": json.dumps(self.value, ensure_ascii=False),
            "stamp": self.stamp,
            "resolved": False,
            "deleted": False,
        }


@dataclass(frozen=True)
class MergeResult:
    state: RecordState
    changed: frozenset[str]  # fields whose value, stamp or vector changed locally
    conflicts: tuple[ConflictEntry, ...]


def _full_vector(stamp: str, extras: Vector | None) -> Vector:
    vector = dict(extras or {})
    device = device_of(stamp)
    if vector.get(device, "") < stamp:
        vector[device] = stamp
    return vector


def _has_seen(vector: Vector, stamp: str) -> bool:
    return vector.get(device_of(stamp), "") >= stamp


def _joined(a: Vector, b: Vector, winner: str) -> Vector:
    """Pointwise newest of two full vectors, without the winner's own (implied) entry."""
    joined = dict(a)
    for device, stamp in b.items():
        if joined.get(device, "") < stamp:
            joined[device] = stamp
    joined.pop(device_of(winner), None)
    return joined


def merge_record(local: RecordState | None, remote: RecordState) -> MergeResult:
    """What this laptop should hold after seeing `remote`, and the conflicts found."""
    if local is None:
        return MergeResult(remote, frozenset(remote.values), ())
    values = dict(local.values)
    stamps = dict(local.stamps)
    vectors = {name: dict(v) for name, v in local.vectors.items()}
    changed: set[str] = set()
    conflicts: list[ConflictEntry] = []
    for name, remote_stamp in remote.stamps.items():
        local_stamp = stamps.get(name)
        remote_value = remote.values.get(name)
        if local_stamp is None:
            values[name], stamps[name] = remote_value, remote_stamp
            if remote.vectors.get(name):
                vectors[name] = dict(remote.vectors[name])
            changed.add(name)
            continue
        local_full = _full_vector(local_stamp, vectors.get(name))
        remote_full = _full_vector(remote_stamp, remote.vectors.get(name))
        if remote_stamp == local_stamp or _has_seen(local_full, remote_stamp):
            winner = local_stamp
        elif _has_seen(remote_full, local_stamp):
            winner = remote_stamp
        else:
            winner = max(local_stamp, remote_stamp)
            loser_value, loser_stamp = (
                (local.values.get(name), local_stamp)
                if winner == remote_stamp
                else (remote_value, remote_stamp)
            )
            winner_value = remote_value if winner == remote_stamp else values[name]
            if loser_value != winner_value:
                conflicts.append(
                    ConflictEntry(remote.kind, remote.id, name, loser_value, loser_stamp)
                )
        joined = _joined(local_full, remote_full, winner)
        if winner != local_stamp:
            values[name], stamps[name] = remote_value, remote_stamp
            changed.add(name)
        if joined != vectors.get(name, {}):
            changed.add(name)
            if joined:
                vectors[name] = joined
            else:
                vectors.pop(name, None)
    conflicts.extend(_deleted_while_edited(remote.kind, remote.id, values, stamps, vectors))
    state = RecordState(remote.kind, remote.id, values, stamps, vectors)
    return MergeResult(state, frozenset(changed), tuple(conflicts))


def _deleted_while_edited(
    kind: str,
    record_id: str,
    values: dict[str, Plain],
    stamps: dict[str, str],
    vectors: dict[str, Vector],
) -> list[ConflictEntry]:
    """A deletion that had not seen some edit of the record: one conflict, undone by undeleting."""
    if not values.get("deleted") or "deleted" not in stamps:
        return []
    deletion = stamps["deleted"]
    seen = _full_vector(deletion, vectors.get("deleted"))
    unseen = [
        name for name, stamp in stamps.items() if name != "deleted" and not _has_seen(seen, stamp)
    ]
    if not unseen:
        return []
    return [ConflictEntry(kind, record_id, "deleted", False, deletion)]


def conflict_state(entry: ConflictEntry) -> RecordState:
    """The conflict record itself, stamped with the losing stamp so every laptop makes it alike."""
    values = entry.as_values()
    return RecordState("conflict", entry.id, values, dict.fromkeys(values, entry.stamp))
