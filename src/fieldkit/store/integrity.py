"""SQLite's `integrity_check` of a whole database file, shared between two cores.

On a program-scale workspace (about 320 MB) the check takes two seconds of one core, most of it
spent looking up every index entry of every row, and the attendance table with its three indexes
alone takes three quarters of that. SQLite runs one check on one core, but since 3.33
`PRAGMA integrity_check(TABLE)` checks one table and its indexes. So the same checks are split:
`quick_check` of the whole file (every b-tree's pages, the free list, every page used exactly
once, NOT NULL and CHECK constraints) and `integrity_check(T)` of every table (its b-trees again,
and each index against its rows), shared by two threads, each with its own read-only connection
(the sqlite3 module lets go of the GIL while SQLite works). Together they check all that one
`integrity_check` checks, and the index lookups of the largest table set the time: measured in
CPU time per thread, 1.5 s for the longer thread against 1.9 s for the single pragma. The split
costs about 0.3 s of CPU more in all (each table's b-trees are walked twice), so on a machine
whose other cores are busy it is slower than the single pragma (3.6 s against 3.0 s, measured
beside four other busy processes on two cores); a laptop taking its backup mostly waits for its
user, so the split is kept.

The largest table's own check is the floor of the split: SQLite offers no smaller unit (a table
with all its indexes), and on the program-scale workspace it takes 1.45-1.6 s of CPU against
0.75 s for everything else together (the whole-file `quick_check`, 0.35 s, then the other
tables), so the second thread waits for the first about half of the time. The whole-file pass
repeats the b-tree walks of the per-table checks, but on that waiting thread, and it cannot be
left out: only a pass over every b-tree at once finds a page that no b-tree uses, or that the
b-trees of two tables share, and only it (or `integrity_check(sqlite_schema)`) checks the free
list (the tests make both kinds of damage).

Each connection maps the file in memory: the checks then read pages without copying them through
SQLite's page cache (measured: 1.9 s of CPU against 2.8 s with the default cache, and a larger
cache, `temp_store = MEMORY` or opening the copy `immutable=1` gain nothing on top of the
mapping).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

MMAP_SIZE = 1 << 32  # SQLite caps it at its build's maximum (2 GB for most builds)
WORKERS = 2  # the largest table sets the time: more threads would wait for it
_PER_TABLE_SINCE = (3, 33, 0)  # the first SQLite with integrity_check(TABLE)


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    try:
        connection.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
        yield connection
    finally:
        connection.close()


def _findings(connection: sqlite3.Connection, pragma: str) -> list[str]:
    return [str(row[0]) for row in connection.execute(pragma).fetchall() if row[0] != "ok"]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def split_checks(connection: sqlite3.Connection) -> list[str]:
    """The pragmas that together check what `integrity_check` checks, the longest first.

    A table's work grows with its rows times its b-trees (the table and each index); its
    largest rowid counts the rows without reading them.
    """
    indexes = dict(
        connection.execute(
            "SELECT tbl_name, count(*) FROM sqlite_schema WHERE type = 'index' GROUP BY tbl_name"
        ).fetchall()
    )
    weighted: list[tuple[int, str]] = []
    for (name,) in connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'"):
        try:
            (rows,) = connection.execute(f"SELECT max(rowid) FROM {_quoted(name)}").fetchone()
        except sqlite3.OperationalError:  # a table without rowid, or a virtual one
            rows = 0
        weighted.append(((rows or 0) * (1 + indexes.get(name, 0)), name))
    pragmas = [f"PRAGMA integrity_check({_quoted(name)})" for _w, name in sorted(weighted)[::-1]]
    # The whole file's quick check goes to the second thread while the first takes the largest.
    return [*pragmas[:1], "PRAGMA quick_check", *pragmas[1:]]


def _can_split(workers: int) -> bool:
    """Whether to split (one worker runs the single pragma)."""
    return (
        workers > 1
        and sqlite3.sqlite_version_info >= _PER_TABLE_SINCE
        and (os.cpu_count() or 1) > 1
    )


def findings(
    path: Path, check: str = "integrity_check", *, workers: int | None = None
) -> list[str]:
    """What the check finds wrong with a database file (empty when it is sound).

    `workers`: the threads to share the full check between (`WORKERS` by default); 1 runs the
    single pragma, which costs less processor time in all, for a check that runs while the
    caller keeps its own core busy (an import merging while its safety copy is checked).

    Raises sqlite3.Error when the file cannot be read as a database at all, and whatever else
    stopped one of the check's threads (a check cut short never passes).
    """
    with _reading(path) as connection:
        threads_wanted = WORKERS if workers is None else workers
        if check != "integrity_check" or not _can_split(threads_wanted):
            return _findings(connection, f"PRAGMA {check}")
        pending = split_checks(connection)
    found: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            with _reading(path) as connection:
                while True:
                    with lock:
                        if not pending or found or errors:  # one problem is enough to refuse
                            return
                        pragma = pending.pop(0)
                    problems = _findings(connection, pragma)
                    with lock:
                        found.extend(problems)
        except BaseException as error:  # not only sqlite3.Error: the other thread must stop too
            with lock:
                errors.append(error)

    threads = [threading.Thread(target=work, name="integrity-check") for _ in range(threads_wanted)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return found
