"""The clock an import moved forward is saved with the import: a kill right after cannot undo it.

A laptop whose clock runs ahead sends records stamped in its future. If this laptop forgot, on a
restart after a power cut, that it had seen those stamps, its next edits of the same records
would carry older stamps and lose to the values they replaced at the next exchange.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from fieldkit.core.hlc import HybridLogicalClock, Stamp
from fieldkit.core.ids import new_id
from fieldkit.core.model import Person
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange

AN_HOUR_MS = 3_600_000


def _stored_last_stamp(path: Path) -> Stamp:
    """What a restart reads (the process may be killed right after the import returns)."""
    connection = sqlite3.connect(path)
    try:
        (text,) = connection.execute("SELECT last_stamp FROM device").fetchone()
    finally:
        connection.close()
    return Stamp.parse(text)


def test_the_clock_an_import_moved_forward_is_stored_with_it(tmp_path: Path) -> None:
    person = Person(id=new_id(), given_names="Juana", surnames="Quispe")
    (tmp_path / "ahead").mkdir(exist_ok=True)
    with Workspace(tmp_path / "ahead" / "w.sqlite") as ahead:
        ahead.clock = HybridLogicalClock(
            ahead.device_id, wall_ms=lambda: time.time_ns() // 1_000_000 + AN_HOUR_MS
        )
        ahead.save(person)
        sent = Stamp.parse(ahead.clocks(Person, person.id)["given_names"])
        exchange = export_exchange(ahead, tmp_path / "ahead.fkx").path
    (tmp_path / "here").mkdir(exist_ok=True)
    with Workspace(tmp_path / "here" / "w.sqlite") as here:
        here.save(Person(id=new_id(), given_names="Rosa"))  # this laptop's own last stamp
        import_exchange(here, exchange)
        stored = _stored_last_stamp(here.path)
        assert (stored.millis, stored.counter) >= (sent.millis, sent.counter)
        # And an edit after a restart is newer than what came in.
    with Workspace(tmp_path / "here" / "w.sqlite") as restarted:
        restarted.update(Person, person.id, given_names="Juana Rosa")
        edited = Stamp.parse(restarted.clocks(Person, person.id)["given_names"])
        assert (edited.millis, edited.counter) > (sent.millis, sent.counter)
