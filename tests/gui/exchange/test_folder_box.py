"""The sync folder on the Exchange page: a round in the background, what came in reaching every
page, the last round remembered, a refusal in one sentence, the timer and the round at closing."""

from __future__ import annotations

from pathlib import Path

from fieldkit import demo
from fieldkit.core import ids
from fieldkit.core.model import Changes, Person
from fieldkit.gui.exchange.folder_box import EVERY_SETTING, LAST_SETTING, PATH_SETTING
from fieldkit.gui.exchange.page import ExchangePage
from fieldkit.gui.shell.context import PageContext
from fieldkit.store import Workspace
from fieldkit.sync.folder import sync_folder

WAIT_MS = 30_000


def test_in_the_window_a_round_brings_the_other_laptops_work_to_every_page(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    from fieldkit.gui.shell.main_controller import DEMO_OFFERED, create_main_window

    folder = tmp_path / "Sync"
    folder.mkdir()
    (tmp_path / "group").mkdir(exist_ok=True)
    other = Workspace(tmp_path / "group" / "group.sqlite", device_name="Group 2")
    try:
        demo.install_demo(other)
        sync_folder(other, folder)
    finally:
        other.close()
    workspace.set_setting(DEMO_OFFERED, True)
    window = create_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    window.show_page("exchange")
    page = window.page("exchange")
    assert isinstance(page, ExchangePage)
    box = page.folder_box
    seen: list[Changes] = []
    window.controller.changed.connect(seen.append)
    box.choose_folder(str(folder))
    assert workspace.setting(PATH_SETTING) == str(folder)
    box.sync_button.click()
    qtbot.waitUntil(lambda: not box.busy(), timeout=WAIT_MS)
    assert seen and seen[-1].events and seen[-1].people
    assert window.controller.has_events()  # the events list reloaded
    assert page.events_list.count() == 2
    text = box.status.text()
    assert "Last sync:" in text and "Read 1 segment from other laptops." in text
    assert workspace.setting(LAST_SETTING)["report"]["arrived"][0]["name"] == "Group 2"


def test_a_missing_folder_says_so_in_the_box(qtbot, workspace: Workspace, tmp_path: Path) -> None:
    page = ExchangePage(PageContext(workspace))
    qtbot.addWidget(page)
    before = workspace.dump()
    page.folder_box.choose_folder(str(tmp_path / "unplugged"))
    page.folder_box.sync_now()
    qtbot.waitUntil(lambda: not page.folder_box.busy(), timeout=WAIT_MS)
    assert "is not there" in page.folder_box.status.text()
    assert "b00020" in page.folder_box.status.styleSheet()
    assert workspace.dump() == before


def test_the_timer_and_the_round_at_closing(qtbot, workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    page = ExchangePage(PageContext(workspace))
    qtbot.addWidget(page)
    box = page.folder_box
    box.sync_on_close()  # no folder yet: nothing happens
    box.choose_folder(str(folder))
    box.every_check.setChecked(True)
    box.every_spin.setValue(10)
    assert box.timer.isActive() and box.timer.interval() == 600_000
    assert workspace.setting(EVERY_SETTING) == 10
    workspace.save(Person(id=ids.new_id(), given_names="Rosa", surnames="Quispe"))
    box.sync_on_close()  # not asked for: nothing is written
    assert not list(folder.glob("*/*.fkseg"))
    box.on_close_check.setChecked(True)
    box.sync_on_close()
    assert len(list(folder.glob("*/*.fkseg"))) == 1
    box.every_check.setChecked(False)
    assert not box.timer.isActive()


def test_the_screenshot_of_the_sync_folder_is_written(qapp, tmp_path: Path) -> None:
    from tests.gui.test_screenshots import assert_rendered

    from fieldkit.gui.shell import screenshots

    assert screenshots.main([str(tmp_path), "--only", "sync-folder"]) == 0
    assert_rendered(tmp_path, ["sync-folder.png"])


def test_a_round_that_brings_people_typed_twice_offers_to_review_them(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    workspace.save(Person(ids.new_id(), "Eulalia", "Ticona Huanca", phone="+591 71234567"))
    (tmp_path / "door").mkdir()
    other = Workspace(tmp_path / "door" / "door.sqlite", device_name="Door")
    try:  # the door's laptop typed her again, surnames the other way round
        other.save(Person(ids.new_id(), "EULALIA", "Huanca Ticona", phone="71234567"))
        sync_folder(other, folder)
    finally:
        other.close()
    page = ExchangePage(PageContext(workspace))
    qtbot.addWidget(page)
    box = page.folder_box
    notice = box.duplicates_notice
    box.choose_folder(str(folder))
    assert not notice.isVisibleTo(page)
    box.sync_button.click()
    qtbot.waitUntil(lambda: not box.busy(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: notice.count == 1, timeout=WAIT_MS)
    assert notice.isVisibleTo(page)
    assert "1 possible duplicate — review" in notice.text()
