"""Erasing personal data from the People page, and the retention reminder and review."""

from __future__ import annotations

from PySide6.QtCore import Qt

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
    assert len(workspace.erased_people()) == 2
    assert kept_id not in workspace.erased_people()
    assert "1 person" in notice.message.text()
