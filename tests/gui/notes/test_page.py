"""The notes page: writing notes, decisions, action items, carrying actions over, photos."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from tests.gui.notes.conftest import Meeting

from fieldkit.core import ids
from fieldkit.core.model import (
    ActionItem,
    ActionStatus,
    Attachment,
    Decision,
    Note,
    Objective,
    SessionAxis,
)
from fieldkit.gui.notes.actions_model import ActionsModel
from fieldkit.gui.notes.page import NotesPage
from fieldkit.gui.notes.photos import MAX_SIDE, prepare_photo
from fieldkit.gui.notes.view import ACTIONS_TAB, NOTES_TAB
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.widgets.autosave import DELAY_MS, flush_all
from fieldkit.store import Workspace


def _note(ws: Workspace, session_id: str, group_id: str | None = None) -> Note | None:
    return ws.get(Note, ids.note_id(session_id, group_id))


def test_typing_is_saved_within_a_second(qtbot, page: NotesPage, workspace, meeting) -> None:
    assert page.target == (meeting.plenary, None)  # the first session is chosen
    edit = page.view.sections["key_points"]
    edit.setFocus()
    QTest.keyClicks(edit, "- Agua para todos")
    assert _note(workspace, meeting.plenary) is None  # not at each key
    started = dt.datetime.now()
    qtbot.waitUntil(lambda: _note(workspace, meeting.plenary) is not None, timeout=1000)
    assert (dt.datetime.now() - started).total_seconds() <= 1.0
    assert _note(workspace, meeting.plenary).key_points == "- Agua para todos"  # type: ignore[union-attr]
    assert DELAY_MS <= 700


def test_enter_continues_a_list_and_undo_takes_back(qtbot, page: NotesPage, workspace, meeting):
    edit = page.view.sections["lessons"]
    edit.setFocus()
    QTest.keyClicks(edit, "- uno")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "dos")
    assert edit.toPlainText() == "- uno\n- dos"
    QTest.keyClick(edit, Qt.Key.Key_Return)
    QTest.keyClick(edit, Qt.Key.Key_Return)  # Enter on an empty item ends the list
    assert edit.toPlainText() == "- uno\n- dos\n"
    edit.undo()
    edit.undo()
    assert edit.toPlainText() == "- uno\n- dos"
    edit.redo()
    page.flush()
    assert _note(workspace, meeting.plenary).lessons == "- uno\n- dos\n- "  # type: ignore[union-attr]


def test_each_section_goes_to_the_chosen_group(qtbot, page: NotesPage, workspace, meeting):
    page.view.sections["agreements"].setFocus()
    QTest.keyClicks(page.view.sections["agreements"], "Plenaria")
    page.select_target(meeting.groups, meeting.group)  # saves what waits, for the plenary
    assert _note(workspace, meeting.plenary).agreements == "Plenaria"  # type: ignore[union-attr]
    assert page.view.sections["agreements"].toPlainText() == ""
    page.view.sections["proposals"].setFocus()
    QTest.keyClicks(page.view.sections["proposals"], "Feria de semillas")
    page.view.sections["key_points"].setFocus()  # leaving a section saves it at once
    note = _note(workspace, meeting.groups, meeting.group)
    assert note is not None and note.proposals == "Feria de semillas"
    page.select_target(meeting.plenary)
    assert page.view.sections["agreements"].toPlainText() == "Plenaria"


def test_hiding_the_page_and_closing_the_window_save_what_waits(
    qtbot, page: NotesPage, workspace, meeting
):
    QTest.keyClicks(page.view.sections["key_points"], "uno")
    page.hide()
    assert _note(workspace, meeting.plenary).key_points == "uno"  # type: ignore[union-attr]
    page.show()
    QTest.keyClicks(page.view.sections["key_points"], " dos")
    flush_all(page)  # what the main window does before it closes
    assert _note(workspace, meeting.plenary).key_points == "uno dos"  # type: ignore[union-attr]


def test_objectives_and_axes_of_the_session(qtbot, page: NotesPage, workspace, meeting):
    links = page.view.links
    assert [links.item(n).text() for n in range(links.count())] == [
        "Objective 1: Aprender",
        "Axis 1: Covid-19",
    ]
    links.item(1).setCheckState(Qt.CheckState.Checked)
    link_id = ids.session_axis_id(meeting.plenary, meeting.axis)
    assert workspace.get(SessionAxis, link_id) is not None
    links.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert workspace.get(SessionAxis, link_id) is None


def test_a_long_objective_is_cut_short_with_its_whole_text_in_the_tooltip(
    qtbot, page: NotesPage, workspace, meeting
):
    long = (
        "Contribuer à la réflexion sur le rôle spécifique des femmes dans la gestion de l'eau "
        "et sur les alternatives à la privatisation des services"
    )
    workspace.save(Objective(id=ids.new_id(), event_id=meeting.event_id, position=2, text=long))
    page.select_target(meeting.groups, meeting.group)
    item = page.view.links.item(1)
    assert (
        item.text().startswith("Objective 2: Contribuer à la réflexion") and item.text()[-1] == "…"
    )
    assert item.toolTip() == f"Objective 2: {long}"
    # Two fit side by side on the notes tab at 1366 pixels.
    page.resize(1366, 768)
    page.view.tabs.setCurrentIndex(NOTES_TAB)
    QApplication.processEvents()
    width = page.view.links.fontMetrics().horizontalAdvance(item.text())
    assert width < page.view.links.viewport().width() / 2


def test_decisions_are_added_and_edited_in_place(qtbot, page: NotesPage, workspace, meeting):
    page.select_target(meeting.groups, meeting.group)
    page.view.tabs.setCurrentIndex(ACTIONS_TAB)
    page.add_decision()
    item = page.view.decisions.currentItem()
    item.setText("Se aprueba la hoja de ruta")
    decisions = workspace.decisions_of(meeting.event_id, meeting.groups, meeting.group)
    assert [d.text for d in decisions] == ["Se aprueba la hoja de ruta"]
    page.remove_decision()
    assert workspace.list(Decision, where={"event_id": meeting.event_id}) == []


def test_add_decision_opens_a_visible_editor_on_the_new_row(
    qtbot, page: NotesPage, workspace, meeting
):
    page.select_target(None)
    page.view.tabs.setCurrentIndex(ACTIONS_TAB)
    decisions = page.view.decisions
    for text in ("Primera", "Segunda", "Tercera", "Cuarta", "Quinta", "Sexta", "Séptima"):
        page.add_decision()
        QApplication.focusWidget().setText(text)  # type: ignore[union-attr]
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: decisions.state() != QAbstractItemView.State.EditingState)
        QApplication.processEvents()  # the closed editor goes
    decisions.scrollToTop()
    QTest.mouseClick(page.view.add_decision_button, Qt.MouseButton.LeftButton)
    new = decisions.item(decisions.count() - 1)
    assert decisions.currentItem() is new and new.isSelected()
    assert decisions.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is decisions.viewport()
    # Framed, with a hint, within sight (the list scrolled down to it).
    assert editor.hasFrame() and editor.placeholderText() == "Type the decision, then Enter"
    assert editor.isVisible() and decisions.viewport().rect().contains(editor.geometry())
    QTest.keyClicks(editor, "Octava")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: decisions.state() != QAbstractItemView.State.EditingState)
    texts = [d.text for d in workspace.decisions_of(meeting.event_id, None, None)]
    assert texts[-1] == "Octava" and len(texts) == 8


def test_add_action_opens_a_visible_editor_on_the_new_row(qtbot, page: NotesPage):
    page.view.tabs.setCurrentIndex(ACTIONS_TAB)
    QTest.mouseClick(page.view.add_action_button, Qt.MouseButton.LeftButton)
    table = page.view.actions_view
    assert table.state() == QAbstractItemView.State.EditingState
    assert table.selectionModel().isRowSelected(page.actions_model.rowCount() - 1)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is table.viewport()
    assert editor.hasFrame() and editor.placeholderText() == "What is to be done…"


def test_action_items_are_added_and_edited_in_place(qtbot, page: NotesPage, workspace, meeting):
    page.view.tabs.setCurrentIndex(ACTIONS_TAB)
    page.add_action()
    model = page.actions_model
    table = page.view.actions_view
    editor = QApplication.focusWidget()
    assert editor is not None and editor.parent() is table.viewport()
    QTest.keyClicks(editor, "Enviar la ayuda memoria")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(lambda: model.rows[0].item.what != "")
    item = workspace.list(ActionItem, where={"event_id": meeting.event_id})[0]
    assert (item.what, item.session_id, item.status) == (
        "Enviar la ayuda memoria",
        meeting.plenary,
        ActionStatus.OPEN,
    )
    assert model.setData(model.index(0, ActionsModel.COL_OWNERS), "RM; Rosa Quispe")
    assert model.setData(model.index(0, ActionsModel.COL_DUE), dt.date(2022, 10, 29))
    assert model.setData(model.index(0, ActionsModel.COL_STATUS), ActionStatus.IN_PROGRESS.value)
    item = workspace.require(ActionItem, item.id)
    assert (item.due_date, item.status) == (dt.date(2022, 10, 29), ActionStatus.IN_PROGRESS)
    assert model.data(model.index(0, ActionsModel.COL_OWNERS)) == "RM; Rosa Quispe"  # short names
    assert model.data(model.index(0, ActionsModel.COL_STATUS)) == "In progress"
    assert model.data(model.index(0, ActionsModel.COL_DUE)) == "Oct 29, 2022"

    # The whole event's table shows the session and can move the action to another one.
    page.select_target(None)
    assert not table.isColumnHidden(ActionsModel.COL_SESSION)
    assert model.data(model.index(0, ActionsModel.COL_SESSION)) == "Inauguración"
    assert model.setData(model.index(0, ActionsModel.COL_SESSION), meeting.groups)
    assert workspace.require(ActionItem, item.id).session_id == meeting.groups
    table.selectRow(0)
    page.remove_action()
    assert workspace.list(ActionItem, where={"event_id": meeting.event_id}) == []


def test_an_open_action_of_an_earlier_event_is_carried_into_this_one(
    qtbot, page: NotesPage, workspace, meeting: Meeting
):
    page.view.tabs.setCurrentIndex(ACTIONS_TAB)
    earlier = page.earlier_model
    assert [r.item.what for r in earlier.rows] == ["Publicar la sistematización"]
    assert earlier.data(earlier.index(0, ActionsModel.COL_SESSION)) == "PE-BO-2021"
    assert not page.view.carry_button.isEnabled()
    page.view.earlier_view.selectRow(0)
    assert page.view.carry_button.isEnabled()
    page.view.carry_button.click()

    rows = page.actions_model.rows
    assert [r.item.what for r in rows] == [
        "Publicar la sistematización (carried over from PE-BO-2021)"
    ]
    assert rows[0].item.event_id == meeting.event_id
    assert rows[0].item.due_date == dt.date(2021, 12, 15)
    assert rows[0].owner_names == ("RM",)
    old = workspace.require(ActionItem, meeting.earlier_action)
    assert (old.event_id, old.status) == (meeting.earlier_event_id, ActionStatus.OPEN)
    assert earlier.data(earlier.index(0, ActionsModel.COL_SESSION)) == ("PE-BO-2021 (carried over)")
    page.view.earlier_view.selectRow(0)
    assert not page.view.carry_button.isEnabled()  # once is enough


def _image(path: Path, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#fbfaf4"))
    assert image.save(str(path))
    return path


def _drop(page: NotesPage, paths: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = page.view.photos_view.viewport()
    enter = QDragEnterEvent(
        QPoint(20, 20),  # QPoint here, QPointF for the drop: Qt's own signatures
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, drop)
    return True


def test_a_photo_dropped_on_a_group_is_scaled_down_and_shown(
    qtbot, page: NotesPage, workspace, meeting, tmp_path: Path
):
    page.select_target(meeting.groups, meeting.group)
    photo = _image(tmp_path / "papelógrafo.png", 3000, 2250)
    assert not _drop(page, [tmp_path / "notes.txt"])  # not an image: refused at the door
    assert _drop(page, [photo])

    attachments = workspace.photos_of(meeting.event_id, meeting.groups, meeting.group)
    assert len(attachments) == 1
    stored = attachments[0]
    assert (stored.filename, stored.media_type) == ("papelógrafo.jpg", "image/jpeg")
    image = QImage.fromData(workspace.blob(stored.sha256))
    assert (image.width(), image.height()) == (MAX_SIDE, 1500)
    model = page.photos_model
    assert model.rowCount() == 1
    assert not model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole).isNull()

    assert model.setData(model.index(0, 0), "Propuestas del grupo Taraco")
    assert model.setData(
        model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    stored = workspace.require(Attachment, stored.id)
    assert (stored.caption, stored.shows_people) == ("Propuestas del grupo Taraco", True)
    assert "(shows people)" in model.data(model.index(0, 0))

    page.view.photos_view.setCurrentIndex(model.index(0, 0))
    page.remove_photo()
    assert workspace.photos_of(meeting.event_id, meeting.groups, meeting.group) == []


def test_keep_the_original_stores_the_file_as_it_is(
    qtbot, page: NotesPage, workspace, meeting, tmp_path: Path
):
    photo = _image(tmp_path / "hoja.png", 2400, 1200)
    page.view.keep_original.setChecked(True)
    page.add_photos([photo])
    stored = workspace.photos_of(meeting.event_id, meeting.plenary)[0]
    assert workspace.blob(stored.sha256) == photo.read_bytes()
    assert (stored.filename, stored.media_type) == ("hoja.png", "image/png")


def test_a_small_jpeg_is_kept_as_it_is(tmp_path: Path, qapp) -> None:
    data = _image(tmp_path / "small.jpg", 800, 600).read_bytes()
    prepared = prepare_photo(data, "small.jpg")
    assert (prepared.data, prepared.scaled) == (data, False)


def test_without_an_event_the_page_says_what_to_do(qtbot, workspace) -> None:
    page = NotesPage(PageContext(workspace))
    qtbot.addWidget(page)
    assert "Choose an event" in page.view.notes_hint.text()
    assert not page.view.sections["key_points"].isEnabled()
    assert not page.view.add_action_button.isEnabled()
