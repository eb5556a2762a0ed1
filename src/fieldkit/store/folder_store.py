"""The store's part of the sync folder: which segments this laptop wrote or read, the records
changed since, and taking a new identity when another laptop turns out to share this one's.

`FolderStore` is mixed into `Workspace`. The bookkeeping (table `folder_segment`) belongs to this
laptop only and never travels. The folder itself is `fieldkit.sync.folder`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.clocks import device_of, stamps
from fieldkit.core.ids import new_id
from fieldkit.core.merge import RecordState
from fieldkit.core.model import RECORD_KINDS, Result
from fieldkit.store import lazy_sql
from fieldkit.store.exchange_store import CHUNK, ExchangeStore, MergeSummary, _state

if TYPE_CHECKING:
    from sqlalchemy import Connection, delete, insert, or_, select, text, true, update

    from fieldkit.store import schema
else:  # loaded on first use (see fieldkit.store.lazy_sql)
    lazy_sql.declare(
        globals(), "delete", "insert", "or_", "select", "text", "true", "update", "schema"
    )


WRITTEN, READ = "written", "read"
# Written by this laptop, but its workspace was put back to before it by an undo: the round reads
# it back as it would another laptop's, for the other laptops already hold what it carries.
UNREAD = "unread"
_CHUNK = 500  # ids per SELECT … IN (…), under SQLite's variable limit
# The triggers that note the records written (`start_folder_tracking`).
_TRIGGERS = frozenset(
    f"folder_pending_{kind}_{suffix}" for kind in RECORD_KINDS for suffix in ("insert", "update")
)


def _uncovered(clocks: str | None, marks: dict[str, str]) -> bool:
    """Whether a stored `clocks` ({stamp: [fields]}) holds a stamp newer than the mark of the
    laptop that made it."""
    return any(stamp > marks.get(device_of(stamp), "") for stamp in stamps(clocks))


@dataclass(frozen=True)
class SegmentMark:
    """A segment this laptop wrote or read, and the newest stamp per laptop that it holds."""

    device: str
    name: str
    sha256: str
    size: int
    direction: str  # WRITTEN, READ, or UNREAD
    marks: dict[str, str]
    conflicts: frozenset[str] = frozenset()  # ids of the conflict log's entries it holds


class FolderStore(ExchangeStore):
    """Bookkeeping of the sync folder; mixed into `Workspace`."""

    def folder_segments(self) -> list[SegmentMark]:
        table = schema.folder_segment
        with self._reading() as conn:
            rows = conn.execute(select(table).order_by(table.c.device, table.c.name)).all()
        return [
            SegmentMark(
                r.device,
                r.name,
                r.sha256,
                r.size,
                r.direction,
                json.loads(r.marks),
                frozenset(json.loads(r.conflicts)),
            )
            for r in rows
        ]

    def note_folder_segment(self, mark: SegmentMark) -> None:
        with self._writing() as conn:
            self._note_segment_in(conn, mark)

    def merge_segment(
        self,
        states: Iterable[RecordState],
        blobs: Callable[[], Iterator[tuple[str, bytes]]],
        mark: Callable[[], SegmentMark],
    ) -> Result[MergeSummary]:
        """Merge a segment's records and note it as read, in one transaction: after a power cut
        it is in and noted, or out and read again. `mark` is asked once every record is in."""
        return self.merge_states(
            states, blobs=blobs, also=lambda conn: self._note_segment_in(conn, mark())
        )

    @staticmethod
    def _note_segment_in(conn: Connection, mark: SegmentMark) -> None:
        table = schema.folder_segment
        conn.execute(delete(table).where(table.c.device == mark.device, table.c.name == mark.name))
        conn.execute(
            insert(table).values(
                device=mark.device,
                name=mark.name,
                sha256=mark.sha256,
                size=mark.size,
                direction=mark.direction,
                marks=json.dumps(mark.marks, sort_keys=True),
                conflicts=json.dumps(sorted(mark.conflicts)),
                at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            )
        )

    def start_folder_tracking(self) -> None:
        """From now on, note every record written (the triggers of `folder_pending`)."""
        with self._reading() as conn:
            # Every round asks; once tracking is on, a read answers it without a write (and the
            # disk sync that every committed write costs).
            triggers = {
                name
                for (name,) in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                    "AND name LIKE 'folder_pending_%'"
                )
            }
            started = conn.exec_driver_sql("SELECT 1 FROM folder_pending WHERE seq = 0").first()
        if started is not None and triggers >= _TRIGGERS:
            return
        with self._writing() as conn:
            # The migration made them for the kinds of its day; a kind added since gets its own.
            for kind in RECORD_KINDS:
                for event, suffix in (("INSERT", "insert"), ("UPDATE OF clocks", "update")):
                    conn.exec_driver_sql(
                        f'CREATE TRIGGER IF NOT EXISTS "folder_pending_{kind}_{suffix}" '
                        f'AFTER {event} ON "{kind}" '
                        "WHEN EXISTS (SELECT 1 FROM folder_pending WHERE seq = 0) BEGIN "
                        f"INSERT INTO folder_pending (kind, record_id) VALUES ('{kind}', NEW.id); "
                        "END"
                    )
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO folder_pending (seq, kind, record_id) VALUES (0, '', '')"
            )

    def pending_upto(self) -> int:
        with self._reading() as conn:
            return int(conn.exec_driver_sql("SELECT max(seq) FROM folder_pending").scalar() or 0)

    def clear_pending(self, upto: int) -> None:
        """Forget the records noted up to `upto`: a round has dealt with them."""
        with self._writing() as conn:
            conn.exec_driver_sql("DELETE FROM folder_pending WHERE seq BETWEEN 1 AND ?", (upto,))

    def forget_folder_segments(self, gone: Iterable[tuple[str, str]]) -> None:
        gone = list(gone)
        if not gone:
            return
        table = schema.folder_segment
        with self._writing() as conn:
            for device, name in gone:
                conn.execute(delete(table).where(table.c.device == device, table.c.name == name))

    def states_after(
        self,
        marks: dict[str, str],
        conflicts: frozenset[str] = frozenset(),
        *,
        everything: bool = True,
    ) -> Iterator[RecordState]:
        """Every record holding a stamp newer than the mark of the laptop that made it (a laptop
        without a mark: all of its stamps), read in one transaction so none slips between; and
        every entry of the conflict log not among `conflicts`, because an entry is made by the
        laptop that merged but stamped by the one whose value lost.

        With `everything`, SQLite compares the stamps of every record (`{stamp: [fields]}`, the
        device after the 20th character); otherwise only the records written since the last
        round (`folder_pending`) are looked at, so a round costs what changed.
        """
        if not everything:
            yield from self._pending_after(marks, conflicts)
            return
        covered = json.dumps(marks)
        newer = text(
            "EXISTS (SELECT 1 FROM json_each(clocks) AS j WHERE j.key > "
            "COALESCE(json_extract(:covered, '$.\"' || substr(j.key, 21) || '\"'), ''))"
        ).bindparams(covered=covered)
        with self._reading() as conn:
            for kind in RECORD_KINDS:
                table = schema.record_tables[kind]
                condition: Any = newer
                if kind == "conflict":
                    known = sorted(conflicts)
                    condition = or_(newer, table.c.id.not_in(known)) if known else true()
                rows = conn.execution_options(yield_per=CHUNK).execute(
                    select(table).where(condition).order_by(table.c.id)
                )
                for row in rows:
                    yield _state(kind, row)

    def _pending_after(
        self, marks: dict[str, str], conflicts: frozenset[str]
    ) -> Iterator[RecordState]:
        """The records noted since the last round that hold a stamp no segment covers.

        Most of them are what the round just read from other laptops, covered by those laptops'
        own segments: their stamps alone (the `clocks` column) say so, and only the others are
        read whole.
        """
        with self._reading() as conn:
            noted: dict[str, set[str]] = {}
            for kind, record_id in conn.exec_driver_sql(
                "SELECT kind, record_id FROM folder_pending WHERE seq > 0"
            ):
                noted.setdefault(kind, set()).add(record_id)
            for kind in RECORD_KINDS:
                ids = sorted(noted.get(kind, ()))
                for start in range(0, len(ids), _CHUNK):
                    chunk = ids[start : start + _CHUNK]
                    places = ", ".join("?" * len(chunk))
                    wanted = [
                        record_id
                        for record_id, clocks in conn.exec_driver_sql(
                            f'SELECT id, clocks FROM "{kind}" WHERE id IN ({places})',
                            tuple(chunk),
                        )
                        if (kind == "conflict" and record_id not in conflicts)
                        or _uncovered(clocks, marks)
                    ]
                    if not wanted:
                        continue
                    table = schema.record_tables[kind]
                    for row in conn.execute(select(table).where(table.c.id.in_(wanted))):
                        yield _state(kind, row)

    def restore(self, snapshot: Path) -> Result[None]:
        """Put the workspace back as it was in a snapshot (an import undone), except for what
        belongs to this laptop rather than to the data: its identity and name, and the segments
        it wrote into a sync folder since the snapshot. Those are still in the folder under its
        identity and the other laptops have read them: forgetting them would make this laptop
        take its own segments for a clone's, and never get back what they carried."""
        own = [m for m in self.folder_segments() if m.device == self.device_id]
        name = self.device_name
        restored = super().restore(snapshot)
        table = schema.folder_segment
        with self._writing() as conn:
            conn.execute(
                update(schema.device).values(
                    id=self.device_id, name=name, last_stamp=self.clock.last_issued
                )
            )
            kept = {
                row.name
                for row in conn.execute(
                    select(table.c.name).where(
                        table.c.device == self.device_id, table.c.direction == WRITTEN
                    )
                )
            }
            for mark in own:
                if mark.direction in (WRITTEN, UNREAD) and mark.name not in kept:
                    self._note_segment_in(conn, dataclasses.replace(mark, direction=UNREAD))
        return restored

    def take_new_identity(self) -> str:
        """Give this laptop a new device id, keeping its records and its clock's progress.

        Stamps already written keep the old id: they are history, and every laptop has them
        alike. From now on this laptop stamps with the new id.
        """
        new = new_id().replace("-", "")[:16]
        clock = self.clock.renamed(new)
        with self._writing() as conn:
            conn.execute(update(schema.device).values(id=new, last_stamp=clock.last_issued))
        self.device_id = new
        self.clock = clock
        return new
