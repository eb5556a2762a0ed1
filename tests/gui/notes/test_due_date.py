"""The due date of an action, typed into its cell from empty; an impossible one is refused there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from tests.gui.notes.conftest import Meeting

from fieldkit import i18n
from fieldkit.core.model import ActionItem
from fieldkit.gui.notes.actions_model import ActionsModel
from fieldkit.gui.notes.page import NotesPage
from fieldkit.gui.notes.view import ACTIONS_TAB
from fieldkit.gui.widgets.inputs import OptionalDateEdit
from fieldkit.store import Workspace


@pytest.fixture
def french() -> Iterator[None]:
    previous = i18n.current_language()
    i18n.set_language("fr")
    yield
    i18n.set_language(previous)


def open_due_editor(qtbot, page: NotesPage) -> OptionalDateEdit:  # type: ignore[no-untyped-def]
    table = page.view.actions_view
    index = page.actions_model.index(0, ActionsModel.COL_DUE)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index)
    assert isinstance(editor, OptionalDateEdit)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.line)
    return editor


def an_action(qtbot, page: NotesPage, workspace: Workspace, meeting: Meeting) -> str:  # type: ignore[no-untyped-def]
    page.view.tabs.setCurrentIndex(ACTIONS_TAB)
    page.add_action()
    editor = QApplication.focusWidget()
    QTest.keyClicks(editor, "Enviar la ayuda memoria")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.actions_model.rows[0].item.what != "")
    return workspace.list(ActionItem, where={"event_id": meeting.event_id})[0].id


@pytest.mark.parametrize(
    "typed", ["20080630", "2008-06-30", "30/06/2008", "30 juin 2008", "30 JUIN 08"]
)
def test_a_due_date_typed_from_empty(
    qtbot, page: NotesPage, workspace: Workspace, meeting: Meeting, french: None, typed: str
) -> None:
    action_id = an_action(qtbot, page, workspace, meeting)
    assert workspace.require(ActionItem, action_id).due_date is None
    editor = open_due_editor(qtbot, page)
    assert editor.line.text() == ""
    QTest.keyClicks(editor.line, typed)
    QTest.keyClick(editor.line, Qt.Key.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(lambda: workspace.require(ActionItem, action_id).due_date is not None)
    assert workspace.require(ActionItem, action_id).due_date == dt.date(2008, 6, 30)
    index = page.actions_model.index(0, ActionsModel.COL_DUE)
    assert page.actions_model.data(index) == "30 juin 2008"


def test_a_due_date_in_the_next_year(
    qtbot, page: NotesPage, workspace: Workspace, meeting: Meeting
) -> None:
    action_id = an_action(qtbot, page, workspace, meeting)
    editor = open_due_editor(qtbot, page)
    QTest.keyClicks(editor.line, "2027-01-15")
    QTest.keyClick(editor.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workspace.require(ActionItem, action_id).due_date is not None)
    assert workspace.require(ActionItem, action_id).due_date == dt.date(2027, 1, 15)


def test_an_impossible_due_date_keeps_the_editor_open_with_a_message(
    qtbot, page: NotesPage, workspace: Workspace, meeting: Meeting, french: None
) -> None:
    action_id = an_action(qtbot, page, workspace, meeting)
    workspace.update(ActionItem, action_id, due_date=dt.date(2008, 3, 30))
    page.actions_model.refresh(action_id)
    editor = open_due_editor(qtbot, page)
    editor.line.selectAll()
    QTest.keyClicks(editor.line, "31/02/2008")
    QTest.keyClick(editor.line, Qt.Key.Key_Return)
    qtbot.wait(20)  # a commit would come on the next turn
    assert editor.isVisible() and editor.message.isVisible()
    assert "février 2008" in editor.message.text()
    assert editor.height() >= editor.line.height() + editor.message.height()  # over the rows
    assert workspace.require(ActionItem, action_id).due_date == dt.date(2008, 3, 30)
    QTest.keyClick(editor.line, Qt.Key.Key_Escape)  # gives up: nothing changes
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert workspace.require(ActionItem, action_id).due_date == dt.date(2008, 3, 30)


def test_leaving_the_cell_commits_the_typed_date(
    qtbot, page: NotesPage, workspace: Workspace, meeting: Meeting
) -> None:
    action_id = an_action(qtbot, page, workspace, meeting)
    editor = open_due_editor(qtbot, page)
    QTest.keyClicks(editor.line, "2008-06-30")
    page.view.tabs.setFocus()  # focus leaves the table
    qtbot.waitUntil(lambda: workspace.require(ActionItem, action_id).due_date is not None)
    assert workspace.require(ActionItem, action_id).due_date == dt.date(2008, 6, 30)
    qtbot.waitUntil(lambda: not editor.isVisible())
