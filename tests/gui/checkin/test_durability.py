"""A check-in survives the process being killed right after it: nothing waits to be saved."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.gui.checkin.conftest import add_door_event

from fieldkit.core import ids
from fieldkit.core.model import Attendance
from fieldkit.store import Workspace

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from fieldkit.gui.checkin.page import CheckinPage
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.store import Workspace

    app = QApplication([])
    ws = Workspace(Path(sys.argv[1]))
    page = CheckinPage(PageContext(ws))
    page.set_event(sys.argv[2])
    page.show()
    QTest.keyClicks(page.view.search, "B-002")
    QTest.keyClick(page.view.search, Qt.Key.Key_Return)
    assert "Wilber" in page.view.banner.title.text(), page.view.banner.title.text()
    print("checked in", flush=True)
    # No close, no clean-up, no flush: the power goes.
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
    """
)


def test_a_check_in_is_saved_when_the_process_is_killed_right_after(tmp_path: Path) -> None:
    path = tmp_path / "door.sqlite"
    with Workspace(path) as ws:
        door = add_door_event(ws)
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(script), str(path), door.event_id],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert "checked in" in done.stdout, done.stderr
    assert done.returncode != 0  # it was killed, not closed
    with Workspace(path) as ws:
        record = ws.get(Attendance, ids.attendance_id(door.arrival, door.wilber.id))
        assert record is not None
        assert record.person_id == door.wilber.id
