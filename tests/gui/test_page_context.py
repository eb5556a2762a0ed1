"""The page context and the page base class: one write path, the echo of one's own writes, the
changes held for hidden pages, progress through the worker's signal."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldkit.core.errors import InvalidInput
from fieldkit.core.ids import new_id
from fieldkit.core.model import Changes, Person, Result
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.shell.worker import running_tasks
from fieldkit.store import Workspace

from .conftest import Sample
from .test_main_window import open_window


class Recorder(Page):
    """A page that notes what it is told."""

    def __init__(self, context: PageContext) -> None:
        super().__init__(context)
        self.events: list[str | None] = []
        self.heard: list[Changes] = []
        self.echoes = 0
        self.problems: list[str] = []

    def set_event(self, event_id: str | None) -> None:
        self.events.append(event_id)

    def on_changes(self, changes: Changes) -> None:
        if self.is_own(changes):
            self.echoes += 1
            return
        self.heard.append(changes)

    def retranslate_ui(self) -> None:
        pass

    def refused(self, message: str) -> None:
        self.problems.append(message)


def test_a_page_knows_its_own_echo_and_hears_the_others(qtbot, workspace: Workspace) -> None:
    context = PageContext(workspace)
    mine, other = Recorder(context), Recorder(context)
    qtbot.addWidget(mine)
    qtbot.addWidget(other)
    person = Person(id=new_id(), given_names="Rosa")
    written = mine.write(lambda: workspace.save(person))
    assert written is not None and written.changes.initiator is mine
    assert (mine.echoes, mine.heard) == (1, [])
    assert other.heard == [Changes(people=True)] and other.heard[0].initiator is mine
    updated = other.write(lambda: workspace.update(Person, person.id, surnames="Apaza"))
    assert updated is not None and updated.value.surnames == "Apaza"
    assert mine.heard == [Changes(people=True)] and other.echoes == 1
    # Nothing changed: nobody is told.
    assert mine.write(lambda: workspace.save(workspace.require(Person, person.id))) is not None
    assert (mine.echoes, len(other.heard)) == (1, 1)


def test_a_refusal_changes_nothing_and_shows_where_the_page_says(
    qtbot, workspace: Workspace
) -> None:
    context = PageContext(workspace)
    page = Recorder(context)
    qtbot.addWidget(page)
    seen: list[Changes] = []
    context.changed.connect(seen.append)

    def refused() -> Result[None]:
        raise InvalidInput("A walk-in needs a name.")

    assert page.write(refused) is None
    assert page.problems == ["A walk-in needs a name."] and seen == []


def test_a_hidden_page_catches_up_once_when_shown(
    qtbot, workspace: Workspace, sample: Sample
) -> None:
    window = open_window(qtbot, workspace)
    controller = window.controller
    controller.select_event(sample.mission.id)
    window.show_page("people")
    people = window.page("people")
    window.show_page("agenda")  # people is hidden now
    told: list[Changes] = []
    people.on_changes = told.append  # type: ignore[method-assign]
    controller.changed.emit(Changes(people=True))
    controller.changed.emit(Changes(notes=True))
    assert told == []  # a hidden page does no work
    window.show_page("people")
    assert told == [Changes(people=True, notes=True)]  # merged, once
    controller.changed.emit(Changes(agenda=True))
    assert told[-1] == Changes(agenda=True)  # in view: at once


def test_progress_comes_through_the_worker_signal_a_few_times(qtbot, workspace: Workspace) -> None:
    context = PageContext(workspace)
    page = Recorder(context)
    qtbot.addWidget(page)
    steps: list[tuple[int, int]] = []
    done: list[int] = []

    def job(progress) -> int:  # type: ignore[no-untyped-def]
        for step in range(1, 20_001):
            progress(step, 20_000)
        return 7

    context.run_in_background(page, "Working…", job, done.append, None, lambda *a: steps.append(a))
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.waitUntil(lambda: running_tasks() == 0, timeout=5000)
    assert done == [7]
    assert steps[-1] == (20_000, 20_000)  # the last step always arrives
    assert len(steps) < 200  # not one signal per step
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
