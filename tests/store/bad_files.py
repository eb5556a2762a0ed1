"""Files that are not sound workspaces, built in a test's folder: each returns the file's path."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from fieldkit.store import Workspace


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of the folder (and below) with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def other_application(folder: Path) -> Path:
    """A sound SQLite file of another application, in WAL mode as many are."""
    path = folder / "contacts.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO contact (name) VALUES ('Ana')")
    connection.commit()
    connection.close()
    return path


def clashing_table(folder: Path) -> Path:
    """Another application's file with a table that fieldkit also has."""
    path = folder / "people.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE person (id TEXT PRIMARY KEY, full_name TEXT)")
    connection.execute("INSERT INTO person VALUES ('p1', 'Rosa')")
    connection.commit()
    connection.close()
    return path


def other_alembic(folder: Path) -> Path:
    """Another application that migrates with Alembic too."""
    path = folder / "shop.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    connection.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    connection.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT)")
    connection.commit()
    connection.close()
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "noise.db"
    path.write_bytes(os.urandom(64 * 1024))
    return path


def _workspace(folder: Path, name: str = "workspace.sqlite") -> Path:
    path = folder / name
    with Workspace(path) as ws:
        from fieldkit.demo import install_demo

        install_demo(ws)
    return path


def truncated(folder: Path) -> Path:
    """A workspace cut off in the middle, as by an interrupted copy."""
    path = _workspace(folder)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def damaged_pages(folder: Path, first_share: float = 0.0) -> Path:
    """A workspace whose header is intact and whose pages after the first (or after a share of
    them) are overwritten in part."""
    path = _workspace(folder)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    for number in range(max(2, int(pages * first_share)), pages, 3):
        start = number * page
        data[start : start + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    return path


BAD_FILES: dict[str, Callable[[Path], Path]] = {
    "other application": other_application,
    "clashing table": clashing_table,
    "other alembic": other_alembic,
    "random bytes": random_bytes,
    "truncated": truncated,
    "damaged pages": damaged_pages,
    "damaged table pages": lambda folder: damaged_pages(folder, 0.6),
}
FOREIGN = {"other application", "clashing table", "other alembic"}


def workspace_with_damaged_journal(folder: Path) -> tuple[Path, int]:
    """A workspace whose `-wal` holds several committed transactions, the middle one damaged.

    Made as a crash would leave it: the writes are committed in WAL mode, then the files are
    copied while the connection is still open (nothing checkpointed). Returns the path and the
    number of rows the intact transactions wrote.
    """
    source = folder / "live"
    source.mkdir()
    live = _workspace(source)
    connection = sqlite3.connect(live, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    for number in range(6):
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)",
            (f"key{number}", '"' + "x" * 3000 + '"'),
        )
        connection.execute("COMMIT")
    path = folder / "workspace.sqlite"
    shutil.copy(live, path)
    shutil.copy(f"{live}-wal", f"{path}-wal")
    connection.close()
    wal = Path(f"{path}-wal")
    shutil.copy(wal, folder / "intact.wal")  # the journal as the crash left it, for comparison
    data = bytearray(wal.read_bytes())
    page = int.from_bytes(data[8:12], "big")
    frames = (len(data) - 32) // (24 + page)
    middle = 32 + (frames // 2) * (24 + page) + 24 + 100
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    wal.write_bytes(bytes(data))
    return path, frames
