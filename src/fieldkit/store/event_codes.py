"""Event codes stay unique when two laptops chose the same one.

A code is unique in a workspace, but laptops choose codes independently: two teams that each create
"TALLER" must still be able to exchange. During a merge, when an incoming event carries a code that
another event already holds, the rule every laptop applies alike decides: the event whose code was
written first (the smaller clock stamp; the smaller id on a tie) keeps it, the other gets a free
suffix (`TALLER-2`) as an edit of this laptop, stamped like any edit, so the rename travels back.
Two laptops that meet the clash each rename the same event; if they pick different suffixes, the
ordinary merge of concurrent edits settles on one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldkit.core import clocks as clock_codec
from fieldkit.core.merge import RecordState
from fieldkit.core.template import free_code

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from fieldkit.core.hlc import HybridLogicalClock


@dataclass(frozen=True)
class RenamedCode:
    """An event whose code was taken by another event: what the user is told after an import."""

    event_id: str
    title: str
    old: str
    new: str


@dataclass
class _Holder:
    event_id: str
    stamp: str  # the clock stamp of its `code` field
    title: str
    stored: bool  # a row of the table (else a new record of this merge, not yet inserted)


class CodeKeeper:
    """The codes of one merge: who holds each, and the renames the merge needs."""

    def __init__(self, conn: Connection, clock: HybridLogicalClock, device_id: str) -> None:
        self._conn = conn
        self._clock = clock
        self._device_id = device_id
        self._holders: dict[str, _Holder] = {}
        self._code_of: dict[str, str] = {}  # event id -> its code as this merge left it
        self.renamed: list[RenamedCode] = []
        rows = conn.exec_driver_sql("SELECT id, code, clocks, title FROM event").fetchall()
        for event_id, code, clocks, title in rows:
            stamp = clock_codec.decode(clocks).get("code", "")
            self._holders[code] = _Holder(event_id, stamp, title, stored=True)
            self._code_of[event_id] = code

    def settle(self, state: RecordState, *, stored: bool) -> RecordState:
        """The incoming event's merged state, with a free code when it lost its code to another
        event; when it is the other event that lost, that one is renamed first."""
        code = str(state.values.get("code") or "")
        previous = self._code_of.get(state.id)
        if previous is not None and previous != code:
            holder = self._holders.get(previous)
            if holder is not None and holder.event_id == state.id:
                del self._holders[previous]
        stamp = state.stamps.get("code", "")
        title = str(state.values.get("title") or "")
        holder = self._holders.get(code)
        if holder is not None and holder.event_id != state.id:
            # A holder that is itself new in this merge (renamed already) cannot be renamed again
            # before its row is written: the incoming event takes the suffix then.
            if not holder.stored or (holder.stamp, holder.event_id) < (stamp, state.id):
                state = self._renamed_incoming(state, code, title)
                code = str(state.values["code"])
                stamp = state.stamps["code"]
            else:
                self._rename_holder(holder, code)
        self._holders[code] = _Holder(state.id, stamp, title, stored)
        self._code_of[state.id] = code
        return state

    def _free(self, code: str) -> str:
        return free_code(code, self._holders.keys())

    def _renamed_incoming(self, state: RecordState, code: str, title: str) -> RecordState:
        new = self._free(code)
        stamps = dict(state.stamps)
        vectors = {name: dict(vector) for name, vector in state.vectors.items()}
        clock_codec.note_overwrite(vectors, "code", stamps.get("code"), self._device_id)
        stamps["code"] = self._clock.now()
        self.renamed.append(RenamedCode(state.id, title, code, new))
        return RecordState(state.kind, state.id, {**state.values, "code": new}, stamps, vectors)

    def _rename_holder(self, holder: _Holder, code: str) -> None:
        new = self._free(code)
        del self._holders[code]
        stamp = self._clock.now()
        self.renamed.append(RenamedCode(holder.event_id, holder.title, code, new))
        self._holders[new] = _Holder(holder.event_id, stamp, holder.title, holder.stored)
        self._code_of[holder.event_id] = new
        self._write_code(holder.event_id, new, stamp)

    def _write_code(self, event_id: str, code: str, stamp: str) -> None:
        row: Any = self._conn.exec_driver_sql(
            "SELECT clocks, vv FROM event WHERE id = ?", (event_id,)
        ).one()
        stamps = clock_codec.decode(row[0])
        vectors = clock_codec.decode_vv(row[1])
        clock_codec.note_overwrite(vectors, "code", stamps.get("code"), self._device_id)
        stamps["code"] = stamp
        self._conn.exec_driver_sql(
            "UPDATE event SET code = ?, clocks = ?, vv = ? WHERE id = ?",
            (code, clock_codec.encode(stamps), clock_codec.encode_vv(vectors), event_id),
        )
