"""Check-ins recorded the day after: they take the session's time, unless the user says otherwise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from tests.gui.checkin.conftest import NOW, Door, press, type_text

from fieldkit.core import ids
from fieldkit.core.checkin import session_over
from fieldkit.core.model import Attendance, Person, Session
from fieldkit.gui.checkin.page import CheckinPage
from fieldkit.gui.shell.context import PageContext
from fieldkit.store import Workspace
from fieldkit.store.door import Door as DoorState

NEXT_DAY = dt.datetime(2021, 10, 12, 10, 15, 20)
ENTER = Qt.Key.Key_Return


@pytest.fixture
def late_page(qtbot, workspace: Workspace, door: Door) -> Iterator[CheckinPage]:  # type: ignore[no-untyped-def]
    widget = CheckinPage(PageContext(workspace), now=lambda: NEXT_DAY)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.set_event(door.event_id)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def checked_in_at(ws: Workspace, session_id: str, person: Person) -> dt.datetime | None:
    record = ws.get(Attendance, ids.attendance_id(session_id, person.id))
    return record.checked_in_at if record else None


def test_a_session_that_is_over_gives_its_start_time(
    late_page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    late_page.choose(door.plenary)  # 09:00 on 11 October; it is the 12th
    check = late_page.view.current_time_check
    assert check.isVisible() and not check.isChecked()
    type_text(late_page.view.search, "juana")
    press(late_page.view.search, ENTER)
    assert checked_in_at(workspace, door.plenary, door.juana) == dt.datetime(2021, 10, 11, 9, 0)
    assert "9:00" in late_page.view.banner.detail.text()  # the banner says which time

    check.click()  # the user says otherwise: the laptop's clock
    assert late_page.door.use_current_time
    type_text(late_page.view.search, "wilber")
    press(late_page.view.search, ENTER)
    assert checked_in_at(workspace, door.plenary, door.wilber) == NEXT_DAY

    late_page.choose(door.arrival)  # another target starts from its own time again
    assert check.isVisible() and not check.isChecked()
    type_text(late_page.view.search, "rosa")
    press(late_page.view.search, ENTER)
    # The day's arrival takes the time of the day's first session (08:30).
    assert checked_in_at(workspace, door.arrival, door.rosa) == dt.datetime(2021, 10, 11, 8, 30)


def test_at_the_door_the_choice_is_not_offered(qtbot, workspace: Workspace, door: Door) -> None:
    page = CheckinPage(PageContext(workspace), now=lambda: NOW)
    qtbot.addWidget(page)
    page.set_event(door.event_id)
    page.show()
    qtbot.waitExposed(page)
    assert not page.view.current_time_check.isVisible()
    page.choose(door.plenary)
    assert not page.view.current_time_check.isVisible()


def test_a_session_with_an_end_is_over_after_it(workspace: Workspace, door: Door) -> None:
    workspace.update(Session, door.plenary, end_time="10:00")
    state = DoorState(workspace, now=lambda: dt.datetime(2021, 10, 11, 10, 30), warm_up=False)
    state.load_event(door.event_id)
    target = next(t for t in state.targets if t.session.id == door.plenary)
    state.choose(target)
    assert state.after_the_fact()
    person = state.index.get(door.juana.id)
    assert person is not None
    outcome = state.check_in(person).value
    assert outcome.at == dt.datetime(2021, 10, 11, 9, 0)


def test_session_over() -> None:
    day = dt.date(2021, 10, 11)
    assert not session_over(day, "10:00", dt.datetime(2021, 10, 11, 9, 59))
    assert session_over(day, "10:00", dt.datetime(2021, 10, 11, 10, 1))
    assert not session_over(day, "", dt.datetime(2021, 10, 11, 23, 59))
    assert session_over(day, "", dt.datetime(2021, 10, 12, 0, 1))
    assert not session_over(None, "10:00", dt.datetime(2030, 1, 1))
