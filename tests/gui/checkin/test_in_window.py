"""The check-in page inside the main window: its keys win while typing, its writes fan out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from tests.gui.checkin.conftest import Door, press, type_text

from fieldkit.core import ids
from fieldkit.core.model import Attendance, Changes
from fieldkit.gui.checkin.page import CheckinPage
from fieldkit.gui.checkin.view import SIDE_WALK_IN
from fieldkit.gui.shell.main_controller import create_main_window
from fieldkit.store import Workspace

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, workspace: Workspace, door: Door):  # type: ignore[no-untyped-def]
    window = create_main_window(workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.controller.select_event(door.event_id)
    window.show_page("checkin")
    window.activateWindow()
    page = window.page("checkin")
    page.view.search.setFocus()
    qtbot.waitUntil(page.view.search.hasFocus)
    return window


def test_the_page_is_registered_and_checks_in(window, workspace: Workspace, door: Door) -> None:  # type: ignore[no-untyped-def]
    page = window.page("checkin")
    assert isinstance(page, CheckinPage)
    assert page.door.event_id == door.event_id
    seen: list[Changes] = []
    window.controller.changed.connect(seen.append)
    type_text(page.view.search, "B-001")
    press(page.view.search, Qt.Key.Key_Return)
    assert workspace.get(Attendance, ids.attendance_id(door.arrival, door.juana.id)) is not None
    assert len(seen) == 1 and seen[0].attendance  # one fan-out to every page
    assert page.view.counters.present.text() == "1 present of 3"


def test_ctrl_n_in_the_search_field_is_a_walk_in_not_a_new_event(window) -> None:  # type: ignore[no-untyped-def]
    page = window.page("checkin")
    events_before = window.events_view.model().rowCount()
    press(page.view.search, Qt.Key.Key_N, CTRL)
    assert page.view.side.currentIndex() == SIDE_WALK_IN
    assert window.events_view.model().rowCount() == events_before
    press(page.view.walk_in.given_names, Qt.Key.Key_Escape)
    press(page.view.search, Qt.Key.Key_Insert)
    assert page.view.side.currentIndex() == SIDE_WALK_IN


def test_ctrl_z_undoes_a_check_in_from_the_window(window, workspace: Workspace, door: Door) -> None:  # type: ignore[no-untyped-def]
    page = window.page("checkin")
    type_text(page.view.search, "B-002")
    press(page.view.search, Qt.Key.Key_Return)
    press(page.view.search, Qt.Key.Key_Z, CTRL)
    assert workspace.get(Attendance, ids.attendance_id(door.arrival, door.wilber.id)) is None


def test_a_hidden_page_loads_its_event_and_changes_when_shown(
    window, workspace: Workspace, door: Door
) -> None:  # type: ignore[no-untyped-def]
    page = window.page("checkin")
    window.show_page("overview")
    loads: list[str | None] = []
    original = page.door.load_people
    page.door.load_people = lambda: (loads.append(page.door.event_id), original())[1]
    window.controller.write(lambda: workspace.check_in(door.arrival, door.rosa.id))
    window.controller.changed.emit(Changes(people=True))  # an edit on another page
    assert loads == [] and page.view.counters.present.text() == "0 present of 3"
    window.show_page("checkin")
    assert loads == [door.event_id]
    assert page.view.counters.present.text() == "1 present of 3"
