"""The Agenda page: days and sessions, the session form, moving, working groups, the split."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from fieldkit.core.grouping import Delegations
from fieldkit.core.ids import arrival_id, new_id, registration_id
from fieldkit.core.model import (
    Day,
    GroupMember,
    Person,
    Registration,
    Session,
    SessionAxis,
    SessionKind,
    SessionMode,
    SessionObjective,
    WorkingGroup,
)
from fieldkit.gui.agenda.groups_panel import CHOICES_ROLE, VALUE_ROLE
from fieldkit.gui.agenda.session_dialog import SessionDialog
from fieldkit.gui.agenda.split_dialog import SplitDialog
from fieldkit.store import Workspace

from .conftest import Sample, type_text
from .test_main_window import open_window


def agenda(qtbot, workspace: Workspace, event_id: str):
    window = open_window(qtbot, workspace)
    window.controller.select_event(event_id)
    window.show_page("agenda")
    return window, window.page("agenda")


def tree_texts(page) -> list[str]:
    texts = []
    for top in range(page.tree.topLevelItemCount()):
        day = page.tree.topLevelItem(top)
        texts.append(day.text(0))
        texts += [f"  {day.child(i).text(1)}" for i in range(day.childCount())]
    return texts


def session_named(workspace: Workspace, event_id: str, title: str) -> Session:
    return next(s for s in workspace.event_sessions(event_id) if s.title == title)


def test_day_by_day_tree(qtbot, workspace: Workspace, sample: Sample) -> None:
    _window, page = agenda(qtbot, workspace, sample.mission.id)
    assert tree_texts(page) == [
        "Saturday, March 22, 2008: Journée mondiale de l'eau",
        "  Check-in",
        "  Rencontre avec AMUPEI",
    ]


def test_add_day_and_session_and_edit_it(qtbot, workspace: Workspace, sample: Sample) -> None:
    _window, page = agenda(qtbot, workspace, sample.mission.id)
    page.add_day_button.click()
    days = workspace.event_days(sample.mission.id)
    assert [d.date for d in days] == [dt.date(2008, 3, 22), dt.date(2008, 3, 23)]
    # The new day comes with its check-in.
    assert workspace.get(Session, arrival_id(days[1].id)) is not None
    assert page.selected() == ("day", days[1].id)
    type_text(page.day_form.title_edit, "Cochabamba")
    assert workspace.require(Day, days[1].id).title == "Cochabamba"

    dialog = page.add_session()
    assert isinstance(dialog, SessionDialog) and dialog.isVisible()  # open(), not exec()
    session_id = dialog.session_id
    assert workspace.require(Session, session_id).day_id == days[1].id
    type_text(dialog.title_edit, "Atelier femmes et eau")
    dialog.start_edit.set_value("14:00")
    dialog.end_edit.set_value("17:30")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(SessionKind.DIALOGUE))
    dialog.kind_combo.activated.emit(dialog.kind_combo.currentIndex())
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData(SessionMode.HYBRID))
    dialog.mode_combo.activated.emit(dialog.mode_combo.currentIndex())
    type_text(dialog.room_edit, "Salle AMUPEI")
    type_text(dialog.link_edit, "https://meet.example.org/eau")
    type_text(dialog.facilitator_edit, "Rosa Quispe")
    type_text(dialog.rapporteur_edit, "Juan Ñuflo")
    dialog.names_check.click()
    dialog.close()  # closing saves what is waiting
    session = workspace.require(Session, session_id)
    assert (session.title, session.start_time, session.end_time) == (
        "Atelier femmes et eau",
        "14:00",
        "17:30",
    )
    assert (session.kind, session.mode) == (SessionKind.DIALOGUE, SessionMode.HYBRID)
    assert (session.room, session.link) == ("Salle AMUPEI", "https://meet.example.org/eau")
    assert (session.facilitator, session.rapporteur) == ("Rosa Quispe", "Juan Ñuflo")
    assert session.names_taken is False
    assert "  Atelier femmes et eau" in tree_texts(page)


def test_session_axes_and_objectives(qtbot, workspace: Workspace, sample: Sample) -> None:
    _window, page = agenda(qtbot, workspace, sample.mission.id)
    session = session_named(workspace, sample.mission.id, "Rencontre avec AMUPEI")
    page.select("session", session.id)
    dialog = page.edit_session()
    assert dialog.objectives_list.count() == 2
    assert dialog.objectives_list.item(0).text() == "1. Identifier les points communs"
    dialog.objectives_list.item(1).setCheckState(
        dialog.objectives_list.item(1).checkState().Checked
    )
    (link,) = workspace.list(SessionObjective, where={"session_id": session.id})
    dialog.objectives_list.item(1).setCheckState(
        dialog.objectives_list.item(1).checkState().Unchecked
    )
    assert workspace.list(SessionObjective, where={"session_id": session.id}) == []
    assert link.session_id == session.id
    assert not dialog.axes_list.isEnabled()  # the mission has no axes
    assert workspace.list(SessionAxis, where={"session_id": session.id}) == []
    dialog.close()


def test_move_a_session_to_another_day(qtbot, workspace: Workspace, sample: Sample) -> None:
    _window, page = agenda(qtbot, workspace, sample.mission.id)
    page.add_day_button.click()
    first, second = workspace.event_days(sample.mission.id)
    session = session_named(workspace, sample.mission.id, "Rencontre avec AMUPEI")
    page.select("session", session.id)
    assert page.move_button.isEnabled()
    page._fill_move_menu()
    actions = page.move_menu.actions()
    assert [a.isEnabled() for a in actions] == [False, True]  # its own day is greyed out
    actions[1].trigger()
    assert workspace.require(Session, session.id).day_id == second.id
    assert page.selected() == ("session", session.id)
    assert tree_texts(page)[-1] == "  Rencontre avec AMUPEI"
    # And back, with the Day field of the form.
    dialog = page.edit_session()
    dialog.day_combo.setCurrentIndex(dialog.day_combo.findData(first.id))
    dialog.day_combo.activated.emit(dialog.day_combo.currentIndex())
    assert workspace.require(Session, session.id).day_id == first.id
    dialog.close()
    # A day's check-in stays with its day.
    page.select("session", arrival_id(first.id))
    assert not page.move_button.isEnabled() and not page.remove_button.isEnabled()


def test_remove_a_session_asks_first(qtbot, workspace: Workspace, sample: Sample) -> None:
    _window, page = agenda(qtbot, workspace, sample.mission.id)
    session = session_named(workspace, sample.mission.id, "Rencontre avec AMUPEI")
    page.select("session", session.id)
    box = page.remove_selected()
    assert isinstance(box, QMessageBox) and "Rencontre avec AMUPEI" in box.text()
    next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ).click()
    assert workspace.get(Session, session.id) is None
    assert "  Rencontre avec AMUPEI" not in tree_texts(page)


def _delegates(workspace: Workspace, event_id: str) -> list[Person]:
    """Twelve people of three delegations registered at the event, all present on its day."""
    people = []
    registrations = []
    for number in range(12):
        delegation = ["Taraco", "Salinas", "Pamparomás"][number % 3]
        person = Person(id=new_id(), given_names=f"Persona{number:02d}", surnames="Mamani")
        people.append(person)
        registrations.append(
            Registration(
                id=registration_id(event_id, person.id),
                event_id=event_id,
                person_id=person.id,
                delegation=delegation,
            )
        )
    workspace.save(*people, *registrations)
    (day,) = workspace.event_days(event_id)
    for person in people:
        workspace.check_in(arrival_id(day.id), person.id)
    return people


def groups_of(workspace: Workspace, session_id: str) -> list[list[str]]:
    groups = workspace.list(WorkingGroup, where={"session_id": session_id}, order_by=("position",))
    return [
        [m.person_id for m in workspace.list(GroupMember, where={"group_id": group.id})]
        for group in groups
    ]


def test_working_groups_and_members(qtbot, workspace: Workspace, sample: Sample) -> None:
    people = _delegates(workspace, sample.encounter.id)
    _window, page = agenda(qtbot, workspace, sample.encounter.id)
    session = session_named(workspace, sample.encounter.id, "Grupos de trabajo por eje")
    page.select("session", session.id)
    panel = page.groups
    assert panel.isVisible()
    panel.add_group_button.click()
    (group,) = workspace.list(WorkingGroup, where={"session_id": session.id})
    assert group.name == "Group 1"
    panel.groups_table.item(0, 0).setText("Eje 1: Covid-19")
    panel.groups_table.item(0, 2).setText("Mariela")
    group = workspace.require(WorkingGroup, group.id)
    assert (group.name, group.facilitator) == ("Eje 1: Covid-19", "Mariela")
    axis_item = panel.groups_table.item(0, 1)
    _label, axis_id = axis_item.data(CHOICES_ROLE)[1]
    axis_item.setData(VALUE_ROLE, axis_id)  # what the list in the cell does when picked
    assert workspace.require(WorkingGroup, group.id).axis_id is not None
    # Add people by typing a few letters of their names.
    panel.person_edit.setText("persona03")
    panel.add_member()
    panel.person_edit.setText("persona07 mam")
    panel.add_member()
    assert sorted(groups_of(workspace, session.id)[0]) == sorted([people[3].id, people[7].id])
    assert panel.members_table.rowCount() == 2
    assert panel.groups_table.item(0, 4).text() == "2"
    panel.members_table.selectRow(0)
    panel.remove_member_button.click()
    assert len(groups_of(workspace, session.id)[0]) == 1


@pytest.mark.parametrize("how", list(Delegations))
def test_split_people_present_into_groups(qtbot, workspace: Workspace, sample: Sample, how) -> None:
    people = _delegates(workspace, sample.encounter.id)
    _window, page = agenda(qtbot, workspace, sample.encounter.id)
    session = session_named(workspace, sample.encounter.id, "Grupos de trabajo por eje")
    page.select("session", session.id)
    dialog = page.groups.open_split()
    assert isinstance(dialog, SplitDialog) and dialog.isVisible()
    assert "12 people are present" in dialog.summary.text()
    dialog.count_spin.setValue(3)
    (dialog.together_radio if how == Delegations.TOGETHER else dialog.mixed_radio).setChecked(True)
    dialog.accept()
    groups = groups_of(workspace, session.id)
    assert [len(g) for g in groups] == [4, 4, 4]
    assert sorted(pid for g in groups for pid in g) == sorted(p.id for p in people)
    delegation = {p.id: ["Taraco", "Salinas", "Pamparomás"][n % 3] for n, p in enumerate(people)}
    spread = [{delegation[pid] for pid in g} for g in groups]
    if how == Delegations.TOGETHER:
        assert all(len(s) == 1 for s in spread)
    else:
        assert all(len(s) == 3 for s in spread)
    assert page.groups.groups_table.rowCount() == 3
    # Split again into two: the third group goes, everyone is placed once.
    dialog = page.groups.open_split()
    dialog.count_spin.setValue(2)
    dialog.accept()
    assert [len(g) for g in groups_of(workspace, session.id)] == [6, 6]
