"""Importing a video call's attendance from the check-in page: the dialog, matching by hand, Apply."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from tests.gui.checkin.conftest import POPUP, Door

from fieldkit.core import ids
from fieldkit.core.model import Attendance, AttendanceMode, Person, Registration
from fieldkit.gui.checkin.page import CheckinPage
from fieldkit.gui.checkin.panels import Tone
from fieldkit.gui.checkin.video_model import IGNORE, NEW, NOT_MATCHED, ParticipantsModel
from fieldkit.io import virtual_attendance_import
from fieldkit.io.video_report import ReportParticipant, Stay, VideoReport
from fieldkit.store import Workspace

T0 = dt.datetime(2021, 10, 11, 9, 0)


def _participant(name: str, minutes: float, email: str = "") -> ReportParticipant:
    stay = Stay(T0, T0 + dt.timedelta(minutes=minutes), minutes)
    return ReportParticipant(name=name, email=email, stays=(stay,), minutes=minutes)


REPORT = VideoReport(
    tool="zoom",
    meeting_date=dt.date(2021, 10, 12),  # not the session's day: a warning
    participants=(
        _participant("Juana Núñez Quispe", 80),
        _participant("iPhone de Wilber", 55),
        _participant("Ana Mamani", 10),
        _participant("Sonia Flores (invitada)", 45, "sonia@ejemplo.org"),
    ),
    warnings=(),
)


@pytest.fixture
def report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "participants.csv"
    path.write_text("a report\n", encoding="utf-8")
    monkeypatch.setattr(virtual_attendance_import, "read_video_report", lambda _path: REPORT)
    return path


def _open_dialog(qtbot: Any, page: CheckinPage, door: Door, report: Path) -> Any:
    page.choose(door.plenary)
    assert page.view.video_button.isEnabled()
    page.read_video_report(report)
    qtbot.waitUntil(lambda: page.video_dialog is not None and page.video_dialog.isVisible())
    return page.video_dialog


def _cell(dialog: Any, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return dialog.model.index(row, column).data(role)


def test_the_dialog_shows_the_matching_the_warning_and_the_flags(
    qtbot: Any, page: CheckinPage, door: Door, report: Path
) -> None:
    dialog = _open_dialog(qtbot, page, door, report)
    assert "Oct 12, 2021" in dialog.warnings.text() and dialog.warnings.isVisibleTo(dialog)
    assert dialog.threshold_spin.value() == 30  # the plenary has no end time
    person, present = ParticipantsModel.COL_PERSON, ParticipantsModel.COL_PRESENT
    assert [_cell(dialog, row, person) for row in range(4)] == [
        "Juana Núñez Quispe",
        "Not matched",
        "Ana Mamani Apaza",
        "Not matched",
    ]
    checked = Qt.ItemDataRole.CheckStateRole
    assert [_cell(dialog, row, present, checked) for row in range(4)] == [
        Qt.CheckState.Checked,
        Qt.CheckState.Unchecked,
        Qt.CheckState.Unchecked,  # ten minutes: below the threshold
        Qt.CheckState.Unchecked,
    ]
    notes = _cell(dialog, 1, ParticipantsModel.COL_NOTES)
    assert "looks like a device name" in notes and "no e-mail" in notes
    assert "not registered yet" in _cell(dialog, 2, ParticipantsModel.COL_NOTES)
    assert "1 person will be marked present" in dialog.summary.text()
    assert "2 participants are not matched" in dialog.summary.text()
    dialog.threshold_spin.setValue(5)  # the threshold recomputes every box
    assert _cell(dialog, 2, present, checked) == Qt.CheckState.Checked
    assert "2 people will be marked present" in dialog.summary.text()
    dialog.reject()


@POPUP
def test_matching_by_hand_and_apply_marks_presence_in_virtual_mode(
    qtbot: Any, page: CheckinPage, workspace: Workspace, door: Door, report: Path
) -> None:
    dialog = _open_dialog(qtbot, page, door, report)
    # The device row, matched to Wilber with the editor of the person column.
    index = dialog.model.index(1, ParticipantsModel.COL_PERSON)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editor = dialog.table.indexWidget(index) or dialog.table.findChild(QComboBox)
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData(door.wilber.id, Qt.ItemDataRole.UserRole))
    editor.activated.emit(editor.currentIndex())
    assert _cell(dialog, 1, ParticipantsModel.COL_PERSON) == "Wilber Ch'uxña"
    assert "chosen by hand" in _cell(dialog, 1, ParticipantsModel.COL_NOTES)
    assert _cell(dialog, 1, ParticipantsModel.COL_PRESENT, Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    dialog.choose(3, NEW)  # the guest with an e-mail, added as a new person
    dialog.choose(2, IGNORE)
    assert dialog.model.counts() == (3, 0, 0, 1)
    dialog.choose(2, NOT_MATCHED)
    assert dialog.model.counts() == (3, 0, 1, 0)
    dialog.apply_button.click()
    assert not dialog.isVisible()
    records = {
        r.person_id: r for r in workspace.list(Attendance, where={"session_id": door.plenary})
    }
    sonia = next(p for p in workspace.list(Person) if p.email == "sonia@ejemplo.org")
    assert set(records) == {door.juana.id, door.wilber.id, sonia.id}
    assert {r.mode for r in records.values()} == {AttendanceMode.VIRTUAL}
    assert records[door.juana.id].checked_in_at == T0
    assert (sonia.given_names, sonia.surnames) == ("Sonia", "Flores")
    assert workspace.get(Registration, ids.registration_id(door.event_id, sonia.id))
    # The page heard of it through the changes signal: its counters and banner say so.
    assert page.view.banner.tone is Tone.DONE
    assert "3 people marked present in virtual mode." in page.view.banner.title.text()
    qtbot.waitUntil(lambda: page.door.presence(door.wilber.id) is not None)


def test_an_unusable_report_is_one_sentence_in_the_banner(
    qtbot: Any, page: CheckinPage, workspace: Workspace, door: Door, tmp_path: Path
) -> None:
    dump = workspace.dump()
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    page.choose(door.plenary)
    page.read_video_report(path)
    qtbot.waitUntil(lambda: page.video_task is None)
    assert page.video_dialog is None
    assert page.view.banner.tone is Tone.PROBLEM
    assert "photo.csv" in page.view.banner.detail.text()
    assert workspace.dump() == dump


def test_the_button_opens_a_file_chooser_and_is_off_for_a_head_count(
    page: CheckinPage, door: Door
) -> None:
    page.choose(door.plenary)
    page.view.video_button.click()
    assert page.file_dialog is not None and page.file_dialog.isVisible()
    page.file_dialog.reject()
    page.choose(door.panels)
    assert not page.view.video_button.isEnabled()


def test_f7_at_the_door_asks_for_the_report(page: CheckinPage, door: Door) -> None:
    from tests.gui.checkin.conftest import press

    page.choose(door.plenary)
    press(page.view.search, Qt.Key.Key_F7)
    assert page.file_dialog is not None and page.file_dialog.isVisible()
    assert page.file_dialog.windowTitle() == "Participants report of the video call"
    page.file_dialog.reject()
