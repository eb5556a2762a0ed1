"""Backups in the window: back up now, restore from the list, the daily copy, the recovery offer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldkit.core.ids import new_id
from fieldkit.core.model import Event
from fieldkit.gui.shell.backup_actions import RestoreDialog
from fieldkit.gui.shell.damaged import open_at_start
from fieldkit.gui.shell.main_window import MainWindow
from fieldkit.store import Workspace, backups

from .conftest import Sample
from .test_main_window import listed_titles, open_window
from .test_shell import close_boxes, message_boxes, wait_for_tasks


def test_the_file_menu_offers_back_up_now_and_restore(qtbot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    texts = [action.text() for action in window.file_menu.actions()]
    assert "&Back up now…" in texts and "&Restore…" in texts


def test_restore_from_the_list_replaces_the_workspace_and_reloads(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = open_window(qtbot, workspace)
    backups.take_backup(workspace.path, backups.DAILY)
    workspace.save(Event(id=new_id(), code="LATE", title="Added after the backup"))
    window.controller.reload_events()
    assert "Added after the backup" in listed_titles(window)

    dialog = window.controller.backup_actions.restore()
    assert isinstance(dialog, RestoreDialog)
    assert dialog.list.topLevelItemCount() == 1
    row = dialog.list.topLevelItem(0)
    assert row.text(RestoreDialog.COL_KIND) == "Daily"
    assert row.text(RestoreDialog.COL_SIZE).endswith("KB")
    dialog.restore_button.click()

    box = window.controller.backup_actions.confirmation
    assert box is not None and box.isVisible()
    assert str(workspace.path) in box.text() and "replaced" in box.text()
    (replace,) = [b for b in box.buttons() if b.text() == "&Replace the workspace"]
    replace.click()
    wait_for_tasks(qtbot)

    assert "Added after the backup" not in listed_titles(window)
    assert {e.code for e in workspace.events()} == {
        sample.mission.code,
        sample.encounter.code,
        sample.workshop.code,
    }
    kinds = [c.kind for c in backups.list_backups(workspace.path)]
    assert kinds.count(backups.BEFORE_RESTORE) == 1
    assert any("was restored" in b.text() for b in message_boxes())
    close_boxes()


def test_declining_the_confirmation_changes_nothing(qtbot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    copy = backups.take_backup(workspace.path, backups.DAILY)
    workspace.save(Event(id=new_id(), code="KEEP", title="Kept"))
    box = window.controller.backup_actions.confirm_restore(copy)
    box.button(QMessageBox.StandardButton.Cancel).click()
    wait_for_tasks(qtbot)
    assert {e.code for e in workspace.events()} == {"KEEP"}
    assert [c.kind for c in backups.list_backups(workspace.path)] == [backups.DAILY]


def test_choosing_a_file_that_is_not_a_workspace_is_refused_in_one_sentence(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace)
    dialog = window.controller.backup_actions.restore()
    assert not dialog.restore_button.isEnabled()  # no backups yet
    assert dialog.empty.isVisible()
    other = tmp_path / "notes.sqlite"
    other.write_text("not a database", encoding="utf-8")
    chooser = dialog.choose_file()
    chooser.fileSelected.emit(str(other))
    box = window.controller.backup_actions.confirmation
    assert box is not None and str(other) in box.text()
    (replace,) = [b for b in box.buttons() if b.text() == "&Replace the workspace"]
    replace.click()
    wait_for_tasks(qtbot)
    (refusal,) = message_boxes()
    assert refusal.text() == f"The file {other} is not a fieldkit workspace; nothing was changed."
    assert backups.list_backups(workspace.path) == []
    close_boxes()


def test_the_daily_copy_is_taken_quietly_once(qtbot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    actions = window.controller.backup_actions
    task = actions.take_daily()
    wait_for_tasks(qtbot)
    assert task.done and not message_boxes()
    assert "backup was taken" in window.statusBar().currentMessage()
    actions.take_daily()
    wait_for_tasks(qtbot)
    assert [c.kind for c in backups.list_backups(workspace.path)] == [backups.DAILY]


def _damaged_workspace(tmp_path: Path) -> tuple[Path, Path]:
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "field.sqlite"
    with Workspace(path) as ws:
        ws.save(Event(id=new_id(), code="SAVED", title="In the backup"))
        copy = backups.take_backup(path, backups.DAILY, now=dt.datetime.now(dt.UTC))
    path.write_bytes(b"\x13" * 16384)
    return path, copy


def _answer(monkeypatch: pytest.MonkeyPatch, button_text: str | None, seen: list[str]) -> None:
    """Stand in for the modal question: read it, then press a button (None: Close)."""

    def exec_(box: QMessageBox) -> int:
        seen.append(f"{box.text()} {box.informativeText()}")
        for button in box.buttons():
            if button_text is not None:
                wanted = button.text() == button_text
            else:
                wanted = box.standardButton(button) == QMessageBox.StandardButton.Close
            if wanted:
                button.click()
                break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_a_damaged_workspace_is_offered_its_latest_good_backup_at_start(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, copy = _damaged_workspace(tmp_path)
    seen: list[str] = []
    _answer(monkeypatch, "&Restore the backup", seen)
    ws = open_at_start(path)
    assert ws is not None
    try:
        assert {e.code for e in ws.events()} == {"SAVED"}
    finally:
        ws.close()
    assert "fieldkit left it as it is" in seen[0] and "newest good backup" in seen[0]
    (aside,) = tmp_path.glob("field.damaged-*.sqlite")
    assert aside.read_bytes() == b"\x13" * 16384
    assert copy.exists()


def test_declining_the_offer_leaves_the_damaged_file_alone(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _copy = _damaged_workspace(tmp_path)
    seen: list[str] = []
    _answer(monkeypatch, None, seen)
    assert open_at_start(path) is None
    assert len(seen) == 1
    assert path.read_bytes() == b"\x13" * 16384
    assert not list(tmp_path.glob("field.damaged-*"))


def test_without_a_good_backup_there_is_no_offer(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, copy = _damaged_workspace(tmp_path)
    copy.write_bytes(b"\0" * 512)  # the only backup is hurt too
    seen: list[str] = []
    _answer(monkeypatch, "&Restore the backup", seen)
    assert open_at_start(path) is None
    assert "newest good backup" not in seen[0]
    assert not list(tmp_path.glob("field.damaged-*"))


def test_file_open_of_a_damaged_workspace_offers_its_backup_too(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    window = open_window(qtbot, workspace)
    path, _copy = _damaged_workspace(tmp_path / "other")
    assert window.controller.workspace_actions.switch_to(path) is None
    dialog = window.controller.workspace_actions.unusable_dialog
    assert dialog is not None and "newest good backup" in dialog.informativeText()
    (restore,) = [b for b in dialog.buttons() if b.text() == "&Restore the backup"]
    restore.click()
    assert list((tmp_path / "other").glob("field.damaged-*"))
    (opened,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.isVisible() and w.controller.ws.path == path
    ]
    try:
        assert {e.code for e in opened.controller.ws.events()} == {"SAVED"}
    finally:
        opened.close()


def test_the_dialog_screenshot(qtbot, workspace: Workspace, tmp_path: Path) -> None:
    for hours in (0, 5, 30):
        backups.take_backup(
            workspace.path,
            backups.DAILY if hours != 5 else backups.BEFORE_IMPORT,
            now=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC) + dt.timedelta(hours=hours),
        )
    dialog = RestoreDialog(backups.list_backups(workspace.path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.list.topLevelItemCount() == 3
    assert dialog.restore_button.isEnabled()
    assert QApplication.activeModalWidget() is None
    dialog.grab().save(str(tmp_path / "restore.png"))
    dialog.close()
