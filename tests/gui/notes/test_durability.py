"""Words typed into the notes survive the process being killed a second later."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.gui.notes.conftest import add_meeting

from fieldkit.core import ids
from fieldkit.core.model import Note
from fieldkit.store import Workspace

CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from fieldkit.gui.notes.page import NotesPage
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.store import Workspace

    app = QApplication([])
    ws = Workspace(Path(sys.argv[1]))
    page = NotesPage(PageContext(ws))
    page.set_event(sys.argv[2])
    page.select_target(sys.argv[3], sys.argv[4])
    page.show()
    edit = page.view.sections["lessons"]
    edit.setFocus()
    QTest.keyClicks(edit, "- El trueque fue la primera proteccion")
    typed = time.monotonic()
    QTest.qWait(1000)  # the autosave fires within a second; nothing else is done
    print("typed", round(time.monotonic() - typed, 2), flush=True)
    # No close, no clean-up, no flush: the power goes.
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
    """
)


def test_text_typed_a_second_before_the_process_is_killed_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    with Workspace(path) as ws:
        meeting = add_meeting(ws)
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(script), str(path), meeting.event_id, meeting.groups, meeting.group],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert "typed" in done.stdout, done.stderr
    assert done.returncode != 0  # it was killed, not closed
    with Workspace(path) as ws:
        note = ws.get(Note, ids.note_id(meeting.groups, meeting.group))
        assert note is not None
        assert note.lessons == "- El trueque fue la primera proteccion"
