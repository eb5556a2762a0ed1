"""Events: create, edit in place (autosave), duplicate as template, archive, delete."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldkit.core.model import (
    Axis,
    Event,
    EventFormat,
    EventPartner,
    Objective,
    Organisation,
    PartnerRole,
    Programme,
    SessionKind,
)
from fieldkit.gui.events.list_model import EventListModel
from fieldkit.gui.events.partners_editor import VALUE_ROLE
from fieldkit.gui.widgets.autosave import DELAY_MS
from fieldkit.gui.widgets.duplicate_dialog import DuplicateEventDialog
from fieldkit.store import Workspace

from .conftest import Sample
from .test_main_window import listed_titles, open_window


def visible(cls):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]


def test_new_event_is_saved_as_typed(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    assert window.new_event_action.shortcut().toString() == "Ctrl+N"
    window.new_event_action.trigger()
    assert window.current_page_key() == "details"
    page = window.page("details")
    event_id = window.controller.current_event_id()
    assert workspace.require(Event, event_id).title == "New event"
    assert page.title_edit.hasFocus() or page.title_edit.selectedText() == "New event"
    page.title_edit.selectAll()
    qtbot.keyClicks(page.title_edit, "Taller de sistematizacion")
    page.title_edit.insert(" (ñ)")  # keyClicks types ASCII only
    # No save button: the title reaches the database within a second, without leaving the field.
    qtbot.waitUntil(
        lambda: workspace.require(Event, event_id).title == "Taller de sistematizacion (ñ)",
        timeout=DELAY_MS + 300,
    )
    assert "Taller de sistematizacion (ñ)" in listed_titles(window)
    qtbot.keyClicks(page.places_edit, "Taraco")
    page.format_combo.setCurrentIndex(page.format_combo.findData(EventFormat.HYBRID))
    page.format_combo.activated.emit(page.format_combo.currentIndex())
    qtbot.keyClicks(page.context_edit, "Dos paises,")
    qtbot.keyClick(page.context_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(page.context_edit, "tres ejes.")
    qtbot.keyClicks(page.objective_edit, "Intercambiar")
    page.saver.flush()
    event = workspace.require(Event, event_id)
    assert (event.places, event.format) == ("Taraco", EventFormat.HYBRID)
    assert (event.context, event.general_objective) == ("Dos paises,\ntres ejes.", "Intercambiar")
    # The overview shows it without a refresh.
    assert "Taraco" in window.page("overview").overview.toPlainText()


def test_dates_and_programme(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.workshop.id)
    window.show_page("details")
    page = window.page("details")
    assert page.start_edit.value() is None
    page.start_edit.set_value(dt.date(2024, 5, 6))
    page.end_edit.set_value(dt.date(2024, 5, 8))
    page.saver.flush()
    event = workspace.require(Event, sample.workshop.id)
    assert (event.start_date, event.end_date) == (dt.date(2024, 5, 6), dt.date(2024, 5, 8))
    page.programme_combo.setCurrentText("Interacciones con territorios vivos")
    page._save_programme()
    (programme,) = workspace.list(Programme)
    assert workspace.require(Event, sample.workshop.id).programme_id == programme.id


def test_objectives_axes_and_partners(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.mission.id)
    window.show_page("details")
    page = window.page("details")
    editor = page.objectives
    assert [r.text for r in editor.records] == [
        "Identifier les points communs",
        "Contribuer à la réflexion sur le rôle spécifique des femmes",
    ]
    editor.add_button.click()
    assert editor.table.rowCount() == 3
    editor.table.closePersistentEditor(editor.table.item(2, 0))
    editor.table.item(2, 0).setText("Dégager des pistes d'actions conjointes")
    stored = workspace.list(
        Objective, where={"event_id": sample.mission.id}, order_by=("position",)
    )
    assert [o.text for o in stored][-1] == "Dégager des pistes d'actions conjointes"
    # Move the new objective up: positions follow.
    editor.table.selectRow(2)
    editor.up_button.click()
    stored = workspace.list(
        Objective, where={"event_id": sample.mission.id}, order_by=("position",)
    )
    assert [o.text for o in stored][1] == "Dégager des pistes d'actions conjointes"
    assert [o.position for o in stored] == [1, 2, 3]
    editor.table.selectRow(0)
    editor.remove_button.click()
    assert len(workspace.list(Objective, where={"event_id": sample.mission.id})) == 2

    page.axes.add_button.click()
    page.axes.table.item(0, 0).setText("Agua y saneamiento")
    page.axes.table.item(0, 1).setText("Gestión social del agua")
    (axis,) = workspace.list(Axis, where={"event_id": sample.mission.id})
    assert (axis.title, axis.description) == ("Agua y saneamiento", "Gestión social del agua")

    page.partners.organisation_combo.setCurrentText("AMUPEI")
    page.partners.add_button.click()
    (organisation,) = workspace.list(Organisation)
    (partner,) = workspace.list(EventPartner, where={"event_id": sample.mission.id})
    assert partner.organisation_id == organisation.id
    assert page.partners.table.item(0, 0).text() == "AMUPEI"
    # The part it plays, picked in the cell.
    role_item = page.partners.table.item(0, 1)
    assert role_item.text() == "Partner"
    role_item.setData(VALUE_ROLE, PartnerRole.FUNDER)
    assert workspace.require(EventPartner, partner.id).role == PartnerRole.FUNDER
    assert page.partners.table.item(0, 1).text() == "Funder"


def test_duplicate_as_template(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.mission.id)
    window.duplicate_event_action.trigger()
    (dialog,) = visible(DuplicateEventDialog)
    assert dialog.title_edit.text() == f"{sample.mission.title} (copy)"
    dialog.title_edit.setText("Mission 2009")
    dialog.start_edit.set_value(dt.date(2009, 3, 14))
    dialog.accept()
    copy_id = window.controller.current_event_id()
    assert copy_id != sample.mission.id
    copy = workspace.require(Event, copy_id)
    assert (copy.title, copy.start_date, copy.end_date) == (
        "Mission 2009",
        dt.date(2009, 3, 14),
        dt.date(2009, 3, 29),
    )
    sessions = workspace.event_sessions(copy_id)
    assert [s.title for s in sessions if s.kind != SessionKind.ARRIVAL] == ["Rencontre avec AMUPEI"]
    assert workspace.registered_count(copy_id) == 0
    assert "Mission 2009" in listed_titles(window)


def test_archive_and_restore(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.mission.id)
    window.archive_event_action.trigger()
    assert workspace.require(Event, sample.mission.id).archived
    assert sample.mission.title not in listed_titles(window)
    window.show_archived_action.setChecked(True)
    assert f"{sample.mission.title} (archived)" in listed_titles(window)
    assert window.controller.select_event(sample.mission.id)
    assert window.archive_event_action.text() == "&Restore from the archive"
    window.archive_event_action.trigger()
    assert not workspace.require(Event, sample.mission.id).archived
    assert sample.mission.title in listed_titles(window)


def test_delete_asks_first(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.workshop.id)
    box = window.controller.event_actions.delete_event()
    assert box.isVisible() and sample.workshop.title in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert workspace.get(Event, sample.workshop.id) is not None
    box = window.controller.event_actions.delete_event()
    delete = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    delete.click()
    assert workspace.get(Event, sample.workshop.id) is None
    assert sample.workshop.title not in listed_titles(window)


def test_code_shows_in_the_title_tooltip(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    model = window.events_view.model()
    tips = [
        model.index(row, EventListModel.COL_TITLE).data(Qt.ItemDataRole.ToolTipRole)
        for row in range(model.rowCount())
    ]
    assert f"{sample.mission.title} (EAU-2008)" in tips
