"""The main window: events list, overview, demo offer, menus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

import fieldkit
from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.core.model import Changes
from fieldkit.gui.events.list_model import EventListModel
from fieldkit.gui.shell.main_controller import DEMO_OFFERED, create_main_window
from fieldkit.gui.shell.main_window import MainWindow
from fieldkit.store import Workspace

from .conftest import Sample, add_sample_events


def open_window(qtbot, ws: Workspace) -> MainWindow:
    window = create_main_window(ws)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def listed_titles(window: MainWindow) -> list[str]:
    model = window.events_view.model()
    return [model.index(row, EventListModel.COL_TITLE).data() for row in range(model.rowCount())]


def overview_text(window: MainWindow) -> str:
    return window.page("overview").overview.toPlainText()


def test_lists_events_latest_first(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    assert listed_titles(window) == [
        sample.encounter.title,
        sample.mission.title,
        sample.workshop.title,
    ]
    assert window.demo_bar.isHidden()
    # The first event is selected and shown.
    assert window.controller.current_event_id() == sample.encounter.id
    assert sample.encounter.title in overview_text(window)


def test_selecting_an_event_shows_its_overview(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    view = window.events_view
    view.setFocus()
    window.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_Down)  # from the encounter to the mission, by keyboard
    assert window.controller.current_event_id() == sample.mission.id
    text = overview_text(window)
    assert sample.mission.title in text
    assert "La Paz, Cochabamba" in text
    assert "In person" in text
    assert sample.mission.general_objective in text
    # The specific objectives in their order.
    first = text.index("Identifier les points communs")
    second = text.index("Contribuer à la réflexion sur le rôle spécifique des femmes")
    assert first < second
    assert "3 people registered" in text
    assert "2 people present" in text
    assert "Journée mondiale de l'eau" in text
    assert "Check-in" in text
    assert "Rencontre avec AMUPEI" in text
    assert "Meeting · In person" in text
    html = window.page("overview").overview.toHtml()
    assert "<ol" in html  # numbered


def test_overview_escapes_values(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.encounter.id)
    text = overview_text(window)
    assert "Taraco & <virtual>" in text  # shown as typed, not taken for markup
    assert "Hybrid (in person and virtual)" in text
    assert "Contexto e impactos del Covid-19" in text
    assert "Working groups · Hybrid" in text
    assert "0 people registered" in text


def test_filter_field(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.controller.select_event(sample.mission.id)
    qtbot.keyClicks(window.filter_edit, "peru")
    assert listed_titles(window) == [sample.encounter.title]
    assert window.controller.current_event_id() == sample.encounter.id
    window.filter_edit.clear()
    assert len(listed_titles(window)) == 3


def test_sorting_by_clicking_the_title_header(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.events_view.sortByColumn(EventListModel.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert listed_titles(window) == sorted(
        [sample.mission.title, sample.encounter.title, sample.workshop.title]
    )


def test_empty_workspace_without_events(qtbot, workspace: Workspace) -> None:
    workspace.set_setting(DEMO_OFFERED, True)
    window = open_window(qtbot, workspace)
    assert window.demo_bar.isHidden()  # offered once only
    assert listed_titles(window) == []
    assert "no events" in overview_text(window)


def test_empty_workspace_offers_the_demo(qtbot, workspace: Workspace, fake_demo) -> None:
    window = open_window(qtbot, workspace)
    bar = window.demo_bar
    assert bar.isVisible()
    assert bar.accept_button.text() == "Add the demo events"
    assert bar.decline_button.text() == "Start empty"
    qtbot.mouseClick(bar.accept_button, Qt.MouseButton.LeftButton)
    assert fake_demo == [workspace]
    assert bar.isHidden()
    assert len(listed_titles(window)) == 3
    assert window.controller.current_event_id() is not None
    assert workspace.setting(DEMO_OFFERED) is True


def test_declining_the_demo_is_remembered(qtbot, workspace: Workspace, fake_demo) -> None:
    window = open_window(qtbot, workspace)
    qtbot.mouseClick(window.demo_bar.decline_button, Qt.MouseButton.LeftButton)
    assert window.demo_bar.isHidden()
    assert fake_demo == []
    assert workspace.is_empty()
    assert workspace.setting(DEMO_OFFERED) is True
    again = open_window(qtbot, workspace)
    assert again.demo_bar.isHidden()


def test_about_box_names_the_version(qtbot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    window.about_action.trigger()
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(boxes) == 1
    assert fieldkit.__version__ in boxes[0].text()
    boxes[0].close()


def test_quit_closes_the_window(qtbot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "E&vent", "&Go", "&Help"]
    window.quit_action.trigger()
    assert not window.isVisible()


def test_changes_signal_reloads(qtbot, workspace: Workspace) -> None:
    workspace.set_setting(DEMO_OFFERED, True)
    window = open_window(qtbot, workspace)
    sample = add_sample_events(workspace)
    window.controller.changed.emit(Changes(events=True))
    assert len(listed_titles(window)) == 3
    window.controller.select_event(sample.mission.id)
    workspace.delete(type(sample.mission), sample.mission.id)
    window.controller.changed.emit(Changes(events=True))
    assert sample.mission.title not in listed_titles(window)
    assert window.controller.current_event_id() != sample.mission.id


def test_demo_failure_keeps_the_offer(qtbot, workspace: Workspace, fake_demo, monkeypatch) -> None:
    import fieldkit.demo

    def refuse(ws: Workspace) -> Changes:
        raise WorkspaceUnavailable("The disk that holds the workspace is full.")

    monkeypatch.setattr(fieldkit.demo, "install_demo", refuse)
    window = open_window(qtbot, workspace)
    qtbot.mouseClick(window.demo_bar.accept_button, Qt.MouseButton.LeftButton)
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert [box.text() for box in boxes] == ["The disk that holds the workspace is full."]
    boxes[0].close()
    assert window.demo_bar.isVisible()
    assert workspace.setting(DEMO_OFFERED) is None


def test_the_real_demo(qtbot, workspace: Workspace) -> None:
    demo = pytest.importorskip("fieldkit.demo")
    window = open_window(qtbot, workspace)
    qtbot.mouseClick(window.demo_bar.accept_button, Qt.MouseButton.LeftButton)
    codes = [
        window.events_view.model().index(row, EventListModel.COL_CODE).data()
        for row in range(window.events_view.model().rowCount())
    ]
    assert sorted(codes) == sorted(demo.DEMO_EVENT_CODES)
    assert "people registered" in overview_text(window)
    assert window.demo_bar.isHidden()


def test_pages_in_the_navigation_list(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    items = [window.nav_list.item(row).text() for row in range(window.nav_list.count())]
    assert items[0] == "Overview"
    assert window.current_page_key() == "overview"
    # Every page follows the selected event.
    window.controller.select_event(sample.mission.id)
    assert window.page("overview").event_id == sample.mission.id


def test_changes_reach_every_page(qtbot, workspace: Workspace, sample: Sample) -> None:
    window = open_window(qtbot, workspace)
    window.show_page("agenda")  # made when first shown
    window.show_page("overview")
    assert set(window.controller.pages) == {"overview", "agenda"}
    seen: dict[str, list[Changes]] = {"overview": [], "agenda": []}
    for key, page in window.controller.pages.items():
        page.on_changes = seen[key].append
    window.controller.write(
        lambda: workspace.update(type(sample.workshop), sample.workshop.id, places="Oruro")
    )
    window.controller.changed.emit(Changes(people=True))
    # The page in view hears at once; a hidden one when it is shown, all changes merged.
    assert seen == {"overview": [Changes(events=True), Changes(people=True)], "agenda": []}
    window.show_page("agenda")
    assert seen["agenda"] == [Changes(events=True, people=True)]
    # A hidden page follows the selected event when it is shown again.
    window.show_page("overview")
    window.controller.select_event(sample.mission.id)
    assert window.controller.pages["agenda"].event_id != sample.mission.id
    window.show_page("agenda")
    assert window.controller.pages["agenda"].event_id == sample.mission.id


def test_the_events_list_tells_of_its_first_paint_once_after_it(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    heard: list[str] = []
    view = window.events_view
    view.after_first_paint(lambda: heard.append("first"))
    view.after_first_paint(lambda: heard.append("second"))
    assert heard == []  # not before the window is painted
    window.show()
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=5000)
    assert heard == ["second", "first"]  # the latest first, as Qt calls event filters
    view.viewport().update()
    QApplication.processEvents()
    view.after_first_paint(lambda: heard.append("late"))  # painted already: soon
    qtbot.waitUntil(lambda: len(heard) == 3, timeout=5000)
    assert heard == ["second", "first", "late"]
