"""Imports interrupted by a killed process, a full disk, or another copy of the app."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.core.model import Attendance, Person
from fieldkit.demo import install_demo
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange

IMPORT = """
import sys
from pathlib import Path
from fieldkit.store import Workspace
from fieldkit.sync.exchange import import_exchange
with Workspace(Path(sys.argv[1])) as ws:
    print("open", flush=True)
    import_exchange(ws, Path(sys.argv[2]))
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A laptop that joined, a file with a day's work from another, and both outcomes' dumps."""
    root = tmp_path_factory.mktemp("faults")
    (root / "a").mkdir()
    (root / "b").mkdir()
    with Workspace(root / "a" / "w.sqlite") as a:
        install_demo(a)
        joined = export_exchange(a, root / "join.fkx").path
        with Workspace(root / "b" / "w.sqlite") as b:
            import_exchange(b, joined)
        for person in a.list(Person):
            a.update(Person, person.id, phone=f"+591 {person.id[:6]}")
        for attendance in a.list(Attendance)[:400]:
            a.delete(Attendance, attendance.id)
        work = export_exchange(a, root / "work.fkx").path
    with Workspace(root / "b" / "w.sqlite") as b:
        before = b.dump()
    shutil.copytree(root / "b", root / "after")
    with Workspace(root / "after" / "w.sqlite") as after:
        import_exchange(after, work)
        after_dump = after.dump()
    return {"root": root, "work": work, "before": before, "after": after_dump}


def test_a_process_killed_during_an_import_leaves_before_or_after(
    setting: dict[str, object], tmp_path: Path
) -> None:
    root = setting["root"]
    assert isinstance(root, Path)
    outcomes = set()
    # From the first instant of the import to well after its end on this machine.
    for attempt, delay in enumerate((0.0, 0.03, 0.08, 0.15, 0.3, 0.6)):
        folder = tmp_path / f"try{attempt}"
        shutil.copytree(root / "b", folder)
        process = subprocess.Popen(
            [sys.executable, "-c", IMPORT, str(folder / "w.sqlite"), str(setting["work"])],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "open"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        with Workspace(folder / "w.sqlite") as ws:
            assert ws.integrity() == "ok"
            dump = ws.dump()
        assert dump in (setting["before"], setting["after"])
        outcomes.add("after" if dump == setting["after"] else "before")
    assert "before" in outcomes  # at least one kill landed inside the import


def test_a_full_disk_during_an_import_changes_nothing(
    setting: dict[str, object], tmp_path: Path
) -> None:
    root = setting["root"]
    assert isinstance(root, Path)
    shutil.copytree(root / "b", tmp_path / "full")
    with Workspace(tmp_path / "full" / "w.sqlite") as ws:
        with ws.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

        ws.engine.dispose()  # connections are pooled: make the next ones anew

        @event.listens_for(ws.engine, "connect")
        def _disk_nearly_full(dbapi_connection: object, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {int(pages) + 2}")  # type: ignore[attr-defined]

        with pytest.raises(WorkspaceUnavailable, match="full"):
            import_exchange(ws, setting["work"])  # type: ignore[arg-type]
        event.remove(ws.engine, "connect", _disk_nearly_full)
        ws.engine.dispose()
        assert ws.dump() == setting["before"]
        assert ws.integrity() == "ok"


def test_a_workspace_open_in_another_copy_is_refused(
    setting: dict[str, object], tmp_path: Path
) -> None:
    root = setting["root"]
    assert isinstance(root, Path)
    shutil.copytree(root / "b", tmp_path / "busy")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from fieldkit.store import Workspace;"
            "ws = Workspace(Path(sys.argv[1])); print('open', flush=True); time.sleep(60)",
            str(tmp_path / "busy" / "w.sqlite"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "fieldkit",
                "--db",
                str(tmp_path / "busy" / "w.sqlite"),
                "sync",
                "import",
                str(setting["work"]),
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "LANGUAGE": "en"},
        )
        assert result.returncode != 0
        assert "open in another copy of fieldkit" in result.stderr
        assert result.stderr.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with Workspace(tmp_path / "busy" / "w.sqlite") as ws:
        assert ws.dump() == setting["before"]
