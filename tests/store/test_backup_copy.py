"""The copy of a workspace taken file by file while it is written, and its check on two cores."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.store import backup_copy, backups, integrity

# A writer that never stops: each transaction adds a row to `entry` and sets `total` to the
# number of rows, so a copy from between two commits has them equal, and a mix has not. The
# small autocheckpoint makes checkpoints write into the database file while copies are taken.
_WRITER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode = WAL")
connection.execute("PRAGMA wal_autocheckpoint = 20")
connection.execute("PRAGMA busy_timeout = 5000")
print("writing", flush=True)
number = 0
while True:
    number += 1
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO entry (body) VALUES (?)", (str(number) * 200,))
    connection.execute("UPDATE total SET count = count + 1")
    connection.execute("COMMIT")
"""


def _make(path: Path) -> None:
    with sqlite3.connect(path, isolation_level=None) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        connection.execute("CREATE INDEX entry_body ON entry (body)")
        connection.execute("CREATE TABLE total (count INTEGER NOT NULL)")
        connection.execute("BEGIN")
        connection.executemany(  # a few MB, so that copies and checkpoints take a while
            "INSERT INTO entry (body) VALUES (?)", [(f"{n:08d}" * 50,) for n in range(20000)]
        )
        connection.execute("INSERT INTO total VALUES (20000)")
        connection.execute("COMMIT")


def _state(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as connection:
        (rows,) = connection.execute("SELECT count(*) FROM entry").fetchone()
        (total,) = connection.execute("SELECT count FROM total").fetchone()
    return rows, total


@pytest.mark.parametrize("copy", ["file_copy", "online_copy"])
def test_a_copy_taken_while_another_process_writes_is_one_commit_whole(
    tmp_path: Path, copy: str
) -> None:
    source = tmp_path / "source.sqlite"
    _make(source)
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(source)], stdout=subprocess.PIPE, text=True
    )
    seen: list[int] = []
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        for number in range(20):
            target = tmp_path / f"copy-{number}.sqlite"
            getattr(backup_copy, copy)(source, target)
            assert backups.integrity_problem(target) is None
            rows, total = _state(target)
            assert rows == total  # no half of a transaction, no page from two moments
            seen.append(rows)
            assert not [p for p in backup_copy.sidecars(target) if p.exists()]  # one file
            with target.open("rb") as handle:
                assert handle.read(20)[18:20] == b"\x01\x01"  # out of WAL mode
    finally:
        writer.kill()
        writer.wait()
        if writer.stdout is not None:
            writer.stdout.close()
    assert seen == sorted(seen) and seen[-1] > seen[0]  # the writer did write meanwhile


def test_a_copy_of_a_workspace_holds_what_is_only_in_its_wal(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite"
    _make(source)
    keeping = sqlite3.connect(source, isolation_level=None)  # keeps the -wal from being folded
    try:
        keeping.execute("PRAGMA wal_autocheckpoint = 0")
        for number in range(50):
            keeping.execute("INSERT INTO entry (body) VALUES (?)", (str(number),))
        keeping.execute("UPDATE total SET count = count + 50")
        assert Path(f"{source}-wal").stat().st_size > 0
        backup_copy.file_copy(source, tmp_path / "copy.sqlite")
    finally:
        keeping.close()
    assert _state(tmp_path / "copy.sqlite") == (20050, 20050)


def _index_out_of_step(path: Path) -> None:
    """A file whose pages are all sound but whose index does not match its rows: only the
    index cross-check of `integrity_check` finds it, `quick_check` does not."""
    with sqlite3.connect(path, isolation_level=None) as connection:
        connection.execute("BEGIN")  # one commit: not one sync a row
        connection.execute("CREATE TABLE big (a TEXT, b TEXT)")
        connection.execute("CREATE INDEX big_a ON big (a)")
        connection.executemany(
            "INSERT INTO big VALUES (?, ?)", [(f"a{n}", f"b{n}") for n in range(2000)]
        )
        connection.execute("CREATE TABLE small (c TEXT)")
        connection.execute("INSERT INTO small VALUES ('c')")
        connection.execute("COMMIT")
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_schema SET sql = 'CREATE INDEX big_a ON big (b)' WHERE name = 'big_a'"
        )


def test_the_split_check_finds_what_only_the_full_check_finds(tmp_path: Path) -> None:
    path = tmp_path / "odd.sqlite"
    _index_out_of_step(path)
    assert integrity.findings(path, "quick_check") == []
    with sqlite3.connect(path) as connection:
        whole = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
        pragmas = integrity.split_checks(connection)
    assert whole != ["ok"]
    assert pragmas[:2] == ['PRAGMA integrity_check("big")', "PRAGMA quick_check"]
    assert sorted(pragmas[2:]) == ['PRAGMA integrity_check("small")']
    found = integrity.findings(path)
    assert found and all("big_a" in line for line in found)
    problem = backups.integrity_problem(path)
    assert problem is not None and "big_a" in problem


def test_the_split_check_finds_a_damaged_page(tmp_path: Path) -> None:
    path = tmp_path / "sound.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE big (a TEXT)")
        connection.executemany("INSERT INTO big VALUES (?)", [(f"a{n}" * 20,) for n in range(5000)])
    assert integrity.findings(path) == []
    data = bytearray(path.read_bytes())
    data[20 * 4096 : 20 * 4096 + 64] = b"\xff" * 64  # the header of a page in the middle
    path.write_bytes(bytes(data))
    assert backups.integrity_problem(path) is not None


def _two_tables(path: Path, second: str) -> None:
    with sqlite3.connect(path, isolation_level=None) as connection:
        connection.execute("BEGIN")
        for table in ("kept", second):
            connection.execute(f"CREATE TABLE {table} (a TEXT)")
            connection.executemany(
                f"INSERT INTO {table} VALUES (?)", [(f"a{n}" * 20,) for n in range(500)]
            )
        connection.execute("COMMIT")


def _per_table(path: Path) -> list[str]:
    """What each table's own check finds (none of it looks at the pages no table uses)."""
    with sqlite3.connect(path) as connection:
        names = [
            n for (n,) in connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        ]
        return [
            str(row[0])
            for name in names
            for row in connection.execute(f'PRAGMA integrity_check("{name}")').fetchall()
            if row[0] != "ok"
        ]


def test_the_split_check_finds_pages_that_no_table_uses(tmp_path: Path) -> None:
    """Only a pass over the whole file counts every page: the per-table checks cannot."""
    path = tmp_path / "orphans.sqlite"
    _two_tables(path, "lost")
    with sqlite3.connect(path, isolation_level=None) as connection:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("DELETE FROM sqlite_schema WHERE name = 'lost'")  # its pages orphaned
    assert _per_table(path) == []
    found = integrity.findings(path)
    assert found and all("never used" in line for line in found)


def test_the_split_check_finds_a_free_list_of_the_wrong_length(tmp_path: Path) -> None:
    path = tmp_path / "freelist.sqlite"
    _two_tables(path, "gone")
    with sqlite3.connect(path, isolation_level=None) as connection:
        connection.execute("DROP TABLE gone")  # its pages go to the free list
    data = bytearray(path.read_bytes())
    free = int.from_bytes(data[36:40], "big")
    assert free > 0
    data[36:40] = (free + 1).to_bytes(4, "big")  # the header's count of free pages
    path.write_bytes(bytes(data))
    assert _per_table(path) == []
    found = integrity.findings(path)
    assert found and all("freelist" in line for line in found)


def test_a_check_thread_that_fails_otherwise_does_not_pass_the_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thread stopped by anything but sqlite3.Error left pragmas unrun: never 'sound'."""
    path = tmp_path / "sound.sqlite"
    _two_tables(path, "other")
    plain = integrity._findings

    def failing(connection: sqlite3.Connection, pragma: str) -> list[str]:
        if pragma == "PRAGMA quick_check":
            raise MemoryError
        return plain(connection, pragma)

    monkeypatch.setattr(integrity, "_findings", failing)
    with pytest.raises(MemoryError):
        integrity.findings(path)


def test_the_check_on_one_core_is_the_plain_pragma(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "odd.sqlite"
    _index_out_of_step(path)
    monkeypatch.setattr(integrity.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(integrity, "split_checks", lambda _c: pytest.fail("split on one core"))
    found = integrity.findings(path)
    assert found and all("big_a" in line for line in found)


def test_a_copy_checked_beside_an_import_runs_the_single_pragma_and_a_backup_splits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import's own work keeps one core busy: its copy's check takes the other one alone."""
    path = tmp_path / "odd.sqlite"
    _index_out_of_step(path)
    monkeypatch.setattr(integrity.os, "cpu_count", lambda: 2)
    pragmas: list[str] = []
    plain = integrity._findings

    def seen(connection: sqlite3.Connection, pragma: str) -> list[str]:
        pragmas.append(pragma)
        return plain(connection, pragma)

    monkeypatch.setattr(integrity, "_findings", seen)
    beside = backups.start_copy(path, tmp_path / "beside.sqlite", beside_work=True)
    with pytest.raises(backups.CopyDamaged, match="big_a"):
        beside.wait()  # the single pragma finds the same damage
    assert pragmas == ["PRAGMA integrity_check"]
    pragmas.clear()
    with pytest.raises(backups.CopyDamaged, match="big_a"):
        backups.copy_verified(path, tmp_path / "alone.sqlite")
    assert "PRAGMA quick_check" in pragmas and len(pragmas) > 1  # shared between two threads
