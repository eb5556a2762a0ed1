"""Paper mode: a signed sign-in sheet entered after the fact, by its row numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from tests.gui.checkin.conftest import POPUP, Door, focused, press, type_text

from fieldkit.core import ids
from fieldkit.core.model import Attachment, Attendance, Gender, Person
from fieldkit.gui.checkin.page import CheckinPage
from fieldkit.gui.checkin.view import PAPER
from fieldkit.store import Workspace

ENTER = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier
AT_NINE = dt.datetime(2021, 10, 11, 9, 0)


def checked_in(ws: Workspace, session_id: str, person: Person) -> dt.datetime | None:
    record = ws.get(Attendance, ids.attendance_id(session_id, person.id))
    return None if record is None else record.checked_in_at


def test_rows_typed_from_the_sheet_are_checked_in_at_the_time_of_the_session(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    page.choose(door.plenary)
    press(page.view.search, Qt.Key.Key_F9)
    assert page.view.left.currentIndex() == PAPER
    rows = page.view.paper.rows_edit
    assert focused() is rows
    # The rows of the printed sheet: surnames, then given names.
    sheet = page.sheet_model
    assert [sheet.data(sheet.index(r, 1)) for r in range(3)] == [
        "Wilber Ch'uxña",
        "Juana Núñez Quispe",
        "Rosa Quispe Mamani",
    ]
    assert [sheet.data(sheet.index(r, 0)) for r in range(3)] == ["1", "2", "3"]

    type_text(rows, "1, 3")
    press(rows, ENTER)
    assert checked_in(workspace, door.plenary, door.wilber) == AT_NINE
    assert checked_in(workspace, door.plenary, door.rosa) == AT_NINE
    assert checked_in(workspace, door.plenary, door.juana) is None
    assert rows.text() == ""
    assert "2 rows checked in" in page.view.banner.title.text()
    assert sheet.data(sheet.index(0, 4)).startswith("✓")

    type_text(rows, "2-3, 9, x")
    press(rows, ENTER)
    assert checked_in(workspace, door.plenary, door.juana) == AT_NINE
    detail = page.view.banner.detail.text()
    assert "Already checked in: Rosa Quispe Mamani" in detail
    assert "Not rows of this sheet: 9, x" in detail
    assert "3 present of 3" in detail

    press(rows, Qt.Key.Key_Z, CTRL)  # the last rows typed, in one go
    assert checked_in(workspace, door.plenary, door.juana) is None
    assert checked_in(workspace, door.plenary, door.rosa) == AT_NINE


def test_handwritten_walk_ins_are_typed_in_paper_mode(
    page: CheckinPage, workspace: Workspace, door: Door
) -> None:
    page.choose(door.plenary)
    press(page.view.search, Qt.Key.Key_F9)
    press(page.view.paper.rows_edit, Qt.Key.Key_N, CTRL)
    form = page.view.walk_in
    type_text(form.given_names, "Eusebio")
    type_text(form.surnames, "Chambi Copa")
    form.gender.setCurrentIndex(form.gender.findData(Gender.MAN.value))
    form.delegation.setEditText("Taraco")
    press(form.surnames, ENTER)
    person = next(p for p in workspace.list(Person) if p.surnames == "Chambi Copa")
    assert checked_in(workspace, door.plenary, person) == AT_NINE
    assert focused() is page.view.paper.rows_edit
    # He is on the next sheets: a row of his own.
    assert page.sheet_model.rowCount() == 4


@POPUP
def test_the_photo_of_the_signed_sheet_is_attached_as_evidence(
    page: CheckinPage, workspace: Workspace, door: Door, tmp_path: Path
) -> None:
    photo = tmp_path / "lista-firmada.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 signed sheet")
    page.choose(door.plenary)
    press(page.view.search, Qt.Key.Key_O, CTRL)  # not in paper mode: nothing
    assert page.file_dialog is None
    press(page.view.search, Qt.Key.Key_F9)
    assert "No photo" in page.view.paper.attached.text()
    press(page.view.paper.rows_edit, Qt.Key.Key_O, CTRL)
    dialog = page.file_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.fileSelected.emit(str(photo))  # what choosing the file does
    dialog.close()
    (attachment,) = workspace.list(Attachment, where={"session_id": door.plenary})
    assert attachment.event_id == door.event_id
    assert attachment.filename == "lista-firmada.jpg"
    assert attachment.media_type == "image/jpeg"
    assert "Inauguración" in attachment.caption
    assert workspace.blob(attachment.sha256) == photo.read_bytes()
    assert "1 photo of this sheet attached" in page.view.paper.attached.text()
    page.attach_sheet_photo(tmp_path / "missing.jpg")
    assert "cannot be read" in page.view.banner.title.text()
