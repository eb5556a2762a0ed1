"""Date and time fields typed from empty, as a new user would, in each form that has one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from fieldkit import i18n
from fieldkit.core.model import Day, Event, Session
from fieldkit.gui.widgets.duplicate_dialog import DuplicateEventDialog
from fieldkit.gui.widgets.inputs import OptionalDateEdit, OptionalTimeEdit
from fieldkit.store import Workspace

from .conftest import Sample
from .test_agenda import agenda, session_named
from .test_events import visible
from .test_main_window import open_window

JUNE_30 = dt.date(2008, 6, 30)


@pytest.fixture
def french() -> Iterator[None]:
    previous = i18n.current_language()
    i18n.set_language("fr")
    yield
    i18n.set_language(previous)


def type_into(field: OptionalDateEdit | OptionalTimeEdit, text: str) -> None:
    """Type into the field as a keyboard does, replacing what it shows, then press Enter."""
    field.line.selectAll()
    QTest.keyClick(field.line, Qt.Key.Key_Delete)
    QTest.keyClicks(field.line, text)
    QTest.keyClick(field.line, Qt.Key.Key_Return)


def shown_field(qtbot, cls):  # type: ignore[no-untyped-def]
    field = cls()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


# --- the fields alone --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["20080630", "2008-06-30", "30/06/2008", "30 juin 2008"])
def test_a_date_typed_from_empty_in_french(qtbot, french: None, typed: str) -> None:
    field = shown_field(qtbot, OptionalDateEdit)
    changes: list[object] = []
    field.dateChanged.connect(changes.append)
    assert field.value() is None and field.line.text() == ""
    type_into(field, typed)
    assert field.value() == JUNE_30
    assert changes == [JUNE_30]
    assert field.line.text() == "30 juin 2008"  # what it understood, in the interface language
    assert field.line.toolTip() == "lundi 30 juin 2008"
    assert not field.has_error() and not field.message.isVisible()


def test_a_date_in_the_next_year_is_not_today(qtbot, french: None) -> None:
    field = shown_field(qtbot, OptionalDateEdit)
    type_into(field, "2027-01-15")
    assert field.value() == dt.date(2027, 1, 15)
    assert field.line.text() == "15 janv. 2027"


def test_an_english_date_reads_month_first(qtbot) -> None:
    field = shown_field(qtbot, OptionalDateEdit)
    type_into(field, "6/30/2008")
    assert field.value() == JUNE_30
    assert field.line.text() == "Jun 30, 2008"


def test_an_impossible_date_is_refused_visibly_and_changes_nothing(qtbot, french: None) -> None:
    field = shown_field(qtbot, OptionalDateEdit)
    field.set_value(dt.date(2008, 3, 15))
    changes: list[object] = []
    field.dateChanged.connect(changes.append)
    type_into(field, "31/02/2008")
    assert field.value() == dt.date(2008, 3, 15)
    assert changes == []
    assert field.has_error() and field.message.isVisible()
    assert "31" in field.message.text() and "février 2008" in field.message.text()
    assert "#c62828" in field.line.styleSheet()  # the red frame
    assert field.line.text() == "31/02/2008"  # what was typed stays, to be corrected
    type_into(field, "29/02/2008")
    assert field.value() == dt.date(2008, 2, 29)
    assert not field.has_error() and not field.message.isVisible()
    assert field.line.styleSheet() == ""


def test_erasing_a_date_empties_it(qtbot) -> None:
    field = shown_field(qtbot, OptionalDateEdit)
    field.set_value(JUNE_30)
    type_into(field, "")
    assert field.value() is None and field.line.text() == ""


def test_enter_on_an_impossible_date_does_not_close_the_dialog(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    field = OptionalDateEdit(dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(buttons)
    dialog.open()
    qtbot.waitExposed(dialog)
    type_into(field, "13/45/2008")
    assert dialog.isVisible() and field.has_error()
    type_into(field, "12/25/2008")
    assert field.value() == dt.date(2008, 12, 25)
    assert dialog.isVisible() and field.line.text() == "Dec 25, 2008"  # what it understood
    QTest.keyClick(field.line, Qt.Key.Key_Return)  # the next Enter is the dialog's
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
def test_the_calendar_picks_a_date(qtbot) -> None:
    field = shown_field(qtbot, OptionalDateEdit)
    changes: list[object] = []
    field.dateChanged.connect(changes.append)
    field.calendar_button.click()
    field.calendar.clicked.emit(QDate(2008, 3, 22))
    assert field.value() == dt.date(2008, 3, 22)
    assert changes == [dt.date(2008, 3, 22)]
    assert not field.calendar_menu.isVisible()


@pytest.mark.parametrize("typed", ["12:30", "1230", "12h30", "12.30"])
def test_a_time_typed_from_empty(qtbot, typed: str) -> None:
    field = shown_field(qtbot, OptionalTimeEdit)
    changes: list[str] = []
    field.timeChanged.connect(changes.append)
    assert field.value() == "" and field.line.placeholderText() == "--:--"
    type_into(field, typed)
    assert field.value() == "12:30"
    assert changes == ["12:30"]
    assert field.line.text() == "12:30\u202fPM"  # as Babel writes it


def test_a_time_in_french_shows_the_24_hour_clock(qtbot, french: None) -> None:
    field = shown_field(qtbot, OptionalTimeEdit)
    type_into(field, "930")
    assert (field.value(), field.line.text()) == ("09:30", "09:30")
    type_into(field, "9:30 pm")
    assert (field.value(), field.line.text()) == ("21:30", "21:30")


def test_an_impossible_time_is_refused_visibly(qtbot) -> None:
    field = shown_field(qtbot, OptionalTimeEdit)
    field.set_value("14:00")
    type_into(field, "25:00")
    assert field.value() == "14:00"
    assert field.has_error() and field.message.isVisible()
    assert "25" in field.message.text()


# --- the forms that have them --------------------------------------------------------------------


def test_a_day_date_typed_in_the_agenda(
    qtbot, workspace: Workspace, sample: Sample, french
) -> None:
    _window, page = agenda(qtbot, workspace, sample.mission.id)
    (day,) = workspace.event_days(sample.mission.id)
    page.select("day", day.id)
    form = page.day_form
    type_into(form.date_edit, "23/03/2008")
    assert workspace.require(Day, day.id).date == dt.date(2008, 3, 23)
    type_into(form.date_edit, "31/02/2008")
    assert form.date_edit.message.isVisible()
    assert workspace.require(Day, day.id).date == dt.date(2008, 3, 23)


def test_event_dates_typed_in_the_details(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.workshop.id)
    window.show_page("details")
    page = window.page("details")
    type_into(page.start_edit, "20080630")
    type_into(page.end_edit, "July 2, 2008")
    event = workspace.require(Event, sample.workshop.id)
    assert (event.start_date, event.end_date) == (JUNE_30, dt.date(2008, 7, 2))
    assert page.start_edit.line.text() == "Jun 30, 2008"


def test_the_first_day_of_a_duplicate_typed(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.mission.id)
    window.duplicate_event_action.trigger()
    (dialog,) = visible(DuplicateEventDialog)
    dialog.start_edit.line.clear()
    QTest.keyClicks(dialog.start_edit.line, "2027-01-15")
    dialog.start_edit.commit()
    assert dialog.start_date() == dt.date(2027, 1, 15)
    dialog.reject()


def test_session_times_typed_and_an_end_before_the_start_refused(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    _window, page = agenda(qtbot, workspace, sample.mission.id)
    session = session_named(workspace, sample.mission.id, "Rencontre avec AMUPEI")
    page.select("session", session.id)
    dialog = page.edit_session()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    type_into(dialog.start_edit, "")
    type_into(dialog.end_edit, "")
    type_into(dialog.start_edit, "0930")
    type_into(dialog.end_edit, "12:30")
    stored = workspace.require(Session, session.id)
    assert (stored.start_time, stored.end_time) == ("09:30", "12:30")

    type_into(dialog.end_edit, "0800")
    assert dialog.times_message.isVisible()
    assert "before it starts" in dialog.times_message.text()
    assert "#c62828" in dialog.end_edit.line.styleSheet()
    assert workspace.require(Session, session.id).end_time == "12:30"  # not saved

    # Moving the session earlier: the start typed next puts the times in order, both saved.
    type_into(dialog.start_edit, "07:00")
    stored = workspace.require(Session, session.id)
    assert (stored.start_time, stored.end_time) == ("07:00", "08:00")
    assert not dialog.times_message.isVisible()
    assert dialog.end_edit.line.styleSheet() == ""

    type_into(dialog.end_edit, "25:00")
    assert dialog.end_edit.message.isVisible()
    assert workspace.require(Session, session.id).end_time == "08:00"
    dialog.close()
    assert not dialog.isVisible()


def test_closing_with_times_out_of_order_stays_open_once(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    _window, page = agenda(qtbot, workspace, sample.mission.id)
    session = session_named(workspace, sample.mission.id, "Rencontre avec AMUPEI")
    workspace.update(Session, session.id, start_time="09:00", end_time="12:00")
    page.select("session", session.id)
    dialog = page.edit_session()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.end_edit.line.selectAll()
    QTest.keyClicks(dialog.end_edit.line, "0800")
    dialog.close()  # the edit is read, refused, and the dialog says so
    assert dialog.isVisible() and dialog.times_message.isVisible()
    dialog.close()  # closing again drops it
    assert not dialog.isVisible()
    assert workspace.require(Session, session.id).end_time == "12:00"


def test_a_change_of_language_shows_the_value_in_the_new_one(qtbot) -> None:
    field = shown_field(qtbot, OptionalDateEdit)
    field.set_value(JUNE_30)
    assert field.line.text() == "Jun 30, 2008"
    previous = i18n.current_language()
    i18n.set_language("es")
    try:
        field.retranslate_ui()
        assert field.line.text() == "30 jun 2008"
        assert field.value() == JUNE_30
    finally:
        i18n.set_language(previous)
