"""The Exchange page: export, import with a preview, refusals, conflicts, undo — off the GUI thread."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from fieldkit import demo
from fieldkit.core.errors import UserError
from fieldkit.core.model import Changes, Conflict, Session
from fieldkit.gui.exchange.conflicts import KEEP, OTHER, STAY_DELETED, UNDELETE
from fieldkit.gui.exchange.page import ExchangePage
from fieldkit.gui.exchange.words import WORDS
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.pages import PAGES
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange

DATA = Path(__file__).parents[2] / "data" / "exchange"
TODAY = dt.date(2021, 10, 12)
WAIT_MS = 20_000


@pytest.fixture
def page(qtbot, workspace: Workspace) -> ExchangePage:
    widget = ExchangePage(PageContext(workspace), today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Workspace]:
    """A second laptop: the group's."""
    (tmp_path / "group").mkdir()
    ws = Workspace(tmp_path / "group" / "group.sqlite", device_name="Group 2")
    yield ws
    ws.close()


def wait_idle(qtbot, page: ExchangePage) -> None:
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)


def preview_file(qtbot, page: ExchangePage, path: Path) -> None:
    page.choose_import_file(path)
    wait_idle(qtbot, page)


def share(source: Workspace, target: Workspace, path: Path) -> None:
    export_exchange(source, path)
    import_exchange(target, path)


def test_the_window_registers_the_page(qtbot, workspace: Workspace) -> None:
    spec = next(spec for spec in PAGES if spec.key == "exchange")
    made = spec.factory(PageContext(workspace))
    assert isinstance(made, ExchangePage)
    made.deleteLater()


def test_the_laptops_name_is_saved(qtbot, page: ExchangePage, workspace: Workspace) -> None:
    assert page.name_edit.text() == ""  # no name yet: the placeholder shows an example
    qtbot.keyClicks(page.name_edit, "  Registration desk ")
    page.name_edit.editingFinished.emit()
    assert workspace.device_name == "Registration desk"
    workspace.set_device_name("Desk")
    page.on_changes(Changes(events=True))
    assert page.name_edit.text() == "Desk"


def test_suggest_fills_five_words_that_change_each_time(page: ExchangePage) -> None:
    page.suggest_button.click()
    first = page.pass_edit.text()
    assert len(first.split()) == 5 and all(word in WORDS for word in first.split())
    page.suggest_button.click()
    assert page.pass_edit.text() != first
    assert "phone numbers" in page.pass_note.text()


def test_export_through_the_save_dialog(
    qtbot, page: ExchangePage, workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    demo.install_demo(workspace)
    workspace.set_device_name("Registration desk")
    page.reload()
    assert page.events_list.count() == 2 and page.chosen_events() == []
    page.plain_check.setChecked(True)  # encrypted by default: a plain file is a choice
    assert not page.pass_edit.isEnabled()
    page.export_button.click()
    dialog = page.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()  # open(), not exec()
    assert dialog.selectedFiles()[0].endswith("Registration-desk-2021-10-12.fkx")
    target = tmp_path / "stick" / "desk.fkx"
    target.parent.mkdir()
    dialog.fileSelected.emit(str(target))
    dialog.close()
    wait_idle(qtbot, page)
    assert target.is_file()
    report = page.export_report
    assert report is not None and report.path == target and not report.encrypted
    text = page.export_result.text()
    assert str(target) in text and "KB" in text and "117 people" in text
    assert " 25 sessions" in text and "1,125 participations" in text  # as the pages show them
    assert "Not encrypted" in text
    preview = import_exchange(other, target, dry_run=True).as_dict()
    assert preview["from_name"] == "Registration desk" and len(preview["events"]) == 2


def test_export_of_the_chosen_events_only(
    qtbot, page: ExchangePage, workspace: Workspace, tmp_path: Path
) -> None:
    demo.install_demo(workspace)
    page.reload()
    mission = workspace.find_event(demo.MISSION_CODE)
    for row in range(page.events_list.count()):
        item = page.events_list.item(row)
        if item.text().startswith(demo.ENCOUNTER_CODE):
            item.setCheckState(item.checkState().Unchecked)
    assert page.chosen_events() == [mission.id]
    page.plain_check.setChecked(True)
    page.export_to(tmp_path / "mission.fkx")
    wait_idle(qtbot, page)
    assert page.export_report is not None
    assert [e.id for e in page.export_report.events] == [mission.id]


def test_import_shows_a_preview_then_imports_in_the_background(
    qtbot, page: ExchangePage, workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    demo.install_demo(other)
    path = tmp_path / "group.fkx"
    export_exchange(other, path)
    before = workspace.dump()
    changes: list[Changes] = []
    page.context.changed.connect(changes.append)

    preview_file(qtbot, page, path)
    text = page.import_message.text()
    assert "Nothing is written yet" in text
    assert "From the laptop “Group 2”" in text
    # What the agenda shows (the days' arrival sessions left out), not 35 session records.
    assert "New: 2 events" in text and " 25 sessions" in text and "117 people" in text
    assert "1,125 participations" in text and "check-in" not in text
    assert "No conflicting edits." in text
    assert page.import_button.isEnabled()
    assert workspace.dump() == before and changes == []  # a preview writes nothing

    page.import_button.click()
    wait_idle(qtbot, page)
    assert workspace.dump_digest() == other.dump_digest()
    assert "Imported." in page.import_message.text()
    assert "Added: 2 events" in page.import_message.text()
    assert not page.import_button.isEnabled()  # not twice by accident
    assert changes and changes[-1].people and changes[-1].events
    assert page.events_list.count() == 2  # the page reloaded too
    assert page.undo_button.isEnabled()


@pytest.mark.parametrize("name", ["truncated.fkx", "random-bytes.fkx", "newer-format.fkx"])
def test_a_refused_file_shows_its_sentence_and_changes_nothing(
    qtbot, page: ExchangePage, workspace: Workspace, name: str
) -> None:
    demo.install_demo(workspace)
    page.reload()
    with pytest.raises(UserError) as refusal:
        import_exchange(workspace, DATA / name, dry_run=True)
    before = workspace.dump()
    preview_file(qtbot, page, DATA / name)
    assert page.import_message.text() == refusal.value.message
    assert "Traceback" not in page.import_message.text()
    assert not page.import_button.isEnabled()
    assert workspace.dump() == before
    assert workspace.integrity() == "ok"


def test_an_encrypted_file_asks_for_its_passphrase_first(
    page: ExchangePage, tmp_path: Path
) -> None:
    path = tmp_path / "secret.fkx"
    shutil.copyfile(DATA / "good-encrypted.fkx", path)
    page.choose_import_file(path)
    assert not page.busy()  # nothing runs before the passphrase is typed
    assert page.import_pass_row.isVisible()
    assert "encrypted" in page.import_message.text()
    assert page.preview_button.isEnabled() and not page.import_button.isEnabled()


def edit_the_same_title(desk: Workspace, group: Workspace, tmp_path: Path) -> Session:
    """Both laptops rename the same session before exchanging: a concurrent edit."""
    desk.set_device_name("Registration desk")
    demo.install_demo(desk)
    share(desk, group, tmp_path / "first.fkx")
    session = desk.event_sessions(desk.find_event(demo.ENCOUNTER_CODE).id)[2]
    desk.update(Session, session.id, title="Plenaria de apertura")
    group.update(Session, session.id, title="Apertura (grupo)")
    return session


@pytest.mark.parametrize("choice", [KEEP, OTHER])
def test_a_concurrent_title_edit_is_a_conflict_resolved_in_one_click(
    qtbot,
    page: ExchangePage,
    workspace: Workspace,
    other: Workspace,
    tmp_path: Path,
    choice: str,
) -> None:
    session = edit_the_same_title(workspace, other, tmp_path)
    path = tmp_path / "group.fkx"
    export_exchange(other, path)
    preview_file(qtbot, page, path)
    assert "1 edit was made on both laptops at once" in page.import_message.text()
    assert page.conflicts_panel.cards == []  # only a preview
    page.import_button.click()
    wait_idle(qtbot, page)

    [card] = page.conflicts_panel.cards
    heading = card.heading.text()
    current = workspace.get(Session, session.id)
    assert current is not None and heading == f"The session “{current.title}”: title"
    values = {card.conflict.kept_value, card.conflict.other_value}
    assert values == {"Plenaria de apertura", "Apertura (grupo)"}
    captions = card.captions[0].text() + card.captions[1].text()
    assert "Registration desk" in captions and "Group 2" in captions
    assert page.conflicts_panel.title.text() == "Conflicts to resolve (1)"

    expected = getattr(card.conflict, "kept_value" if choice == KEEP else "other_value")
    card.buttons[choice].click()
    stored = workspace.get(Session, session.id)
    assert stored is not None and stored.title == expected
    conflict = workspace.get(Conflict, card.conflict.id)
    assert conflict is not None and conflict.resolved
    assert workspace.open_conflicts() == []
    assert page.conflicts_panel.cards == []
    assert "No conflicts" in page.conflicts_panel.empty.text()


@pytest.mark.parametrize("choice", [UNDELETE, STAY_DELETED])
def test_a_deletion_while_edited_is_undone_in_one_click(
    qtbot,
    page: ExchangePage,
    workspace: Workspace,
    other: Workspace,
    tmp_path: Path,
    choice: str,
) -> None:
    demo.install_demo(workspace)
    share(workspace, other, tmp_path / "first.fkx")
    session = workspace.event_sessions(workspace.find_event(demo.ENCOUNTER_CODE).id)[4]
    workspace.update(Session, session.id, room="Sala 2")
    other.delete(Session, session.id)
    path = tmp_path / "group.fkx"
    export_exchange(other, path)
    preview_file(qtbot, page, path)
    page.import_button.click()
    wait_idle(qtbot, page)
    assert workspace.get(Session, session.id) is None

    [card] = page.conflicts_panel.cards
    assert card.deleted and "was deleted while it was being edited" in card.heading.text()
    assert "Group 2" in card.explain.text()
    assert card.buttons[UNDELETE].text() == "Undo the deletion"
    card.buttons[choice].click()
    back = workspace.get(Session, session.id)
    if choice == UNDELETE:
        assert back is not None and back.room == "Sala 2"
    else:
        assert back is None
    assert workspace.open_conflicts() == []


def test_long_texts_are_shown_side_by_side(
    qtbot, page: ExchangePage, workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    from fieldkit.core.model import Note

    demo.install_demo(workspace)
    share(workspace, other, tmp_path / "first.fkx")
    note = next(n for n in workspace.list(Note) if n.key_points)
    workspace.update(Note, note.id, key_points=note.key_points + "\n- desk")
    other.update(Note, note.id, key_points=note.key_points + "\n- group")
    share(other, workspace, tmp_path / "group.fkx")
    page.reload()
    [card] = page.conflicts_panel.cards
    texts = sorted(box.toPlainText() for box in card.values)  # type: ignore[attr-defined]
    assert texts == sorted([note.key_points + "\n- desk", note.key_points + "\n- group"])
    assert all(box.isReadOnly() for box in card.values)  # type: ignore[attr-defined]


def test_undo_last_import_asks_in_the_page_then_restores(
    qtbot, page: ExchangePage, workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    demo.install_demo(other)
    path = tmp_path / "group.fkx"
    export_exchange(other, path)
    before = workspace.dump()
    assert not page.undo_button.isEnabled()  # nothing imported yet
    preview_file(qtbot, page, path)
    page.import_button.click()
    wait_idle(qtbot, page)
    assert workspace.events()

    changes: list[Changes] = []
    page.context.changed.connect(changes.append)
    page.undo_button.click()
    assert page.confirm_frame.isVisible() and "group.fkx" in page.confirm_text.text()
    page.cancel_button.click()
    assert not page.confirm_frame.isVisible() and workspace.events()

    page.undo_button.click()
    page.confirm_button.click()
    wait_idle(qtbot, page)
    assert workspace.dump() == before
    assert workspace.events() == []
    assert "back as it was before importing group.fkx" in page.import_message.text()
    assert changes and changes[-1].events
    assert page.events_list.count() == 0
    assert not page.undo_button.isEnabled()


def test_the_preview_counts_per_event_in_plain_words(qtbot) -> None:
    from fieldkit.gui.exchange.texts import preview_lines

    preview = {
        "from_device": "9f2c1d0a7b3e4f51",
        "from_name": "",
        "events": [{"id": "e1", "code": "PE-BO-2021", "title": "Encuentro"}],
        "new": {"person": 1, "attendance": 3},
        "changed": {"session": 2},
        "conflicts": 1,
        "per_event": {"e1": {"new": 3, "changed": 2, "conflicts": 1}, "workspace": {"new": 1}},
        "dry_run": True,
        "clock_warnings": [{"device": "9f2c1d0a7b3e4f51", "ahead_hours": 30.5}],
    }
    text = "\n".join(preview_lines(preview, {}))
    assert "From the laptop “laptop 9f2c1d0a”." in text
    assert "New: 1 person and 3 check-ins." in text
    assert "Changed: 2 sessions." in text
    assert "PE-BO-2021: 3 new, 2 changed, and 1 conflict." in text or (
        "PE-BO-2021: 3 new, 2 changed and 1 conflict." in text
    )
    assert "People and organisations: 1 new." in text
    assert "1 edit was made on both laptops at once" in text
    assert "The clock of the laptop “laptop 9f2c1d0a” is 30.5 hours ahead" in text


def test_in_the_window_an_import_reaches_every_page(
    qtbot, workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    from fieldkit.gui.shell.main_controller import DEMO_OFFERED, create_main_window

    workspace.set_setting(DEMO_OFFERED, True)
    demo.install_demo(other)
    path = tmp_path / "group.fkx"
    export_exchange(other, path)
    window = create_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    window.show_page("exchange")
    page = window.page("exchange")
    assert isinstance(page, ExchangePage)
    seen: list[Changes] = []
    window.controller.changed.connect(seen.append)
    preview_file(qtbot, page, path)
    page.import_button.click()
    wait_idle(qtbot, page)
    assert seen and seen[-1].events and seen[-1].people
    assert window.controller.has_events()  # the events list reloaded
    assert page.events_list.count() == 2


def test_the_preview_counts_what_the_user_sees_in_their_words(qtbot) -> None:
    from fieldkit.gui.exchange.texts import preview_lines

    preview = {
        "from_device": "9f2c1d0a7b3e4f51",
        "from_name": "Group 2 laptop",
        "events": [{"id": "e1", "code": "PE-BO-2021", "title": "Encuentro"}],
        "new": {"day": 1, "session": 5, "attendance": 12},  # records: arrivals, tombstones
        "changed": {"tally": 2},
        "seen": {
            "new": {"day": 1, "session": 4, "participation": 10},
            "changed": {"head_count": 1},
            "removed": {"participation": 2},
        },
        "conflicts": 0,
        "per_event": {"e1": {"new": 15, "changed": 1, "removed": 2, "conflicts": 0}},
        "dry_run": True,
    }
    text = "\n".join(preview_lines(preview, {}))
    assert "New: 1 day, 4 sessions, and 10 participations." in text or (
        "New: 1 day, 4 sessions and 10 participations." in text
    )
    assert "Changed: 1 head count." in text
    assert "Removed on the other laptop: 2 participations." in text
    assert "check-in" not in text and "7 sessions" not in text
    assert "PE-BO-2021: 15 new, 1 changed, and 2 removed." in text or (
        "PE-BO-2021: 15 new, 1 changed and 2 removed." in text
    )
    preview["dry_run"] = False
    assert "Removed: 2 participations." in "\n".join(preview_lines(preview, {}))


def test_an_export_needs_a_passphrase_or_the_choice_of_none(
    qtbot, page: ExchangePage, workspace: Workspace, tmp_path: Path
) -> None:
    demo.install_demo(workspace)
    page.reload()
    page.pass_edit.clear()
    target = tmp_path / "plain.fkx"
    page.export_to(target)
    assert "Save without a passphrase" in page.export_result.text()
    assert not target.exists()
    page.plain_check.setChecked(True)
    page.export_to(target)
    wait_idle(qtbot, page)
    text = page.export_result.text()
    assert "anyone who gets the file can read it, with 117 people of whom" in text
    assert "with a phone number" in text and "ID-card number" in text
    assert target.read_bytes().startswith(b"PK")
