"""Erasing personal data from the People page, and the retention reminder and review."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldkit.core.model import Person
from fieldkit.core.retention import SETTING_KEY
from fieldkit.store import Workspace

from .conftest import Sample
from .test_people import people_page


def _someone(workspace: Workspace) -> Person:
    return next(p for p in workspace.list(Person) if p.surnames == "Quispe Mamani")


def test_erase_asks_then_erases_with_the_choice(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    _window, page = people_page(qtbot, workspace, sample.mission.id)
    person = _someone(workspace)
    workspace.update(Person, person.id, phone="+591 71234567")
    page.reload()
    assert page.select_person(person.id)
    dialog = page.erase_person()
    assert "Erase the personal data of" in dialog.question.text()
    assert "initials" in dialog.erased_label.text()
    assert "older backups still hold the data" in dialog.final_label.text()
    dialog.reject()  # Cancel: nothing changes
    assert workspace.require(Person, person.id).phone == "+591 71234567"
    dialog = page.erase_person()
    dialog.remove_radio.setChecked(True)
    assert "only the initials" not in dialog.erased_label.text()
    dialog.erase_button.click()
    assert page.erase_task is not None  # off the GUI thread
    qtbot.waitUntil(lambda: page.erase_task is None, timeout=20000)
    erased = workspace.require(Person, person.id)
    assert (erased.full_name, erased.phone) == ("", "")
    assert person.id in workspace.erased_people()
    qtbot.waitUntil(lambda: page.model.person(person.id) is not None)
    assert page.model.person(person.id).phone == ""


def test_the_reminder_shows_only_when_someone_is_due(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window, _page = people_page(qtbot, workspace, sample.mission.id)
    notice = window.retention_notice
    notice.check_now()
    assert notice.isHidden()  # no time limit: nobody is due
    workspace.set_setting(SETTING_KEY, 2)
    notice.check()  # off the GUI thread, as at start
    qtbot.waitUntil(lambda: notice.isVisible())
    assert "3 people" in notice.message.text() and "2 years" in notice.message.text()
    dialog = notice.review()
    assert dialog.list.count() == 3
    keep = dialog.list.item(0)
    keep.setCheckState(Qt.CheckState.Unchecked)
    kept_id = keep.data(Qt.ItemDataRole.UserRole)
    confirm = dialog.ask()
    assert "2 people" in confirm.question.text()
    confirm.erase_button.click()
    qtbot.waitUntil(lambda: "1 person" in notice.message.text(), timeout=20000)
    assert len(workspace.erased_people()) == 2
    assert kept_id not in workspace.erased_people()
    assert "1 person" in notice.message.text()


def test_the_erasure_runs_off_the_gui_thread_and_the_window_says_it_is_working(
    qtbot, workspace: Workspace, sample: Sample, monkeypatch, tmp_path
) -> None:
    """Clearing the file (a VACUUM) takes seconds on a large workspace: it must not freeze the
    window. The clearing is held here until the test has seen the window alive and busy."""
    window, page = people_page(qtbot, workspace, sample.mission.id)
    person = _someone(workspace)
    entered, release = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []
    clear = Workspace.clear_free_space

    def held_clear(self: Workspace) -> None:
        threads.append(threading.current_thread())
        entered.set()
        release.wait(20)
        clear(self)

    monkeypatch.setattr(Workspace, "clear_free_space", held_clear)
    assert page.select_person(person.id)
    page.erase_person().erase_button.click()
    try:
        qtbot.waitUntil(entered.is_set, timeout=20000)
        ticks: list[int] = []
        timer = QTimer(page)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(10)
        qtbot.waitUntil(lambda: len(ticks) >= 5)  # the GUI thread goes on handling events
        timer.stop()
        task = page.erase_task
        assert task is not None
        qtbot.waitUntil(lambda: task.dialog.isVisible())  # the window says it is working
        assert "Erasing personal data" in task.dialog.labelText()
        window.grab().save(str(tmp_path / "erasing.png"))
        task.dialog.grab().save(str(tmp_path / "erasing-dialog.png"))
    finally:
        release.set()
    qtbot.waitUntil(lambda: page.erase_task is None, timeout=20000)
    assert threads and threads[0] is not threading.main_thread()
    assert person.id in workspace.erased_people()
    qtbot.waitUntil(lambda: page.model.person(person.id).full_name != person.full_name)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any(b.isVisible() and b.windowTitle() == "Erase personal data" for b in boxes)


def test_a_refused_erasure_says_so_in_one_sentence(
    qtbot, workspace: Workspace, sample: Sample, monkeypatch
) -> None:
    _window, page = people_page(qtbot, workspace, sample.mission.id)
    person = _someone(workspace)
    workspace.erase_people([person.id], keep_initials=True)
    page.reload()
    told: list[str] = []
    monkeypatch.setattr(page, "refused", told.append)
    assert page.select_person(person.id)
    page.erase_person().erase_button.click()
    qtbot.waitUntil(lambda: page.erase_task is None, timeout=20000)
    assert told and "already erased" in told[0] and "\n" not in told[0]
