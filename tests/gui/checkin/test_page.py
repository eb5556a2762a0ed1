"""The check-in screen driven from the keyboard, as at the door at 8:30."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from tests.gui.checkin.conftest import NOW, POPUP, Door, focused, press, type_text

from fieldkit.core import ids
from fieldkit.core.model import (
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Changes,
    Gender,
    Person,
    Registration,
)
from fieldkit.gui.checkin.page import CheckinPage
from fieldkit.gui.checkin.panels import Tone
from fieldkit.gui.checkin.view import DOOR, SIDE_COUNTERS, SIDE_WALK_IN
from fieldkit.store import Workspace

ENTER = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def attendance(ws: Workspace, session_id: str, person: Person) -> Attendance | None:
    return ws.get(Attendance, ids.attendance_id(session_id, person.id))


def shown(page: CheckinPage) -> list[str]:
    return [page.results.person(row).full_name for row in range(page.results.rowCount())]  # type: ignore[union-attr]


@pytest.mark.parametrize("typed", ["nunez", "Núñ", "NUÑEZ q", "quispe nu", "juana n"])
def test_typing_a_prefix_with_or_without_accents_and_enter_checks_in(
    page: CheckinPage, workspace: Workspace, door: Door, typed: str
) -> None:
    type_text(page.view.search, typed)
    assert shown(page)[0] == "Juana Núñez Quispe"
    press(page.view.search, ENTER)
    record = attendance(workspace, door.arrival, door.juana)
    assert record is not None and record.status is AttendanceStatus.PRESENT
    assert record.checked_in_at == NOW.replace(microsecond=0)
    assert record.mode is AttendanceMode.IN_PERSON
    assert record.recorded_by == workspace.device_id
    banner = page.view.banner
    assert banner.tone is Tone.DONE
    assert "Juana Núñez Quispe" in banner.title.text()
    assert "8:42" in banner.detail.text() and "1 present of 3" in banner.detail.text()
    assert page.view.search.text() == ""  # ready for the next person
    assert page.view.counters.present.text() == "1 present of 3"
    assert focused() is page.view.search


def test_up_and_down_choose_who_enter_checks_in(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    type_text(page.view.search, "quispe")
    assert shown(page) == ["Juana Núñez Quispe", "Rosa Quispe Mamani"]
    press(page.view.search, Qt.Key.Key_Down)
    press(page.view.search, ENTER)
    assert attendance(workspace, door.arrival, door.rosa) is not None
    assert attendance(workspace, door.arrival, door.juana) is None


def test_organisation_and_delegation_find_people(page: CheckinPage) -> None:
    type_text(page.view.search, "red de muj")
    assert shown(page) == ["Juana Núñez Quispe"]
    page.view.search.clear()
    type_text(page.view.search, "salinas")
    assert shown(page) == ["Wilber Ch'uxña"]


def test_a_scanned_badge_code_and_enter_check_in_without_the_mouse(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    # A scanner types fast; whatever is highlighted, the code decides.
    type_text(page.view.search, "B-003")
    press(page.view.search, Qt.Key.Key_Enter)
    assert attendance(workspace, door.arrival, door.rosa) is not None
    assert "Rosa Quispe Mamani" in page.view.banner.title.text()
    type_text(page.view.search, "b002")
    press(page.view.search, ENTER)
    assert attendance(workspace, door.arrival, door.wilber) is not None


def test_someone_already_checked_in_is_said_so_and_not_counted_twice(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    type_text(page.view.search, "B-001")
    press(page.view.search, ENTER)
    clocks = workspace.clocks(Attendance, ids.attendance_id(door.arrival, door.juana.id))
    type_text(page.view.search, "juana")
    press(page.view.search, ENTER)
    assert page.view.banner.tone is Tone.ALREADY
    assert "already checked in" in page.view.banner.title.text()
    assert "1 present of 3" in page.view.banner.detail.text()
    assert workspace.clocks(Attendance, ids.attendance_id(door.arrival, door.juana.id)) == clocks
    assert page.results.data(page.results.index(0, page.results.COL_STATUS)) == "✓ 8:42\u202fAM"
    # The text stays, selected: the next letters typed replace it.
    assert page.view.search.selectedText() == "juana"


def test_nobody_matches(page: CheckinPage) -> None:
    type_text(page.view.search, "zzz")
    assert page.results.rowCount() == 0
    assert "Ctrl+N" in page.view.found.text()
    press(page.view.search, ENTER)
    assert page.view.banner.tone is Tone.PROBLEM


def test_shift_enter_and_f8_check_in_virtually(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    type_text(page.view.search, "juana")
    press(page.view.search, ENTER, SHIFT)
    record = attendance(workspace, door.arrival, door.juana)
    assert record is not None and record.mode is AttendanceMode.VIRTUAL
    assert "virtually" in page.view.banner.detail.text()
    press(page.view.search, Qt.Key.Key_F8)
    assert page.view.mode_button.isChecked()
    type_text(page.view.search, "wilber")
    press(page.view.search, ENTER)
    record = attendance(workspace, door.arrival, door.wilber)
    assert record is not None and record.mode is AttendanceMode.VIRTUAL
    # Shift+Enter on someone present with the other mode changes their mode.
    type_text(page.view.search, "wilber")
    press(page.view.search, ENTER, SHIFT)
    record = attendance(workspace, door.arrival, door.wilber)
    assert record is not None and record.mode is AttendanceMode.IN_PERSON
    assert page.view.counters.values[AttendanceMode.VIRTUAL].text() == "1"


def test_someone_known_to_the_workspace_is_registered_and_checked_in(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    type_text(page.view.search, "ana mam")
    assert page.results.data(page.results.index(0, page.results.COL_STATUS)) == "not registered"
    press(page.view.search, ENTER)
    assert workspace.get(Registration, ids.registration_id(door.event_id, door.ana.id))
    assert attendance(workspace, door.arrival, door.ana) is not None
    assert "Registered and checked in" in page.view.banner.detail.text()
    assert "1 present of 4" in page.view.banner.detail.text()
    press(page.view.search, Qt.Key.Key_Z, CTRL)  # not registered any more
    assert workspace.get(Registration, ids.registration_id(door.event_id, door.ana.id)) is None
    assert page.view.counters.present.text() == "0 present of 3"
    type_text(page.view.search, "ana mam")
    assert page.results.data(page.results.index(0, page.results.COL_STATUS)) == "not registered"


def test_ctrl_z_undoes_the_last_check_ins_one_by_one(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    for code in ("B-001", "B-002"):
        type_text(page.view.search, code)
        press(page.view.search, ENTER)
    assert page.view.recent.count() == 2
    press(page.view.search, Qt.Key.Key_Z, CTRL)
    assert attendance(workspace, door.arrival, door.wilber) is None
    assert attendance(workspace, door.arrival, door.juana) is not None
    assert page.view.banner.tone is Tone.UNDONE
    assert "Wilber Ch'uxña" in page.view.banner.title.text()
    assert page.view.recent.count() == 1
    press(page.view.search, Qt.Key.Key_Z, CTRL)
    assert attendance(workspace, door.arrival, door.juana) is None
    assert page.view.counters.present.text() == "0 present of 3"
    press(page.view.search, Qt.Key.Key_Z, CTRL)
    assert "Nothing to undo" in page.view.banner.title.text()
    # Checking in again after an undo brings the row back (an undelete).
    type_text(page.view.search, "B-001")
    press(page.view.search, ENTER)
    assert attendance(workspace, door.arrival, door.juana) is not None


def test_ctrl_e_marks_someone_who_leaves_early(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    type_text(page.view.search, "B-001")
    press(page.view.search, ENTER)
    type_text(page.view.search, "juana")
    press(page.view.search, Qt.Key.Key_E, CTRL)
    record = attendance(workspace, door.arrival, door.juana)
    assert record is not None and record.status is AttendanceStatus.LEFT_EARLY
    assert record.left_at == NOW.replace(microsecond=0)
    assert page.view.counters.present.text() == "0 present of 3"
    assert page.view.counters.values["left"].text() == "1"
    assert "left early" in page.view.banner.title.text()
    press(page.view.search, Qt.Key.Key_Z, CTRL)
    record = attendance(workspace, door.arrival, door.juana)
    assert record is not None and record.status is AttendanceStatus.PRESENT


@POPUP
def test_ctrl_m_moves_a_check_in_made_in_the_wrong_session(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    type_text(page.view.search, "B-002")
    press(page.view.search, ENTER)
    type_text(page.view.search, "wil")
    press(page.view.search, Qt.Key.Key_M, CTRL)
    menu = page.move_menu
    assert menu is not None
    titles = [action.text() for action in menu.actions()]
    assert any("Inauguración" in title for title in titles)
    assert not any("Paneles" in title for title in titles)  # head counts take no names
    action = next(a for a in menu.actions() if "Inauguración" in a.text())
    action.trigger()
    assert attendance(workspace, door.arrival, door.wilber) is None
    moved = attendance(workspace, door.plenary, door.wilber)
    assert moved is not None and moved.checked_in_at == NOW.replace(microsecond=0)
    assert "moved" in page.view.banner.title.text()
    # The day still counts him: he is at one of its sessions.
    assert page.view.counters.present.text() == "1 present of 3"
    press(page.view.search, Qt.Key.Key_Z, CTRL)
    assert attendance(workspace, door.arrival, door.wilber) is not None
    assert attendance(workspace, door.plenary, door.wilber) is None


@POPUP
def test_f6_chooses_the_session_from_the_keyboard(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    press(page.view.search, Qt.Key.Key_F6)
    combo = page.view.target_combo
    assert focused() is combo or combo.view().isVisible()
    row = combo.findData(door.plenary)
    combo.hidePopup()
    combo.setCurrentIndex(row)
    combo.activated.emit(row)
    assert page.door.target is not None and page.door.target.session.id == door.plenary
    assert focused() is page.view.search
    type_text(page.view.search, "B-003")
    press(page.view.search, ENTER)
    assert attendance(workspace, door.plenary, door.rosa) is not None
    assert "Present at Inauguración" in page.view.counters.scope.text()


def test_a_virtual_session_checks_in_virtually(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    page.choose(door.online)
    assert page.view.mode_button.isChecked()
    type_text(page.view.search, "B-001")
    press(page.view.search, ENTER)
    record = attendance(workspace, door.online, door.juana)
    assert record is not None and record.mode is AttendanceMode.VIRTUAL


def test_a_head_count_with_plus_and_minus(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    from fieldkit.core.model import Tally

    page.choose(door.panels)
    tally = page.view.tally
    assert focused() is tally
    press(tally, Qt.Key.Key_Plus)
    press(tally, Qt.Key.Key_Plus)
    press(tally, Qt.Key.Key_Down)
    press(tally, Qt.Key.Key_Plus)
    press(tally, Qt.Key.Key_Minus)
    press(tally, Qt.Key.Key_Minus)  # never below zero
    press(tally, Qt.Key.Key_4)
    press(tally, Qt.Key.Key_Plus)
    record = workspace.get(Tally, ids.tally_id(door.panels, workspace.device_id))
    assert record is not None
    assert (record.women, record.men, record.another, record.not_stated) == (2, 0, 0, 1)
    assert "3 people counted" in tally.total.text()
    assert tally.counts[Gender.WOMAN].text() == "2"
    tally.plus[Gender.MAN].click()
    assert tally.counts[Gender.MAN].text() == "1"


def test_changes_made_elsewhere_show(page: CheckinPage, workspace: Workspace, door: Door) -> None:
    workspace.check_in(door.arrival, door.rosa.id, at=dt.datetime(2021, 10, 11, 8, 40))
    page.on_changes(Changes(attendance=True))
    assert page.view.counters.present.text() == "1 present of 3"
    type_text(page.view.search, "rosa")
    press(page.view.search, ENTER)
    assert page.view.banner.tone is Tone.ALREADY


def test_own_writes_are_announced_once(page: CheckinPage, door: Door, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.context.changed) as blocker:
        type_text(page.view.search, "B-001")
        press(page.view.search, ENTER)
    assert blocker.args[0].attendance


def test_no_event_and_language_change(page: CheckinPage, door: Door) -> None:
    from fieldkit.i18n import set_language

    try:
        for language in ("fr", "es", "en"):
            set_language(language)
            page.retranslate_ui()
    finally:
        set_language("en")
    page.set_event(None)
    assert page.view.target_combo.count() == 0
    page.set_event(door.event_id)
    assert page.view.left.currentIndex() == DOOR
    assert page.view.side.currentIndex() == SIDE_COUNTERS
    assert SIDE_WALK_IN == 1
