"""Copying a database file that may be open and written to, into a new single file.

The copy is taken file by file, byte for byte, inside a read transaction on the source: four
times quicker than SQLite's backup API on a program-scale workspace (0.25 s against 1 s for
320 MB), which walks the pages one by one through both page caches. A read transaction is
enough for a consistent picture, by SQLite's own locking rules:

- in rollback-journal mode, a writer needs an exclusive lock to touch the database file, which
  our shared lock forbids, so the file does not change while it is copied;
- in WAL mode, writers only append to the `-wal`; a checkpoint writes into the database file only
  pages whose newer version sits in the `-wal` at or below our read mark (so a page caught
  halfway is replaced by that version when the copied `-wal` is applied), and the `-wal` is never
  started over while we hold a read mark in it. The database file is copied first, then the
  `-wal`; on opening, the copy applies every complete transaction of its `-wal` (a frame caught
  halfway fails its checksum and ends the log there), so the copy is the workspace as of one
  commit, at or after the moment the read transaction began.

The copy then leaves WAL mode (the copied log folded in) so that it is one file. Windows locks
a few bytes at 1 GiB into the file while SQLite holds a lock; a file that large is copied there
with the backup API instead.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

_WINDOWS_LOCK_OFFSET = 1 << 30


def sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def _remove(target: Path) -> None:
    for path in [target, *sidecars(target)]:
        path.unlink(missing_ok=True)


def file_copy(source: Path, target: Path) -> None:
    """Copy the database `source` (and its `-wal`) to `target`, then make it one file.

    Raises sqlite3.Error when the source cannot be read, OSError when the disk refuses the copy.
    """
    _remove(target)
    reading = sqlite3.connect(f"file:{source}?mode=ro", uri=True, isolation_level=None)
    try:
        reading.execute("PRAGMA busy_timeout = 5000")
        reading.execute("BEGIN")
        reading.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read lock
        (mode,) = reading.execute("PRAGMA journal_mode").fetchone()
        shutil.copyfile(source, target)
        wal = Path(f"{source}-wal")
        if str(mode).lower() == "wal" and wal.exists():
            shutil.copyfile(wal, f"{target}-wal")
        reading.execute("COMMIT")
    finally:
        reading.close()
    _make_single_file(target)


def online_copy(source: Path, target: Path) -> None:
    """The same copy through SQLite's backup API (slower, but never reads the file's bytes)."""
    _remove(target)
    reading = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        reading.execute("PRAGMA busy_timeout = 5000")
        writing = sqlite3.connect(target, isolation_level=None)
        try:
            writing.execute("PRAGMA journal_mode = OFF")
            writing.execute("PRAGMA synchronous = OFF")
            reading.backup(writing)
        finally:
            writing.close()
    finally:
        reading.close()
    _make_single_file(target)


def _make_single_file(target: Path) -> None:
    """Fold a copied `-wal` into the copy and leave WAL mode. Nobody reads the copy before it is
    checked and flushed, so this writes without syncing."""
    writing = sqlite3.connect(target, isolation_level=None)
    try:
        writing.execute("PRAGMA synchronous = OFF")
        writing.execute("PRAGMA journal_mode = DELETE")
    finally:
        writing.close()
    for sidecar in sidecars(target):
        sidecar.unlink(missing_ok=True)


def copy_database(source: Path, target: Path) -> None:
    """The quickest consistent copy this system allows (see the module's note)."""
    if os.name == "nt" and source.stat().st_size >= _WINDOWS_LOCK_OFFSET:
        online_copy(source, target)
    else:
        file_copy(source, target)
