"""The notes page in the main window: chosen from the navigation, saved when the window closes."""

from __future__ import annotations

from PySide6.QtTest import QTest

from fieldkit.core import ids
from fieldkit.core.model import Note, Session
from fieldkit.gui.shell.main_controller import create_main_window


def test_closing_the_window_saves_what_was_just_typed(qtbot, workspace, meeting) -> None:
    window = create_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    window.controller.select_event(meeting.event_id)
    window.show_page("notes")
    page = window.page("notes")
    assert page.event_id == meeting.event_id
    edit = page.view.sections["agreements"]
    edit.setFocus()
    QTest.keyClicks(edit, "Presentan en plenaria")
    window.close()
    note = workspace.get(Note, ids.note_id(meeting.plenary))
    assert note is not None and note.agreements == "Presentan en plenaria"


def test_a_renamed_session_is_renamed_in_the_chooser(qtbot, workspace, meeting) -> None:
    window = create_main_window(workspace)
    qtbot.addWidget(window)
    window.controller.select_event(meeting.event_id)
    window.show_page("notes")
    page = window.page("notes")
    page.select_target(meeting.groups, meeting.group)
    session = workspace.require(Session, meeting.groups)
    window.controller.write(lambda: workspace.update(Session, session.id, title="Mesas"))
    assert page.target == (meeting.groups, meeting.group)
    labels = [t.session_title for t in page.targets]
    assert "Mesas" in labels
