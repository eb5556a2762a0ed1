"""The window and a damaged or foreign workspace: the sentence in a dialog, another one offered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox
from tests.store.bad_files import (
    clashing_table,
    damaged_pages,
    fingerprint,
    random_bytes,
    workspace_with_damaged_journal,
)

from fieldkit.core.errors import DamagedWorkspace
from fieldkit.gui.shell import damaged
from fieldkit.gui.shell.damaged import UnusableWorkspaceDialog, open_at_start
from fieldkit.gui.shell.main_controller import create_main_window
from fieldkit.store import Workspace


def _alone(folder: Path, make) -> Path:  # type: ignore[no-untyped-def]
    folder.mkdir()
    path = make(folder)
    for other in folder.iterdir():
        if other != path:
            shutil.rmtree(other) if other.is_dir() else other.unlink()
    return path


def _press(button_of: str, monkeypatch: pytest.MonkeyPatch) -> list[UnusableWorkspaceDialog]:
    """Make the start's modal dialog answer at once with one of its buttons; the dialogs seen."""
    seen: list[UnusableWorkspaceDialog] = []

    def answer(dialog: UnusableWorkspaceDialog) -> int:
        seen.append(dialog)
        button = getattr(dialog, button_of)
        button.click()
        return 0

    monkeypatch.setattr(UnusableWorkspaceDialog, "exec", answer)
    return seen


def test_at_start_a_foreign_file_is_named_and_another_workspace_can_be_opened(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    foreign = _alone(tmp_path / "other", clashing_table)
    before = fingerprint(foreign.parent)
    good = tmp_path / "good.sqlite"
    Workspace(good).close()
    seen = _press("open_other_button", monkeypatch)
    monkeypatch.setattr(damaged, "choose_workspace_file", lambda _parent, _folder: good)
    ws = open_at_start(foreign)
    try:
        assert ws is not None and ws.path == good
    finally:
        assert ws is not None
        ws.close()
    assert len(seen) == 1
    assert seen[0].text() == (
        f"The file {foreign} is a database of another application, not a fieldkit workspace. "
        "fieldkit left it as it is."
    )
    assert seen[0].error.kind == "foreign"
    assert fingerprint(foreign.parent) == before


def test_at_start_closing_the_dialog_gives_up_and_writes_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    noise = _alone(tmp_path / "noise", random_bytes)
    before = fingerprint(noise.parent)
    seen = _press("close_button", monkeypatch)
    assert open_at_start(noise) is None
    assert seen[0].error.kind == "damaged"
    assert "not a database that fieldkit can read" in seen[0].text()
    assert fingerprint(noise.parent) == before


def test_the_run_of_the_app_on_a_damaged_file_ends_with_the_dialog(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.gui.shell.app import run

    broken = _alone(tmp_path / "broken", lambda folder: damaged_pages(folder))
    before = fingerprint(broken.parent)
    seen = _press("close_button", monkeypatch)
    assert run(broken) == 1
    assert len(seen) == 1 and seen[0].error.kind == "damaged"
    assert fingerprint(broken.parent) == before


def test_damage_found_after_the_window_is_shown_gets_the_dialog(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.sqlite"
    Workspace(path).close()
    ws = Workspace(path)  # opened without the full check, as the window does
    failures = []

    def damaged_check(real: Path) -> None:
        failures.append(real)
        raise DamagedWorkspace("The workspace is damaged.", path=real, kind="damaged")

    monkeypatch.setattr(damaged, "quick_check", damaged_check)
    window = create_main_window(ws, owns_workspace=True)
    opened: list[bool] = []
    window.controller.damage_watch.on_open_other = lambda: opened.append(True)
    window.show()
    qtbot.waitUntil(lambda: window.controller.damage_watch.dialog is not None, timeout=10000)
    dialog = window.controller.damage_watch.dialog
    assert failures == [path.resolve()]
    assert dialog.text() == "The workspace is damaged."
    assert dialog.isVisible()
    dialog.grab().save(str(tmp_path / "damaged-dialog.png"))
    dialog.open_other_button.click()
    assert opened == [True]
    window.close()


def test_a_sound_workspace_shows_no_dialog(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    Workspace(path).close()
    ws = Workspace(path)
    window = create_main_window(ws, owns_workspace=True)
    window.show()
    qtbot.waitUntil(lambda: "overview" in window.controller.pages, timeout=10000)
    qtbot.wait(300)
    assert window.controller.damage_watch.dialog is None
    window.close()


def test_a_damaged_journal_copied_aside_is_said_in_the_window(qtbot, tmp_path: Path) -> None:
    path, _frames = workspace_with_damaged_journal(tmp_path)
    ws = Workspace(path)
    assert ws.notices
    window = create_main_window(ws, owns_workspace=True)
    window.show()

    def notice_shown() -> bool:
        return any(
            isinstance(w, QMessageBox) and w.isVisible() and "journal" in w.text()
            for w in QApplication.topLevelWidgets()
        )

    qtbot.waitUntil(notice_shown, timeout=10000)
    window.close()


def test_opening_a_foreign_file_from_the_window_keeps_the_current_workspace(
    qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "w.sqlite"
    Workspace(path).close()
    ws = Workspace(path)
    window = create_main_window(ws, owns_workspace=True)
    window.show()
    foreign = _alone(tmp_path / "other", clashing_table)
    before = fingerprint(foreign.parent)
    actions = window.controller.workspace_actions
    assert actions.switch_to(foreign) is None
    dialog = actions.unusable_dialog
    assert dialog is not None and dialog.isVisible()
    assert "another application" in dialog.text()
    assert window.isVisible() and actions.ws.path == path
    dialog.close_button.click()
    assert fingerprint(foreign.parent) == before
    window.close()


def test_a_workspace_damaged_inside_is_found_once_the_window_shows(qtbot, tmp_path: Path) -> None:
    """The real check on a file whose tables are damaged and whose header and schema are not."""
    path = _alone(tmp_path / "hurt", lambda folder: damaged_pages(folder, 0.6))
    ws = Workspace(path)  # the header and the schema pass: the window opens
    window = create_main_window(ws, owns_workspace=True)
    window.show()
    qtbot.waitUntil(lambda: window.controller.damage_watch.dialog is not None, timeout=15000)
    dialog = window.controller.damage_watch.dialog
    assert dialog.error.kind == "damaged"
    assert dialog.text() == (
        f"The workspace {path} is damaged: SQLite found errors in it. fieldkit left it as it is."
    )
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_damage_found_in_the_window_offers_the_backups_and_restores_one(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.core.ids import new_id
    from fieldkit.core.model import Event
    from fieldkit.gui.shell.main_window import MainWindow
    from fieldkit.store import backups

    path = tmp_path / "w.sqlite"
    with Workspace(path) as ws:
        ws.save(Event(id=new_id(), code="A", title="Kept"))
        copy = backups.take_backup(path, backups.DAILY)
    ws = Workspace(path)
    ws.save(Event(id=new_id(), code="B", title="Lost with the damage"))
    issued = ws.clock.last_issued
    found: list[Path] = []

    def damaged_once(real: Path) -> None:
        if not found:  # the restored workspace is sound
            found.append(real)
            raise DamagedWorkspace("The workspace is damaged.", path=real, kind="damaged")

    monkeypatch.setattr(damaged, "quick_check", damaged_once)
    window = create_main_window(ws, owns_workspace=True)
    window.show()
    watch = window.controller.damage_watch
    qtbot.waitUntil(lambda: watch.dialog is not None, timeout=10000)
    dialog = watch.dialog
    assert watch.restore_button is not None and dialog.defaultButton() is watch.restore_button
    assert watch.restore_button.text() == "Restore a backup…"
    dialog.grab().save(str(tmp_path / "damaged-with-backups.png"))
    watch.restore_button.click()
    qtbot.waitUntil(lambda: watch.restore_dialog is not None and watch.restore_dialog.isVisible())
    chooser = watch.restore_dialog
    assert chooser.list.topLevelItemCount() == 1  # the list of File > Restore…
    assert chooser.selected_path() == copy
    assert "The damaged workspace is kept aside" in chooser.intro.text()
    chooser.grab().save(str(tmp_path / "damaged-backups-list.png"))
    chooser.restore_button.click()

    def restored_window() -> MainWindow | None:
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w is not window and w.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: restored_window() is not None, timeout=15000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible())
    again = restored_window().controller.context.ws
    assert again.path == path and {e.code for e in again.events()} == {"A"}
    assert again.clock.now() > issued  # no stamp issued twice
    (aside,) = [p for p in tmp_path.iterdir() if "damaged-" in p.name and p.suffix == ".sqlite"]
    with Workspace(aside) as kept:
        assert {e.code for e in kept.events()} == {"A", "B"}  # the damaged file, kept as it was
    assert copy.exists()  # the backup is copied, never moved
    restored_window().close()


def test_cancelling_the_list_of_backups_shows_the_damage_again(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.store import backups

    path = tmp_path / "w.sqlite"
    Workspace(path).close()
    backups.take_backup(path, backups.DAILY)
    ws = Workspace(path)

    def damaged_check(real: Path) -> None:
        raise DamagedWorkspace("The workspace is damaged.", path=real, kind="damaged")

    monkeypatch.setattr(damaged, "quick_check", damaged_check)
    window = create_main_window(ws, owns_workspace=True)
    window.show()
    watch = window.controller.damage_watch
    qtbot.waitUntil(lambda: watch.dialog is not None, timeout=10000)
    first = watch.dialog
    watch.restore_button.click()
    qtbot.waitUntil(lambda: watch.restore_dialog is not None and watch.restore_dialog.isVisible())
    watch.restore_dialog.reject()
    qtbot.waitUntil(lambda: watch.dialog is not first and watch.dialog.isVisible())
    assert window.isVisible() and ws.path == path
    watch.dialog.close_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_a_damaged_workspace_without_backups_offers_no_restore(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.sqlite"
    Workspace(path).close()
    ws = Workspace(path)

    def damaged_check(real: Path) -> None:
        raise DamagedWorkspace("The workspace is damaged.", path=real, kind="damaged")

    monkeypatch.setattr(damaged, "quick_check", damaged_check)
    window = create_main_window(ws, owns_workspace=True)
    window.show()
    watch = window.controller.damage_watch
    qtbot.waitUntil(lambda: watch.dialog is not None, timeout=10000)
    assert watch.restore_button is None
    watch.dialog.close_button.click()
