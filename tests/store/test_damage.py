"""Opening what is not a sound workspace: refused in one sentence, and not a byte written.

Each bad file is built in the test's folder; after the attempt the folder holds exactly the same
files with the same bytes (no tables added, no switch to WAL, no -wal, -shm or lock file).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.store.bad_files import (
    BAD_FILES,
    FOREIGN,
    fingerprint,
    workspace_with_damaged_journal,
)

from fieldkit.cli import main
from fieldkit.core.errors import DamagedWorkspace, NotFound, WorkspaceUnavailable
from fieldkit.store import Workspace
from fieldkit.store.health import lost_commits

READING = [["events"], ["dump"], ["conflicts"], ["export-json", "X"], ["minutes", "X"]]
WRITING = [["demo"], ["events"]]


def _bad_file(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    path = BAD_FILES[name](folder)
    for other in folder.iterdir():  # keep the bad file alone (the builders' helpers are gone)
        if other != path:
            if other.is_dir():
                shutil.rmtree(other)
            else:
                other.unlink()
    return path


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_file_that_is_not_a_sound_workspace_is_refused_and_left_as_it_is(
    tmp_path: Path, name: str
) -> None:
    path = _bad_file(tmp_path, name)
    before = fingerprint(path.parent)
    with pytest.raises(DamagedWorkspace) as refused:
        Workspace(path, full_check=True)
    assert refused.value.path == path.resolve() or refused.value.path == path
    assert refused.value.kind == ("foreign" if name in FOREIGN else "damaged")
    message = refused.value.message
    assert "\n" not in message and "SELECT" not in message and "CREATE" not in message
    assert "newer version" not in message
    assert str(path.name) in message
    assert fingerprint(path.parent) == before  # same files, same bytes: nothing written


@pytest.mark.parametrize("name", list(BAD_FILES))
@pytest.mark.parametrize("command", [["events"], ["demo"], ["check"]])
def test_the_command_line_says_one_sentence_and_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, command: list[str]
) -> None:
    path = _bad_file(tmp_path, name)
    before = fingerprint(path.parent)
    code = main(["--db", str(path), *command])
    err = capsys.readouterr().err
    assert code == DamagedWorkspace.exit_code
    lines = err.strip().splitlines()
    assert len(lines) == 2, err  # what is wrong, then what to do
    assert "Traceback" not in err and "sqlite3" not in err
    assert ("another application" in lines[0]) == (name in FOREIGN)
    assert fingerprint(path.parent) == before


def test_a_fieldkit_workspace_of_a_newer_schema_is_called_so(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    Workspace(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0999'")
    connection.commit()
    connection.close()
    with pytest.raises(WorkspaceUnavailable, match="newer version of fieldkit"):
        Workspace(path)


def test_a_missing_folder_is_refused_and_not_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mistyped" / "deeper" / "w.sqlite"
    for command in (["events"], ["demo"]):
        assert main(["--db", str(path), *command]) == WorkspaceUnavailable.exit_code
        err = capsys.readouterr().err
        assert err.strip() == (
            f"The folder {path.parent} does not exist; check the path of the workspace."
        )
    assert not (tmp_path / "mistyped").exists()


@pytest.mark.parametrize("command", READING)
def test_commands_that_only_read_create_no_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "new.sqlite"
    extra = ["--out", str(tmp_path / "out.pdf")] if command[0] in {"export-json", "minutes"} else []
    assert main(["--db", str(path), *command, *extra]) == NotFound.exit_code
    assert capsys.readouterr().err.strip() == f"There is no workspace at {path}."
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "user") == []


def test_a_command_that_writes_makes_a_new_workspace_in_an_existing_folder(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new.sqlite"
    assert main(["--db", str(path), "demo"]) == 0
    with Workspace(path) as ws:
        assert ws.events()


def test_a_damaged_journal_is_copied_aside_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _frames = workspace_with_damaged_journal(tmp_path)
    journal = Path(f"{path}-wal")
    original = journal.read_bytes()
    assert lost_commits(journal) > 0
    assert main(["--db", str(path), "events"]) == 0
    err = capsys.readouterr().err
    copies = list(tmp_path.glob("workspace.sqlite-wal.damaged-*"))
    assert len(copies) == 1
    assert copies[0].read_bytes() == original  # the whole journal, damaged tail included
    assert "journal" in err and copies[0].name in err
    # The next start finds a sound journal and says nothing more.
    assert main(["--db", str(path), "events"]) == 0
    assert "journal" not in capsys.readouterr().err
    assert len(list(tmp_path.glob("workspace.sqlite-wal.damaged-*"))) == 1


def test_a_sound_journal_left_by_a_crash_is_not_called_damaged(tmp_path: Path) -> None:
    path, _frames = workspace_with_damaged_journal(tmp_path)
    journal = Path(f"{path}-wal")
    data = (tmp_path / "intact.wal").read_bytes()
    journal.write_bytes(data)  # the journal as the crash left it, undamaged
    assert lost_commits(journal) == 0
    journal.write_bytes(data[: len(data) - 1000])  # a last frame cut off: an unfinished write
    assert lost_commits(journal) == 0
    with Workspace(path) as ws:
        assert not ws.notices


def test_check_lists_what_is_wrong_and_exits_zero_only_when_sound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.sqlite"
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    before = fingerprint(tmp_path)
    assert main(["--db", str(path), "check"]) == 0
    assert "is sound" in capsys.readouterr().err
    assert fingerprint(tmp_path) == before
    connection = sqlite3.connect(path)
    event_id, start = connection.execute("SELECT id, start_date FROM event LIMIT 1").fetchone()
    connection.execute("UPDATE event SET end_date = '1999-01-01' WHERE id = ?", (event_id,))
    connection.execute("UPDATE event SET start_date = '9999-01-01' WHERE id != ?", (event_id,))
    (person,) = connection.execute("SELECT id FROM person LIMIT 1").fetchone()
    connection.execute("UPDATE person SET merged_into = id WHERE id = ?", (person,))
    people = [row[0] for row in connection.execute("SELECT id FROM person LIMIT 3 OFFSET 1")]
    for one, other in zip(people, people[1:] + people[:1], strict=True):
        connection.execute("UPDATE person SET merged_into = ? WHERE id = ?", (other, one))
    connection.execute("UPDATE session SET start_time = '99:99' WHERE rowid = 1")
    connection.execute("UPDATE tally SET women = -1005")
    connection.execute(
        "INSERT INTO tally (id, session_id, device, women, men, another, "
        "not_stated, deleted, clocks) SELECT 'big', id, 'd', 9223372036854775807, "
        "0, 0, 0, 0, '{}' FROM session LIMIT 1"
    )
    other_event = connection.execute(
        "SELECT session.id FROM session JOIN day ON day.id = session.day_id "
        "WHERE day.event_id != ? LIMIT 1",
        (event_id,),
    ).fetchone()
    connection.execute(
        "INSERT INTO decision (id, event_id, session_id, group_id, position, text, deleted, "
        "clocks) VALUES ('moved', ?, ?, NULL, 0, 'x', 0, '{}')",
        (event_id, other_event[0]),
    )
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute(
        "INSERT INTO day (id, event_id, date, title, deleted, clocks) "
        "VALUES ('orphan', 'no-such-event', '2024-01-01', '', 0, '{}')"
    )
    connection.commit()
    connection.close()
    assert main(["--db", str(path), "check"]) == 1
    captured = capsys.readouterr()
    out = captured.out
    assert f"ends (1999-01-01) before it starts ({start})" in out
    assert "year 9999" in out
    assert f"The person record {person} points at itself." in out
    assert "point at each other in a circle" in out
    assert "has the time “99:99”, not HH:MM." in out
    assert "-1005" in out and "9223372036854775807" in out
    assert "The decision record moved belongs to a session of another event." in out
    assert "The day record orphan points at a event record that does not exist." in out
    assert "problems" in captured.err


def test_check_of_a_workspace_damaged_inside_names_the_damage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad_file(tmp_path, "damaged table pages")
    before = fingerprint(path.parent)
    code = main(["--db", str(path), "check"])
    captured = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in captured.err
    assert fingerprint(path.parent) == before


def test_two_paths_to_one_workspace_do_not_both_get_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    link = tmp_path / "link.sqlite"
    link.symlink_to(path)
    (tmp_path / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    with Workspace(path):
        for other in (link, tmp_path / "linked-folder" / "w.sqlite"):
            with pytest.raises(WorkspaceUnavailable, match="open in another copy of fieldkit"):
                Workspace(other)


def test_a_lock_left_by_a_killed_process_does_not_block_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from fieldkit.store import Workspace\n"
        f"ws = Workspace(Path({str(path)!r}))\n"
        "print('open', flush=True)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "open"
        with pytest.raises(WorkspaceUnavailable, match="open in another copy"):
            Workspace(path)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
    assert Path(f"{path}.lock").exists()  # left behind: it must not matter
    with Workspace(path) as ws:
        assert ws.events() == []


def test_a_full_disk_during_a_write_is_one_sentence_and_no_half_write(
    tmp_path: Path,
) -> None:
    from sqlalchemy import event as sa_event

    from fieldkit.demo import install_demo

    path = tmp_path / "w.sqlite"
    with Workspace(path) as ws:
        ws.engine.dispose()
        pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

        @sa_event.listens_for(ws.engine, "connect")
        def _small_disk(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

        with pytest.raises(WorkspaceUnavailable) as refused:
            install_demo(ws)
        assert refused.value.message == (
            "The disk that holds the workspace is full; free some space and try again."
        )
        assert ws.events() == []  # the import rolled back whole
    with Workspace(path) as ws:
        assert ws.events() == []


def test_the_tables_expected_at_opening_are_the_schemas() -> None:
    """`health` knows the tables without SQLAlchemy; they must be what the schema makes."""
    from fieldkit.store import schema
    from fieldkit.store.health import LOCAL_COLUMNS, expected_tables

    assert expected_tables() == {
        table.name: frozenset(column.name for column in table.columns)
        for table in schema.metadata.tables.values()
    }
    assert LOCAL_COLUMNS == schema.LOCAL_COLUMNS


def test_the_first_released_workspace_is_still_recognised(tmp_path: Path) -> None:
    shipped = Path(__file__).parents[1] / "data" / "workspace-0001.sqlite"
    copy = tmp_path / "old.sqlite"
    copy.write_bytes(shipped.read_bytes())
    with Workspace(copy, full_check=True) as ws:
        assert ws.schema_version


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """`path` made read-only for real: by its mode, or, for root (whom modes do not stop), by
    the immutable attribute; skipped where neither is possible."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("this file system cannot make a file read-only for root")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_a_read_only_workspace_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.sqlite"
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    before = fingerprint(tmp_path)
    with _read_only(path):
        for command in (["events"], ["demo"]):
            assert main(["--db", str(path), *command]) == WorkspaceUnavailable.exit_code
            err = capsys.readouterr().err
            assert err.strip() == (
                f"The workspace {path} is read-only, and fieldkit must be able to write to it; "
                "copy it to a folder of your own, or change its permissions."
            )
    assert fingerprint(tmp_path) == before


def test_a_read_only_folder_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "w.sqlite"
    assert main(["--db", str(path), "demo"]) == 0
    Path(f"{path}.lock").unlink()  # as on a disk the workspace was copied to
    capsys.readouterr()
    before = fingerprint(folder)
    with _read_only(folder):
        assert main(["--db", str(path), "events"]) == WorkspaceUnavailable.exit_code
        err = capsys.readouterr().err
        assert err.strip() == (
            f"The folder {folder} is read-only, and fieldkit must write beside the workspace; "
            "copy the workspace to a folder of your own."
        )
        assert "Traceback" not in err and "PermissionError" not in err
    assert fingerprint(folder) == before
