"""The shell: settings, backup off the GUI thread, other workspaces, remembered layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QSplitter

from fieldkit import i18n
from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.gui.events.list_model import EventListModel
from fieldkit.gui.shell import preferences as keys
from fieldkit.gui.shell import ui_state
from fieldkit.gui.shell.main_controller import create_main_window
from fieldkit.gui.shell.main_window import MainWindow
from fieldkit.gui.shell.preferences import read_preferences
from fieldkit.gui.shell.recent import recent_workspaces, remember_workspace
from fieldkit.gui.shell.settings_dialog import SettingsDialog
from fieldkit.gui.shell.worker import run_in_background, running_tasks
from fieldkit.store import Workspace

from .conftest import Sample
from .test_main_window import open_window


@pytest.fixture
def english():
    yield
    i18n.set_language("en")


def message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def close_boxes() -> None:
    for box in message_boxes():
        box.close()


def wait_for_tasks(qtbot) -> None:
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.waitUntil(lambda: running_tasks() == 0, timeout=5000)


def test_standard_shortcuts(qtbot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    shortcuts = {
        action.text(): action.shortcut().toString()
        for action in (
            window.new_event_action,
            window.open_workspace_action,
            window.settings_action,
            window.quit_action,
            window.guide_action,
            window.about_action,
        )
    }
    assert shortcuts == {
        "&New event": "Ctrl+N",
        "&Open workspace…": "Ctrl+O",
        "&Settings…": "Ctrl+,",
        "&Quit": "Ctrl+Q",
        "&User guide": "F1",
        "&About fieldkit": "",
    }
    assert [a.shortcut().toString() for a in window.page_actions][:3] == [
        "Ctrl+1",
        "Ctrl+2",
        "Ctrl+3",
    ]
    window.page_actions[2].trigger()
    assert window.current_page_key() == "agenda"
    # Ctrl+F: the page's own search field when it has one, else the events' filter.
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    window.activateWindow()
    window.find_action.trigger()
    qtbot.waitUntil(window.filter_edit.hasFocus)
    window.show_page("people")
    window.find_action.trigger()
    qtbot.waitUntil(window.page("people").filter_edit.hasFocus)


def test_settings_are_saved_as_chosen(
    qtbot, workspace: Workspace, sample: Sample, tmp_path: Path, english
) -> None:
    window = open_window(qtbot, workspace)
    window.settings_action.trigger()
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible()
    ]
    assert len(dialogs) == 1  # opened with open(): the test goes on
    dialog = dialogs[0]
    dialog.output_combo.setCurrentIndex(dialog.output_combo.findData("es"))
    dialog.output_combo.activated.emit(dialog.output_combo.currentIndex())
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("letter"))
    dialog.paper_combo.activated.emit(dialog.paper_combo.currentIndex())
    dialog.organisation_edit.setText("Red de Mujeres AMUPEI")
    dialog.organisation_edit.editingFinished.emit()
    dialog.rows_spin.setValue(25)
    logo = tmp_path / "logo.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a7ab0"))
    assert image.save(str(logo))
    assert dialog.set_logo_file(logo)
    assert not dialog.logo_preview.pixmap().isNull()
    prefs = read_preferences(workspace)
    assert (prefs.output_language, prefs.paper, prefs.organisation_name, prefs.blank_rows) == (
        "es",
        "letter",
        "Red de Mujeres AMUPEI",
        25,
    )
    assert workspace.blob(prefs.logo) == logo.read_bytes()
    # A file that is not an image gets a plain sentence.
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    assert not dialog.set_logo_file(bad)
    assert "not an image fieldkit can use" in message_boxes()[0].text()
    close_boxes()
    dialog.remove_logo()
    assert read_preferences(workspace).logo is None
    dialog.close()


def test_interface_language_applies_at_once(
    qtbot, workspace: Workspace, sample: Sample, english
) -> None:
    window = open_window(qtbot, workspace)
    dialog = window.controller.workspace_actions.show_settings()
    model = window.events_view.model()

    def dates() -> list[str]:
        return [
            model.index(r, EventListModel.COL_DATES).data().replace("\u2009", " ")
            for r in range(model.rowCount())
        ]

    assert "Mar 15 – 30, 2008" in dates()
    seen = []
    for page in window.controller.pages.values():
        original = page.retranslate_ui
        page.retranslate_ui = lambda original=original, page=page: (seen.append(page), original())
    dialog.interface_combo.setCurrentIndex(dialog.interface_combo.findData("fr"))
    dialog.interface_combo.activated.emit(dialog.interface_combo.currentIndex())
    assert workspace.setting(keys.INTERFACE_LANGUAGE) == "fr"
    assert i18n.current_language() == "fr"
    assert any(d.startswith("15") and "mars 2008" in d for d in dates())  # no restart
    assert window.file_menu.title() == "&Fichier"
    assert window.nav_list.item(0).text() == "Vue d'ensemble"
    assert dialog.windowTitle() != "Settings"
    assert len(seen) == len(window.controller.pages)
    dialog.close()


def test_backup_runs_off_the_gui_thread(
    qtbot, workspace: Workspace, sample: Sample, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace)
    dialog = window.controller.backup_actions.back_up_now()
    assert dialog.acceptMode() == dialog.AcceptMode.AcceptSave
    target = tmp_path / "kept" / "copy.sqlite"
    target.parent.mkdir()
    dialog.fileSelected.emit(str(target))
    task = window.controller.backup_actions.task
    wait_for_tasks(qtbot)
    assert task is not None and task.done
    (box,) = message_boxes()
    assert "copy checked" in box.text()
    with Workspace(target) as copy:
        assert {e.title for e in copy.events()} == {e.title for e in workspace.events()}
    close_boxes()


def test_background_failure_is_a_plain_sentence(qtbot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    seen: list[object] = []

    def fail(progress):
        progress(1, 2)
        raise WorkspaceUnavailable("The disk that holds the workspace is full.")

    run_in_background(window, "Working…", fail, seen.append)
    wait_for_tasks(qtbot)
    assert seen == []
    assert [b.text() for b in message_boxes()] == ["The disk that holds the workspace is full."]
    close_boxes()


def test_open_another_workspace(
    qtbot, workspace: Workspace, sample: Sample, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace)
    other = tmp_path / "other.fieldkit"
    Workspace(other).close()
    new_window = window.controller.workspace_actions.switch_to(other)
    assert isinstance(new_window, MainWindow) and new_window is not window
    assert new_window.controller.ws.path == other
    assert not window.isVisible() and new_window.isVisible()
    assert recent_workspaces()[0] == other.resolve()
    window.controller.workspace_actions.fill_recent_menu()
    new_window.close()  # the window owns its workspace: closing it frees the file
    Workspace(other).close()


def test_a_workspace_open_elsewhere_is_refused_plainly(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace)
    busy = Workspace(tmp_path / "busy.fieldkit")  # as another copy of fieldkit would hold it
    try:
        assert window.controller.workspace_actions.switch_to(busy.path) is None
    finally:
        busy.close()
    assert window.isVisible()
    assert "open in another copy of fieldkit" in message_boxes()[0].text()
    close_boxes()


def test_recent_list(tmp_path: Path) -> None:
    paths = [tmp_path / f"w{n}.fieldkit" for n in range(10)]
    for path in paths:
        remember_workspace(path)
    remember_workspace(paths[3])
    recent = recent_workspaces()
    assert recent[0] == paths[3].resolve() and len(recent) == 8
    assert len(set(recent)) == 8


def test_window_size_and_splitters_are_remembered(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = create_main_window(workspace, owns_workspace=False)
    qtbot.addWidget(window)
    window.show()
    window.resize(1100, 700)
    splitter = window.findChild(QSplitter, "mainSplitter")
    splitter.setSizes([400, 700])
    left = splitter.sizes()[0]
    ui_state.save_window_state(window)
    assert ui_state.settings_file().exists()
    again = create_main_window(workspace)
    qtbot.addWidget(again)
    assert ui_state.restore_window_state(again)
    # The offscreen screen is 800×600 wide, and a restored geometry is kept on the screen: give
    # the window its size again before looking at its splitter.
    again.resize(1100, 700)
    again.show()
    qtbot.waitUntil(lambda: again.findChild(QSplitter, "mainSplitter").sizes()[0] == left)
